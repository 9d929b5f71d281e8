/**
 * Shopify's global ids (GIDs) and the numeric ids the storefront, webhooks and Liquid use. Cartlift
 * stores GIDs; the storefront's `product.id`, `variant.id` and `logged_in_customer_id` are numbers.
 */

/** A GID of the type from a numeric id (REST webhooks, the app proxy); a GID is kept as it is. */
export function shopifyGid(type: string, id: number | string): string {
  const raw = String(id);
  return raw.startsWith("gid://") ? raw : `gid://shopify/${type}/${raw}`;
}

/** A customer GID from a numeric id; a GID is kept as it is. */
export const customerGid = (id: number | string) => shopifyGid("Customer", id);

export const productGid = (id: string) => `gid://shopify/Product/${id}`;
export const variantGid = (id: string) => `gid://shopify/ProductVariant/${id}`;

/** The numeric id the storefront knows, from a GID. */
export const numericId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
