/**
 * The recommendations interface: how learned (or catalog-derived) candidates reach the offer
 * engine's snapshot. The engine never trains or queries a model; a service asks a
 * `RecommendationSource` for candidates and puts them in the snapshot.
 */

/** The three techniques a candidate can serve. */
export type RecommendationKind = "cross_sell" | "upsell" | "down_sell";

/** One candidate product with a score (higher is better, comparable within one list only). */
export interface ScoredCandidate {
  productId: string;
  score: number;
  /** Short human-readable explanation, e.g. "bought together in 34 orders". */
  reason: string;
}

/** Candidates for one context, by kind; each list is best first. */
export type RecommendationCandidates = Record<RecommendationKind, ScoredCandidate[]>;

/** What the shopper is looking at: one product (upsell/down-sell) and/or cart contents (cross-sell). */
export interface RecommendationQuery {
  /** The product in view or just removed/declined, if any. */
  productId?: string;
  /** Product ids currently in the cart. */
  cartProductIds: string[];
  /** How many candidates per kind at most. */
  limit: number;
  /** A known customer's recent orders: product id → how many held it (re-ranks substitutes). */
  shopperPurchases?: ReadonlyMap<string, number>;
}

/** Anything that can answer a recommendation query for one shop. */
export interface RecommendationSource {
  recommend(query: RecommendationQuery): RecommendationCandidates;
}
