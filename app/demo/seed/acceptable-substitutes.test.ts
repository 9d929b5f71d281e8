import { describe, expect, it } from "vitest";
import { nextTier, tierOrder, type NeedProduct, type PairCounts } from "../../domain/recommendations/same-need";
import { ACCEPTABLE_SUBSTITUTES } from "./acceptable-substitutes";
import { generateDemoShop, type DemoOrder, type DemoProduct } from "./index";

const data = generateDemoShop();
const byId = new Map(data.products.map((p) => [p.id, p]));

// What a shop's catalog says, as the recommendation store would load it: the cheapest variant's price.
function needProduct(product: DemoProduct): NeedProduct {
  return {
    productId: product.id,
    title: product.title,
    productType: product.productType,
    vendor: product.vendor,
    tags: product.tags,
    collections: product.collections,
    optionValues: product.variants.flatMap((v) => (v.title === "Default Title" ? [] : v.title.split(" / "))),
    price: Math.min(...product.variants.map((v) => v.priceMinor)),
  };
}

function pairCounts(orders: readonly DemoOrder[]): PairCounts {
  const items = new Map<string, number>();
  const pairs = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const order of orders) {
    const ids = [...new Set(order.lines.map((l) => l.productId))].sort();
    ids.forEach((a, i) => {
      bump(items, a);
      for (const b of ids.slice(i + 1)) bump(pairs, `${a}+${b}`);
    });
  }
  return {
    pairCount: (a, b) => pairs.get([a, b].sort().join("+")) ?? 0,
    itemCount: (id) => items.get(id) ?? 0,
  };
}

const catalog = data.products.map(needProduct);
const coPurchase = pairCounts(data.orders);
const handle = (id: string) => byId.get(id)?.handle ?? id;

describe("the demo catalog's acceptable substitutes", () => {
  it("name every demo product, and only demo products", () => {
    const handles = data.products.map((p) => p.handle).sort();
    expect(Object.keys(ACCEPTABLE_SUBSTITUTES).sort()).toEqual(handles);
    const named = Object.values(ACCEPTABLE_SUBSTITUTES).flatMap((s) => [...s.up, ...s.down]);
    expect(named.filter((h) => !handles.includes(h))).toEqual([]);
  });

  it.each(catalog.map((p) => [handle(p.productId), p] as const))(
    "%s: same-need's next tier up and down are the ones a merchant accepts",
    (name, product) => {
      const acceptable = ACCEPTABLE_SUBSTITUTES[name];
      const step = (direction: "up" | "down") => nextTier(product, catalog, direction, { coPurchase });
      expect({ up: step("up")?.product.productId, down: step("down")?.product.productId }).toEqual({
        up: acceptable.up[0] && data.products.find((p) => p.handle === acceptable.up[0])?.id,
        down: acceptable.down[0] && data.products.find((p) => p.handle === acceptable.down[0])?.id,
      });
    },
  );

  it("explains each tier step in the admin's words", () => {
    const brewBasic = catalog.find((p) => handle(p.productId) === "brew-basic") as NeedProduct;
    expect(
      tierOrder(brewBasic, catalog, "up", { coPurchase }).map((s) => [handle(s.product.productId), s.reason]),
    ).toEqual([
      ["brew-plus", "same type and vendor, the better tier"],
      ["brew-pro", "same type and vendor, the best tier"],
    ]);
  });
});
