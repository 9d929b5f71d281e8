import { describe, expect, it } from "vitest";
import { buildBaskets } from "./baskets";
import { compareModels, evaluateScorer, evaluateSeeds, splitForEvaluation, summariseModel } from "./evaluate";

// 60 items; every basket holds a planted pair (x, x + 1) plus one unrelated item.
const baskets = buildBaskets(
  Array.from({ length: 600 }, (_, o) => [`i${o % 60}`, `i${(o + 1) % 60}`, `i${(o * 7 + 13) % 60}`]).flatMap(
    (items, o) => items.map((productId) => ({ orderId: o, productId })),
  ),
);

describe("splitForEvaluation", () => {
  it("holds out 20% of baskets, hides one item of each with at least two", () => {
    const split = splitForEvaluation(baskets, 1);
    expect(split.train.orderCount).toBe(480);
    expect(split.queries.length).toBe(120);
    for (const q of split.queries) {
      expect(q.cart.length).toBeGreaterThanOrEqual(1);
      expect([...q.cart]).not.toContain(q.hidden);
    }
  });

  it("is reproducible per seed", () => {
    expect(splitForEvaluation(baskets, 4)).toEqual(splitForEvaluation(baskets, 4));
    expect(splitForEvaluation(baskets, 4).queries).not.toEqual(splitForEvaluation(baskets, 5).queries);
  });
});

describe("evaluateScorer", () => {
  it("computes per-query metrics from literal rankings", () => {
    const queries = [
      { cart: Int32Array.from([0]), hidden: 1 },
      { cart: Int32Array.from([1]), hidden: 3 },
    ];
    // Item 1 ranks first for query 1; item 3 ties with item 2 behind 0 (rank 2.5) in query 2.
    const columns = evaluateScorer(() => Float64Array.from([9, 5, 1, 1]), queries);
    expect({ hr10: [...columns.hr10], ndcg10: [...columns.ndcg10], mrr20: [...columns.mrr20] }).toEqual({
      hr10: [1, 1],
      ndcg10: [1, 1 / Math.log2(3.5)],
      mrr20: [1, 0.4],
    });
  });
});

describe("evaluateSeeds", () => {
  it("summarises models across seeds and compares them on the same queries", () => {
    const report = evaluateSeeds(baskets, [1, 2], undefined, ["random", "popularity", "blend"]);
    expect(report.queryCounts).toHaveLength(2);
    const blend = summariseModel(report.results.blend);
    expect(blend.hr10.perSeed).toHaveLength(2);
    // The planted structure is learnable: the blend beats random.
    expect(blend.mrr20.mean).toBeGreaterThan(summariseModel(report.results.random).mrr20.mean + 0.2);
    const comparison = compareModels(report, "blend", "random");
    expect(comparison.map((c) => [c.metric, c.pooled.n, c.perSeed.n])).toEqual([
      ["hr10", report.queryCounts[0] + report.queryCounts[1], 2],
      ["ndcg10", report.queryCounts[0] + report.queryCounts[1], 2],
      ["mrr20", report.queryCounts[0] + report.queryCounts[1], 2],
    ]);
  });
});
