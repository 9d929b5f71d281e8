/**
 * Sufficient statistics of the holdout comparison: per group, seven sums over shopper-periods that SQL
 * can aggregate and rollups can add. Every metric's mean and standard error is computed from them.
 */

/** Which side of the holdout a shopper-period is on. */
export type LiftGroup = "exposed" | "holdout";

/** One shopper in one period (e.g. an ISO week) in which they reached a surface; converted = orders > 0. */
export interface ShopperPeriodOutcome {
  group: LiftGroup;
  /** Orders the shopper placed in the period (a non-negative integer). */
  orders: number;
  /** Revenue of those orders, integer minor units (0 when there are no orders). */
  revenueMinor: number;
}

/**
 * Sums over one group's shopper-periods. Non-converting units add 0 to every sum but `units`, so the
 * sums over converters (for AOV) are the same sums.
 */
export interface GroupStats {
  /** Shopper-periods (exposed or held out). */
  units: number;
  /** Shopper-periods with at least one order. */
  converters: number;
  /** Σ orders. */
  orders: number;
  /** Σ revenue, minor units. */
  revenueMinor: number;
  /** Σ orders². */
  ordersSquared: number;
  /** Σ revenue², minor units squared (beyond 2^53: aggregate in floating point, see decision 025). */
  revenueSquared: number;
  /** Σ orders · revenue. */
  ordersRevenue: number;
}

/** The two groups' sufficient statistics. */
export interface LiftStats {
  exposed: GroupStats;
  holdout: GroupStats;
}

/** A group's estimate of a metric: the mean, the variance of that mean (its squared standard error), the df behind it. */
export interface MeanEstimate {
  mean: number;
  varianceOfMean: number;
  df: number;
}

/** The statistics of no shopper-periods at all. */
export function emptyGroupStats(): GroupStats {
  return { units: 0, converters: 0, orders: 0, revenueMinor: 0, ordersSquared: 0, revenueSquared: 0, ordersRevenue: 0 };
}

/** Both groups empty: the start of a fold. */
export function emptyLiftStats(): LiftStats {
  return { exposed: emptyGroupStats(), holdout: emptyGroupStats() };
}

/** Builds the sufficient statistics from per-shopper-period outcomes (tests and small data; SQL does this at scale). */
export function buildLiftStats(outcomes: Iterable<ShopperPeriodOutcome>): LiftStats {
  const stats = emptyLiftStats();
  for (const outcome of outcomes) addOutcome(stats[checkGroup(outcome.group)], outcome);
  return stats;
}

/** Adds two sets of sufficient statistics (daily or weekly rollups, shards): every field is a sum. */
export function mergeStats(a: LiftStats, b: LiftStats): LiftStats {
  return { exposed: mergeGroupStats(a.exposed, b.exposed), holdout: mergeGroupStats(a.holdout, b.holdout) };
}

/** Adds two groups' sums. */
export function mergeGroupStats(a: GroupStats, b: GroupStats): GroupStats {
  return {
    units: a.units + b.units,
    converters: a.converters + b.converters,
    orders: a.orders + b.orders,
    revenueMinor: a.revenueMinor + b.revenueMinor,
    ordersSquared: a.ordersSquared + b.ordersSquared,
    revenueSquared: a.revenueSquared + b.revenueSquared,
    ordersRevenue: a.ordersRevenue + b.ordersRevenue,
  };
}

function addOutcome(group: GroupStats, { orders, revenueMinor }: ShopperPeriodOutcome): void {
  if (!Number.isSafeInteger(orders) || orders < 0) {
    throw new RangeError(`orders must be a non-negative integer, got ${orders}`);
  }
  if (!Number.isSafeInteger(revenueMinor) || revenueMinor < 0) {
    throw new RangeError(`revenueMinor must be a non-negative integer of minor units, got ${revenueMinor}`);
  }
  if (orders === 0 && revenueMinor !== 0) throw new RangeError("revenue without an order");
  group.units += 1;
  group.converters += orders > 0 ? 1 : 0;
  group.orders += orders;
  group.revenueMinor += revenueMinor;
  group.ordersSquared += orders * orders;
  group.revenueSquared += revenueMinor * revenueMinor;
  group.ordersRevenue += orders * revenueMinor;
}

function checkGroup(group: LiftGroup): LiftGroup {
  if (group !== "exposed" && group !== "holdout") throw new RangeError(`unknown group ${String(group)}`);
  return group;
}

/** Revenue per visitor: the mean of each unit's revenue (zeros included), minor units; null below two units. */
export function revenuePerVisitorEstimate(group: GroupStats): MeanEstimate | null {
  return meanOfSums(group.units, group.revenueMinor, group.revenueSquared);
}

/** Conversion: the mean of each unit's converted ∈ {0, 1} (Σx² = Σx = converters); null below two units. */
export function conversionEstimate(group: GroupStats): MeanEstimate | null {
  return meanOfSums(group.units, group.converters, group.converters);
}

/**
 * AOV = Σ revenue / Σ orders over converting units, with the delta-method variance of a ratio of sums:
 * Var(R) ≈ Var(y − R·x) / (c · x̄²) over the c converters (x orders, y revenue); null below two converters.
 */
export function averageOrderValueEstimate(group: GroupStats): MeanEstimate | null {
  const c = group.converters;
  if (c < 2 || group.orders <= 0) return null;
  const ratio = group.revenueMinor / group.orders;
  // Σ(y − R·x)² = Σy² − 2R·Σxy + R²·Σx², and Σ(y − R·x) = 0 by the choice of R.
  const residualSquares = group.revenueSquared - 2 * ratio * group.ordersRevenue + ratio * ratio * group.ordersSquared;
  const residualVariance = clampRoundOff(residualSquares, group.revenueSquared) / (c - 1);
  const meanOrders = group.orders / c;
  return { mean: ratio, varianceOfMean: residualVariance / (c * meanOrders * meanOrders), df: c - 1 };
}

// Mean and variance of the mean from n, Σv and Σv².
function meanOfSums(n: number, sum: number, sumOfSquares: number): MeanEstimate | null {
  if (n < 2) return null;
  const mean = sum / n;
  const centred = clampRoundOff(sumOfSquares - sum * mean, sumOfSquares);
  return { mean, varianceOfMean: centred / (n - 1) / n, df: n - 1 };
}

// A centred sum of squares computed from raw sums carries round-off of about ε·Σv²; below a margin
// above that it is zero (all values equal), and it never goes negative.
function clampRoundOff(centred: number, scale: number): number {
  return centred > 1e-12 * scale ? centred : 0;
}
