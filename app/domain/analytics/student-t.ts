/**
 * Student's t and the normal distribution: CDFs and quantiles for real (non-integer) degrees of
 * freedom, as Welch–Satterthwaite gives them. The t CDF is the regularized incomplete beta; the
 * quantile is Newton's method on it, started at the normal quantile (see decision 025).
 */

/** Below this many degrees of freedom the quantile solves the t CDF; above, a series in 1/df is exact to double precision. */
const SERIES_DF = 1e4;

/** P(T ≤ t) for Student's t with `df` > 0 degrees of freedom (df = Infinity: the standard normal). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = studentTTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with `df` > 0 degrees of freedom, 0 < p < 1 (df = Infinity: the normal quantile). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p === 0.5) return 0;
  // Solve in the upper tail for precision: P(T > t) = q with q ≤ 1/2, then restore the sign.
  const q = p > 0.5 ? 1 - p : p;
  const sign = p > 0.5 ? 1 : -1;
  const z = -normalQuantile(q);
  if (df === Infinity) return sign * z;
  if (df >= SERIES_DF) return sign * cornishFisher(z, df);
  return sign * solveUpperTail(q, df, z);
}

/** Standard normal CDF Φ(x) through the regularized incomplete gamma: ½(1 + P(½, x²/2)) for x ≥ 0, ½·Q(½, x²/2) below. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x >= 0 ? 0.5 + 0.5 * regularizedGamma(0.5, (x * x) / 2) : lowerNormalTail(x);
}

/** The p-quantile of the standard normal, 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return NaN;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) as a start, then Newton on the lower tail.
  const w = Math.sqrt(-2 * Math.log(q));
  let x = -(w - (2.515517 + w * (0.802853 + w * 0.010328)) / (1 + w * (1.432788 + w * (0.189269 + w * 0.001308))));
  for (let k = 0; k < 20; k++) {
    const step = (lowerNormalTail(x) - q) / normalDensity(x);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return p < 0.5 ? x : -x;
}

// Φ(x) for x ≤ 0 without the cancellation of 1 − Φ(|x|): ½·Q(½, x²/2).
function lowerNormalTail(x: number): number {
  return 0.5 * regularizedGamma(0.5, (x * x) / 2, true);
}

function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

// P(T > t) for t ≥ 0: ½·I_{df/(df+t²)}(df/2, ½).
function studentTTail(t: number, df: number): number {
  return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

function studentTDensity(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) -
    logGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

// Newton on P(T > t) = q from the normal quantile z. The t quantile lies at or beyond z (heavier tails)
// and the tail is convex for t > 0, so every step lands below the root: the iteration rises to it
// monotonically, with no overshoot to guard against.
function solveUpperTail(q: number, df: number, z: number): number {
  let t = z;
  for (let k = 0; k < 200; k++) {
    const step = (studentTTail(t, df) - q) / studentTDensity(t, df);
    if (!Number.isFinite(step)) break;
    t += step;
    if (Math.abs(step) <= 1e-14 * t) break;
  }
  return t;
}

// Cornish–Fisher expansion of the t quantile in powers of 1/df (Abramowitz & Stegun 26.7.5).
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms; reflection below ½). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (shifted + i);
  const base = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(base) - base + Math.log(series);
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Regularized incomplete beta I_x(a, b), 0 ≤ x ≤ 1, by its continued fraction. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // The fraction converges quickly only left of the mode; beyond it use I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
  const logPrefix = a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  return (Math.exp(logPrefix) / a) * betaContinuedFraction(x, a, b);
}

// The fraction 1/(1 + d1/(1 + d2/(1 + …))) of I_x(a, b): Lentz evaluates the denominator.
function betaContinuedFraction(x: number, a: number, b: number): number {
  const lentz = new Lentz(1, -((a + b) * x) / (a + 1));
  for (let m = 1; m <= 1000; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    const odd = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    lentz.add(1, even);
    if (lentz.add(1, odd)) break;
  }
  return 1 / lentz.value;
}

/** Regularized lower incomplete gamma P(a, x) (or the upper Q(a, x) = 1 − P with `upper`), x ≥ 0. */
export function regularizedGamma(a: number, x: number, upper = false): number {
  if (x <= 0) return upper ? 1 : 0;
  if (x === Infinity) return upper ? 0 : 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series: P = e^{−x} x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= x / (a + n);
      sum += term;
    }
    const lower = Math.exp(logPrefix) * sum;
    return upper ? 1 - lower : lower;
  }
  // Continued fraction for Q: e^{−x} x^a / Γ(a) · 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …))).
  const lentz = new Lentz(x + 1 - a, a - 1);
  for (let n = 1; n <= 1000; n++) if (lentz.add(x + 2 * n + 1 - a, -(n + 1) * (n + 1 - a))) break;
  const upperValue = Math.exp(logPrefix) / lentz.value;
  return upper ? upperValue : 1 - upperValue;
}

/**
 * Modified Lentz evaluation of b0 + a1/(b1 + a2/(b2 + …)) given b0 and the first partial numerator;
 * `add(b, a)` appends the denominator b of the current level and the numerator a of the next one.
 */
class Lentz {
  private static readonly TINY = 1e-300;
  value: number;
  private c: number;
  private d = 0;
  private numerator: number;

  constructor(b0: number, a1: number) {
    this.value = b0 === 0 ? Lentz.TINY : b0;
    this.c = this.value;
    this.numerator = a1;
  }

  /** Appends one level; true when the value has converged. */
  add(b: number, nextNumerator: number): boolean {
    this.d = b + this.numerator * this.d;
    this.d = 1 / (Math.abs(this.d) < Lentz.TINY ? Lentz.TINY : this.d);
    this.c = b + this.numerator / this.c;
    if (Math.abs(this.c) < Lentz.TINY) this.c = Lentz.TINY;
    const delta = this.c * this.d;
    this.value *= delta;
    this.numerator = nextNumerator;
    return Math.abs(delta - 1) < 1e-15;
  }
}
