/**
 * Catalog facts for the storefront endpoints, kept per shop for a minute: a product page or cart
 * asks for the same few dozen products again and again. Unknown ids are remembered as absent too.
 */
import { findVariantProducts, loadCatalogFacts } from "../adapters/catalog.server";
import type { CatalogProduct } from "../domain/offers";

const TTL_MS = 60_000;
const MAX_PRODUCTS_PER_SHOP = 5_000;
const MAX_SHOPS = 200;

interface ShopCatalog {
  products: Map<string, { product: CatalogProduct | null; at: number }>;
  /** Variant GID → product GID (null: not this shop's). */
  variants: Map<string, { productId: string | null; at: number }>;
}

const shops = new Map<string, ShopCatalog>();

/** Facts for the given products of the shop (unknown ids absent), from memory where fresh. */
export async function cachedCatalogFacts(
  shop: string,
  productIds: Iterable<string>,
  now = Date.now(),
): Promise<Record<string, CatalogProduct>> {
  const catalog = shopCatalog(shop);
  const result: Record<string, CatalogProduct> = {};
  const missing: string[] = [];
  for (const id of new Set(productIds)) {
    const hit = catalog.products.get(id);
    if (hit && now - hit.at < TTL_MS) {
      if (hit.product) result[id] = hit.product;
    } else missing.push(id);
  }
  if (missing.length === 0) return result;
  const loaded = await loadCatalogFacts(shop, missing);
  for (const id of missing) {
    const product = loaded[id] ?? null;
    remember(catalog.products, id, { product, at: now });
    if (product) {
      result[id] = product;
      for (const variant of product.variants) remember(catalog.variants, variant.id, { productId: id, at: now });
    }
  }
  return result;
}

/** The product GID of each of the shop's variants; another shop's or unknown variants are absent. */
export async function cachedVariantProducts(
  shop: string,
  variantIds: string[],
  now = Date.now(),
): Promise<Map<string, string>> {
  const catalog = shopCatalog(shop);
  const result = new Map<string, string>();
  const missing: string[] = [];
  for (const id of new Set(variantIds)) {
    const hit = catalog.variants.get(id);
    if (hit && now - hit.at < TTL_MS) {
      if (hit.productId) result.set(id, hit.productId);
    } else missing.push(id);
  }
  if (missing.length === 0) return result;
  const loaded = await findVariantProducts(shop, missing);
  for (const id of missing) {
    const productId = loaded.get(id) ?? null;
    remember(catalog.variants, id, { productId, at: now });
    if (productId) result.set(id, productId);
  }
  return result;
}

/** Drops the shop's cached catalog (its products changed, or its settings did). */
export function forgetCatalog(shop: string): void {
  shops.delete(shop);
}

function shopCatalog(shop: string): ShopCatalog {
  let catalog = shops.get(shop);
  if (catalog) {
    shops.delete(shop);
    shops.set(shop, catalog);
    return catalog;
  }
  catalog = { products: new Map(), variants: new Map() };
  shops.set(shop, catalog);
  if (shops.size > MAX_SHOPS) shops.delete(shops.keys().next().value!);
  return catalog;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_PRODUCTS_PER_SHOP) map.delete(map.keys().next().value!);
}
