/**
 * Inverse of a dense symmetric positive-definite matrix through its Cholesky factor, for EASE.
 * Matrices are row-major Float64Arrays. Three O(n³/6) phases (factor, triangular inverse,
 * Mᵀ·M product); each inner loop walks contiguous rows and works on four rows at once, so one
 * load of the shared row feeds four multiply-adds (JS has no SIMD; loads are the bottleneck).
 */

/** Error raised when the matrix is not (numerically) positive definite. */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly row: number) {
    super(`matrix is not positive definite (pivot ${row})`);
    this.name = "NotPositiveDefiniteError";
  }
}

/** Returns A⁻¹ for a symmetric positive-definite n×n matrix A (A's storage is reused). */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  const inverseT = invertLowerTransposed(a, n);
  return gramOfRows(inverseT, n, a);
}

/** Overwrites `a` with L (A = L·Lᵀ) in the lower triangle and zeros above the diagonal. */
export function choleskyInPlace(a: Float64Array, n: number): void {
  const s = new Float64Array(4);
  for (let i0 = 0; i0 < n; i0 += 4) {
    const rows = Math.min(4, n - i0);
    // Columns left of the block: four rows share each load of row j.
    for (let j = 0; j < i0; j++) {
      dot4(a, i0 * n, rows, n, a, j * n, 0, j, s);
      const pivot = a[j * n + j];
      for (let m = 0; m < rows; m++) a[(i0 + m) * n + j] = (a[(i0 + m) * n + j] - s[m]) / pivot;
    }
    // The small triangle inside the block, one entry at a time.
    for (let m = 0; m < rows; m++) {
      const i = i0 + m;
      for (let j = i0; j <= i; j++) {
        const value = a[i * n + j] - dotRange(a, i * n, a, j * n, 0, j);
        if (i === j) {
          if (!(value > 0)) throw new NotPositiveDefiniteError(i);
          a[i * n + i] = Math.sqrt(value);
        } else {
          a[i * n + j] = value / a[j * n + j];
        }
      }
    }
  }
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, (i + 1) * n);
}

// Column j of M = L⁻¹ by forward substitution, stored as row j of the result (so the result is
// Mᵀ, upper triangular): M[k][j] = −(Σ_{t=j..k−1} L[k][t]·M[t][j]) / L[k][k] for k > j.
// Rows of Mᵀ are zero left of their diagonal, so four of them can share one loop from j0.
function invertLowerTransposed(l: Float64Array, n: number): Float64Array {
  const mt = new Float64Array(n * n);
  const s = new Float64Array(4);
  for (let j0 = 0; j0 < n; j0 += 4) {
    const rows = Math.min(4, n - j0);
    for (let k = j0; k < n; k++) {
      dot4(mt, j0 * n, rows, n, l, k * n, j0, k, s);
      const diag = l[k * n + k];
      for (let m = 0; m < rows; m++) {
        const j = j0 + m;
        if (k === j) mt[j * n + k] = 1 / diag;
        else if (k > j) mt[j * n + k] = -s[m] / diag;
      }
    }
  }
  return mt;
}

// A⁻¹ = Mᵀ·M, so A⁻¹[i][j] = Σ_k Mᵀ[i][k]·Mᵀ[j][k] over k ≥ max(i, j) (rows are zero before
// their diagonal). Each j-row load feeds the four i-rows of the block.
function gramOfRows(mt: Float64Array, n: number, out: Float64Array): Float64Array {
  const s = new Float64Array(4);
  for (let i0 = 0; i0 < n; i0 += 4) {
    const rows = Math.min(4, n - i0);
    for (let j = i0; j < n; j++) {
      dot4(mt, i0 * n, rows, n, mt, j * n, j, n, s);
      for (let m = 0; m < rows; m++) {
        const i = i0 + m;
        if (i > j) continue;
        out[i * n + j] = s[m];
        out[j * n + i] = s[m];
      }
    }
  }
  return out;
}

// s[m] = Σ_{t=from..to−1} x[xs + m·stride + t]·y[ys + t] for m < rows (missing rows give 0).
function dot4(
  x: Float64Array,
  xs: number,
  rows: number,
  stride: number,
  y: Float64Array,
  ys: number,
  from: number,
  to: number,
  s: Float64Array,
): void {
  if (rows < 4) {
    for (let m = 0; m < 4; m++) s[m] = m < rows ? dotRange(x, xs + m * stride, y, ys, from, to) : 0;
    return;
  }
  const x0 = xs;
  const x1 = xs + stride;
  const x2 = xs + 2 * stride;
  const x3 = xs + 3 * stride;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = from; t < to; t++) {
    const v = y[ys + t];
    s0 += x[x0 + t] * v;
    s1 += x[x1 + t] * v;
    s2 += x[x2 + t] * v;
    s3 += x[x3 + t] * v;
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

// Σ_{t=from..to−1} x[xs + t]·y[ys + t], two accumulators for throughput.
function dotRange(x: Float64Array, xs: number, y: Float64Array, ys: number, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = from;
  for (; t + 1 < to; t += 2) {
    s0 += x[xs + t] * y[ys + t];
    s1 += x[xs + t + 1] * y[ys + t + 1];
  }
  if (t < to) s0 += x[xs + t] * y[ys + t];
  return s0 + s1;
}
