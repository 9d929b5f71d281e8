/** The catalog cache as the offer engine and the admin pickers see it. Every query carries the shop. */
import type { Prisma } from "@prisma/client";
import { databaseProvider, prisma } from "../db.server";
import type { CatalogProduct } from "../domain/offers";
import type { CatalogFacets } from "../schemas/rules";

const productWithVariants = { variants: { orderBy: { position: "asc" } } } satisfies Prisma.ProductInclude;
type ProductRow = Prisma.ProductGetPayload<{ include: typeof productWithVariants }>;

/** Catalog facts for the given products (unknown ids are simply absent). */
export async function loadCatalogFacts(
  shop: string,
  productIds: Iterable<string>,
): Promise<Record<string, CatalogProduct>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return {};
  const rows = await prisma.product.findMany({ where: { shop, id: { in: ids } }, include: productWithVariants });
  return Object.fromEntries(rows.map((row) => [row.id, toCatalogProduct(row)]));
}

// SQLite's LIKE ignores ASCII case already; PostgreSQL needs to be told (and SQLite's client
// would reject the option, so it is only added there).
const caseInsensitive: object = databaseProvider === "postgresql" ? { mode: "insensitive" } : {};

export interface ProductOption {
  id: string;
  title: string;
  productType: string;
  imageUrl: string | null;
  minPriceMinor: number;
  available: boolean;
  /** False for a draft, archived or unpublished product (a rule naming it offers nothing of it). */
  offerable: boolean;
}

/** Only these are ever offered: Shopify's "active" status, published to the Online Store. */
export const OFFERABLE = { status: "active", publishedOnline: true } satisfies Prisma.ProductWhereInput;

/** Whether a stored product may be offered (see OFFERABLE). */
export function isOfferable(row: { status: string; publishedOnline: boolean }): boolean {
  return row.status === OFFERABLE.status && row.publishedOnline === OFFERABLE.publishedOnline;
}

/**
 * Offerable products whose title, type or vendor contains the query (all when empty), for the
 * rules' pickers: a draft or archived product is never offered, so it is not offered for picking.
 */
export async function searchProducts(shop: string, query: string, limit: number): Promise<ProductOption[]> {
  const text = query.trim();
  const match = { contains: text, ...caseInsensitive };
  const rows = await prisma.product.findMany({
    where: {
      shop,
      ...OFFERABLE,
      ...(text ? { OR: [{ title: match }, { productType: match }, { vendor: match }] } : {}),
    },
    include: productWithVariants,
    orderBy: { title: "asc" },
    take: limit,
  });
  return rows.map(toProductOption);
}

/** Titles and prices of specific products, for showing what a rule offers (offerable or not). */
export async function productOptions(shop: string, productIds: string[]): Promise<ProductOption[]> {
  const facts = await prisma.product.findMany({
    where: { shop, id: { in: productIds } },
    include: productWithVariants,
  });
  return facts.map(toProductOption);
}

export type { CatalogFacets } from "../schemas/rules";

/** The distinct types, vendors, tags and collections of a shop's catalog, for condition editors. */
export async function catalogFacets(shop: string): Promise<CatalogFacets> {
  const rows = await prisma.product.findMany({
    where: { shop },
    select: { productType: true, vendor: true, tags: true, collections: true },
  });
  const sorted = (values: Iterable<string>) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));
  return {
    productTypes: sorted(rows.map((r) => r.productType)),
    vendors: sorted(rows.map((r) => r.vendor)),
    tags: sorted(rows.flatMap((r) => stringList(r.tags))),
    collections: sorted(rows.flatMap((r) => stringList(r.collections))),
  };
}

function toCatalogProduct(row: ProductRow): CatalogProduct {
  return {
    productId: row.id,
    title: row.title,
    handle: row.handle,
    productType: row.productType,
    vendor: row.vendor,
    tags: stringList(row.tags),
    collections: stringList(row.collections),
    imageUrl: row.imageUrl,
    // Null until the merchant fills the product's `cartlift.upgrade_features` metafield.
    ...(row.upgradeFeatures === null ? {} : { upgradeFeatures: stringList(row.upgradeFeatures) }),
    // Drafts and archived or unpublished products keep their facts (a cart line or the page in view
    // is still priced by them), but the engine never offers them.
    offerable: isOfferable(row),
    variants: row.variants.map((v) => ({
      id: v.id,
      title: v.title,
      priceMinor: Number(v.priceMinor),
      compareAtPriceMinor: v.compareAtPriceMinor === null ? null : Number(v.compareAtPriceMinor),
      availableForSale: v.availableForSale,
      inventoryQuantity: v.inventoryQuantity,
    })),
  };
}

function toProductOption(row: ProductRow): ProductOption {
  const prices = row.variants.map((v) => Number(v.priceMinor));
  return {
    id: row.id,
    title: row.title,
    productType: row.productType,
    imageUrl: row.imageUrl,
    minPriceMinor: prices.length > 0 ? Math.min(...prices) : 0,
    available: row.variants.some((v) => v.availableForSale),
    offerable: isOfferable(row),
  };
}

/** Json columns hold string arrays; anything else (a corrupt row) reads as empty. */
export function stringList(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The product of each of the shop's variants (GIDs); another shop's or unknown variants are absent. */
export async function findVariantProducts(shop: string, variantIds: string[]): Promise<Map<string, string>> {
  if (variantIds.length === 0) return new Map();
  const rows = await prisma.variant.findMany({
    where: { shop, id: { in: [...new Set(variantIds)] } },
    select: { id: true, productId: true },
  });
  return new Map(rows.map((row) => [row.id, row.productId]));
}
