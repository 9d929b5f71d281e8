/** Confidence intervals comparing two independent group estimates (exposed vs holdout). */
import { studentTQuantile } from "./student-t";
import type { MeanEstimate } from "./sufficient-stats";

/** An interval for exposed − holdout, with the Welch–Satterthwaite df and the t quantile it used. */
export interface DifferenceInterval {
  difference: number;
  low: number;
  high: number;
  halfWidth: number;
  df: number;
  /** The t quantile the half-width was scaled by (reused for the relative interval). */
  t: number;
}

/** Welch–Satterthwaite degrees of freedom of a difference of two means with unequal variances. */
export function welchDegreesOfFreedom(a: MeanEstimate, b: MeanEstimate): number {
  const total = a.varianceOfMean + b.varianceOfMean;
  const denominator = (a.varianceOfMean * a.varianceOfMean) / a.df + (b.varianceOfMean * b.varianceOfMean) / b.df;
  return (total * total) / denominator;
}

/** Welch's interval for exposed.mean − holdout.mean at `level` (two-sided); null when both variances are 0. */
export function welchInterval(exposed: MeanEstimate, holdout: MeanEstimate, level = 0.95): DifferenceInterval | null {
  const variance = exposed.varianceOfMean + holdout.varianceOfMean;
  if (!(variance > 0) || !Number.isFinite(variance)) return null;
  const df = welchDegreesOfFreedom(exposed, holdout);
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  const difference = exposed.mean - holdout.mean;
  const halfWidth = t * Math.sqrt(variance);
  return { difference, low: difference - halfWidth, high: difference + halfWidth, halfWidth, df, t };
}

/**
 * Fieller's interval for exposed.mean / holdout.mean: every ρ with |e − ρh| ≤ t·√(v_e + ρ²·v_h). At ρ = 1
 * that is Welch's test, so the interval holds 1 exactly when Welch's interval holds 0. Null when it is
 * unbounded (the holdout mean is not itself distinguishable from 0: h² ≤ t²·v_h).
 */
export function fiellerRatioInterval(
  exposed: MeanEstimate,
  holdout: MeanEstimate,
  t: number,
): { low: number; high: number } | null {
  const e = exposed.mean;
  const h = holdout.mean;
  const t2 = t * t;
  // (h² − t²v_h)·ρ² − 2eh·ρ + (e² − t²v_e) ≤ 0.
  const a = h * h - t2 * holdout.varianceOfMean;
  if (!(a > 0)) return null;
  const discriminant =
    e * e * holdout.varianceOfMean +
    h * h * exposed.varianceOfMean -
    t2 * exposed.varianceOfMean * holdout.varianceOfMean;
  const root = t * Math.sqrt(Math.max(0, discriminant));
  return { low: (e * h - root) / a, high: (e * h + root) / a };
}
