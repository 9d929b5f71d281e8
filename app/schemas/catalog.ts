/**
 * Products as Cartlift stores them, whichever way Shopify delivered them: a row group of the catalog
 * bulk export (JSONL), a products/create|update webhook body (REST shape), or the demo's seed all
 * become an `IncomingProduct`, ids as GIDs and decimal prices as integer minor units in the shop's
 * currency (docs/decisions/004). `app/adapters/catalog-store.server.ts` is the one code path that
 * writes them.
 */

export interface IncomingVariant {
  id: string; // gid://shopify/ProductVariant/…
  title: string;
  sku: string | null;
  priceMinor: number;
  compareAtPriceMinor: number | null;
  inventoryQuantity: number | null;
  availableForSale: boolean;
  position: number;
  selectedOptions: { name: string; value: string }[];
  inventoryItemId: string | null; // gid://shopify/InventoryItem/…
}

export interface IncomingProduct {
  id: string; // gid://shopify/Product/…
  title: string;
  handle: string;
  /**
   * Shopify's status, lower case. "unlisted" (API 2025-10+) is active but reachable only by a direct
   * link and kept out of search, collections and recommendations: an offer is a recommendation, so
   * Cartlift offers only "active" products.
   */
  status: "active" | "draft" | "archived" | "unlisted";
  /** Published to the Online Store sales channel. */
  publishedOnline: boolean;
  productType: string;
  vendor: string;
  tags: string[];
  /** Handles of the collections the product is in; null when the source does not say (webhooks). */
  collections: string[] | null;
  imageUrl: string | null;
  /**
   * The `cartlift.upgrade_features` metafield's list; null when unset; absent when the source does
   * not carry metafields (webhooks): the stored value is kept.
   */
  upgradeFeatures?: string[] | null;
  options: { name: string; values: string[] }[];
  /** Shopify's updated_at: a stored product is only replaced by a state at least as new. */
  shopifyUpdatedAt: Date;
  variants: IncomingVariant[];
}

export interface IncomingCollection {
  id: string; // gid://shopify/Collection/…
  handle: string;
  title: string;
  shopifyUpdatedAt: Date | null;
}
