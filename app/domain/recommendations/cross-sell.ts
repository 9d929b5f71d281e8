/**
 * Cart-level cross-sell scores: a blend of two estimates of "item b is in this order".
 *   C(b) = mean over cart items a of P̃(b | a)      (shrunk co-purchase, see co-purchase.ts)
 *   E(b) = Σ over cart items a of B[a][b]           (EASE regression, most-sold items only)
 *   score(b) = α·E(b) + (1 − α)·C(b)
 * Both are on a probability scale, so the blend weight α means the same thing in every shop.
 * EASE says nothing about pairs outside its item set, so E contributes 0 there and co-purchase
 * alone orders those items; with little data λ shrinks E toward 0 and C dominates the same way.
 * An empty or unknown cart reduces C to popularity p_b.
 */
import type { CoPurchaseCounts } from "./co-purchase";
import { easeNeighbours, easePosition, type EaseModel } from "./ease";
import { TopN } from "./top-n";

/** One ranked cross-sell candidate. */
export interface CrossSellHit {
  item: number;
  score: number;
  /** Most orders shared with any one cart item (for the reason text). */
  together: number;
}

/** Scores cross-sell candidates for carts of item indices. */
export class CrossSellScorer {
  private stamp = new Int32Array(0);
  private query = 0;

  constructor(
    readonly counts: CoPurchaseCounts,
    readonly ease: EaseModel | null,
    readonly easeWeight: number,
  ) {}

  /** Scores for every item 0..size−1 (evaluation ranks them all). Cart items are not excluded. */
  scoreAll(cart: ArrayLike<number>, size: number): Float64Array {
    const out = new Float64Array(size);
    const context = this.context(cart);
    for (let b = 0; b < size; b++) out[b] = context.popCoef * this.counts.popularity(b);
    for (let i = 0; i < cart.length; i++) {
      if (context.rowWeights[i] > 0) this.counts.accumulateRow(cart[i], context.rowWeights[i], out);
    }
    if (this.easeWeight > 0) this.blendEaseDense(context.dense, out);
    return out;
  }

  /** The best `limit` items for the cart, never a cart item. */
  rank(cart: ArrayLike<number>, limit: number): CrossSellHit[] {
    if (limit <= 0) return [];
    const context = this.context(cart);
    const candidates = this.candidates(cart, limit);
    // Long lists (beyond the neighbour and popular lists) need every item scored.
    if (candidates.length < limit) this.allOrderedItems(candidates);
    const top = new TopN(Math.min(limit, candidates.length));
    for (const b of candidates) top.offer(b, this.scoreOne(cart, context, b));
    const { ids, scores } = top.drain();
    return Array.from(ids, (item, k) => ({ item, score: scores[k], together: this.together(cart, item) }));
  }

  private context(cart: ArrayLike<number>): { popCoef: number; rowWeights: Float64Array; dense: number[] } {
    const beta = this.counts.options.shrinkage;
    const rowWeights = new Float64Array(cart.length);
    const dense: number[] = [];
    if (cart.length === 0) return { popCoef: 1, rowWeights, dense };
    let popCoef = 0;
    for (let i = 0; i < cart.length; i++) {
      const ca = this.counts.itemCount(cart[i]);
      // An item with no orders says nothing: its share of the mean is plain popularity.
      popCoef += ca === 0 ? 1 : beta / (ca + beta);
      rowWeights[i] = ca === 0 ? 0 : 1 / ((ca + beta) * cart.length);
      const d = this.ease ? easePosition(this.ease, cart[i]) : -1;
      if (d >= 0) dense.push(d);
    }
    return { popCoef: popCoef / cart.length, rowWeights, dense };
  }

  private scoreOne(
    cart: ArrayLike<number>,
    context: { popCoef: number; rowWeights: Float64Array; dense: number[] },
    b: number,
  ): number {
    let score = context.popCoef * this.counts.popularity(b);
    for (let i = 0; i < cart.length; i++) {
      if (context.rowWeights[i] > 0) score += context.rowWeights[i] * this.counts.pairCount(cart[i], b);
    }
    if (this.easeWeight <= 0) return score;
    const ease = this.ease;
    const column = ease ? easePosition(ease, b) : -1;
    let e = 0;
    if (ease && column >= 0) for (const d of context.dense) e += ease.weights[d * ease.size + column];
    return this.easeWeight * e + (1 - this.easeWeight) * score;
  }

  private blendEaseDense(dense: number[], out: Float64Array): void {
    const alpha = this.easeWeight;
    for (let b = 0; b < out.length; b++) out[b] *= 1 - alpha;
    const ease = this.ease;
    if (!ease) return;
    const n = ease.size;
    for (const d of dense) {
      const row = d * n;
      for (let j = 0; j < n; j++) {
        const b = ease.itemOf[j];
        if (b < out.length) out[b] += alpha * ease.weights[row + j];
      }
    }
  }

  // Neighbours of every cart item (both models) plus the most popular items; cart excluded.
  private candidates(cart: ArrayLike<number>, limit: number): number[] {
    this.query++;
    if (this.stamp.length < this.counts.itemCapacity) this.stamp = new Int32Array(this.counts.itemCapacity * 2);
    for (let i = 0; i < cart.length; i++) if (cart[i] < this.stamp.length) this.stamp[cart[i]] = this.query;
    const out: number[] = [];
    const add = (list: Int32Array, max: number): void => {
      for (let k = 0; k < list.length && k < max; k++) {
        const b = list[k];
        if (this.stamp[b] !== this.query) {
          this.stamp[b] = this.query;
          out.push(b);
        }
      }
    };
    for (let i = 0; i < cart.length; i++) {
      add(this.counts.neighbours(cart[i]), Infinity);
      if (this.ease) add(easeNeighbours(this.ease, cart[i]), Infinity);
    }
    add(this.counts.popularItems(), limit + cart.length);
    return out;
  }

  // Adds every item with orders that is not yet a candidate (the stamp marks cart and candidates).
  private allOrderedItems(candidates: number[]): void {
    for (let b = 0; b < this.counts.itemCapacity; b++) {
      if (this.stamp[b] !== this.query && this.counts.itemCount(b) > 0) candidates.push(b);
    }
  }

  private together(cart: ArrayLike<number>, b: number): number {
    let best = 0;
    for (let i = 0; i < cart.length; i++) best = Math.max(best, this.counts.pairCount(cart[i], b));
    return best;
  }
}
