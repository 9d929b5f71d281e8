/**
 * Lift against the holdout (issue 11): revenue per visitor, conversion and AOV of exposed vs held-out
 * shopper-periods, each as a difference with a confidence interval, or an honest "not enough data yet".
 * Works from sufficient statistics only (see ./sufficient-stats and decision 025).
 */
import { fiellerRatioInterval, welchInterval } from "./intervals";
import {
  averageOrderValueEstimate,
  conversionEstimate,
  revenuePerVisitorEstimate,
  type GroupStats,
  type LiftStats,
  type MeanEstimate,
} from "./sufficient-stats";

/** When a metric's verdict is given (decision 025 explains the defaults). */
export interface LiftOptions {
  /** Two-sided confidence level of every interval. */
  level: number;
  /** Shopper-periods each group needs (RPV and conversion). */
  minUnits: number;
  /** Converting shopper-periods each group needs (all three metrics; conversion also needs as many non-converting). */
  minConverters: number;
  /** Informative: the interval's half-width is at most this fraction of the holdout mean (0 < f ≤ 1). */
  maxRelativeHalfWidth: number;
}

/** 95%; 100 units and 30 converters per group; half-width within ±20% of the holdout's mean. */
export const DEFAULT_LIFT_OPTIONS: Readonly<LiftOptions> = Object.freeze({
  level: 0.95,
  minUnits: 100,
  minConverters: 30,
  maxRelativeHalfWidth: 0.2,
});

/** Why a metric has no verdict yet. */
export type InsufficientReason =
  | "too_few_units"
  | "too_few_converters"
  | "too_few_non_converters"
  | "zero_variance"
  | "zero_holdout_mean"
  | "interval_too_wide";

/** What each group still lacks, at least (for `interval_too_wide`: an estimate at the current variance). */
export interface Needed {
  exposed: number;
  holdout: number;
  of: "units" | "converters" | "non_converters";
}

/** Not enough data yet. */
export interface InsufficientVerdict {
  status: "insufficient";
  reason: InsufficientReason;
  needed: Needed;
}

/** A metric compared: means, exposed − holdout with its interval, and the relative lift (exposed / holdout − 1). */
export interface LiftEstimate {
  status: "ok";
  exposedMean: number;
  holdoutMean: number;
  difference: number;
  low: number;
  high: number;
  relative: number;
  relativeLow: number;
  relativeHigh: number;
  /** The interval of the difference excludes 0 (equivalently, the relative interval excludes 0). */
  significant: boolean;
}

export type LiftVerdict = InsufficientVerdict | LiftEstimate;

/** The three metrics of the analytics page. */
export interface LiftReport {
  revenuePerVisitor: LiftVerdict;
  conversion: LiftVerdict;
  averageOrderValue: LiftVerdict;
}

/** Merges `options` over the defaults; throws a RangeError for a value no verdict could be given with. */
export function resolveLiftOptions(options: Partial<LiftOptions> = {}): LiftOptions {
  const resolved = { ...DEFAULT_LIFT_OPTIONS, ...options };
  const { level, minUnits, minConverters, maxRelativeHalfWidth } = resolved;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!Number.isSafeInteger(minUnits) || minUnits < 2) throw new RangeError(`minUnits must be an integer ≥ 2`);
  if (!Number.isSafeInteger(minConverters) || minConverters < 2) {
    throw new RangeError(`minConverters must be an integer ≥ 2`);
  }
  // Above 1 the holdout mean may be indistinguishable from 0 and the relative interval unbounded.
  if (!(maxRelativeHalfWidth > 0 && maxRelativeHalfWidth <= 1)) {
    throw new RangeError(`maxRelativeHalfWidth must be in (0, 1], got ${maxRelativeHalfWidth}`);
  }
  return resolved;
}

/** All three metrics' verdicts. */
export function measureLift(stats: LiftStats, options: Partial<LiftOptions> = {}): LiftReport {
  const resolved = resolveLiftOptions(options);
  return {
    revenuePerVisitor: measureRevenuePerVisitor(stats, resolved),
    conversion: measureConversion(stats, resolved),
    averageOrderValue: measureAverageOrderValue(stats, resolved),
  };
}

/** Revenue per visitor (minor units per shopper-period, zeros included): Welch on per-unit revenue. */
export function measureRevenuePerVisitor(stats: LiftStats, options: Partial<LiftOptions> = {}): LiftVerdict {
  const resolved = resolveLiftOptions(options);
  const gates: Gate[] = [
    ["units", resolved.minUnits],
    ["converters", resolved.minConverters],
  ];
  return firstShortfall(stats, gates) ?? compare(stats, revenuePerVisitorEstimate, "units", resolved);
}

/** Conversion (share of shopper-periods with an order): Welch on the per-unit 0/1 values. */
export function measureConversion(stats: LiftStats, options: Partial<LiftOptions> = {}): LiftVerdict {
  const resolved = resolveLiftOptions(options);
  const gates: Gate[] = [
    ["units", resolved.minUnits],
    ["converters", resolved.minConverters],
    ["non_converters", resolved.minConverters],
  ];
  return firstShortfall(stats, gates) ?? compare(stats, conversionEstimate, "units", resolved);
}

/** AOV (Σ revenue / Σ orders of converting units, minor units): delta method for a ratio of sums, then Welch. */
export function measureAverageOrderValue(stats: LiftStats, options: Partial<LiftOptions> = {}): LiftVerdict {
  const resolved = resolveLiftOptions(options);
  const gates: Gate[] = [["converters", resolved.minConverters]];
  return firstShortfall(stats, gates) ?? compare(stats, averageOrderValueEstimate, "converters", resolved);
}

/** A count each group needs at least: what is counted, and the minimum. */
type Gate = readonly [Needed["of"], number];

const REASON_BY_COUNT = {
  units: "too_few_units",
  converters: "too_few_converters",
  non_converters: "too_few_non_converters",
} as const;

function countOf(group: GroupStats, of: Needed["of"]): number {
  switch (of) {
    case "units":
      return group.units;
    case "converters":
      return group.converters;
    case "non_converters":
      return group.units - group.converters;
  }
}

// The first gate either group falls short of, as a verdict; null when both pass every gate.
function firstShortfall(stats: LiftStats, gates: readonly Gate[]): InsufficientVerdict | null {
  checkStats(stats.exposed);
  checkStats(stats.holdout);
  for (const [of, minimum] of gates) {
    const exposed = Math.max(0, minimum - countOf(stats.exposed, of));
    const holdout = Math.max(0, minimum - countOf(stats.holdout, of));
    if (exposed > 0 || holdout > 0) return insufficient(REASON_BY_COUNT[of], { exposed, holdout, of });
  }
  return null;
}

// Past the count gates: variances, the holdout mean, then whether the interval is informative.
function compare(
  stats: LiftStats,
  estimate: (group: GroupStats) => MeanEstimate | null,
  of: Needed["of"],
  options: LiftOptions,
): LiftVerdict {
  const exposed = estimate(stats.exposed);
  const holdout = estimate(stats.holdout);
  const flat = (e: MeanEstimate | null) => (e !== null && e.varianceOfMean > 0 ? 0 : 1);
  if (exposed === null || holdout === null || flat(exposed) + flat(holdout) > 0) {
    // A group whose values are all equal would make its mean look exact: wait for one that differs.
    return insufficient("zero_variance", { exposed: flat(exposed), holdout: flat(holdout), of });
  }
  if (!(holdout.mean > 0)) return insufficient("zero_holdout_mean", { exposed: 0, holdout: 1, of });
  const interval = welchInterval(exposed, holdout, options.level);
  const target = options.maxRelativeHalfWidth * holdout.mean;
  const ratio = interval === null ? null : fiellerRatioInterval(exposed, holdout, interval.t);
  if (interval === null || ratio === null || interval.halfWidth > target) {
    // The half-width shrinks as 1/√n: both groups growing by (halfWidth / target)² reach the target.
    const growth = interval === null ? 1 : (interval.halfWidth / target) ** 2 - 1;
    const more = (group: GroupStats) => Math.max(1, Math.ceil(countOf(group, of) * growth));
    return insufficient("interval_too_wide", { exposed: more(stats.exposed), holdout: more(stats.holdout), of });
  }
  return {
    status: "ok",
    exposedMean: exposed.mean,
    holdoutMean: holdout.mean,
    difference: interval.difference,
    low: interval.low,
    high: interval.high,
    relative: exposed.mean / holdout.mean - 1,
    relativeLow: ratio.low - 1,
    relativeHigh: ratio.high - 1,
    significant: interval.low > 0 || interval.high < 0,
  };
}

function insufficient(reason: InsufficientReason, needed: Needed): InsufficientVerdict {
  return { status: "insufficient", reason, needed };
}

const STAT_FIELDS = [
  "units",
  "converters",
  "orders",
  "revenueMinor",
  "ordersSquared",
  "revenueSquared",
  "ordersRevenue",
] as const;

// Aggregates from SQL arrive unchecked: refuse sums no set of shopper-periods could have produced.
function checkStats(group: GroupStats): GroupStats {
  for (const field of STAT_FIELDS) {
    if (!Number.isFinite(group[field]) || group[field] < 0) throw new RangeError(`${field} must be finite and ≥ 0`);
  }
  if (group.converters > group.units || group.converters > group.orders) {
    throw new RangeError("converters must be at most units and at most orders");
  }
  if (group.converters === 0 && (group.orders > 0 || group.revenueMinor > 0)) {
    throw new RangeError("orders or revenue without a converting shopper-period");
  }
  return group;
}
