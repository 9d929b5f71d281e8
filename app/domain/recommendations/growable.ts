/**
 * Append-only typed arrays that double their capacity, so that building indexes over millions
 * of order lines never allocates one JS object per line.
 */

/** A growable Int32Array with push and random access. */
export class GrowableInt32 {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(capacity, 16));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** The value at a position (no bounds check beyond the typed array's own). */
  get(index: number): number {
    return this.data[index];
  }

  /** A trimmed copy of the filled part. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }

  private grow(minimum: number): void {
    const next = new Int32Array(Math.max(minimum, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** A growable Float32Array with push and random access. */
export class GrowableFloat32 {
  private data: Float32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float32Array(Math.max(capacity, 16));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The value at a position. */
  get(index: number): number {
    return this.data[index];
  }

  /** A trimmed copy of the filled part. */
  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

/** Returns a copy of `array` with at least `minimum` slots (doubling), zero-filled beyond the old length. */
export function ensureCapacity<T extends Int32Array | Float64Array>(array: T, minimum: number): T {
  if (array.length >= minimum) return array;
  const size = Math.max(minimum, array.length * 2, 16);
  const next = (array instanceof Int32Array ? new Int32Array(size) : new Float64Array(size)) as T;
  next.set(array);
  return next;
}
