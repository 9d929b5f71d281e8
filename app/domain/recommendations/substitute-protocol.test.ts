import { describe, expect, it } from "vitest";
import type { CatalogProduct } from "./substitutes";
import {
  modelHits,
  popularityHits,
  randomHits,
  rightSide,
  signTest,
  splitHouseholds,
  switchQueries,
  type PanelPurchase,
} from "./substitute-protocol";

const CATALOG: CatalogProduct[] = [
  { productId: "cheap", productType: "Spread", price: 35 },
  { productId: "house", productType: "Spread", price: 44 },
  { productId: "brand", productType: "Spread", price: 52 },
  { productId: "premium", productType: "Spread", price: 102 },
];
const PRICES = new Map(CATALOG.map((p) => [p.productId, p.price]));

function history(customerId: string, products: string[]): PanelPurchase[] {
  return products.map((productId, sequence) => ({
    orderId: `${customerId}-${sequence}`,
    customerId,
    sequence,
    productId,
  }));
}

describe("substitutes protocol", () => {
  it("turns every switch of a household into a query, upsell when the target is pricier", () => {
    const purchases = [...history("h1", ["brand", "brand", "house", "premium"]), ...history("h2", ["cheap"])];
    expect(switchQueries(purchases.reverse(), PRICES)).toEqual([
      { product: "brand", kind: "down_sell", target: "house" },
      { product: "house", kind: "upsell", target: "premium" },
    ]);
  });

  it("splits households, not purchases, 80/20 and reproducibly", () => {
    const purchases = Array.from({ length: 10 }, (_, i) => history(`h${i}`, ["brand", "house"])).flat();
    const a = splitHouseholds(purchases, 1);
    const test = new Set(a.test.map((p) => p.customerId));
    expect(test.size).toBe(2);
    expect(a.train.some((p) => test.has(p.customerId))).toBe(false);
    expect(splitHouseholds(purchases, 1)).toEqual(a);
  });

  it("answers only on the right side of the price", () => {
    expect(rightSide(CATALOG, "house", "upsell")).toEqual(["brand", "premium"]);
    expect(rightSide(CATALOG, "house", "down_sell")).toEqual(["cheap"]);
  });

  it("scores random as the expected hit rate and popularity by training sales", () => {
    const train = [...history("t1", ["premium", "premium", "brand"]), ...history("t2", ["cheap"])];
    const queries = [{ product: "cheap", kind: "upsell" as const, target: "brand" }];
    expect(randomHits(CATALOG, queries)).toEqual({ hr1: [1 / 3], hr3: [1] });
    expect(popularityHits(CATALOG, train, queries)).toEqual({ hr1: [0], hr3: [1] });
  });

  it("lets the model learn that households switch from brand to house", () => {
    const train = ["a", "b", "c", "d", "e", "f"].flatMap((h) => history(h, ["brand", "house", "brand", "house"]));
    train.push(...history("g", ["cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap"]));
    train.push(...history("k", ["cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap"]));
    const queries = [{ product: "brand", kind: "down_sell" as const, target: "house" }];
    expect(popularityHits(CATALOG, train, queries).hr1).toEqual([0]);
    expect(modelHits(CATALOG, train, queries).hr1).toEqual([1]);
  });

  it.each([
    { wins: 0, losses: 0, p: 1 },
    { wins: 5, losses: 0, p: 0.0625 },
    { wins: 8, losses: 2, p: 0.109375 },
    { wins: 3, losses: 3, p: 1 },
  ])("sign test: $wins wins, $losses losses → p = $p", ({ wins, losses, p }) => {
    expect(signTest(wins, losses)).toBeCloseTo(p, 10);
  });
});
