/** Each shop's offer mark key: created once, at install, demo seed or first storefront use. */
import { storeMarkKeyIfMissing } from "../adapters/offer-mark-keys.server";
import { newMarkKey } from "./offer-mark.server";

/** The shop's key, creating it if it has none; null when Cartlift has no row for the shop. Idempotent. */
export async function ensureOfferMarkKey(shop: string): Promise<string | null> {
  return storeMarkKeyIfMissing(shop, newMarkKey());
}
