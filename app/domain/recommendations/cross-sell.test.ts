import { describe, expect, it } from "vitest";
import { buildBaskets, type OrderLine } from "./baskets";
import { CoPurchaseCounts } from "./co-purchase";
import { CrossSellScorer } from "./cross-sell";
import { trainEase } from "./ease";

function lines(orders: string[][]): OrderLine[] {
  return orders.flatMap((items, o) => items.map((productId) => ({ orderId: o, productId })));
}

// Indices: milk 0, bread 1, butter 2, jam 3, beer 4, chips 5.
const ORDERS = [
  ["milk", "bread"],
  ["milk", "bread", "butter"],
  ["bread", "butter", "jam"],
  ["bread", "jam"],
  ["beer", "chips"],
  ["beer", "chips", "milk"],
  ["milk"],
  ["milk", "bread"],
];

function scorer(
  easeWeight: number,
  orders = ORDERS,
): { s: CrossSellScorer; ids: (items: number[]) => string[]; at: (id: string) => number } {
  const baskets = buildBaskets(lines(orders));
  const counts = CoPurchaseCounts.fromBaskets(baskets, { neighbours: 10, shrinkage: 2, popularKept: 10 });
  const ease = trainEase(baskets, { lambda: 1, maxItems: 10, minOrders: 1, neighbours: 10 });
  return {
    s: new CrossSellScorer(counts, ease, easeWeight),
    ids: (items) => items.map((i) => baskets.items.id(i)),
    at: (id) => baskets.items.lookup(id),
  };
}

describe("CrossSellScorer.rank", () => {
  it.each([
    { easeWeight: 0, cart: ["bread"], expected: ["milk", "butter", "jam", "beer", "chips"] },
    { easeWeight: 0, cart: ["beer"], expected: ["chips", "milk", "bread", "butter", "jam"] },
    // milk is in 5 of 8 orders: its shrunk P(milk | cart) beats jam's despite fewer joint orders.
    { easeWeight: 0, cart: ["bread", "butter"], expected: ["milk", "jam", "beer", "chips"] },
    // EASE: bread never appears with beer and is explained by milk, so its weight is negative.
    { easeWeight: 0.75, cart: ["beer"], expected: ["chips", "milk", "jam", "butter", "bread"] },
  ])("α=$easeWeight, cart $cart → $expected (never a cart item)", ({ easeWeight, cart, expected }) => {
    const { s, ids, at } = scorer(easeWeight);
    expect(ids(s.rank(cart.map(at), 10).map((h) => h.item))).toEqual(expected);
  });

  it("scores every ordered item when the limit exceeds the candidate lists", () => {
    const baskets = buildBaskets(lines(Array.from({ length: 30 }, (_, o) => [`p${o}`, `p${(o + 1) % 30}`])));
    const counts = CoPurchaseCounts.fromBaskets(baskets, { neighbours: 2, shrinkage: 1, popularKept: 3 });
    const s = new CrossSellScorer(counts, null, 0);
    const hits = s.rank([0], 100);
    expect(hits.map((h) => h.item).sort((a, b) => a - b)).toEqual(Array.from({ length: 29 }, (_, k) => k + 1));
    expect(hits.slice(0, 2).map((h) => h.item)).toEqual([1, 29]);
  });

  it("reports the most orders shared with one cart item", () => {
    const { s, ids, at } = scorer(0);
    const hits = s.rank([at("bread"), at("butter")], 2);
    expect(hits.map((h) => [ids([h.item])[0], h.together])).toEqual([
      ["milk", 3],
      ["jam", 2],
    ]);
  });

  it.each([
    { name: "empty cart", cart: [] as number[] },
    { name: "unknown items only", cart: [99, 100] },
  ])("falls back to popularity for an $name", ({ cart }) => {
    const { s, ids } = scorer(0.75);
    expect(ids(s.rank(cart, 3).map((h) => h.item))).toEqual(["milk", "bread", "butter"]);
  });

  it("returns nothing without training data", () => {
    const { s } = scorer(0.75, []);
    expect(s.rank([], 5)).toEqual([]);
    expect(s.rank([0], 5)).toEqual([]);
  });

  it("ranks candidates exactly as the dense scores do", () => {
    const { s, at } = scorer(0.5);
    for (const cart of [[at("milk")], [at("jam"), at("beer")], [at("bread"), at("butter"), at("chips")]]) {
      const dense = s.scoreAll(cart, 6);
      const expected = [0, 1, 2, 3, 4, 5].filter((b) => !cart.includes(b)).sort((a, b) => dense[b] - dense[a] || a - b);
      expect(s.rank(cart, 6).map((h) => h.item)).toEqual(expected);
      expect(s.rank(cart, 6).map((h) => h.score)).toEqual(expected.map((b) => expect.closeTo(dense[b], 12)));
    }
  });
});
