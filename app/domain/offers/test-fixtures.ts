/**
 * Small factories for offer-engine tests: a coffee shop catalog and a snapshot builder with
 * defaults (cart surface, one Brew Plus in the cart, anonymous shopper, built-in personas).
 */
import type { RecommendationCandidates, ScoredCandidate } from "../recommendations/types";
import type { AcceptStats } from "./bandit";
import { decideOffers, decideOffersWithTrace } from "./decide";
import { builtInPersonas } from "./personas";
import type {
  CatalogProduct,
  CatalogVariant,
  OfferContext,
  OfferDecision,
  OfferSnapshot,
  Persona,
  Rejection,
  Rule,
  Shopper,
  Surface,
} from "./types";

/** A fixed "now" for tests: Tuesday 10 March 2026, noon UTC. */
export const NOW = new Date("2026-03-10T12:00:00.000Z");

/** A `random` that must not be called (exploration is off by default). */
export function noRandom(): number {
  throw new Error("random was called although exploration is off");
}

/** A product with one variant `${id}-v1` for sale at `priceMinor`; handle = id. */
export function product(
  id: string,
  title: string,
  productType: string,
  priceMinor: number,
  extra: Partial<CatalogProduct> = {},
): CatalogProduct {
  return {
    productId: id,
    title,
    handle: id,
    productType,
    vendor: "Brewco",
    tags: [],
    collections: [],
    variants: [variant(`${id}-v1`, priceMinor)],
    imageUrl: null,
    ...extra,
  };
}

/** A variant for sale with no compare-at price. */
export function variant(id: string, priceMinor: number, extra: Partial<CatalogVariant> = {}): CatalogVariant {
  return {
    id,
    title: "Default Title",
    priceMinor,
    compareAtPriceMinor: null,
    availableForSale: true,
    inventoryQuantity: 10,
    ...extra,
  };
}

/** The coffee shop: machines at several prices, complements, a bundle, one item out of stock. */
export function coffeeCatalog(): Record<string, CatalogProduct> {
  const products = [
    product("brew-mini", "Brew Mini", "Coffee machine", 20_000, { collections: ["machines"] }),
    product("brew-plus", "Brew Plus", "Coffee machine", 30_000, { collections: ["machines"], tags: ["Machine"] }),
    product("brew-plus-red", "Brew Plus Red", "Coffee machine", 30_000),
    product("brew-pro", "Brew Pro", "Coffee machine", 36_000, {
      collections: ["machines"],
      variants: [variant("brew-pro-v1", 36_000, { compareAtPriceMinor: 39_000 })],
    }),
    product("brew-max", "Brew Max", "Coffee machine", 90_000, { collections: ["machines"] }),
    product("pods", "Brew Pods", "Coffee pods", 1_200, { vendor: "Podco", collections: ["pods"], tags: ["refill"] }),
    product("descaler", "Descaler", "Care", 900, { collections: ["care"] }),
    product("mug", "Brew Mug", "Mug", 1_500),
    product("warranty", "2-year warranty", "Warranty", 4_500),
    product("barista-kit", "Barista kit", "Bundle", 34_000),
    product("grinder", "Grinder", "Grinder", 8_000, {
      variants: [variant("grinder-v1", 8_000, { availableForSale: false, inventoryQuantity: 0 })],
    }),
  ];
  return Object.fromEntries(products.map((p) => [p.productId, p]));
}

/** The built-in personas with one persona's techniques replaced on some surfaces (a merchant's edit). */
export function builtInPersonasWith(personaId: string, techniques: Partial<Persona["techniques"]>): Persona[] {
  return builtInPersonas().map((p) =>
    p.id === personaId ? { ...p, techniques: { ...p.techniques, ...techniques } } : p,
  );
}

/** An anonymous shopper with no history. */
export function shopper(extra: Partial<Shopper> = {}): Shopper {
  return {
    id: "shopper-1",
    tags: [],
    orderCount: 0,
    totalSpentMinor: 0,
    recentlyViewedProductIds: [],
    removedProductIds: [],
    impressions: [],
    declines: [],
    ...extra,
  };
}

/** Candidate lists from "id:score" pairs, with the reason "signal <id>". */
export function recs(lists: Partial<Record<keyof RecommendationCandidates, string[]>> = {}): RecommendationCandidates {
  const parse = (pairs: string[] = []): ScoredCandidate[] =>
    pairs.map((pair) => {
      const [productId, score] = pair.split(":");
      return { productId, score: Number(score), reason: `signal ${productId}` };
    });
  return { upsell: parse(lists.upsell), cross_sell: parse(lists.cross_sell), down_sell: parse(lists.down_sell) };
}

/** A cart of the given products (one each, at catalog price). */
export function cartOf(...ids: string[]): Pick<OfferContext, "cartLines" | "cartSubtotalMinor"> {
  const catalog = coffeeCatalog();
  const cartLines = ids.map((id) => ({
    productId: id,
    variantId: `${id}-v1`,
    quantity: 1,
    unitPriceMinor: catalog[id].variants[0].priceMinor,
  }));
  return { cartLines, cartSubtotalMinor: cartLines.reduce((sum, line) => sum + line.unitPriceMinor, 0) };
}

/** Snapshot overrides; `shopper` and `context` merge into the defaults. */
export type SnapshotOverrides = Partial<Omit<OfferSnapshot, "shopper" | "context">> & {
  shopper?: Partial<Shopper>;
  context?: Partial<OfferContext>;
};

/** A cart-surface snapshot with Brew Plus in the cart, built-in personas, no rules and no recommendations. */
export function snapshot(overrides: SnapshotOverrides = {}): OfferSnapshot {
  const { shopper: who, context, ...rest } = overrides;
  return {
    surface: "cart",
    rules: [],
    personas: builtInPersonas(),
    settings: {},
    catalog: coffeeCatalog(),
    recommendations: recs(),
    ...rest,
    shopper: shopper(who),
    context: { ...cartOf("brew-plus"), currency: "USD", ...context },
  };
}

/** An active cross-sell rule on the cart with no conditions offering pods. */
export function rule(extra: Partial<Rule> = {}): Rule {
  return {
    id: "r1",
    name: "Pods with machines",
    active: true,
    priority: 0,
    kind: "cross_sell",
    surfaces: ["cart"],
    conditions: [],
    offer: { type: "products", productIds: ["pods"] },
    ...extra,
  };
}

/** The fields every expected decision in the tests shares unless it says otherwise. */
export function offerBase(
  surface: Surface = "cart",
): Pick<OfferDecision, "surface" | "currency" | "imageUrl" | "compareAtPriceMinor" | "ruleId" | "personaId" | "score"> {
  return {
    surface,
    currency: "USD",
    imageUrl: null,
    compareAtPriceMinor: null,
    ruleId: null,
    personaId: "new_visitor",
    score: 0,
  };
}

/** The explanation every anonymous first-time shopper gets. */
export const NEW_VISITOR = "Persona New visitor: no earlier persona matched";

/**
 * Decisions and rejections for a snapshot built from `overrides`, at NOW, with exploration off.
 * Also checks that `decideOffers` (which skips the rejection texts) decides exactly the same.
 */
export function trace(overrides: SnapshotOverrides): { decisions: OfferDecision[]; rejected: Rejection[] } {
  const snap = snapshot(overrides);
  const { decisions, rejected } = decideOffersWithTrace(snap, NOW, noRandom);
  const plain = decideOffers(snap, NOW, noRandom);
  if (JSON.stringify(plain) !== JSON.stringify(decisions)) {
    throw new Error(`decideOffers and decideOffersWithTrace disagree: ${JSON.stringify({ plain, decisions })}`);
  }
  return { decisions, rejected };
}

/** The expected automatic cross-sell decision for a new visitor on the cart (variant `${id}-v1`, handle = id). */
export function crossOffer(id: string, title: string, priceMinor: number, score: number): OfferDecision {
  return {
    ...offerBase(),
    offerKey: `cross_sell:${id}`,
    kind: "cross_sell",
    productId: id,
    variantId: `${id}-v1`,
    title,
    handle: id,
    priceMinor,
    finalPriceMinor: priceMinor,
    score,
    reason: `Automatic cross-sell: ${title} at $${(priceMinor / 100).toFixed(2)}; signal ${id}; ${NEW_VISITOR}`,
  };
}

/** A rejection of an automatic (rule-less) candidate. */
export function autoRejection(
  productId: string | null,
  kind: Rejection["kind"],
  guardrail: Rejection["guardrail"],
  reason: string,
): Rejection {
  return { productId, kind, ruleId: null, guardrail, reason };
}

/** The product page of `productId` with an empty cart. */
export function onProductPage(productId: string): SnapshotOverrides {
  return { surface: "product", context: { item: { productId }, cartLines: [], cartSubtotalMinor: 0 } };
}

/** How an expected decision's surface, score and persona differ from the usual (product page, new visitor). */
export interface ExpectedAs {
  surface?: Surface;
  score?: number;
  personaId?: string;
  explanation?: string;
}

/** The expected automatic upsell from Brew Plus to Brew Pro (by default on the product page, score 0.7). */
export function proUpsellOnPage(as: ExpectedAs = {}): OfferDecision {
  return {
    ...offerBase(as.surface ?? "product"),
    personaId: as.personaId ?? "new_visitor",
    offerKey: "upsell:brew-pro",
    kind: "upsell",
    productId: "brew-pro",
    variantId: "brew-pro-v1",
    title: "Brew Pro",
    handle: "brew-pro",
    priceMinor: 36_000,
    compareAtPriceMinor: 39_000,
    finalPriceMinor: 36_000,
    score: as.score ?? 0.7,
    comparesTo: { productId: "brew-plus", variantId: "brew-plus-v1", priceMinor: 30_000 },
    priceDeltaMinor: 6_000,
    reason: `Automatic upsell: premium Brew Pro instead of Brew Plus, +$60.00; signal brew-pro; ${as.explanation ?? NEW_VISITOR}`,
  };
}

/** The expected automatic down-sell from a removed Brew Pro to Brew Plus (score 0.7). */
export function plusDownSellOnRemoval(explanation: string = NEW_VISITOR): OfferDecision {
  return {
    ...offerBase("cart_removal"),
    offerKey: "down_sell:brew-plus",
    kind: "down_sell",
    productId: "brew-plus",
    variantId: "brew-plus-v1",
    title: "Brew Plus",
    handle: "brew-plus",
    priceMinor: 30_000,
    finalPriceMinor: 30_000,
    score: 0.7,
    comparesTo: { productId: "brew-pro", variantId: "brew-pro-v1", priceMinor: 36_000 },
    priceDeltaMinor: -6_000,
    reason: `Automatic down-sell: Brew Plus instead of Brew Pro, saves $60.00; signal brew-plus; ${explanation}`,
  };
}

/** Accept stats from `productId: [impressions, adds]` pairs. */
export function acceptStatsOf(counts: Record<string, [number, number]>): Map<string, AcceptStats> {
  return new Map(Object.entries(counts).map(([id, [impressions, adds]]) => [id, { impressions, adds }]));
}
