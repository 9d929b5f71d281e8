import type { CatalogImportSummary } from "../adapters/catalog-import-store.server";
import { countShopData, findShop, type ShopCounts } from "../adapters/shop-repository.server";
import { catalogImportProgress } from "./catalog-import.server";
import { countDeadLetters } from "./webhook-dead-letters.server";

export interface ShopOverview extends Omit<ShopCounts, "lastOrderAt"> {
  shop: string;
  name: string;
  currency: string | null;
  lastOrderAt: string | null;
  /** IANA zone the page shows times in (null until the install bootstrap read it). */
  timezone: string | null;
  /** The latest catalog import, for the progress card (null: none yet). */
  catalogImport: CatalogImportSummary | null;
  /** Webhook deliveries that could not be read and wait for a replay. */
  deadLetters: number;
}

/** What the admin home page shows about a shop. */
export async function getShopOverview(shop: string): Promise<ShopOverview> {
  const [record, counts, catalogImport, deadLetters] = await Promise.all([
    findShop(shop),
    countShopData(shop),
    catalogImportProgress(shop),
    countDeadLetters(shop),
  ]);
  return {
    shop,
    name: record?.name ?? shop.replace(/\.myshopify\.com$/, ""),
    // No row yet (the install bootstrap could not reach Shopify): no currency, never a guessed one.
    currency: record?.currency ?? null,
    ...counts,
    lastOrderAt: counts.lastOrderAt?.toISOString() ?? null,
    timezone: record?.timezone ?? null,
    catalogImport,
    deadLetters,
  };
}
