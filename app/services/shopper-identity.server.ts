/**
 * One shopper across login (docs/decisions/011-shopper-identity.md). The storefront knows a shopper
 * by an anonymous id (localStorage) and, when logged in, by their customer id; both are linked to
 * one shopper key the first time they are seen together, so the holdout group, fatigue history and
 * declines carry over in both directions.
 */
import { loadShopperHistory } from "../adapters/shopper-history.server";
import { findIdentities, findLinkedIds, linkIdentities, type IdentityRow } from "../adapters/shopper-identity.server";
import { loadShopperSignals, type SignalWindows, type StoredShopperSignals } from "../adapters/shopper-signals.server";
import { forgetShopperIds } from "./shopper-cache.server";

export interface ResolvedShopper {
  /** The stable key: the first id Cartlift saw of the shopper (the holdout hashes it). */
  key: string;
  /** Every id their history is stored under. */
  ids: string[];
  /** The id new events are stored under: the customer when logged in, else the anonymous id. */
  eventId: string;
}

/** Finds the shopper behind the ids, linking them when both are known and not yet linked. */
export async function resolveShopper(
  shop: string,
  anonymousId: string,
  customerId: string | null,
): Promise<ResolvedShopper> {
  const rows = await findIdentities(shop, customerId ? [anonymousId, customerId] : [anonymousId]);
  const anonymous = rows.get(anonymousId);
  if (!customerId) {
    // Never seen logged in: no row, the anonymous id is the key. Logged out after a login: the link stays.
    if (!anonymous) return { key: anonymousId, ids: [anonymousId], eventId: anonymousId };
    return {
      key: anonymous.shopperKey,
      ids: await linkedIds(shop, anonymous.shopperKey, [anonymousId]),
      eventId: anonymousId,
    };
  }
  const key = await linkLoggedIn(shop, rows, anonymousId, customerId);
  return { key, ids: await linkedIds(shop, key, [customerId, anonymousId]), eventId: customerId };
}

/**
 * `resolveShopper` plus the shopper's stored signals, for the offers endpoint: one query in the
 * steady state (identities and history together), links written only when new.
 */
export async function resolveShopperWithSignals(
  shop: string,
  anonymousId: string,
  customerId: string | null,
  windows: SignalWindows,
): Promise<{ shopper: ResolvedShopper; signals: StoredShopperSignals }> {
  const given = customerId ? [anonymousId, customerId] : [anonymousId];
  const history = await loadShopperHistory(shop, given, customerId, windows);
  const rows = new Map(history.identities.map((row) => [row.id, row]));
  const key = customerId
    ? await linkLoggedIn(shop, rows, anonymousId, customerId)
    : (rows.get(anonymousId)?.shopperKey ?? anonymousId);
  const ids = [...new Set([...given, ...history.identities.filter((r) => r.shopperKey === key).map((r) => r.id)])];
  const shopper = { key, ids, eventId: customerId ?? anonymousId };
  // The history read covered another shopper's ids too (a shared device just moved): read again.
  const loaded = new Set([...given, ...history.identities.map((r) => r.id)]);
  if (loaded.size === ids.length) return { shopper, signals: history.signals };
  return { shopper, signals: await loadShopperSignals(shop, ids, customerId, windows) };
}

/**
 * The shopper key of a logged-in request; links both ids to it when the stored rows differ. What was
 * cached for either id alone (e.g. the logged-out device) then no longer covers the shopper.
 */
async function linkLoggedIn(
  shop: string,
  rows: Map<string, IdentityRow>,
  anonymousId: string,
  customerId: string,
): Promise<string> {
  const key = keyFor(rows.get(customerId), rows.get(anonymousId), anonymousId, customerId);
  const wanted: IdentityRow[] = [
    { id: customerId, shopperKey: key, customerId },
    { id: anonymousId, shopperKey: key, customerId },
  ];
  const stale = wanted.filter((row) => !sameRow(rows.get(row.id), row));
  if (stale.length > 0) {
    await linkIdentities(shop, stale);
    forgetShopperIds(shop, [anonymousId, customerId]);
  }
  return key;
}

// The customer's existing key wins; else the anonymous id's group joins the customer, unless that
// device was last linked to another customer (a shared computer): then the customer starts afresh.
function keyFor(
  customer: IdentityRow | undefined,
  anonymous: IdentityRow | undefined,
  anonymousId: string,
  customerId: string,
): string {
  if (customer) return customer.shopperKey;
  if (!anonymous) return anonymousId;
  return anonymous.customerId === null || anonymous.customerId === customerId ? anonymous.shopperKey : customerId;
}

function sameRow(stored: IdentityRow | undefined, wanted: IdentityRow): boolean {
  return stored !== undefined && stored.shopperKey === wanted.shopperKey && stored.customerId === wanted.customerId;
}

async function linkedIds(shop: string, key: string, known: string[]): Promise<string[]> {
  return [...new Set([...known, ...(await findLinkedIds(shop, key))])];
}
