/**
 * Top-K lists per product as a plain JSON-able object (stored per shop), and a
 * `RecommendationSource` that serves from it without the model in memory.
 */
import type { RecommendationModel } from "./model";
import { rerankForShopper } from "./shopper-purchases";
import type {
  RecommendationCandidates,
  RecommendationKind,
  RecommendationQuery,
  RecommendationSource,
  ScoredCandidate,
} from "./types";

const POPULAR_EXTRA = 20;

/** One stored candidate: [productId, score, reason]. Tuples keep the JSON small. */
export type SnapshotEntry = [productId: string, score: number, reason: string];

/** Stored lists for one shop. */
export interface RecommendationSnapshot {
  version: 1;
  /** List length per product and kind. */
  k: number;
  orderCount: number;
  /** Fallback for empty carts and unknown products. */
  popular: SnapshotEntry[];
  products: Record<string, Partial<Record<RecommendationKind, SnapshotEntry[]>>>;
  /**
   * Repeat-purchase shares of the listed substitutes some customer ordered again, and the weight the
   * substitutes are re-ranked with for a known customer (shopper-purchases.ts). Absent in
   * snapshots stored before they existed: those serve unpersonalised lists until the retrain.
   */
  repeat?: Record<string, number>;
  historyWeight?: number;
}

/** Exports each known product's top-`k` cross-sell, upsell and down-sell lists. */
export function exportSnapshot(model: RecommendationModel, k: number): RecommendationSnapshot {
  const products: RecommendationSnapshot["products"] = {};
  for (const id of model.productIds()) {
    const lists: Partial<Record<RecommendationKind, SnapshotEntry[]>> = {};
    const crossSell = model.orderCount > 0 ? model.crossSell([id], k) : [];
    const upsell = model.substitutes(id, "upsell", k);
    const downSell = model.substitutes(id, "down_sell", k);
    if (crossSell.length > 0) lists.cross_sell = crossSell.map(toEntry);
    if (upsell.length > 0) lists.upsell = upsell.map(toEntry);
    if (downSell.length > 0) lists.down_sell = downSell.map(toEntry);
    if (Object.keys(lists).length > 0) products[id] = lists;
  }
  // Popular items fill carts whose lists run short; cart items are skipped, so keep extra.
  const popular = model.crossSell([], k + POPULAR_EXTRA).map(toEntry);
  // Only a product some substitute list holds can be lifted for a shopper: store just those shares.
  const listed = new Set(
    Object.values(products).flatMap((l) => [...(l.upsell ?? []), ...(l.down_sell ?? [])].map(([id]) => id)),
  );
  const repeat: Record<string, number> = {};
  for (const [id, rate] of model.repeatRates()) if (listed.has(id)) repeat[id] = roundScore(rate);
  return { version: 1, k, orderCount: model.orderCount, popular, products, repeat, historyWeight: model.historyWeight };
}

/** Serves queries from a stored snapshot: cart lists are merged by summed score. */
export class SnapshotSource implements RecommendationSource {
  constructor(private readonly snapshot: RecommendationSnapshot) {}

  /** Candidates for every kind from the stored lists. */
  recommend(query: RecommendationQuery): RecommendationCandidates {
    const limit = Number.isFinite(query.limit) ? Math.max(0, Math.floor(query.limit)) : 0;
    const context = query.productId ? [...query.cartProductIds, query.productId] : query.cartProductIds;
    const exclude = new Set(context);
    const lists = query.productId ? this.snapshot.products[query.productId] : undefined;
    const repeat = this.snapshot.repeat ?? {};
    const pick = (entries: SnapshotEntry[] | undefined): ScoredCandidate[] =>
      rerankForShopper(
        (entries ?? []).map(fromEntry),
        query.shopperPurchases,
        (id) => repeat[id] ?? 0,
        this.snapshot.historyWeight ?? 0,
      )
        .filter((c) => !exclude.has(c.productId))
        .slice(0, limit);
    return {
      cross_sell: this.crossSell(context, exclude, limit),
      upsell: pick(lists?.upsell),
      down_sell: pick(lists?.down_sell),
    };
  }

  private crossSell(context: readonly string[], exclude: Set<string>, limit: number): ScoredCandidate[] {
    const merged = new Map<string, { score: number; best: number; reason: string }>();
    for (const id of context) {
      for (const [candidate, score, reason] of this.snapshot.products[id]?.cross_sell ?? []) {
        if (exclude.has(candidate)) continue;
        const entry = merged.get(candidate) ?? { score: 0, best: -Infinity, reason };
        entry.score += score;
        // Keep the explanation from the cart item that contributes most.
        if (score > entry.best) {
          entry.best = score;
          entry.reason = reason;
        }
        merged.set(candidate, entry);
      }
    }
    const ranked = [...merged]
      .map(([productId, e]) => ({ productId, score: e.score, reason: e.reason }))
      .sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1));
    for (const [id, score, reason] of this.snapshot.popular) {
      if (ranked.length >= limit) break;
      if (!exclude.has(id) && !merged.has(id))
        ranked.push({ productId: id, score: Math.min(score, ranked.at(-1)?.score ?? score), reason });
    }
    return ranked.slice(0, limit);
  }
}

function toEntry(candidate: ScoredCandidate): SnapshotEntry {
  return [candidate.productId, roundScore(candidate.score), candidate.reason];
}

function fromEntry([productId, score, reason]: SnapshotEntry): ScoredCandidate {
  return { productId, score, reason };
}

// Six significant digits are plenty for ranking and keep stored JSON compact.
function roundScore(score: number): number {
  return Number(score.toPrecision(6));
}
