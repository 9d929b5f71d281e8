/**
 * The Admin GraphQL API for the catalog import: start a bulk export of every product with its
 * variants and collections, and count the products (for the admin's progress bar). The export's
 * state and file are read with the shared helpers of admin-bulk.server.ts.
 */
import { productsCountResponse } from "../schemas/catalog-bulk";
import { request, startBulkExport, type AdminGraphql } from "./admin-bulk.server";

// Every product, whatever its status or channel: the cache mirrors the catalog, and the engine
// offers only ACTIVE products published to the Online Store (onlineStoreUrl is null otherwise).
// Three connections, nesting depth two (the bulk limits are five and two). Variants and collections
// become rows of their own with __parentId; Shopify does not group them under their product.
const PRODUCTS_EXPORT = `{
  products {
    edges { node {
      id title handle status productType vendor tags updatedAt onlineStoreUrl
      featuredMedia { preview { image { url } } }
      options { name values }
      metafield(namespace: "cartlift", key: "upgrade_features") { value }
      variants { edges { node {
        id title sku price compareAtPrice position inventoryQuantity availableForSale
        selectedOptions { name value }
        inventoryItem { id }
      } } }
      collections { edges { node { id handle title updatedAt } } }
    } }
  }
}`;

const PRODUCTS_COUNT = `#graphql
query CartliftProductsCount { productsCount(limit: null) { count precision } }`;

/** Starts the products export; throws AdminApiError with Shopify's user errors when refused. */
export async function startCatalogExport(admin: AdminGraphql): Promise<{ id: string; status: string }> {
  return startBulkExport(admin, "CartliftCatalogExport", PRODUCTS_EXPORT, "the catalog export");
}

/** How many products the shop has (all statuses), or null when Shopify does not say. */
export async function fetchProductsCount(admin: AdminGraphql): Promise<number | null> {
  const body = await request(admin, PRODUCTS_COUNT, {}, productsCountResponse);
  return body.data.productsCount?.count ?? null;
}
