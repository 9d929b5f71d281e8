import { describe, expect, it } from "vitest";
import type { CatalogProduct } from "./substitutes";
import {
  bestTuning,
  foldHouseholds,
  gridOf,
  modelHits,
  popularityHits,
  randomHits,
  rightSide,
  signTest,
  splitHouseholds,
  switchQueries,
  tuneOnInnerSplits,
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
      { product: "brand", kind: "down_sell", target: "house", history: ["brand", "brand"] },
      { product: "house", kind: "upsell", target: "premium", history: ["brand", "brand", "house"] },
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

  it("folds households so that every one is tested exactly once", () => {
    const purchases = Array.from({ length: 12 }, (_, i) => history(`h${i}`, ["brand", "house"])).flat();
    const folds = foldHouseholds(purchases, 1, 5);
    const tested = folds.flatMap((f) => [...new Set(f.test.map((p) => p.customerId))]);
    expect(tested.sort()).toEqual([...new Set(purchases.map((p) => p.customerId))].sort());
    for (const fold of folds) {
      const test = new Set(fold.test.map((p) => p.customerId));
      expect(test.size).toBeGreaterThanOrEqual(2);
      expect(fold.train.some((p) => test.has(p.customerId))).toBe(false);
      expect(fold.train.length + fold.test.length).toBe(purchases.length);
    }
  });

  it("answers only on the right side of the price", () => {
    expect(rightSide(CATALOG, "house", "upsell")).toEqual(["brand", "premium"]);
    expect(rightSide(CATALOG, "house", "down_sell")).toEqual(["cheap"]);
  });

  it("scores random as the expected hit rate and popularity by training sales", () => {
    const train = [...history("t1", ["premium", "premium", "brand"]), ...history("t2", ["cheap"])];
    const queries = [{ product: "cheap", kind: "upsell" as const, target: "brand", history: ["cheap"] }];
    expect(randomHits(CATALOG, queries)).toEqual({ hr1: [1 / 3], hr3: [1] });
    expect(popularityHits(CATALOG, train, queries)).toEqual({ hr1: [0], hr3: [1] });
  });

  it("lets the model learn that households switch from brand to house", () => {
    const train = ["a", "b", "c", "d", "e", "f"].flatMap((h) => history(h, ["brand", "house", "brand", "house"]));
    train.push(...history("g", ["cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap"]));
    train.push(...history("k", ["cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap", "cheap"]));
    const queries = [{ product: "brand", kind: "down_sell" as const, target: "house", history: ["brand"] }];
    expect(popularityHits(CATALOG, train, queries).hr1).toEqual([0]);
    expect(modelHits(CATALOG, train, queries).hr1).toEqual([1]);
  });

  it("answers a known household with what it bought before, only when others rebuy that product", () => {
    // Everyone switches brand → house; this household keeps going back to cheap, which the
    // training households rebuy (so its history counts), and never bought house.
    const train = ["a", "b", "c", "d"].flatMap((h) => history(h, ["brand", "house", "brand", "house"]));
    train.push(...history("g", ["cheap", "cheap"]), ...history("k", ["cheap", "cheap"]));
    const queries = [
      { product: "brand", kind: "down_sell" as const, target: "cheap", history: ["cheap", "cheap", "cheap", "brand"] },
    ];
    expect(modelHits(CATALOG, train, queries).hr1).toEqual([0]);
    expect(modelHits(CATALOG, train, queries, undefined, "shopper").hr1).toEqual([1]);
    // Nobody in training bought cheap twice: the household's own purchases are no reason to lift it.
    const once = train.filter((p) => !(p.productId === "cheap" && p.sequence === 1));
    expect(modelHits(CATALOG, once, queries, undefined, "shopper").hr1).toEqual([0]);
  });

  it("tunes on inner splits over every point of a grid", () => {
    expect(gridOf({ switchPrior: [1, 2], switchWeight: [3] })).toEqual([
      { switchPrior: 1, switchWeight: 3 },
      { switchPrior: 2, switchWeight: 3 },
    ]);
    const train = Array.from({ length: 10 }, (_, i) => history(`h${i}`, ["brand", "house", "brand"])).flat();
    const tuned = tuneOnInnerSplits(CATALOG, train, [1, 2], [{ historyWeight: 0.5 }, { historyWeight: 2 }], "shopper");
    expect(tuned.map((t) => t.options)).toEqual([{ historyWeight: 0.5 }, { historyWeight: 2 }]);
    for (const t of tuned) expect(t.hr3).toBeGreaterThan(0);
    expect(
      bestTuning([
        { options: {}, hr1: 0.5, hr3: 0.5 },
        { options: { switchPrior: 2 }, hr1: 0.6, hr3: 0.5 },
      ]).options,
    ).toEqual({
      switchPrior: 2,
    });
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
