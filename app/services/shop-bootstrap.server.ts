/**
 * The install bootstrap: read the shop from the Admin API (currency, timezone, money format, plan…)
 * and store it on its row. It runs on every auth (afterAuth in app/shopify.server.ts), so it is
 * idempotent: one query, one upsert, and a shop that changed its settings in Shopify is refreshed.
 */
import type { AdminGraphql } from "../adapters/admin-bulk.server";
import { fetchShopDetails } from "../adapters/admin-shop.server";
import { saveShopDetails } from "../adapters/shop-repository.server";
import type { ShopDetails } from "../schemas/shop";

/** Fetches the shop's details and stores them; AdminApiError when Shopify cannot be reached. */
export async function bootstrapShop(shop: string, admin: AdminGraphql): Promise<ShopDetails> {
  const details = await fetchShopDetails(admin);
  await saveShopDetails(shop, details);
  return details;
}
