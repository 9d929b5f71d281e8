/** Shared test data for the lift tests: literal rows, a seeded PRNG and a simulation with a planted lift. */
import type { LiftGroup, ShopperPeriodOutcome } from "./sufficient-stats";

export const row = (group: LiftGroup, orders: number, revenueMinor: number): ShopperPeriodOutcome => ({
  group,
  orders,
  revenueMinor,
});
export const rows = (group: LiftGroup, pairs: [orders: number, revenue: number][]) =>
  pairs.map(([o, r]) => row(group, o, r));

/** `units` identical shopper-periods. */
export const flat = (group: LiftGroup, units: number, orders: number, revenue: number) =>
  Array.from({ length: units }, () => row(group, orders, revenue));
/** `units` shopper-periods, the first `converters` of them with a few different orders and amounts. */
export const varied = (group: LiftGroup, units: number, converters: number) =>
  Array.from({ length: units }, (_, i) =>
    i < converters ? row(group, 1 + (i % 2), 500 + 700 * (i % 5)) : row(group, 0, 0),
  );

// A counter-based generator: a golden-ratio step through the murmur3 32-bit finaliser. Never 0 or 1.
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = Math.imul(state ^ (state >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (((z ^ (z >>> 16)) >>> 0) + 0.5) / 4294967296;
  };
}

// Planted truth: conversion 3% → 3.3%; orders per converter 1, 2, 3 with P 0.8, 0.15, 0.05 (mean 1.25);
// order values log-normal (σ = 1) with mean 40.00, scaled in the exposed group so that revenue per
// visitor is exactly 8% higher (AOV × 1.08 / 1.1).
export const PLANTED = {
  conversion: { holdout: 0.03, exposed: 0.033 },
  orderValue: { holdout: 4000, exposed: (4000 * 1.08) / 1.1 },
};
export const TRUE_RPV_HOLDOUT = 0.03 * 1.25 * 4000;
const SIGMA = 1;

/** `perGroup` shopper-periods per group drawn from the planted distributions. */
export function* simulate(random: () => number, perGroup: number): Generator<ShopperPeriodOutcome> {
  for (const group of ["exposed", "holdout"] as const) {
    const mu = Math.log(PLANTED.orderValue[group]) - (SIGMA * SIGMA) / 2;
    for (let i = 0; i < perGroup; i++) {
      if (random() >= PLANTED.conversion[group]) {
        yield row(group, 0, 0);
        continue;
      }
      const u = random();
      const orders = u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
      let revenue = 0;
      for (let k = 0; k < orders; k++) {
        const gaussian = Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
        revenue += Math.round(Math.exp(mu + SIGMA * gaussian));
      }
      yield row(group, orders, revenue);
    }
  }
}
