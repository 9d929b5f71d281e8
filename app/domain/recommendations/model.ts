/**
 * The per-shop recommendation model: co-purchase counts + EASE for cross-sell, the catalog (and
 * behaviour, and repeat customers' switches) for upsell / down-sell, popularity for new products,
 * new shops and empty carts. `addOrder` keeps counts, popularity and switches current between
 * retrains; EASE changes only on retrain.
 */
import { BasketBuilder, type Baskets, type OrderLine } from "./baskets";
import { CoPurchaseCounts, DEFAULT_CO_PURCHASE, type CoPurchaseOptions } from "./co-purchase";
import { CrossSellScorer, type CrossSellHit } from "./cross-sell";
import { DEFAULT_EASE, trainEase, type EaseOptions } from "./ease";
import { ItemIndex } from "./item-index";
import {
  catalogFrames,
  DEFAULT_SUBSTITUTES,
  SubstituteIndex,
  type BehaviourSignal,
  type CatalogProduct,
  type CoPurchaseLookup,
  type SubstituteKind,
  type SubstituteOptions,
} from "./substitutes";
import { RERANK_DEPTH, rerankForShopper, type ShopperPurchases } from "./shopper-purchases";
import { countSwitches, SwitchCounts, type CustomerPurchase } from "./switches";
import type { RecommendationCandidates, RecommendationQuery, RecommendationSource, ScoredCandidate } from "./types";

/** All tuning knobs. */
export interface ModelOptions {
  coPurchase: CoPurchaseOptions;
  ease: EaseOptions;
  /** α in score = α·EASE + (1 − α)·co-purchase (see cross-sell.ts). */
  easeWeight: number;
  substitutes: SubstituteOptions;
}

/** Defaults (β = 50, λ = 100, α = 0.75 chosen on an inner split of seed 1's training baskets). */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  coPurchase: DEFAULT_CO_PURCHASE,
  ease: DEFAULT_EASE,
  easeWeight: 0.75,
  substitutes: DEFAULT_SUBSTITUTES,
};

/** What a shop's model is trained from; every part may be missing. */
export interface TrainingData {
  orders?: Iterable<OrderLine> | Baskets;
  catalog?: readonly CatalogProduct[];
  signals?: readonly BehaviourSignal[];
  /** Orders of known customers (for switches), or switch counts already streamed from them. */
  purchases?: Iterable<CustomerPurchase> | SwitchCounts;
}

/** Options with any subset overridden. */
export interface ModelOverrides {
  coPurchase?: Partial<CoPurchaseOptions>;
  ease?: Partial<EaseOptions>;
  easeWeight?: number;
  substitutes?: Partial<SubstituteOptions>;
}

/** Trains a model for one shop. */
export function trainRecommendationModel(data: TrainingData, overrides: ModelOverrides = {}): RecommendationModel {
  const options: ModelOptions = {
    coPurchase: { ...DEFAULT_MODEL_OPTIONS.coPurchase, ...overrides.coPurchase },
    ease: { ...DEFAULT_MODEL_OPTIONS.ease, ...overrides.ease },
    easeWeight: overrides.easeWeight ?? DEFAULT_MODEL_OPTIONS.easeWeight,
    substitutes: { ...DEFAULT_MODEL_OPTIONS.substitutes, ...overrides.substitutes },
  };
  const baskets = isBaskets(data.orders) ? data.orders : collect(data.orders ?? []);
  const counts = CoPurchaseCounts.fromBaskets(baskets, options.coPurchase);
  const ease = options.easeWeight > 0 ? trainEase(baskets, options.ease) : null;
  const scorer = new CrossSellScorer(counts, ease, options.easeWeight);
  const catalog = data.catalog ?? [];
  const switches =
    data.purchases instanceof SwitchCounts
      ? data.purchases
      : countSwitches(data.purchases ?? [], catalogFrames(catalog));
  const substitutes = new SubstituteIndex(catalog, data.signals ?? [], options.substitutes, switches);
  return new RecommendationModel(baskets.items, scorer, substitutes);
}

/** A trained model; answers the offer engine's queries. */
export class RecommendationModel implements RecommendationSource {
  private readonly lookup: CoPurchaseLookup;

  constructor(
    private readonly items: ItemIndex,
    private readonly scorer: CrossSellScorer,
    private readonly catalog: SubstituteIndex,
  ) {
    this.lookup = {
      pairCount: (a, b) => {
        const ia = items.lookup(a);
        const ib = items.lookup(b);
        return ia < 0 || ib < 0 ? 0 : scorer.counts.pairCount(ia, ib);
      },
      itemCount: (id) => {
        const i = items.lookup(id);
        return i < 0 ? 0 : scorer.counts.itemCount(i);
      },
      orderCount: () => scorer.counts.orderCount,
    };
  }

  /** Candidates for every kind; the product in view counts as part of the cart for cross-sell. */
  recommend(query: RecommendationQuery): RecommendationCandidates {
    const limit = Number.isFinite(query.limit) ? Math.max(0, Math.floor(query.limit)) : 0;
    const context = query.productId ? [...query.cartProductIds, query.productId] : query.cartProductIds;
    const inCart = new Set(context);
    const substitutes = (kind: SubstituteKind): ScoredCandidate[] =>
      query.productId
        ? this.substitutesFor(query.productId, kind, limit + inCart.size, query.shopperPurchases)
            .filter((c) => !inCart.has(c.productId))
            .slice(0, limit)
        : [];
    return {
      cross_sell: this.crossSell(context, limit),
      upsell: substitutes("upsell"),
      down_sell: substitutes("down_sell"),
    };
  }

  /** Complements for a cart (never a cart item); popularity when the cart says nothing. */
  crossSell(cartProductIds: readonly string[], limit: number): ScoredCandidate[] {
    if (this.scorer.counts.orderCount === 0) return this.newShopCrossSell(cartProductIds, limit);
    const cart = this.cartIndices(cartProductIds);
    return this.scorer.rank(cart, limit).map((hit) => this.toCandidate(hit));
  }

  /** Pricier (upsell) or cheaper (down-sell) replacements for one product. */
  substitutes(productId: string, kind: SubstituteKind, limit: number): ScoredCandidate[] {
    return this.catalog.find(productId, kind, limit, this.lookup);
  }

  /**
   * Substitutes for one shopper: the top `RERANK_DEPTH` (or `limit`, if more) re-ranked by what
   * they ordered before, exactly as `SnapshotSource` re-ranks its stored lists.
   */
  substitutesFor(
    productId: string,
    kind: SubstituteKind,
    limit: number,
    purchases: ShopperPurchases | undefined,
  ): ScoredCandidate[] {
    if (!purchases || purchases.size === 0) return this.substitutes(productId, kind, limit);
    const pool = this.substitutes(productId, kind, Math.max(limit, RERANK_DEPTH));
    return rerankForShopper(pool, purchases, (id) => this.catalog.repeatRate(id), this.historyWeight).slice(
      0,
      Math.max(0, limit),
    );
  }

  /** Repeat-purchase shares of the products some customer ordered again (for the snapshot). */
  repeatRates(): Map<string, number> {
    return this.catalog.repeatRates();
  }

  /** Points per earlier order of the shopper (the snapshot applies the same weight). */
  get historyWeight(): number {
    return this.catalog.options.historyWeight;
  }

  /**
   * Adds one new order (product ids, repeats allowed): counts and popularity update at once, and
   * so do the switch counts when the buyer is known (a later order of theirs than any learned).
   */
  addOrder(productIds: readonly string[], customer?: { customerId: string; at: number }): void {
    const distinct = [...new Set(productIds.map((id) => this.items.intern(id)))].sort((a, b) => a - b);
    if (distinct.length > 0) this.scorer.counts.addBasket(distinct);
    if (customer && productIds.length > 0) this.catalog.addPurchase(customer.customerId, customer.at, productIds);
  }

  /** Every product id the model knows (ordered or in the catalog). */
  productIds(): string[] {
    const ids = new Set(this.items.ids());
    for (const id of this.catalog.productIds()) ids.add(id);
    return [...ids];
  }

  /** Number of orders learned from. */
  get orderCount(): number {
    return this.scorer.counts.orderCount;
  }

  private cartIndices(cartProductIds: readonly string[]): number[] {
    const cart = new Set<number>();
    for (const id of cartProductIds) {
      const index = this.items.lookup(id);
      if (index >= 0) cart.add(index);
    }
    return [...cart];
  }

  private toCandidate(hit: CrossSellHit): ScoredCandidate {
    const n = hit.together;
    const reason = n > 0 ? `bought together in ${n} order${n === 1 ? "" : "s"}` : "popular in this shop";
    return { productId: this.items.id(hit.item), score: hit.score, reason };
  }

  // No orders yet: cheap products of another type are the safest impulse add-ons.
  private newShopCrossSell(cartProductIds: readonly string[], limit: number): ScoredCandidate[] {
    const inCart = new Set(cartProductIds);
    const cartTypes = new Set(cartProductIds.map((id) => this.catalog.product(id)?.productType ?? ""));
    const products = this.catalog
      .productIds()
      .filter((id) => !inCart.has(id))
      .map((id) => this.catalog.product(id) as CatalogProduct)
      .sort(
        (a, b) =>
          otherType(a, cartTypes) - otherType(b, cartTypes) || a.price - b.price || cmp(a.productId, b.productId),
      );
    return products.slice(0, Math.max(0, limit)).map((p, k) => ({
      productId: p.productId,
      score: -k,
      reason: "low-priced add-on (no orders yet)",
    }));
  }
}

function otherType(product: CatalogProduct, cartTypes: Set<string>): number {
  return cartTypes.has(product.productType ?? "") ? 1 : 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isBaskets(orders: TrainingData["orders"]): orders is Baskets {
  return orders !== undefined && "orderPtr" in orders && orders.orderPtr instanceof Int32Array;
}

function collect(lines: Iterable<OrderLine>): Baskets {
  const builder = new BasketBuilder(new ItemIndex());
  for (const line of lines) builder.add(line.orderId, line.productId, line.quantity ?? 1);
  return builder.build();
}
