/**
 * The offer engine's vocabulary: the snapshot it decides from (context, shopper signals, rules,
 * personas, settings, catalog facts, recommendation candidates) and the decisions it returns.
 * Money is always an integer number of the currency's minor units, named `…Minor`.
 */
import type { RecommendationCandidates, RecommendationKind } from "../recommendations/types";
import type { AcceptStats } from "./bandit";
import type { RuleIndex } from "./rule-index";

/** Where an offer is shown. */
export type Surface = "product" | "cart" | "cart_removal" | "checkout" | "thank_you";

/** Every surface, in a fixed order (for iteration and validation). */
export const SURFACES: readonly Surface[] = ["product", "cart", "cart_removal", "checkout", "thank_you"];

/** The three techniques. */
export type OfferKind = RecommendationKind;

/** Every technique. */
export const OFFER_KINDS: readonly OfferKind[] = ["upsell", "cross_sell", "down_sell"];

/** A point in time as the adapters hand it over. */
export type Instant = Date | string;

/** One line of the cart (or of the order, on the thank-you page). */
export interface CartLine {
  productId: string;
  variantId: string;
  quantity: number;
  unitPriceMinor: number;
}

/** A product the shopper is dealing with: viewed, removed, or declined. */
export interface ContextItem {
  productId: string;
  variantId?: string;
  /** The price the shopper saw (e.g. the removed line's price); else the catalog decides. */
  unitPriceMinor?: number;
}

/** What is on screen when the engine is asked. */
export interface OfferContext {
  /** Product page: the product in view; cart removal: the removed line or declined upsell. */
  item?: ContextItem;
  /** An upsell the shopper just said no to, on any surface: it makes a down-sell timely. */
  declinedUpsell?: ContextItem;
  cartLines: CartLine[];
  cartSubtotalMinor: number;
  currency: string;
}

/** A past impression of an offer, for frequency caps across surfaces. */
export interface Impression {
  offerKey: string;
  at: Instant;
  surface: Surface;
}

/** A past "no thanks" on an offer. */
export interface Decline {
  offerKey: string;
  at: Instant;
}

/** What the engine knows about the shopper. */
export interface Shopper {
  /**
   * The shopper's stable key: the first id Cartlift saw of them (anonymous or customer), kept across
   * login and logout, so the holdout (which hashes it) never changes group (docs/decisions/011).
   */
  id: string;
  customerId?: string;
  tags: string[];
  orderCount: number;
  totalSpentMinor: number;
  b2bCompany?: string | null;
  country?: string;
  recentlyViewedProductIds: string[];
  /** Removed from the cart during this session. */
  removedProductIds: string[];
  impressions: Impression[];
  declines: Decline[];
}

/** A rule condition; all of a rule's conditions must hold. Lists mean "any of". */
export type Condition =
  | { type: "product_in_view"; productIds: string[] }
  | { type: "product_in_cart"; productIds: string[] }
  | { type: "variant_in_cart"; variantIds: string[] }
  | { type: "collection_in_view"; handles: string[] }
  | { type: "collection_in_cart"; handles: string[] }
  | { type: "tag_in_view"; tags: string[] }
  | { type: "tag_in_cart"; tags: string[] }
  | { type: "product_type_in_view"; productTypes: string[] }
  | { type: "product_type_in_cart"; productTypes: string[] }
  | { type: "vendor_in_view"; vendors: string[] }
  | { type: "vendor_in_cart"; vendors: string[] }
  | { type: "cart_subtotal"; minMinor?: number; maxMinor?: number }
  | { type: "persona"; personaIds: string[] }
  | { type: "customer_tag"; tags: string[] };

/** What a rule offers: named products (optionally pinned variants) or the top recommendations. */
export type RuleOffer =
  { type: "products"; productIds: string[]; variantIds?: string[] } | { type: "automatic"; limit?: number };

/** A discount on the offered item: a percentage (1–100, up to two decimals) or a fixed amount off. */
export type Discount = { type: "percentage"; value: number } | { type: "fixed_amount"; amountMinor: number };

/** When a rule runs: from `startsAt` (inclusive) until `endsAt` (exclusive). */
export interface Schedule {
  startsAt?: Instant;
  endsAt?: Instant;
}

/** A merchant's offer rule. */
export interface Rule {
  id: string;
  name: string;
  active: boolean;
  /** Higher first. */
  priority: number;
  kind: OfferKind;
  surfaces: Surface[];
  conditions: Condition[];
  offer: RuleOffer;
  discount?: Discount;
  schedule?: Schedule;
}

/** Shopper behaviour this session that marks a price-sensitive shopper. */
export type Behaviour = "removed_items" | "browsed_cheaper";

/** A persona condition; all must hold, none means everyone. Lists mean "any of"; ranges are inclusive. */
export type PersonaCondition =
  | { type: "customer_tag"; tags: string[] }
  | { type: "order_count"; min?: number; max?: number }
  | { type: "total_spent"; minMinor?: number; maxMinor?: number }
  | { type: "b2b" }
  | { type: "country"; countries: string[] }
  | { type: "cart_value"; minMinor?: number; maxMinor?: number }
  | { type: "behaviour"; anyOf: Behaviour[] }
  | { type: "new_visitor" };

/** A shopper segment that decides which techniques a shopper gets on each surface (in preference order). */
export interface Persona {
  id: string;
  name: string;
  builtIn: boolean;
  conditions: PersonaCondition[];
  techniques: Record<Surface, OfferKind[]>;
}

/** Guardrail settings of a shop (see `settings.ts` for defaults). */
export interface ShopSettings {
  /** What offers add stays at or below this % of the order (or of the item on the product page). */
  priceCapPercent: number;
  /** Offers per surface; on the product page this counts upsells and down-sells. */
  maxOffersPerSurface: Record<Surface, number>;
  /** "Frequently bought together" cross-sells on the product page, beside the upsell. */
  maxBoughtTogether: number;
  declineCooldownDays: number;
  maxImpressionsPerOfferPerDay: number;
  /** Share of shoppers (0–100, up to two decimals) who see no offers, to measure lift. */
  holdoutPercent: number;
  holdoutSalt?: string;
  /** Chance (0–100) that an automatic list leads with a lower-ranked candidate, so new items get seen. */
  explorationPercent: number;
}

/** Settings as stored: anything missing takes the default. */
export type ShopSettingsInput = Partial<Omit<ShopSettings, "maxOffersPerSurface">> & {
  maxOffersPerSurface?: Partial<Record<Surface, number>>;
};

/** One variant's facts. */
export interface CatalogVariant {
  id: string;
  title: string;
  priceMinor: number;
  compareAtPriceMinor: number | null;
  availableForSale: boolean;
  inventoryQuantity: number | null;
}

/** One product's facts. */
export interface CatalogProduct {
  productId: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string[];
  /** Collection handles. */
  collections: string[];
  variants: CatalogVariant[];
  imageUrl: string | null;
  /** What this item adds over a cheaper one (the `cartlift.upgrade_features` metafield), when set. */
  upgradeFeatures?: string[];
  /**
   * False for a product a shopper cannot buy on the Online Store (draft, archived, or not
   * published to it): it is never offered, whatever names it, though its facts still describe and
   * price it as the item in view or a cart line. Absent means offerable.
   */
  offerable?: boolean;
}

/** Everything one decision needs; the engine does no I/O. */
export interface OfferSnapshot {
  surface: Surface;
  context: OfferContext;
  shopper: Shopper;
  rules: Rule[];
  /** Optional: `indexRules(rules)` built once per rule change, so large rule sets are not scanned. */
  ruleIndex?: RuleIndex;
  /** In order: the first that matches wins. */
  personas: Persona[];
  /** Absent until the merchant saves settings: the defaults apply. */
  settings?: ShopSettingsInput;
  /** Facts for the item in view, the cart's products, recently viewed products and every candidate. */
  catalog: Record<string, CatalogProduct>;
  recommendations: RecommendationCandidates;
  /**
   * This shop's offer counts for this surface and this shopper's persona, by product id: how often
   * each product was shown as an offer and how often it was then added (the service loads them
   * from the analytics rollups). When present, automatic lists and multi-product rules are ordered
   * by Thompson sampling on accept rate (`bandit.ts`); absent means no bandit, the given order.
   */
  acceptStats?: ReadonlyMap<string, AcceptStats>;
  /**
   * The same counts for every persona that has them, by persona id ("" for shoppers no persona
   * matched): the engine takes those of the persona it matches. `acceptStats`, when given, wins.
   */
  acceptStatsByPersona?: ReadonlyMap<string, ReadonlyMap<string, AcceptStats>>;
}

/** The item an upsell or down-sell replaces. */
export interface ComparedItem {
  productId: string;
  variantId: string | null;
  priceMinor: number;
}

/** One offer to show. */
export interface OfferDecision {
  /** `${kind}:${productId}`: the key fatigue caps count by. */
  offerKey: string;
  kind: OfferKind;
  surface: Surface;
  productId: string;
  variantId: string;
  title: string;
  handle: string;
  imageUrl: string | null;
  priceMinor: number;
  compareAtPriceMinor: number | null;
  discount?: Discount;
  finalPriceMinor: number;
  currency: string;
  ruleId: string | null;
  personaId: string | null;
  /** For the merchant's "why was this shown". */
  reason: string;
  score: number;
  /** Upsell and down-sell: the item being replaced. */
  comparesTo?: ComparedItem;
  /** Upsell and down-sell: final price minus the replaced item's price (negative for a down-sell). */
  priceDeltaMinor?: number;
}

/** Which guardrail turned a candidate (or, with no product, a whole rule or technique) away. */
export type Guardrail =
  | "technique"
  | "down_sell_timing"
  | "b2b_impulse"
  | "unknown_product"
  | "not_for_sale"
  | "out_of_stock"
  | "itself"
  | "in_cart"
  | "duplicate"
  | "not_upgrade"
  | "not_cheaper"
  | "substitute"
  | "declined"
  | "impressions"
  | "price_cap"
  | "surface_cap";

/** A candidate that was not shown, and why. */
export interface Rejection {
  /** Null when a whole rule or automatic list was turned away. */
  productId: string | null;
  kind: OfferKind;
  ruleId: string | null;
  guardrail: Guardrail;
  reason: string;
}

/** The persona that decided the techniques, and why it matched. */
export interface PersonaMatch {
  personaId: string;
  name: string;
  /** E.g. "Persona VIP: spent $1,234.00 over 7 orders". */
  explanation: string;
}

/** Decisions plus what a preview needs to explain them. */
export interface DecisionTrace {
  decisions: OfferDecision[];
  rejected: Rejection[];
  persona: PersonaMatch | null;
  holdout: boolean;
  /** Rules whose surface, schedule and conditions matched, best priority first. */
  matchedRuleIds: string[];
  /** Each candidate the bandit ordered, in the order it was considered; only with `acceptStats`. */
  posteriors?: CandidatePosterior[];
}

/** A candidate's accept-rate belief in one bandit-ordered list (automatic or a multi-product rule). */
export interface CandidatePosterior {
  kind: OfferKind;
  ruleId: string | null;
  productId: string;
  /** Its place in the recommender's (or the rule's) order, from 0. */
  rank: number;
  /** Beta(alpha, beta): prior plus adds, prior plus impressions without an add. */
  alpha: number;
  beta: number;
  /** The posterior mean accept rate. */
  mean: number;
  /** This decision's Thompson draw: the list was considered by it, highest first. */
  draw: number;
}
