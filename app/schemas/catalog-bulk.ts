/**
 * The rows of the products bulk export (JSONL, one object per line) as Cartlift's catalog shapes
 * (app/schemas/catalog.ts). A product row comes first; its variants and its collections follow as
 * rows of their own naming it in `__parentId`, not necessarily right after it. Prices are decimal
 * strings in the shop's currency: a row whose price the currency cannot hold ("10.5" in JPY) is
 * rejected rather than rounded, while "1500.000" in JPY is 1500. The row kind is told by the GID
 * type of `id`, as the export itself does not say.
 */
import { z } from "zod";
import type { IncomingCollection, IncomingProduct, IncomingVariant } from "./catalog";
import { decimal, gidOf, minorUnits, timestamp } from "./shopify-fields";

export type CatalogBulkRow =
  | { kind: "product"; product: IncomingProduct }
  | { kind: "variant"; productId: string; variant: IncomingVariant }
  | { kind: "collection"; productId: string; collection: IncomingCollection };

/** A line that could not be read; `productId` is the product it belongs to, when that was readable. */
export interface CatalogBulkRejection {
  reason: string;
  productId: string | null;
}

/** The `cartlift.upgrade_features` metafield (a list.single_line_text_field): its strings, or null. */
export function parseUpgradeFeatures(value: string | null | undefined): string[] | null {
  if (value == null) return null;
  try {
    const list: unknown = JSON.parse(value);
    if (Array.isArray(list) && list.every((item) => typeof item === "string")) return list;
  } catch {
    // Not JSON: the merchant's value is unusable, which is not a reason to lose the product.
  }
  return null;
}

const productRow = z
  .object({
    id: gidOf("Product"),
    title: z.string(),
    handle: z.string().min(1),
    status: z.enum(["ACTIVE", "DRAFT", "ARCHIVED", "UNLISTED"]),
    productType: z.string().nullish(),
    vendor: z.string().nullish(),
    tags: z.array(z.string()),
    updatedAt: timestamp,
    // Null when the product is not published to the Online Store sales channel.
    onlineStoreUrl: z.string().nullish(),
    featuredMedia: z
      .object({ preview: z.object({ image: z.object({ url: z.string() }).nullish() }).nullish() })
      .nullish(),
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })).default([]),
    metafield: z.object({ value: z.string().nullish() }).nullish(),
  })
  .transform((raw): IncomingProduct => ({
    id: raw.id,
    title: raw.title,
    handle: raw.handle,
    status: lowerStatus(raw.status),
    publishedOnline: raw.onlineStoreUrl != null,
    productType: raw.productType ?? "",
    vendor: raw.vendor ?? "",
    tags: raw.tags,
    collections: [],
    imageUrl: raw.featuredMedia?.preview?.image?.url ?? null,
    upgradeFeatures: parseUpgradeFeatures(raw.metafield?.value),
    options: raw.options,
    shopifyUpdatedAt: new Date(raw.updatedAt),
    variants: [],
  }));

function variantRow(currency: string) {
  return z
    .object({
      __parentId: gidOf("Product"),
      id: gidOf("ProductVariant"),
      title: z.string(),
      sku: z.string().nullish(),
      price: decimal,
      compareAtPrice: decimal.nullish(),
      position: z.number().int(),
      inventoryQuantity: z.number().int().nullish(),
      availableForSale: z.boolean(),
      selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
      inventoryItem: z.object({ id: gidOf("InventoryItem") }).nullish(),
    })
    .transform((raw, ctx): CatalogBulkRow => {
      const money = (amount: string, path: string) => minorUnits(amount, currency, [path], ctx);
      const variant: IncomingVariant = {
        id: raw.id,
        title: raw.title,
        sku: raw.sku || null,
        priceMinor: money(raw.price, "price"),
        compareAtPriceMinor: raw.compareAtPrice == null ? null : money(raw.compareAtPrice, "compareAtPrice"),
        inventoryQuantity: raw.inventoryQuantity ?? null,
        availableForSale: raw.availableForSale,
        position: raw.position,
        selectedOptions: raw.selectedOptions,
        inventoryItemId: raw.inventoryItem?.id ?? null,
      };
      return { kind: "variant", productId: raw.__parentId, variant };
    });
}

const collectionRow = z
  .object({
    __parentId: gidOf("Product"),
    id: gidOf("Collection"),
    handle: z.string().min(1),
    title: z.string(),
    updatedAt: timestamp.nullish(),
  })
  .transform((raw): CatalogBulkRow => ({
    kind: "collection",
    productId: raw.__parentId,
    collection: {
      id: raw.id,
      handle: raw.handle,
      title: raw.title,
      shopifyUpdatedAt: raw.updatedAt ? new Date(raw.updatedAt) : null,
    },
  }));

function lowerStatus(status: "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED"): IncomingProduct["status"] {
  switch (status) {
    case "ACTIVE":
      return "active";
    case "DRAFT":
      return "draft";
    case "ARCHIVED":
      return "archived";
    case "UNLISTED":
      return "unlisted";
  }
}

/** Reads the export's lines for a shop whose currency is `currency` (the schemas are built once). */
export function catalogBulkRowParser(currency: string): (text: string) => CatalogBulkRow | CatalogBulkRejection {
  const variant = variantRow(currency);
  const product = productRow.transform((p): CatalogBulkRow => ({ kind: "product", product: p }));
  return (text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { reason: "not JSON", productId: null };
    }
    const fields = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
    const parent = typeof fields.__parentId === "string" ? fields.__parentId : null;
    const id = typeof fields.id === "string" ? fields.id : "";
    const owner = parent ?? (id.startsWith("gid://shopify/Product/") ? id : null);
    const schema = id.startsWith("gid://shopify/ProductVariant/")
      ? variant
      : id.startsWith("gid://shopify/Collection/")
        ? collectionRow
        : id.startsWith("gid://shopify/Product/") && parent === null
          ? product
          : null;
    if (!schema) return { reason: `id: not a product, variant or collection row (${id || "none"})`, productId: owner };
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const reason = parsed.error.issues.map((i) => `${i.path.join(".") || "row"}: ${i.message}`).join("; ");
    return { reason, productId: owner };
  };
}

/** True for a line the parser could not read. */
export function isRejection(row: CatalogBulkRow | CatalogBulkRejection): row is CatalogBulkRejection {
  return "reason" in row;
}

/** The Admin API's answer to productsCount (asked with no limit, so the count is exact). */
export const productsCountResponse = z.object({
  data: z.object({
    productsCount: z.object({ count: z.number().int().nonnegative(), precision: z.string() }).nullable(),
  }),
});
