import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRandom, deriveSeed } from "./random";

function draw(seed: number, n: number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => rng.next());
}

describe("createRandom", () => {
  it("repeats its sequence for the same seed and diverges for another", () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
  });

  it("keeps next() in [0, 1) with a mean near 0.5", () => {
    const values = draw(7, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it.each([
    [0, 0],
    [1, 6],
    [-3, 3],
    [10, 1_000],
  ])("int(%i, %i) stays in range and hits both ends", (min, max) => {
    const rng = createRandom(min * 31 + max);
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) seen.add(rng.int(min, max));
    const values = [...seen];
    expect(values.every(Number.isInteger)).toBe(true);
    expect(Math.min(...values)).toBe(min);
    expect(Math.max(...values)).toBe(max);
    if (max - min < 10) expect(seen.size).toBe(max - min + 1);
  });

  it("weightedPick follows the weights and never picks a zero weight", () => {
    const rng = createRandom(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) {
      counts[rng.weightedPick(["a", "b", "c"] as const, [1, 3, 0])]++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it("shuffle returns a permutation and leaves the input alone", () => {
    const input = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = createRandom(9).shuffle(input);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input[0]).toBe(0);
  });

  it("normal() centres on the mean with roughly the given spread", () => {
    const rng = createRandom(11);
    const values = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance)).toBeGreaterThan(1.9);
    expect(Math.sqrt(variance)).toBeLessThan(2.1);
  });

  it("rejects picks from empty lists", () => {
    const rng = createRandom(1);
    expect(() => rng.pick([])).toThrow();
    expect(() => rng.weightedPick([], [])).toThrow();
  });

  it("deriveSeed gives distinct streams per salt", () => {
    const seeds = new Set([1, 2, 3, 4].map((salt) => deriveSeed(5, salt)));
    expect(seeds.size).toBe(4);
  });
});

describe("seed module purity", () => {
  const dir = fileURLToPath(new URL(".", import.meta.url));
  const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

  it.each([
    ["Math.random", /Math\.random/],
    ["Date.now", /Date\.now/],
    ["argument-less new Date()", /new Date\(\s*\)/],
    ["node: imports", /from "node:/],
    ["process.env", /process\.env/],
  ])("no source file uses %s", (_label, pattern) => {
    const offenders = sources.filter((f) => pattern.test(readFileSync(`${dir}/${f}`, "utf8")));
    expect(offenders).toEqual([]);
  });
});
