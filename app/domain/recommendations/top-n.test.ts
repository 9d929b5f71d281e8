import { describe, expect, it } from "vitest";
import { TopN } from "./top-n";
import { TopNStrings } from "./top-strings";
import { createRng, shuffleInPlace } from "./rng";

describe("TopN", () => {
  it.each([
    {
      capacity: 3,
      offers: [
        [5, 0.1],
        [2, 0.9],
        [7, 0.5],
        [1, 0.5],
        [9, 0.2],
      ],
      expected: [2, 1, 7],
    },
    {
      capacity: 10,
      offers: [
        [3, 1],
        [4, 2],
      ],
      expected: [4, 3],
    },
    { capacity: 0, offers: [[3, 1]], expected: [] },
  ])("keeps the best $capacity, ties to the smaller id", ({ capacity, offers, expected }) => {
    const top = new TopN(capacity);
    for (const [id, score] of offers) top.offer(id, score);
    expect([...top.drain().ids]).toEqual(expected);
  });

  it("agrees with a full sort on random input", () => {
    const random = createRng(3);
    const scores = Array.from({ length: 500 }, () => Math.floor(random() * 50));
    const top = new TopN(20);
    scores.forEach((s, id) => top.offer(id, s));
    const expected = scores
      .map((s, id) => [s, id])
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 20)
      .map(([, id]) => id);
    expect([...top.drain().ids]).toEqual(expected);
  });
});

describe("TopNStrings", () => {
  it("keeps the best candidates by score, then product id", () => {
    const top = new TopNStrings(2);
    for (const [productId, score] of [
      ["b", 1],
      ["a", 1],
      ["c", 3],
      ["d", 0],
    ] as const)
      top.offer({ productId, score });
    expect(top.drain()).toEqual([
      { productId: "c", score: 3 },
      { productId: "a", score: 1 },
    ]);
  });
});

describe("rng", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const draw = (seed: number) => Array.from({ length: 3 }, createRng(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("shuffles into a permutation", () => {
    expect([...shuffleInPlace(Int32Array.from([0, 1, 2, 3, 4, 5]), createRng(9))].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
