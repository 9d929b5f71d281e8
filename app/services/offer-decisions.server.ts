/**
 * Deciding offers for one shopper in one shop: load a snapshot (rules, personas, settings, shopper
 * signals, recommendations, catalog facts), then let the pure engine decide. Nothing is written.
 */
import { loadCatalogFacts } from "../adapters/catalog.server";
import { listActiveRules } from "../adapters/offer-rules.server";
import { loadShopperSignals } from "../adapters/shopper-signals.server";
import {
  decideOffersWithTrace,
  type CartLine,
  type ContextItem,
  type DecisionTrace,
  type OfferSnapshot,
  type Persona,
  type Rule,
  type Shopper,
  type Surface,
} from "../domain/offers";
import type { RecommendationCandidates } from "../domain/recommendations/types";
import { activePersonas } from "./personas.server";
import { recommendationSourceFor } from "./recommendations.server";
import { getShopSettings } from "./shop-settings.server";

const CANDIDATES_PER_KIND = 20;
const SESSION_MS = 2 * 3_600_000;
const DAY_MS = 86_400_000;

/** Who is asking, as far as the surface knows (the storefront knows little; the preview invents). */
export interface ShopperIdentity {
  shopperId: string;
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

/** Builds the snapshot for the request and returns the engine's decisions with their trace. */
export async function decideForShopper(
  shop: string,
  request: DecisionRequest,
  now: Date,
  random: () => number = Math.random,
): Promise<DecidedOffers> {
  const snapshot = await loadSnapshot(shop, request, now);
  return { trace: decideOffersWithTrace(snapshot, now, random), snapshot };
}

async function loadSnapshot(shop: string, request: DecisionRequest, now: Date): Promise<OfferSnapshot> {
  const [rules, personas, shopSettings, source] = await Promise.all([
    listActiveRules(shop),
    // The preview names its persona (already loaded); only real decisions need the shop's list.
    request.preview?.persona ? [] : activePersonas(shop),
    getShopSettings(shop),
    recommendationSourceFor(shop),
  ]);
  const { settings, currency } = shopSettings;
  const shopper = await loadShopper(shop, request.shopper, settings.declineCooldownDays, now);
  const cartProductIds = request.cartLines.map((line) => line.productId);
  const focus = request.item ?? request.declinedUpsell;
  const recommendations: RecommendationCandidates = source.recommend({
    productId: focus?.productId,
    cartProductIds,
    limit: CANDIDATES_PER_KIND,
  });
  const catalog = await loadCatalogFacts(shop, [
    ...(focus ? [focus.productId] : []),
    ...cartProductIds,
    ...shopper.recentlyViewedProductIds,
    ...Object.values(recommendations).flatMap((list) => list.map((c) => c.productId)),
    ...ruleProductIds(rules),
  ]);
  return {
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
    personas: request.preview?.persona ? [{ ...request.preview.persona, conditions: [] }] : personas,
    settings: request.preview ? { ...settings, holdoutPercent: 0 } : settings,
    catalog,
    recommendations,
  };
}

async function loadShopper(shop: string, identity: ShopperIdentity, cooldownDays: number, now: Date): Promise<Shopper> {
  const stored = await loadShopperSignals(shop, identity.shopperId, identity.customerId ?? null, {
    offerHistorySince: new Date(now.getTime() - Math.max(cooldownDays, 1) * DAY_MS),
    sessionSince: new Date(now.getTime() - SESSION_MS),
  });
  return {
    id: identity.shopperId,
    ...(identity.customerId ? { customerId: identity.customerId } : {}),
    tags: identity.tags ?? [],
    ...(identity.country ? { country: identity.country } : {}),
    b2bCompany: identity.b2bCompany ?? null,
    ...stored,
    ...identity.overrides,
  };
}

function ruleProductIds(rules: Rule[]): string[] {
  return rules.flatMap((rule) => (rule.offer.type === "products" ? rule.offer.productIds : []));
}
