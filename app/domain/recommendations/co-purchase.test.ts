import { describe, expect, it } from "vitest";
import { buildBaskets, type OrderLine } from "./baskets";
import { CoPurchaseCounts } from "./co-purchase";
import { ItemIndex } from "./item-index";

function lines(orders: string[][]): OrderLine[] {
  return orders.flatMap((items, o) => items.map((productId) => ({ orderId: o, productId })));
}

// A, B, C, D get indices 0..3. Counts: A 3, B 3, C 2, D 1; pairs AB 2, AC 2, BC 1.
const SMALL = [["A", "B"], ["A", "B", "C"], ["A", "C"], ["B"], ["D"]];

function train(orders: string[][], shrinkage: number, neighbours = 10): CoPurchaseCounts {
  return CoPurchaseCounts.fromBaskets(buildBaskets(lines(orders)), { neighbours, shrinkage, popularKept: 10 });
}

describe("CoPurchaseCounts", () => {
  it("counts pairs and items exactly", () => {
    const counts = train(SMALL, 0);
    const matrix = [0, 1, 2, 3].map((a) =>
      [0, 1, 2, 3].map((b) => (a === b ? counts.itemCount(a) : counts.pairCount(a, b))),
    );
    expect(matrix).toEqual([
      [3, 2, 2, 0],
      [2, 3, 1, 0],
      [2, 1, 2, 0],
      [0, 0, 0, 1],
    ]);
    expect(counts.orderCount).toBe(5);
  });

  it.each([
    {
      shrinkage: 0,
      pairs: [
        [0, 1],
        [0, 2],
        [0, 3],
        [3, 0],
        [9, 0],
      ],
      expected: [2 / 3, 2 / 3, 0, 0, 0.6],
    },
    {
      shrinkage: 5,
      pairs: [
        [0, 1],
        [0, 2],
        [0, 3],
        [3, 0],
        [9, 0],
      ],
      expected: [0.625, 0.5, 0.125, 0.5, 0.6],
    },
  ])("conditional probability with shrinkage β=$shrinkage", ({ shrinkage, pairs, expected }) => {
    const counts = train(SMALL, shrinkage);
    expect(pairs.map(([a, b]) => counts.conditional(a, b))).toEqual(expected.map((v) => expect.closeTo(v, 12)));
  });

  it("keeps whole top lists per item and the popularity list", () => {
    const counts = train(SMALL, 0);
    expect([0, 1, 2, 3].map((a) => [...counts.neighbours(a)])).toEqual([[1, 2], [0, 2], [0, 1], []]);
    expect([...counts.popularItems()]).toEqual([0, 1, 2, 3]);
  });

  // Row A: X is bought with A twice but X is rare; Y once but Y is in 10 of 12 orders.
  const SHRINK = [["A", "X"], ["A", "X"], ["A", "Y"], ...Array.from({ length: 9 }, () => ["Y"])];

  it.each([
    { shrinkage: 0, expected: ["X", "Y"] },
    { shrinkage: 12, expected: ["Y", "X"] },
  ])("shrinkage moves rare pairs toward popularity (β=$shrinkage)", ({ shrinkage, expected }) => {
    const baskets = buildBaskets(lines(SHRINK));
    const counts = CoPurchaseCounts.fromBaskets(baskets, { neighbours: 5, shrinkage, popularKept: 5 });
    expect([...counts.neighbours(baskets.items.lookup("A"))].map((i) => baskets.items.id(i))).toEqual(expected);
  });

  it("cuts neighbour lists at N", () => {
    const counts = train(
      [
        ["A", "B", "C", "D"],
        ["A", "C"],
        ["A", "D"],
        ["A", "D"],
      ],
      0,
      2,
    );
    expect([...counts.neighbours(0)]).toEqual([3, 2]);
  });
});

describe("CoPurchaseCounts.addBasket", () => {
  const ORDERS = [
    ["A", "B"],
    ["B", "C"],
    ["A", "C", "D"],
    ["D", "E"],
    ["A", "B", "E"],
    ["F", "A"],
    ["B", "F", "C"],
  ];

  it.each([2, 4, 6])("after %i trained orders, adding the rest equals retraining", (trained) => {
    const index = new ItemIndex();
    const head = buildBaskets(lines(ORDERS.slice(0, trained)), index);
    const options = { neighbours: 3, shrinkage: 0, popularKept: 4 };
    const incremental = CoPurchaseCounts.fromBaskets(head, options);
    for (const order of ORDERS.slice(trained)) {
      incremental.addBasket([...new Set(order.map((id) => index.intern(id)))].sort((a, b) => a - b));
    }
    const full = CoPurchaseCounts.fromBaskets(buildBaskets(lines(ORDERS)), options);
    const ids = [0, 1, 2, 3, 4, 5];
    const snapshot = (c: CoPurchaseCounts) => ({
      orders: c.orderCount,
      items: ids.map((a) => c.itemCount(a)),
      pairs: ids.map((a) => ids.map((b) => (a === b ? 0 : c.pairCount(a, b)))),
      neighbours: ids.map((a) => [...c.neighbours(a)]),
      popular: [...c.popularItems()],
    });
    expect(snapshot(incremental)).toEqual(snapshot(full));
  });

  it("accepts items never seen in training", () => {
    const counts = train([["A", "B"]], 0);
    counts.addBasket([0, 7]);
    expect([counts.itemCount(7), counts.pairCount(0, 7), counts.pairCount(7, 0), [...counts.neighbours(7)]]).toEqual([
      1,
      1,
      1,
      [0],
    ]);
  });
});
