import { describe, expect, it } from "vitest";
import { logGamma, mean, pairedTTest, regularizedBeta, sampleSd, studentTwoSidedP } from "./stats";

describe("stats", () => {
  it.each([
    { x: 1, expected: 0 },
    { x: 5, expected: Math.log(24) },
    { x: 0.5, expected: 0.5 * Math.log(Math.PI) },
    { x: 30, expected: 71.257038967168 },
  ])("logGamma($x)", ({ x, expected }) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it.each([
    { x: 0.3, a: 1, b: 1, expected: 0.3 },
    { x: 0.3, a: 2, b: 1, expected: 0.09 },
    { x: 0.5, a: 3, b: 3, expected: 0.5 },
  ])("regularizedBeta($x; $a, $b)", ({ x, a, b, expected }) => {
    expect(regularizedBeta(x, a, b)).toBeCloseTo(expected, 10);
  });

  // Critical values from Student's t table.
  it.each([
    { t: 2.776445, df: 4, p: 0.05 },
    { t: 4.604095, df: 4, p: 0.01 },
    { t: 12.7062, df: 1, p: 0.05 },
    { t: 1.959964, df: 1e7, p: 0.05 },
    { t: 0, df: 10, p: 1 },
  ])("two-sided p of t=$t (df $df) = $p", ({ t, df, p }) => {
    expect(studentTwoSidedP(t, df)).toBeCloseTo(p, 5);
  });

  it("runs a paired t-test on differences", () => {
    const result = pairedTTest([1, 2, 3, 4, 5]);
    expect(result).toEqual({
      n: 5,
      meanDiff: 3,
      sdDiff: expect.closeTo(Math.sqrt(2.5), 12),
      t: expect.closeTo(3 / (Math.sqrt(2.5) / Math.sqrt(5)), 12),
      df: 4,
      p: expect.closeTo(0.0132356, 6),
      ci95: [expect.closeTo(3 - 2.776445 * Math.sqrt(0.5), 4), expect.closeTo(3 + 2.776445 * Math.sqrt(0.5), 4)],
    });
  });

  it("handles constant differences", () => {
    expect([pairedTTest([0, 0, 0]).p, pairedTTest([1, 1, 1]).p]).toEqual([1, 0]);
    expect([mean([1, 2]), sampleSd([7])]).toEqual([1.5, 0]);
  });
});
