/**
 * What the storefront endpoints need of a shop that does not change per request (rules and their
 * index, personas, settings, currency, free-shipping threshold, offer mark key), cached per process.
 * The admin's saves (`shopChanged`) invalidate it here; other servers converge within `TTL_MS`.
 */
import { findStorefrontShop } from "../adapters/offer-mark-keys.server";
import { indexRules } from "../domain/offers";
import { forgetCatalog } from "./catalog-cache.server";
import { loadShopDecisionContext, type ShopDecisionContext } from "./offer-decisions.server";
import { ensureOfferMarkKey } from "./offer-mark-keys.server";
import { onShopChanged } from "./shop-changes.server";

const TTL_MS = 30_000;
const MAX_SHOPS = 500;

export interface StorefrontShop {
  decision: ShopDecisionContext;
  freeShippingThresholdMinor: number | null;
  markKey: string;
}

interface Entry {
  loaded: Promise<StorefrontShop | null>;
  at: number;
}

const cache = new Map<string, Entry>();
onShopChanged(invalidateStorefrontShop);

/** The shop's cached storefront facts; null when the shop is not installed (no Shop row, or uninstalled). */
export async function storefrontShop(shop: string, now = Date.now()): Promise<StorefrontShop | null> {
  const hit = cache.get(shop);
  if (hit && now - hit.at < TTL_MS) return hit.loaded;
  const loaded = loadStorefrontShop(shop);
  cache.delete(shop);
  cache.set(shop, { loaded, at: now });
  if (cache.size > MAX_SHOPS) cache.delete(cache.keys().next().value!);
  // A failed load, or a shop not installed yet, is not remembered: the next request asks again.
  loaded.then(
    (found) => found === null && cache.get(shop)?.loaded === loaded && cache.delete(shop),
    () => cache.get(shop)?.loaded === loaded && cache.delete(shop),
  );
  return loaded;
}

/** Forgets the shop's cached facts and catalog: the merchant saved rules, personas or settings. */
export function invalidateStorefrontShop(shop: string): void {
  cache.delete(shop);
  forgetCatalog(shop);
}

async function loadStorefrontShop(shop: string): Promise<StorefrontShop | null> {
  const row = await findStorefrontShop(shop);
  if (!row || !row.installed) return null;
  const [decision, markKey] = await Promise.all([
    loadShopDecisionContext(shop),
    row.offerMarkKey ? row.offerMarkKey : ensureOfferMarkKey(shop),
  ]);
  if (!markKey) return null;
  return {
    decision: { ...decision, ruleIndex: indexRules(decision.rules) },
    freeShippingThresholdMinor: row.freeShippingThresholdMinor,
    markKey,
  };
}
