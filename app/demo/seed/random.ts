/**
 * Seeded PRNG for the demo generator. Everything in the demo shop must be reproducible
 * from a seed, so nothing in the seed module may use the global, unseeded generator.
 */

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weightedPick<T>(items: readonly T[], weights: readonly number[]): T;
  /** A shuffled copy; the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** Approximately normal; sums uniforms so it has no tails beyond ±6 sd. */
  normal(mean: number, sd: number): number;
}

/** mulberry32: 32-bit state, fast, and good enough for synthetic data (not for crypto). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[int(0, items.length - 1)] as T;
  };

  const weightedPick = <T>(items: readonly T[], weights: readonly number[]): T => {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error("weightedPick needs one weight per item");
    }
    const total = weights.reduce((sum, w) => sum + w, 0);
    let roll = next() * total;
    for (let i = 0; i < items.length; i++) {
      roll -= weights[i] as number;
      if (roll < 0) return items[i] as T;
    }
    // Float rounding can leave a sliver of roll; the last item owns it.
    return items[items.length - 1] as T;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };

  const normal = (mean: number, sd: number): number => {
    // Irwin–Hall with 12 terms has variance 1, so no scaling constant is needed.
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += next();
    return mean + (sum - 6) * sd;
  };

  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weightedPick,
    shuffle,
    normal,
  };
}

/** Derives an independent stream seed so sub-generators don't share one sequence. */
export function deriveSeed(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
