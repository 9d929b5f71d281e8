import { describe, expect, it } from "vitest";
import type { OrderLine } from "./baskets";
import { trainRecommendationModel } from "./model";
import { exportSnapshot, SnapshotSource } from "./snapshot";
import type { CatalogProduct } from "./substitutes";

function lines(orders: string[][]): OrderLine[] {
  return orders.flatMap((items, o) => items.map((productId) => ({ orderId: `#${o}`, productId })));
}

const ORDERS = [
  ["machine", "pods"],
  ["machine", "pods", "descaler"],
  ["machine", "descaler"],
  ["pods"],
  ["pods", "mug"],
  ["pro-machine", "pods"],
];

const CATALOG: CatalogProduct[] = [
  { productId: "machine", productType: "machine", price: 20000 },
  { productId: "pro-machine", productType: "machine", price: 35000 },
  { productId: "mini-machine", productType: "machine", price: 9000 },
  { productId: "pods", productType: "pods", price: 900 },
  { productId: "descaler", productType: "care", price: 500 },
  { productId: "mug", productType: "mug", price: 1200 },
];

const ids = (list: { productId: string }[]) => list.map((c) => c.productId);
const options = { easeWeight: 0, coPurchase: { shrinkage: 1 } };

describe("RecommendationModel.recommend", () => {
  const model = trainRecommendationModel({ orders: lines(ORDERS), catalog: CATALOG }, options);

  it("answers every kind with reasons, never returning the product or cart items", () => {
    expect(model.recommend({ productId: "machine", cartProductIds: ["descaler"], limit: 2 })).toEqual({
      cross_sell: [
        { productId: "pods", score: expect.any(Number), reason: "bought together in 2 orders" },
        { productId: "mug", score: expect.any(Number), reason: "popular in this shop" },
      ],
      upsell: [{ productId: "pro-machine", score: expect.any(Number), reason: "same product type, 75% more" }],
      down_sell: [{ productId: "mini-machine", score: expect.any(Number), reason: "same product type, 55% cheaper" }],
    });
  });

  it("gives no substitutes without a product and nothing for limit 0", () => {
    expect(model.recommend({ cartProductIds: ["pods"], limit: 0 })).toEqual({
      cross_sell: [],
      upsell: [],
      down_sell: [],
    });
    const noProduct = model.recommend({ cartProductIds: ["pods"], limit: 3 });
    expect([noProduct.upsell, noProduct.down_sell]).toEqual([[], []]);
  });

  it.each([
    { name: "empty cart", cart: [] as string[], expected: ["pods", "machine", "descaler"] },
    { name: "new product", cart: ["brand-new"], expected: ["pods", "machine", "descaler"] },
  ])("falls back to popularity for an $name", ({ cart, expected }) => {
    expect(ids(model.crossSell(cart, 3))).toEqual(expected);
  });
});

describe("RecommendationModel with customer histories", () => {
  it("learns switches from purchases and keeps them in the snapshot lists", () => {
    const catalog: CatalogProduct[] = [...CATALOG, { productId: "max-machine", productType: "machine", price: 39000 }];
    // Two customers replaced the machine with the max one; nobody bought the pro in between.
    const purchases = ["c1", "c2"].flatMap((customerId) => [
      { customerId, at: 1, productIds: ["machine"] },
      { customerId, at: 2, productIds: ["max-machine"] },
    ]);
    const orders = lines([...ORDERS, ...purchases.map((p) => p.productIds)]);
    const plain = trainRecommendationModel({ orders, catalog }, options);
    const learned = trainRecommendationModel({ orders, catalog, purchases }, options);
    expect(ids(plain.substitutes("machine", "upsell", 2))).toEqual(["pro-machine", "max-machine"]);
    expect(ids(learned.substitutes("machine", "upsell", 2))).toEqual(["max-machine", "pro-machine"]);
    expect(exportSnapshot(learned, 2).products.machine.upsell?.[0]).toEqual([
      "max-machine",
      expect.any(Number),
      "customers switched to it 2 times, 95% more",
    ]);
  });
});

describe("RecommendationModel without orders", () => {
  it("suggests cheap products of other types in a new shop", () => {
    const model = trainRecommendationModel({ catalog: CATALOG });
    expect(ids(model.crossSell(["machine"], 3))).toEqual(["descaler", "pods", "mug"]);
    expect(ids(model.substitutes("machine", "upsell", 3))).toEqual(["pro-machine"]);
  });

  it("returns empty lists when there is no data at all", () => {
    const model = trainRecommendationModel({});
    expect(model.recommend({ productId: "x", cartProductIds: ["y"], limit: 5 })).toEqual({
      cross_sell: [],
      upsell: [],
      down_sell: [],
    });
  });
});

describe("RecommendationModel.addOrder", () => {
  it("updates counts at once and learns new products", () => {
    const model = trainRecommendationModel({ orders: lines(ORDERS) }, options);
    model.addOrder(["mug", "descaler", "mug"]);
    model.addOrder(["mug", "descaler", "filter"]);
    expect(model.orderCount).toBe(8);
    expect(model.crossSell(["mug"], 2)).toEqual([
      { productId: "descaler", score: expect.any(Number), reason: "bought together in 2 orders" },
      { productId: "pods", score: expect.any(Number), reason: "bought together in 1 order" },
    ]);
    expect(ids(model.crossSell(["filter"], 2))).toEqual(["descaler", "mug"]);
  });
});

describe("snapshot", () => {
  const model = trainRecommendationModel({ orders: lines(ORDERS), catalog: CATALOG }, options);
  const snapshot = exportSnapshot(model, 2);

  it("is plain JSON with top-k lists per product", () => {
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.products["machine"]).toEqual({
      cross_sell: [
        ["pods", expect.any(Number), "bought together in 2 orders"],
        ["descaler", expect.any(Number), "bought together in 2 orders"],
      ],
      upsell: [["pro-machine", expect.any(Number), "same product type, 75% more"]],
      down_sell: [["mini-machine", expect.any(Number), "same product type, 55% cheaper"]],
    });
    expect(snapshot.popular.map(([id]) => id)).toEqual(["pods", "machine", "descaler", "mug", "pro-machine"]);
  });

  it("serves the same single-product answers as the model", () => {
    const source = new SnapshotSource(snapshot);
    const query = { productId: "machine", cartProductIds: [], limit: 2 };
    const fromModel = model.recommend(query);
    const fromSnapshot = source.recommend(query);
    expect([ids(fromSnapshot.cross_sell), ids(fromSnapshot.upsell), ids(fromSnapshot.down_sell)]).toEqual([
      ids(fromModel.cross_sell),
      ids(fromModel.upsell),
      ids(fromModel.down_sell),
    ]);
  });

  it("merges cart lists, excludes the cart and fills from popularity", () => {
    const source = new SnapshotSource(snapshot);
    expect(ids(source.recommend({ cartProductIds: ["mug", "pods"], limit: 3 }).cross_sell)).toEqual([
      "machine",
      "descaler",
      "pro-machine",
    ]);
    expect(ids(source.recommend({ cartProductIds: ["unknown"], limit: 2 }).cross_sell)).toEqual(["pods", "machine"]);
  });
});
