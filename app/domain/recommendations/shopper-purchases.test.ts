import { describe, expect, it } from "vitest";
import { trainRecommendationModel } from "./model";
import { RepeatBuyers, rerankForShopper } from "./shopper-purchases";
import { exportSnapshot, SnapshotSource } from "./snapshot";
import type { CatalogProduct } from "./substitutes";
import type { CustomerPurchase } from "./switches";

const LIST = [
  { productId: "a", score: 3, reason: "same family, 2× the capacity" },
  { productId: "b", score: 2.5, reason: "sells best at this price" },
  { productId: "c", score: 2, reason: "same product type, 20% cheaper" },
];

describe("rerankForShopper", () => {
  it("lifts what the shopper ordered before by weight × repeat share × orders, and says why", () => {
    const ranked = rerankForShopper(LIST, new Map([["c", 2]]), () => 0.75, 1);
    expect(ranked.map((c) => c.productId)).toEqual(["c", "a", "b"]);
    expect(ranked[0]).toEqual({
      productId: "c",
      score: 3.5,
      reason: "you ordered it 2 times before; same product type, 20% cheaper",
    });
    // c lifted to a's score: equal scores keep the model's order.
    expect(rerankForShopper(LIST, new Map([["c", 2]]), () => 0.5, 1).map((c) => c.productId)).toEqual(["a", "c", "b"]);
  });

  it("leaves the list alone without a history, for products nobody rebuys, and at weight 0", () => {
    expect(rerankForShopper(LIST, undefined, () => 1)).toEqual(LIST);
    expect(rerankForShopper(LIST, new Map(), () => 1)).toEqual(LIST);
    expect(rerankForShopper(LIST, new Map([["c", 9]]), () => 0)).toEqual(LIST);
    expect(rerankForShopper(LIST, new Map([["c", 9]]), () => 1, 0)).toEqual(LIST);
    // Never adds a product the model did not accept.
    expect(rerankForShopper(LIST, new Map([["z", 9]]), () => 1).map((c) => c.productId)).toEqual(["a", "b", "c"]);
  });
});

describe("RepeatBuyers", () => {
  it("counts buyers and repeat buyers per product, once per customer", () => {
    const repeat = new RepeatBuyers();
    repeat.add("c1", ["pods", "machine"], true);
    repeat.add("c1", ["pods"], false);
    repeat.add("c1", ["pods", "pods"], false);
    repeat.add("c2", ["pods"], true);
    repeat.add("c3", ["machine"], true);
    expect(repeat.rate("pods")).toBeCloseTo(1 / 3); // 1 repeater / (2 buyers + 1)
    expect(repeat.rate("machine")).toBe(0);
    expect(repeat.rates()).toEqual(new Map([["pods", 1 / 3]]));
  });

  it("ignores a later order of a customer already passed (only a retrain sees their history)", () => {
    const repeat = new RepeatBuyers();
    repeat.add("c1", ["pods"], true);
    repeat.add("c2", ["filter"], true);
    repeat.add("c1", ["pods"], false);
    expect(repeat.rate("pods")).toBe(0);
    // A new customer's orders arriving one after another still count.
    repeat.add("c3", ["filter"], true);
    repeat.add("c3", ["filter"], false);
    expect(repeat.rate("filter")).toBeCloseTo(1 / 3);
  });
});

describe("a known customer's substitutes", () => {
  const catalog: CatalogProduct[] = [
    { productId: "brand", productType: "Spread", price: 200 },
    { productId: "house", productType: "Spread", price: 120 },
    { productId: "cheap", productType: "Spread", price: 100 },
  ];
  const purchases: CustomerPurchase[] = [];
  const orders: { orderId: string; productId: string }[] = [];
  const buy = (customerId: string, products: string[]): void =>
    products.forEach((productId, at) => {
      purchases.push({ customerId, at, productIds: [productId] });
      orders.push({ orderId: `${customerId}-${at}`, productId });
    });
  for (const c of ["a", "b", "c"]) buy(c, ["brand", "house", "brand", "house"]);
  buy("d", ["cheap", "cheap"]);
  const model = trainRecommendationModel({ orders, catalog, purchases }, { substitutes: { downsellMinDiscount: 0 } });
  const history = new Map([["cheap", 3]]);

  it("are the same from the trained model and from its stored snapshot", () => {
    const query = { productId: "brand", cartProductIds: [], limit: 2 };
    const fromModel = model.recommend({ ...query, shopperPurchases: history }).down_sell;
    const fromSnapshot = new SnapshotSource(JSON.parse(JSON.stringify(exportSnapshot(model, 10)))).recommend({
      ...query,
      shopperPurchases: history,
    }).down_sell;
    expect(fromModel.map((c) => c.productId)).toEqual(["cheap", "house"]);
    expect(fromSnapshot.map((c) => [c.productId, c.reason])).toEqual(fromModel.map((c) => [c.productId, c.reason]));
    expect(fromModel[0].reason).toMatch(/^you ordered it 3 times before; /);
    // An anonymous shopper gets the shop-wide order.
    expect(model.recommend(query).down_sell.map((c) => c.productId)).toEqual(["house", "cheap"]);
  });

  it("skip a product in the cart even when the shopper keeps buying it", () => {
    const lists = model.recommend({
      productId: "brand",
      cartProductIds: ["cheap"],
      limit: 2,
      shopperPurchases: history,
    });
    expect(lists.down_sell.map((c) => c.productId)).toEqual(["house"]);
  });
});
