/**
 * The shopper's own orders as "instead of" evidence. A returning customer who takes something
 * other than the product in view mostly takes a product they have bought before: on the margarine
 * panel a household's earlier purchases predict its next switch better than anything learned
 * across households (`reco eval-substitutes`, row `model_shopper`). So for a known customer the
 * substitutes the model already accepts (same need, in the price band: this never adds a
 * candidate) move up by
 *
 *   historyWeight · repeat(b) · n_b
 *
 * where n_b is how many of the shopper's recent orders held b and repeat(b) the shrunk share of
 * b's buyers who bought it again (`repeaters / (buyers + 1)`, from the shop's orders): a product
 * nobody buys twice (a coffee machine) gets no lift, so owning the better tier does not make it
 * the upsell, while a refill or a brand the shopper keeps coming back to does.
 *
 * Both the trained model and the stored snapshot re-rank their top `RERANK_DEPTH` substitutes
 * with this one function, so the protocol measures what the storefront serves.
 *
 * historyWeight = 2 is seed 1's nested pick on inner 80/20 splits (seeds 101–103) of its training
 * households, grid {0.25, 0.5, 1, 2, 5} (`reco eval-substitutes` prints each seed's own pick).
 */
import type { ScoredCandidate } from "./types";

/** Product id → how many of the shopper's recent orders held it. */
export type ShopperPurchases = ReadonlyMap<string, number>;

/** The shop's repeat-purchase share of a product, in [0, 1). */
export type RepeatRate = (productId: string) => number;

/** Points per order of the shopper that held the candidate, at a repeat share of 1. */
export const DEFAULT_HISTORY_WEIGHT = 2;

/** How deep a stored or trained substitute list is re-ranked for a shopper (the snapshot's k). */
export const RERANK_DEPTH = 10;

/**
 * Re-ranks `candidates` (best first, as the model scored them) for a shopper who ordered
 * `purchases`; candidates they never bought keep their score. Stable on ties; a lifted candidate
 * explains itself ("you ordered it 3 times before; …").
 */
export function rerankForShopper(
  candidates: readonly ScoredCandidate[],
  purchases: ShopperPurchases | undefined,
  repeatRate: RepeatRate,
  weight: number = DEFAULT_HISTORY_WEIGHT,
): ScoredCandidate[] {
  if (!purchases || purchases.size === 0 || !(weight > 0)) return [...candidates];
  let lifted = false;
  const scored = candidates.map((candidate, rank) => {
    const orders = purchases.get(candidate.productId) ?? 0;
    const lift = orders > 0 ? weight * repeatRate(candidate.productId) * orders : 0;
    if (!(lift > 0)) return { candidate, rank };
    lifted = true;
    const times = `${orders} time${orders === 1 ? "" : "s"}`;
    return {
      candidate: {
        ...candidate,
        score: candidate.score + lift,
        reason: `you ordered it ${times} before; ${candidate.reason}`,
      },
      rank,
    };
  });
  if (!lifted) return [...candidates];
  return scored.sort((a, b) => b.candidate.score - a.candidate.score || a.rank - b.rank).map((s) => s.candidate);
}

/**
 * Counts, per product, its buyers and the buyers who ordered it again. Orders must arrive grouped
 * by customer and in time order (a training pass). A later order of a customer already passed (a
 * new order between retrains) is ignored here, so the shares change only on retrain; the caller
 * says which orders are a customer's first (`SwitchCounts` knows every customer's latest order).
 */
export class RepeatBuyers {
  private readonly buyers = new Map<string, number>();
  private readonly repeaters = new Map<string, number>();
  private current: string | undefined;
  // What the current customer ordered so far: 1 once, 2 once counted as a repeat.
  private seen = new Map<string, number>();

  /** Adds one order of `customerId`; `first`: the first order of theirs ever added. */
  add(customerId: string, productIds: readonly string[], first: boolean): void {
    if (customerId !== this.current) {
      // A customer seen before but not the one being streamed: their earlier orders are gone.
      this.current = first ? customerId : undefined;
      this.seen = new Map();
      if (!first) return;
    }
    for (const id of new Set(productIds)) {
      const before = this.seen.get(id) ?? 0;
      if (before === 0) increment(this.buyers, id);
      else if (before === 1) increment(this.repeaters, id);
      if (before < 2) this.seen.set(id, before + 1);
    }
  }

  /** repeaters / (buyers + 1): 0 for a product never bought twice by anyone. */
  rate(productId: string): number {
    const repeat = this.repeaters.get(productId) ?? 0;
    return repeat === 0 ? 0 : repeat / ((this.buyers.get(productId) ?? 0) + 1);
  }

  /** Every product some customer ordered again, with its share. */
  rates(): Map<string, number> {
    return new Map([...this.repeaters.keys()].map((id) => [id, this.rate(id)]));
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
