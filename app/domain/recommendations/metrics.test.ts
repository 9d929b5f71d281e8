import { describe, expect, it } from "vitest";
import { metricsForRank, tiedRank } from "./metrics";

describe("tiedRank", () => {
  it.each([
    { name: "best item", scores: [0.9, 0.5, 0.1], hidden: 0, excluded: [], rank: 1 },
    { name: "last item", scores: [0.9, 0.5, 0.1], hidden: 2, excluded: [], rank: 3 },
    { name: "excluded items do not count", scores: [0.9, 0.5, 0.1], hidden: 2, excluded: [0, 1], rank: 1 },
    { name: "one tie counts half", scores: [0.5, 0.5, 0.1], hidden: 1, excluded: [], rank: 1.5 },
    { name: "all tied (constant scorer)", scores: [1, 1, 1, 1, 1], hidden: 3, excluded: [], rank: 3 },
    { name: "ties with excluded items ignored", scores: [1, 1, 1, 0], hidden: 0, excluded: [1], rank: 1.5 },
  ])("$name → $rank", ({ scores, hidden, excluded, rank }) => {
    expect(tiedRank(scores, hidden, excluded)).toBe(rank);
  });
});

describe("metricsForRank", () => {
  it.each([
    { rank: 1, expected: { hr10: 1, ndcg10: 1, mrr20: 1 } },
    { rank: 3, expected: { hr10: 1, ndcg10: 0.5, mrr20: 1 / 3 } },
    { rank: 1.5, expected: { hr10: 1, ndcg10: 1 / Math.log2(2.5), mrr20: 1 / 1.5 } },
    { rank: 10, expected: { hr10: 1, ndcg10: 1 / Math.log2(11), mrr20: 0.1 } },
    { rank: 10.5, expected: { hr10: 0, ndcg10: 0, mrr20: 1 / 10.5 } },
    { rank: 20, expected: { hr10: 0, ndcg10: 0, mrr20: 0.05 } },
    { rank: 21, expected: { hr10: 0, ndcg10: 0, mrr20: 0 } },
  ])("rank $rank", ({ rank, expected }) => {
    expect(metricsForRank(rank)).toEqual(expected);
  });
});
