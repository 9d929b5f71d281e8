/**
 * Exact item-to-item co-purchase counts (sparse, CSR per item plus small maps for pairs first
 * seen after training), popularity, and per-item top-N neighbour lists for serving.
 *
 * Score: P̃(b | a) = (c_ab + β·p_b) / (c_a + β), the posterior mean of "b is in the order given
 * a is" under a Beta prior centred on b's popularity p_b = c_b / N with β pseudo-orders. Items
 * seen in few orders fall back toward popularity instead of getting extreme ratios (raw lift).
 */
import type { Baskets } from "./baskets";
import { ensureCapacity } from "./growable";
import { TopN } from "./top-n";

/** Tuning knobs of the co-purchase model. */
export interface CoPurchaseOptions {
  /** Neighbours kept per item for serving; exact counts are kept for every pair. */
  neighbours: number;
  /** β: pseudo-orders of popularity prior mixed into each conditional probability. */
  shrinkage: number;
  /** How many most-popular items to keep ready for fallbacks. */
  popularKept: number;
}

/** Defaults chosen on an inner validation split (see evaluate.ts). */
export const DEFAULT_CO_PURCHASE: CoPurchaseOptions = { neighbours: 50, shrinkage: 50, popularKept: 100 };

/** Co-purchase counts and popularity, updatable one order at a time. */
export class CoPurchaseCounts {
  orderCount: number;
  private itemOrders: Int32Array;
  private readonly baseItems: number;
  private readonly extra: (Map<number, number> | undefined)[] = [];
  private topCols: Int32Array;
  private topLen: Int32Array;
  private popular: Int32Array;
  private popularLen = 0;
  private readonly scratch: TopN;

  private constructor(
    readonly options: CoPurchaseOptions,
    baskets: Baskets,
    private readonly rowPtr: Int32Array,
    private readonly cols: Int32Array,
    private readonly counts: Int32Array,
  ) {
    this.orderCount = baskets.orderCount;
    this.baseItems = baskets.items.size;
    this.itemOrders = Int32Array.from(baskets.itemOrders);
    this.topCols = new Int32Array(this.baseItems * options.neighbours);
    this.topLen = new Int32Array(this.baseItems);
    this.popular = new Int32Array(options.popularKept);
    this.scratch = new TopN(options.neighbours);
  }

  /** Counts every co-purchased pair in `baskets` and selects each item's top neighbours. */
  static fromBaskets(baskets: Baskets, options: CoPurchaseOptions = DEFAULT_CO_PURCHASE): CoPurchaseCounts {
    const { rowPtr, cols, counts } = countPairs(baskets);
    const model = new CoPurchaseCounts(options, baskets, rowPtr, cols, counts);
    for (let a = 0; a < model.baseItems; a++) model.selectTopOfRow(a);
    model.rebuildPopular();
    return model;
  }

  /** Number of item slots (items seen in training or added since). */
  get itemCapacity(): number {
    return this.topLen.length;
  }

  /** Orders containing item `a`. */
  itemCount(a: number): number {
    return a < this.itemOrders.length ? this.itemOrders[a] : 0;
  }

  /** p_b: share of orders containing `b`. */
  popularity(b: number): number {
    return this.orderCount > 0 ? this.itemCount(b) / this.orderCount : 0;
  }

  /** Orders containing both `a` and `b` (exact, including incremental updates). */
  pairCount(a: number, b: number): number {
    let count = 0;
    if (a < this.baseItems) {
      const at = findSorted(this.cols, this.rowPtr[a], this.rowPtr[a + 1], b);
      if (at >= 0) count = this.counts[at];
    }
    return count + (this.extra[a]?.get(b) ?? 0);
  }

  /** Shrunk conditional probability P̃(b | a); pure popularity when `a` is unknown. */
  conditional(a: number, b: number): number {
    const ca = this.itemCount(a);
    const pb = this.popularity(b);
    if (ca === 0) return pb;
    const beta = this.options.shrinkage;
    return (this.pairCount(a, b) + beta * pb) / (ca + beta);
  }

  /** Adds weight·c_ab to out[b] for every b co-purchased with `a` (dense scoring). */
  accumulateRow(a: number, weight: number, out: Float64Array): void {
    if (a < this.baseItems) {
      for (let k = this.rowPtr[a]; k < this.rowPtr[a + 1]; k++) out[this.cols[k]] += weight * this.counts[k];
    }
    this.extra[a]?.forEach((count, b) => {
      out[b] += weight * count;
    });
  }

  /** The top co-purchase neighbours of `a`, best first (a view). */
  neighbours(a: number): Int32Array {
    if (a >= this.topLen.length) return new Int32Array(0);
    const start = a * this.options.neighbours;
    return this.topCols.subarray(start, start + this.topLen[a]);
  }

  /** The most popular items, best first (a view). */
  popularItems(): Int32Array {
    return this.popular.subarray(0, this.popularLen);
  }

  /** Adds one order (distinct item indices): counts stay exact, top lists are refreshed locally. */
  addBasket(items: ArrayLike<number>): void {
    let maxItem = -1;
    for (let i = 0; i < items.length; i++) maxItem = Math.max(maxItem, items[i]);
    this.ensureItems(maxItem + 1);
    this.orderCount++;
    for (let i = 0; i < items.length; i++) this.itemOrders[items[i]]++;
    for (let i = 0; i < items.length; i++) {
      for (let j = 0; j < items.length; j++) if (i !== j) this.incrementPair(items[i], items[j]);
    }
    for (let i = 0; i < items.length; i++) this.refreshTop(items[i], items);
    for (let i = 0; i < items.length; i++) this.promotePopular(items[i]);
  }

  private incrementPair(a: number, b: number): void {
    if (a < this.baseItems) {
      const at = findSorted(this.cols, this.rowPtr[a], this.rowPtr[a + 1], b);
      if (at >= 0) {
        this.counts[at]++;
        return;
      }
    }
    const map = (this.extra[a] ??= new Map<number, number>());
    map.set(b, (map.get(b) ?? 0) + 1);
  }

  // Ranking key within a's row: the numerator of P̃(b | a) (the denominator is shared).
  private rowScore(a: number, b: number, count: number): number {
    return count + (this.options.shrinkage * this.itemCount(b)) / Math.max(this.orderCount, 1);
  }

  private selectTopOfRow(a: number): void {
    this.scratch.clear();
    for (let k = this.rowPtr[a]; k < this.rowPtr[a + 1]; k++) {
      this.scratch.offer(this.cols[k], this.rowScore(a, this.cols[k], this.counts[k]));
    }
    this.storeTop(a);
  }

  private selectTop(a: number, candidates: ArrayLike<number>, start: number, end: number): void {
    this.scratch.clear();
    for (let k = start; k < end; k++) {
      const b = candidates[k];
      if (b !== a) this.scratch.offer(b, this.rowScore(a, b, this.pairCount(a, b)));
    }
    this.storeTop(a);
  }

  private storeTop(a: number): void {
    const { ids } = this.scratch.drain();
    const n = Math.min(ids.length, this.options.neighbours);
    this.topCols.set(ids.subarray(0, n), a * this.options.neighbours);
    this.topLen[a] = n;
  }

  // Old neighbours plus the new basket: popularity drift elsewhere is left for the next retrain.
  private refreshTop(a: number, basket: ArrayLike<number>): void {
    const current = this.neighbours(a);
    const merged = new Int32Array(current.length + basket.length);
    merged.set(current);
    let n = current.length;
    for (let i = 0; i < basket.length; i++) if (!current.includes(basket[i])) merged[n++] = basket[i];
    this.selectTop(a, merged, 0, n);
  }

  private rebuildPopular(): void {
    const top = new TopN(this.options.popularKept);
    for (let b = 0; b < this.itemOrders.length; b++) if (this.itemOrders[b] > 0) top.offer(b, this.itemOrders[b]);
    const { ids } = top.drain();
    this.popular.set(ids);
    this.popularLen = ids.length;
  }

  private promotePopular(b: number): void {
    let at = this.popular.subarray(0, this.popularLen).indexOf(b);
    if (at < 0) {
      if (this.popularLen < this.popular.length) at = this.popularLen++;
      else if (this.beats(b, this.popular[this.popularLen - 1])) at = this.popularLen - 1;
      else return;
      this.popular[at] = b;
    }
    while (at > 0 && this.beats(b, this.popular[at - 1])) {
      this.popular[at] = this.popular[at - 1];
      this.popular[--at] = b;
    }
  }

  private beats(a: number, b: number): boolean {
    const ca = this.itemOrders[a];
    const cb = this.itemOrders[b];
    return ca > cb || (ca === cb && a < b);
  }

  private ensureItems(size: number): void {
    if (size <= this.topLen.length) return;
    const capacity = Math.max(size, this.topLen.length * 2);
    this.itemOrders = ensureCapacity(this.itemOrders, capacity);
    this.topLen = ensureCapacity(this.topLen, capacity);
    this.topCols = ensureCapacity(this.topCols, capacity * this.options.neighbours);
  }
}

/** Binary search for `value` in the sorted range [start, end); -1 when absent. */
export function findSorted(values: Int32Array, start: number, end: number, value: number): number {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid];
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// Two passes over the item → orders index: first the row sizes (so arrays are allocated
// exactly once), then the counts with a dense accumulator per item. Work is Σ |order|².
function countPairs(baskets: Baskets): { rowPtr: Int32Array; cols: Int32Array; counts: Int32Array } {
  const n = baskets.items.size;
  const { orderPtr, orderItems } = baskets;
  const { ptr, orders } = invertBaskets(baskets);
  const mark = new Int32Array(n).fill(-1);
  const rowPtr = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    let size = 0;
    for (let k = ptr[a]; k < ptr[a + 1]; k++) {
      const o = orders[k];
      for (let j = orderPtr[o]; j < orderPtr[o + 1]; j++) {
        const b = orderItems[j];
        if (b !== a && mark[b] !== a) {
          mark[b] = a;
          size++;
        }
      }
    }
    rowPtr[a + 1] = rowPtr[a] + size;
  }
  const cols = new Int32Array(rowPtr[n]);
  const counts = new Int32Array(rowPtr[n]);
  const acc = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    let at = rowPtr[a];
    for (let k = ptr[a]; k < ptr[a + 1]; k++) {
      const o = orders[k];
      for (let j = orderPtr[o]; j < orderPtr[o + 1]; j++) {
        const b = orderItems[j];
        if (b !== a && acc[b]++ === 0) cols[at++] = b;
      }
    }
    cols.subarray(rowPtr[a], at).sort();
    for (let k = rowPtr[a]; k < at; k++) {
      counts[k] = acc[cols[k]];
      acc[cols[k]] = 0;
    }
  }
  return { rowPtr, cols, counts };
}

/** Item → orders index (CSC of the basket matrix). */
export function invertBaskets(baskets: Baskets): { ptr: Int32Array; orders: Int32Array } {
  const n = baskets.items.size;
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i] + baskets.itemOrders[i];
  const next = ptr.slice(0, n);
  const orders = new Int32Array(ptr[n]);
  for (let o = 0; o < baskets.orderCount; o++) {
    for (let k = baskets.orderPtr[o]; k < baskets.orderPtr[o + 1]; k++) orders[next[baskets.orderItems[k]]++] = o;
  }
  return { ptr, orders };
}
