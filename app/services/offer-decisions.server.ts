/**
 * Deciding offers for one shopper in one shop: load a snapshot (rules, personas, settings, shopper
 * signals, recommendations, catalog facts), then let the pure engine decide. Nothing is written.
 */
import { loadCatalogFacts } from "../adapters/catalog.server";
import { listActiveRules } from "../adapters/offer-rules.server";
import { loadShopperSignals, type SignalWindows, type StoredShopperSignals } from "../adapters/shopper-signals.server";
import {
  decideOffers,
  decideOffersWithTrace,
  type CartLine,
  type CatalogProduct,
  type ContextItem,
  type DecisionTrace,
  type OfferSnapshot,
  type Persona,
  type Rule,
  type RuleIndex,
  type ShopSettings,
  type Shopper,
  type Surface,
} from "../domain/offers";
import type { RecommendationCandidates } from "../domain/recommendations/types";
import { acceptStatsFor } from "./accept-stats.server";
import { activePersonas } from "./personas.server";
import { recommendationSourceFor } from "./recommendations.server";
import { getShopSettings } from "./shop-settings.server";

const CANDIDATES_PER_KIND = 20;
const SESSION_MS = 2 * 3_600_000;
const DAY_MS = 86_400_000;

/** Who is asking, as far as the surface knows (the storefront knows little; the preview invents). */
export interface ShopperIdentity {
  /** The shopper's stable key (the holdout hashes it; docs/decisions/011-shopper-identity.md). */
  shopperId: string;
  /** Every id their history is stored under; default: `shopperId` and `customerId`. */
  signalIds?: string[];
  customerId?: string | null;
  tags?: string[];
  country?: string;
  b2bCompany?: string | null;
  /** Replaces what is stored (the preview's simulated shopper); omitted fields come from storage. */
  overrides?: Partial<Omit<Shopper, "id">>;
}

export interface DecisionRequest {
  surface: Surface;
  shopper: ShopperIdentity;
  item?: ContextItem;
  declinedUpsell?: ContextItem;
  cartLines: CartLine[];
  /** The admin preview: decide as this persona (its conditions taken as met) and with no holdout. */
  preview?: { persona?: Persona };
}

export interface DecidedOffers {
  trace: DecisionTrace;
  snapshot: OfferSnapshot;
}

/** What a shop decides from that does not change per request (the storefront keeps it cached). */
export interface ShopDecisionContext {
  rules: Rule[];
  ruleIndex?: RuleIndex;
  personas: Persona[];
  settings: ShopSettings;
  currency: string;
}

export interface DecisionSources {
  /** The shop's rules, personas and settings; loaded fresh when absent (the preview). */
  context?: ShopDecisionContext;
  /** The shopper's stored signals, already loaded (the storefront reads them with its identities). */
  signals?: StoredShopperSignals;
  /** Catalog facts by product GID; the database when absent. */
  catalog?: (shop: string, productIds: string[]) => Promise<Record<string, CatalogProduct>>;
}

/** Builds the snapshot for the request and returns the engine's decisions with their trace. */
export async function decideForShopper(
  shop: string,
  request: DecisionRequest,
  now: Date,
  random: () => number = Math.random,
  sources: DecisionSources = {},
): Promise<DecidedOffers> {
  const snapshot = await loadSnapshot(shop, request, now, sources);
  // The storefront shows decisions only; the preview needs every rejection written out.
  const trace = request.preview
    ? decideOffersWithTrace(snapshot, now, random)
    : { ...emptyTrace(), decisions: decideOffers(snapshot, now, random) };
  return { trace, snapshot };
}

/** The rules, personas and settings a shop decides from, read from the database. */
export async function loadShopDecisionContext(shop: string, withPersonas = true): Promise<ShopDecisionContext> {
  const [rules, personas, shopSettings] = await Promise.all([
    listActiveRules(shop),
    withPersonas ? activePersonas(shop) : [],
    getShopSettings(shop),
  ]);
  return { rules, personas, settings: shopSettings.settings, currency: shopSettings.currency };
}

async function loadSnapshot(
  shop: string,
  request: DecisionRequest,
  now: Date,
  sources: DecisionSources,
): Promise<OfferSnapshot> {
  const [context, source] = await Promise.all([
    // The preview names its persona (already loaded); only real decisions need the shop's list.
    sources.context ?? loadShopDecisionContext(shop, !request.preview?.persona),
    recommendationSourceFor(shop),
  ]);
  const { rules, personas, settings, currency } = context;
  const { shopper, purchasedProducts } = await loadShopper(shop, request.shopper, settings, now, sources.signals);
  const cartProductIds = request.cartLines.map((line) => line.productId);
  const focus = request.item ?? request.declinedUpsell;
  const recommendations: RecommendationCandidates = source.recommend({
    productId: focus?.productId,
    cartProductIds,
    limit: CANDIDATES_PER_KIND,
    shopperPurchases: purchasedProducts,
  });
  const catalog = await (sources.catalog ?? loadCatalogFacts)(shop, [
    ...(focus ? [focus.productId] : []),
    ...cartProductIds,
    ...shopper.recentlyViewedProductIds,
    ...Object.values(recommendations).flatMap((list) => list.map((c) => c.productId)),
    ...ruleProductIds(rules),
  ]);
  const snapshot: OfferSnapshot = {
    surface: request.surface,
    context: {
      ...(request.item ? { item: request.item } : {}),
      ...(request.declinedUpsell ? { declinedUpsell: request.declinedUpsell } : {}),
      cartLines: request.cartLines,
      cartSubtotalMinor: request.cartLines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0),
      currency,
    },
    shopper,
    rules,
    ...(context.ruleIndex ? { ruleIndex: context.ruleIndex } : {}),
    personas: request.preview?.persona ? [{ ...request.preview.persona, conditions: [] }] : personas,
    settings: request.preview ? { ...settings, holdoutPercent: 0 } : settings,
    catalog,
    recommendations,
  };
  // How each candidate converts here, per persona: the engine's Thompson sampling orders by its persona's.
  const acceptStatsByPersona = await acceptStatsFor(shop, request.surface, now);
  return acceptStatsByPersona ? { ...snapshot, acceptStatsByPersona } : snapshot;
}

/** How far back fatigue (the decline cooldown, at least a day) and "this session" (two hours) reach. */
export function signalWindows(settings: ShopSettings, now: Date): SignalWindows {
  return {
    offerHistorySince: new Date(now.getTime() - Math.max(settings.declineCooldownDays, 1) * DAY_MS),
    sessionSince: new Date(now.getTime() - SESSION_MS),
  };
}

async function loadShopper(
  shop: string,
  identity: ShopperIdentity,
  settings: ShopSettings,
  now: Date,
  preloaded: StoredShopperSignals | undefined,
): Promise<{ shopper: Shopper; purchasedProducts: ReadonlyMap<string, number> }> {
  const ids = identity.signalIds ?? [identity.shopperId, ...(identity.customerId ? [identity.customerId] : [])];
  // What they bought re-ranks the recommendations; the engine itself never sees it.
  const { purchasedProducts, ...stored } =
    preloaded ?? (await loadShopperSignals(shop, ids, identity.customerId ?? null, signalWindows(settings, now)));
  const shopper: Shopper = {
    id: identity.shopperId,
    ...(identity.customerId ? { customerId: identity.customerId } : {}),
    tags: identity.tags ?? [],
    ...(identity.country ? { country: identity.country } : {}),
    b2bCompany: identity.b2bCompany ?? null,
    ...stored,
    ...identity.overrides,
  };
  return { shopper, purchasedProducts };
}

function emptyTrace(): DecisionTrace {
  return { decisions: [], rejected: [], persona: null, holdout: false, matchedRuleIds: [] };
}

function ruleProductIds(rules: Rule[]): string[] {
  return rules.flatMap((rule) => (rule.offer.type === "products" ? rule.offer.productIds : []));
}
