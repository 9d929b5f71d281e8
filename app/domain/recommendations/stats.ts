/** Small statistics helpers for comparing models: mean, sd, paired t-test with a real p-value. */

/** Arithmetic mean (NaN for no values). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function sampleSd(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) ** 2;
  return Math.sqrt(sum / (values.length - 1));
}

/** Result of a paired t-test on differences. */
export interface PairedTest {
  n: number;
  meanDiff: number;
  sdDiff: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** 95% confidence interval of the mean difference. */
  ci95: [number, number];
}

/** Paired t-test of H0: mean difference = 0. */
export function pairedTTest(diffs: ArrayLike<number>): PairedTest {
  const n = diffs.length;
  const meanDiff = mean(diffs);
  const sdDiff = sampleSd(diffs);
  const se = sdDiff / Math.sqrt(n);
  const df = n - 1;
  const t = se > 0 ? meanDiff / se : meanDiff === 0 ? 0 : Infinity * Math.sign(meanDiff);
  const p = Number.isFinite(t) ? studentTwoSidedP(t, df) : 0;
  const half = studentQuantile975(df) * se;
  return { n, meanDiff, sdDiff, t, df, p, ci95: [meanDiff - half, meanDiff + half] };
}

/** Two-sided p-value of Student's t with `df` degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

// 97.5% quantile by bisection on the p-value (df small for per-seed tests, large for pooled).
function studentQuantile975(df: number): number {
  let lo = 0;
  let hi = 1000;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSidedP(mid, df) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Regularized incomplete beta I_x(a, b) by its continued fraction (Lentz's method). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // The fraction converges fast only below the mean; use I_x(a,b) = 1 − I_{1−x}(b,a) above it.
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
  const logFront = a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b);
  return (Math.exp(logFront) / a) * betaFraction(x, a, b);
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let result = d;
  for (let m = 1; m <= 300; m++) {
    for (const term of [evenTerm(m, x, a, b), oddTerm(m, x, a, b)]) {
      d = 1 + term * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + term / c;
      if (Math.abs(c) < tiny) c = tiny;
      result *= c * d;
    }
    if (Math.abs(c * d - 1) < 1e-15) break;
  }
  return result;
}

function evenTerm(m: number, x: number, a: number, b: number): number {
  return (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
}

function oddTerm(m: number, x: number, a: number, b: number): number {
  return (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln Γ(x) for x > 0: Stirling's series after shifting x above 8 with Γ(x+1) = xΓ(x). */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 8) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}
