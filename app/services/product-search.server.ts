/** The admin product picker's search over the shop's catalog cache (the demo's and Shopify's alike). */
import { searchProducts as searchCatalog, type ProductOption } from "../adapters/catalog.server";

export type { ProductOption } from "../adapters/catalog.server";

/** Offerable products (active, on the Online Store) whose title, type or vendor contains the query, by title. */
export function searchProducts(shop: string, query: string, limit: number): Promise<ProductOption[]> {
  return searchCatalog(shop, query, limit);
}
