/**
 * EASE (Steck 2019): a closed-form item-item linear model on the shop's most-sold items.
 * With G = XᵀX + λI and P = G⁻¹, the weights are B = I − P·diagMat(1/diag(P)), i.e.
 * B[i][j] = −P[i][j] / P[j][j] off the diagonal and 0 on it. A cart x scores item j with
 * Σ_i x_i·B[i][j]: a regression estimate of "j is in this order".
 *
 * The inverse is O(n³), so only the `maxItems` most-sold items take part; everything else is
 * served by co-purchase counts. Incremental order updates do not touch EASE: it is refreshed
 * on retrain only.
 */
import type { Baskets } from "./baskets";
import { invertSpd } from "./spd-inverse";
import { TopN } from "./top-n";

/** EASE tuning knobs. */
export interface EaseOptions {
  /** L2 regularisation λ added to the Gram matrix diagonal. */
  lambda: number;
  /** Most-sold items included (the inverse costs n³/2 multiply-adds). */
  maxItems: number;
  /** Items need at least this many orders to be included. */
  minOrders: number;
  /** Neighbours kept per item for candidate generation. */
  neighbours: number;
}

/** Defaults chosen on an inner validation split (see evaluate.ts). */
export const DEFAULT_EASE: EaseOptions = { lambda: 100, maxItems: 2000, minOrders: 2, neighbours: 50 };

/** A trained EASE model over a subset of items. */
export interface EaseModel {
  /** Number of items in the model (n). */
  size: number;
  /** Dense position → item index. */
  itemOf: Int32Array;
  /** Item index → dense position, or −1 when the item is not in the model. */
  denseOf: Int32Array;
  /** n×n row-major weights: row = cart item, column = candidate. */
  weights: Float32Array;
  /** Top `neighbours` candidates (item indices) per dense position, stride `neighbours`. */
  topItems: Int32Array;
  topLen: Int32Array;
  neighbours: number;
}

/** Trains EASE on the most-sold items of `baskets`; null when fewer than two items qualify. */
export function trainEase(baskets: Baskets, options: EaseOptions = DEFAULT_EASE): EaseModel | null {
  // λ > 0 keeps XᵀX + λI positive definite even when items always co-occur.
  if (!(options.lambda > 0)) throw new RangeError(`EASE lambda must be positive, got ${options.lambda}`);
  const itemOf = selectItems(baskets.itemOrders, options.maxItems, options.minOrders);
  const n = itemOf.length;
  if (n < 2) return null;
  const denseOf = new Int32Array(baskets.items.size).fill(-1);
  for (let d = 0; d < n; d++) denseOf[itemOf[d]] = d;
  const gram = gramMatrix(baskets, denseOf, n);
  for (let d = 0; d < n; d++) gram[d * n + d] += options.lambda;
  const weights = easeWeights(invertSpd(gram, n), n);
  const { topItems, topLen } = topPerRow(weights, n, itemOf, options.neighbours);
  return { size: n, itemOf, denseOf, weights, topItems, topLen, neighbours: options.neighbours };
}

/** B from P = (XᵀX + λI)⁻¹: B[i][j] = −P[i][j] / P[j][j], zero diagonal. */
export function easeWeights(p: Float64Array, n: number): Float32Array {
  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) weights[i * n + j] = -p[i * n + j] / p[j * n + j];
  }
  return weights;
}

/** The EASE candidates of `item` (item indices, best first); empty when not in the model. */
export function easeNeighbours(model: EaseModel, item: number): Int32Array {
  const d = item < model.denseOf.length ? model.denseOf[item] : -1;
  if (d < 0) return new Int32Array(0);
  return model.topItems.subarray(d * model.neighbours, d * model.neighbours + model.topLen[d]);
}

/** The dense position of `item`, or −1. */
export function easePosition(model: EaseModel, item: number): number {
  return item < model.denseOf.length ? model.denseOf[item] : -1;
}

// Most-sold first; ties by item index so the selection is deterministic.
function selectItems(itemOrders: Int32Array, maxItems: number, minOrders: number): Int32Array {
  const top = new TopN(maxItems);
  for (let i = 0; i < itemOrders.length; i++) if (itemOrders[i] >= Math.max(minOrders, 1)) top.offer(i, itemOrders[i]);
  return top.drain().ids;
}

// XᵀX restricted to the model's items, straight from the baskets (binary X).
function gramMatrix(baskets: Baskets, denseOf: Int32Array, n: number): Float64Array {
  const gram = new Float64Array(n * n);
  const inOrder = new Int32Array(n);
  for (let o = 0; o < baskets.orderCount; o++) {
    let m = 0;
    for (let k = baskets.orderPtr[o]; k < baskets.orderPtr[o + 1]; k++) {
      const d = denseOf[baskets.orderItems[k]];
      if (d >= 0) inOrder[m++] = d;
    }
    for (let x = 0; x < m; x++) {
      const row = inOrder[x] * n;
      for (let y = 0; y < m; y++) gram[row + inOrder[y]] += 1;
    }
  }
  return gram;
}

function topPerRow(
  weights: Float32Array,
  n: number,
  itemOf: Int32Array,
  neighbours: number,
): { topItems: Int32Array; topLen: Int32Array } {
  const topItems = new Int32Array(n * neighbours);
  const topLen = new Int32Array(n);
  const top = new TopN(neighbours);
  for (let i = 0; i < n; i++) {
    top.clear();
    for (let j = 0; j < n; j++) if (j !== i && weights[i * n + j] > 0) top.offer(itemOf[j], weights[i * n + j]);
    const { ids } = top.drain();
    topItems.set(ids, i * neighbours);
    topLen[i] = ids.length;
  }
  return { topItems, topLen };
}
