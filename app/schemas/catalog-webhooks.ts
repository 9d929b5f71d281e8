/**
 * The catalog webhooks' bodies as Shopify sends them (REST shape, API version 2026-10) and the
 * Admin API answers their handlers ask for. Product bodies become the `IncomingProduct` every
 * catalog source is parsed into (app/schemas/catalog.ts), with two things the webhook cannot say:
 * - `collections` and the `upgradeFeatures` metafield are not in the body: the service keeps the
 *   stored ones (collections: null; the metafield read before writing);
 * - since 2024-07 a variant no longer says whether Shopify tracks its inventory
 *   (`inventory_management` was removed), so a variant with no stock and policy "deny" may be an
 *   untracked one, which is for sale. Such a variant comes out as `availableForSale: null` and the
 *   service asks the Admin API (see resolveAvailability in app/services/catalog-sync.server.ts).
 *
 * Ids: JSON numbers above 2^53 lose digits in JSON.parse, so the exact `admin_graphql_api_id` is
 * used wherever Shopify sends one; a bare numeric id (products/delete) must be a safe integer.
 */
import { z } from "zod";
import type { IncomingCollection, IncomingProduct, IncomingVariant } from "./catalog";
import { decimal, gidOf, minorUnits, timestamp } from "./shopify-fields";
import { shopifyGid } from "./shopify-ids";

// Not z.int(): zod refuses integers above 2^53, and an id Shopify also sent as a GID may be one.
const numericId = z.union([
  z.number().nonnegative().refine(Number.isInteger, "must be an integer"),
  z.string().regex(/^\d+$/),
]);

// The GID Shopify sent, else one built from the numeric id, which must have survived JSON.parse.
function gidFrom(
  type: string,
  gid: string | undefined,
  id: number | string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): string {
  if (gid) return gid;
  if (typeof id === "number" && !Number.isSafeInteger(id)) {
    ctx.addIssue({ code: "custom", path, message: `${id} is too large to be read exactly and no GID was sent` });
  }
  return shopifyGid(type, id);
}

const restVariant = z.object({
  id: numericId,
  admin_graphql_api_id: gidOf("ProductVariant").optional(),
  title: z.string(),
  price: decimal,
  compare_at_price: decimal.nullish(),
  sku: z.string().nullish(),
  position: z.number().int(),
  inventory_policy: z.enum(["deny", "continue"]),
  inventory_quantity: z.number().int().nullish(),
  // Only in payloads of API versions before 2024-07: null when Shopify does not track the stock.
  inventory_management: z.string().nullable().optional(),
  inventory_item_id: numericId.nullish(),
  option1: z.string().nullish(),
  option2: z.string().nullish(),
  option3: z.string().nullish(),
});
type RestVariant = z.infer<typeof restVariant>;

const restImage = z.object({ src: z.string().min(1) });

const restProduct = z.object({
  id: numericId,
  admin_graphql_api_id: gidOf("Product").optional(),
  title: z.string(),
  handle: z.string().min(1),
  // "unlisted" exists from 2025-10: active, but reachable by direct link only.
  status: z.enum(["active", "draft", "archived", "unlisted"]),
  // Null when the product is not published to the Online Store.
  published_at: timestamp.nullish(),
  product_type: z.string().nullish(),
  vendor: z.string().nullish(),
  // One comma-separated string, as Shopify's REST resources send tags.
  tags: z.string().nullish(),
  updated_at: timestamp,
  options: z
    .array(z.object({ name: z.string(), values: z.array(z.string()), position: z.number().int().optional() }))
    .nullish(),
  image: restImage.nullish(),
  images: z.array(restImage).nullish(),
  variants: z.array(restVariant),
});

/** A webhook variant: `availableForSale` is null when the body cannot tell (see the file comment). */
export interface WebhookVariant extends Omit<IncomingVariant, "availableForSale"> {
  availableForSale: boolean | null;
}

/** A products/create|update body: an IncomingProduct without what the webhook does not carry. */
export interface WebhookProduct extends Omit<IncomingProduct, "variants" | "collections" | "upgradeFeatures"> {
  variants: WebhookVariant[];
}

/** The products/create and products/update body (the same shape), with prices in the shop's currency. */
export function productWebhookPayload(currency: string) {
  return restProduct.transform((raw, ctx): WebhookProduct => {
    const options = [...(raw.options ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    return {
      id: gidFrom("Product", raw.admin_graphql_api_id, raw.id, ["id"], ctx),
      title: raw.title,
      handle: raw.handle,
      status: raw.status,
      publishedOnline: raw.published_at != null,
      productType: raw.product_type ?? "",
      vendor: raw.vendor ?? "",
      tags: splitTags(raw.tags ?? ""),
      imageUrl: raw.image?.src ?? raw.images?.[0]?.src ?? null,
      options: options.map((o) => ({ name: o.name, values: o.values })),
      shopifyUpdatedAt: new Date(raw.updated_at),
      variants: raw.variants.map((v, i) => toVariant(v, options, currency, ["variants", i], ctx)),
    };
  });
}

function toVariant(
  v: RestVariant,
  options: { name: string }[],
  currency: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): WebhookVariant {
  const compareAt =
    v.compare_at_price == null ? null : minorUnits(v.compare_at_price, currency, [...path, "compare_at_price"], ctx);
  const values = [v.option1, v.option2, v.option3];
  return {
    id: gidFrom("ProductVariant", v.admin_graphql_api_id, v.id, [...path, "id"], ctx),
    title: v.title,
    sku: v.sku || null,
    priceMinor: minorUnits(v.price, currency, [...path, "price"], ctx),
    // Older payloads send "0.00" for "no compare-at price".
    compareAtPriceMinor: compareAt === 0 ? null : compareAt,
    inventoryQuantity: v.inventory_quantity ?? null,
    availableForSale: availabilityFromRest(v),
    position: v.position,
    selectedOptions: options.flatMap((option, i) => {
      const value = values[i];
      return value == null ? [] : [{ name: option.name, value }];
    }),
    inventoryItemId:
      v.inventory_item_id == null
        ? null
        : gidFrom("InventoryItem", undefined, v.inventory_item_id, [...path, "inventory_item_id"], ctx),
  };
}

/**
 * For sale when Shopify does not track the stock, sells past zero ("continue"), or has stock. Null
 * when the body cannot tell: no stock, "deny", and no `inventory_management` to say whether tracked.
 */
export function availabilityFromRest(
  v: Pick<RestVariant, "inventory_policy" | "inventory_quantity" | "inventory_management">,
): boolean | null {
  if (v.inventory_policy === "continue") return true;
  if ((v.inventory_quantity ?? 0) > 0) return true;
  if (v.inventory_management !== undefined) return v.inventory_management === null;
  return null;
}

/** Shopify's tags string ("a, b, c") as a list, blanks and case-insensitive repeats dropped. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/** The products/delete body: only the numeric id. */
export const productDeletePayload = z
  .object({ id: numericId })
  .transform((raw, ctx) => ({ id: gidFrom("Product", undefined, raw.id, ["id"], ctx) }));

/** The collections/update body (collections/create has the same shape). */
export const collectionWebhookPayload = z
  .object({
    id: numericId,
    admin_graphql_api_id: gidOf("Collection").optional(),
    handle: z.string().min(1),
    title: z.string(),
    updated_at: timestamp.nullish(),
  })
  .transform((raw, ctx): IncomingCollection => ({
    id: gidFrom("Collection", raw.admin_graphql_api_id, raw.id, ["id"], ctx),
    handle: raw.handle,
    title: raw.title,
    shopifyUpdatedAt: raw.updated_at ? new Date(raw.updated_at) : null,
  }));

/** The collections/delete body: the id only (no handle: the stored Collection row has it). */
export const collectionDeletePayload = z
  .object({ id: numericId, admin_graphql_api_id: gidOf("Collection").optional() })
  .transform((raw, ctx) => ({ id: gidFrom("Collection", raw.admin_graphql_api_id, raw.id, ["id"], ctx) }));

export interface InventoryLevelChange {
  inventoryItemId: string; // gid://shopify/InventoryItem/…
  locationId: string; // gid://shopify/Location/…
  /** Available at that one location (not the variant's total); null when Shopify sent none. */
  available: number | null;
  updatedAt: Date | null;
}

// "gid://shopify/InventoryLevel/24826418?inventory_item_id=271878346596884015": the item's id as text.
const LEVEL_GID = /^gid:\/\/shopify\/InventoryLevel\/\d+\?inventory_item_id=(\d+)$/;

/** The inventory_levels/update body: one inventory item's quantity at one location. */
export const inventoryLevelPayload = z
  .object({
    inventory_item_id: numericId,
    location_id: numericId,
    available: z.number().int().nullish(),
    updated_at: timestamp.nullish(),
    admin_graphql_api_id: z.string().optional(),
  })
  .transform((raw, ctx): InventoryLevelChange => {
    const exact = raw.admin_graphql_api_id ? LEVEL_GID.exec(raw.admin_graphql_api_id)?.[1] : undefined;
    return {
      inventoryItemId: gidFrom(
        "InventoryItem",
        exact && `gid://shopify/InventoryItem/${exact}`,
        raw.inventory_item_id,
        ["inventory_item_id"],
        ctx,
      ),
      locationId: gidFrom("Location", undefined, raw.location_id, ["location_id"], ctx),
      available: raw.available ?? null,
      updatedAt: raw.updated_at ? new Date(raw.updated_at) : null,
    };
  });

// Admin GraphQL answers (the handlers' questions; app/adapters/admin-catalog-changes.server.ts).

/** `nodes(ids:)` over product variants: whether each is for sale (null for a deleted one). */
export const variantsForSaleResponse = z.object({
  data: z.object({
    nodes: z.array(
      z
        .object({ id: gidOf("ProductVariant"), availableForSale: z.boolean() })
        .partial()
        .nullable(),
    ),
  }),
});

/** One page of a collection's products; `collection` is null when Shopify no longer has it. */
export const collectionProductsResponse = z.object({
  data: z.object({
    collection: z
      .object({
        id: gidOf("Collection"),
        products: z.object({
          nodes: z.array(z.object({ id: gidOf("Product") })),
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
        }),
      })
      .nullable(),
  }),
});

/** The variants an inventory item stocks, with Shopify's stock and for-sale truth. */
export const inventoryItemVariantsResponse = z.object({
  data: z.object({
    inventoryItem: z
      .object({
        id: gidOf("InventoryItem"),
        variants: z.object({
          nodes: z.array(
            z.object({
              id: gidOf("ProductVariant"),
              inventoryQuantity: z.number().int().nullable(),
              availableForSale: z.boolean(),
              product: z.object({ id: gidOf("Product") }),
            }),
          ),
        }),
      })
      .nullable(),
  }),
});
