/**
 * Keeps the catalog cache as Shopify has it from the catalog webhooks (products/create|update|
 * delete, collections/update|delete, inventory_levels/update). Each handler has the WebhookHandler
 * signature (app/services/webhook-handlers.server.ts dispatches to it) and:
 * - throws InvalidWebhookPayload for a body of the wrong shape (kept as a dead letter, answered 200);
 * - ignores a shop Cartlift has no row for (acknowledged: there is nothing of it to keep current);
 * - is idempotent, and resolves out-of-order deliveries by Shopify's updated_at (products in
 *   saveProducts, collections here), and never brings a deleted product back (CatalogTombstone);
 * - forgets the shop's cached catalog when it changed anything, so an offer for something that went
 *   out of stock or was archived disappears from the next answer. That cache is per process: with
 *   several app processes the others keep theirs up to its one-minute lifetime (multi-process
 *   invalidation is a later issue).
 */
import {
  fetchCollectionProductIds,
  fetchInventoryItemVariants,
  fetchVariantsForSale,
} from "../adapters/admin-catalog-changes.server";
import type { AdminGraphql } from "../adapters/admin-bulk.server";
import {
  deleteCollection,
  deleteProductForGood,
  findCollection,
  findShopCurrency,
  findStoredProductFacts,
  handleHeldElsewhere,
  markInventoryItemForSale,
  rewriteProductCollections,
  updateVariantStock,
  type StoredProductFacts,
} from "../adapters/catalog-changes.server";
import { saveCollections, saveProducts } from "../adapters/catalog-store.server";
import type { IncomingVariant } from "../schemas/catalog";
import {
  collectionDeletePayload,
  collectionWebhookPayload,
  inventoryLevelPayload,
  productDeletePayload,
  productWebhookPayload,
  type WebhookVariant,
} from "../schemas/catalog-webhooks";
import { forgetCatalog } from "./catalog-cache.server";
import { parseWebhookPayload, type WebhookHandler } from "./webhook-payload.server";

export type CatalogSyncResult =
  | { status: "unknown_shop" }
  | { status: "written" | "stale" | "deleted"; id: string }
  | { status: "removed"; id: string }
  | { status: "unknown_collection"; id: string }
  | { status: "stock"; changed: number };

/** products/create and products/update (the same body): stores the product as Shopify has it. */
export const handleProductUpdate: WebhookHandler = async ({ shop, payload, admin }): Promise<CatalogSyncResult> => {
  const currency = await findShopCurrency(shop);
  if (!currency) return { status: "unknown_shop" };
  const product = parseWebhookPayload(productWebhookPayload(currency), payload);
  const stored = await findStoredProductFacts(shop, product.id);
  // saveProducts will skip a deleted product or an older state: Shopify need not be asked about it.
  const storedAt = stored?.shopifyUpdatedAt;
  const skipped = stored?.tombstoned === true || (storedAt != null && storedAt > product.shopifyUpdatedAt);
  const variants = await resolveAvailability(product.variants, stored, skipped ? undefined : admin);
  const saved = await saveProducts(
    shop,
    // The body carries neither the collections nor the metafield: saveProducts keeps the stored ones.
    [{ ...product, variants, collections: null }],
    { currency },
  );
  if (saved.written.length > 0) {
    forgetCatalog(shop);
    return { status: "written", id: product.id };
  }
  return { status: saved.deleted.length > 0 ? "deleted" : "stale", id: product.id };
};

/**
 * A variant the body cannot decide (no stock, "deny", tracking unknown) is asked of Shopify when
 * the shop's Admin API client is at hand; else it keeps what is stored (a variant stored as for
 * sale with no stock is an untracked one); else it is taken as not for sale (offering something a
 * shopper cannot buy is worse than missing an offer until the next import).
 */
async function resolveAvailability(
  variants: WebhookVariant[],
  stored: StoredProductFacts | null,
  admin: AdminGraphql | undefined,
): Promise<IncomingVariant[]> {
  const unknown = variants.filter((v) => v.availableForSale === null).map((v) => v.id);
  const asked = admin && unknown.length > 0 ? await fetchVariantsForSale(admin, unknown) : new Map<string, boolean>();
  return variants.map((v) => ({
    ...v,
    availableForSale: v.availableForSale ?? asked.get(v.id) ?? storedUntracked(stored, v.id),
  }));
}

// For sale while stored with no stock: Shopify does not track it (a tracked one would not be).
function storedUntracked(stored: StoredProductFacts | null, variantId: string): boolean {
  const before = stored?.variants.get(variantId);
  return before !== undefined && before.availableForSale && (before.inventoryQuantity ?? 0) <= 0;
}

/** products/delete: removes the product and its variants and tombstones it, known or not. */
export const handleProductDelete: WebhookHandler = async ({ shop, payload }): Promise<CatalogSyncResult> => {
  const { id } = parseWebhookPayload(productDeletePayload, payload);
  if (!(await findShopCurrency(shop))) return { status: "unknown_shop" };
  // Tombstoned even when unknown: a create delivered after its delete must not bring it back.
  if (await deleteProductForGood(shop, id, new Date())) forgetCatalog(shop);
  return { status: "removed", id };
};

/**
 * collections/update: stores the collection unless a newer state is stored, renames its handle in
 * the products that list it, and (with the Admin API) makes exactly its products list it. Without
 * an Admin API client the membership stays as stored until the next import.
 */
export const handleCollectionUpdate: WebhookHandler = async ({ shop, payload, admin }): Promise<CatalogSyncResult> => {
  const collection = parseWebhookPayload(collectionWebhookPayload, payload);
  if (!(await findShopCurrency(shop))) return { status: "unknown_shop" };
  const before = await findCollection(shop, collection.id);
  const newer =
    before?.shopifyUpdatedAt && collection.shopifyUpdatedAt && before.shopifyUpdatedAt > collection.shopifyUpdatedAt;
  if (newer) return { status: "stale", id: collection.id };
  await saveCollections(shop, [collection]);
  const renamed = before && before.handle !== collection.handle ? before.handle : null;
  const members = admin ? await fetchCollectionProductIds(admin, collection.id) : undefined;
  if (members === null) {
    // Shopify no longer has it: a late update after its delete.
    await removeCollection(shop, collection.id, [collection.handle, ...(renamed ? [renamed] : [])]);
    return { status: "removed", id: collection.id };
  }
  const changed =
    renamed || members
      ? await rewriteProductCollections(
          shop,
          membershipRewrite(collection.handle, renamed, members && new Set(members)),
        )
      : 0;
  if (changed > 0) forgetCatalog(shop);
  return { status: "written", id: collection.id };
};

// The old handle becomes the new one; with Shopify's member list, exactly its products list it.
function membershipRewrite(handle: string, renamed: string | null, members: Set<string> | undefined) {
  return (productId: string, handles: string[]): string[] | null => {
    const kept = [...new Set(renamed ? handles.map((h) => (h === renamed ? handle : h)) : handles)];
    let next = kept;
    if (members?.has(productId) && !kept.includes(handle)) next = [...kept, handle];
    else if (members && !members.has(productId)) next = kept.filter((h) => h !== handle);
    return sameList(next, handles) ? null : next;
  };
}

/** collections/delete: the collection's handle leaves every product (the stored row says which). */
export const handleCollectionDelete: WebhookHandler = async ({ shop, payload }): Promise<CatalogSyncResult> => {
  const { id } = parseWebhookPayload(collectionDeletePayload, payload);
  if (!(await findShopCurrency(shop))) return { status: "unknown_shop" };
  const stored = await findCollection(shop, id);
  // The body has no handle; a collection never stored (or deleted already) left nothing to remove.
  if (!stored) return { status: "unknown_collection", id };
  await removeCollection(shop, id, [stored.handle]);
  return { status: "removed", id };
};

async function removeCollection(shop: string, id: string, handles: string[]): Promise<void> {
  const gone = new Set<string>();
  for (const handle of handles) if (!(await handleHeldElsewhere(shop, handle, id))) gone.add(handle);
  const changed = await rewriteProductCollections(shop, (_id, list) =>
    list.some((h) => gone.has(h)) ? list.filter((h) => !gone.has(h)) : null,
  );
  await deleteCollection(shop, id);
  if (changed > 0) forgetCatalog(shop);
}

/**
 * inventory_levels/update: one item's quantity at one location changed. The body does not give the
 * variant's total or whether it is still for sale, so Shopify is asked (read_inventory scope); the
 * answer is the truth at the time of asking, which also makes redeliveries and out-of-order
 * deliveries harmless. Without an Admin API client, the body can only prove that the item is for
 * sale again (stock above zero somewhere); zero at one location proves nothing about the others, so
 * the stored state stays until the next product update or import.
 */
export const handleInventoryLevelUpdate: WebhookHandler = async ({
  shop,
  payload,
  admin,
}): Promise<CatalogSyncResult> => {
  const level = parseWebhookPayload(inventoryLevelPayload, payload);
  if (!(await findShopCurrency(shop))) return { status: "unknown_shop" };
  let changed = 0;
  if (admin) {
    const variants = await fetchInventoryItemVariants(admin, level.inventoryItemId);
    changed = await updateVariantStock(
      shop,
      variants.map((v) => ({
        variantId: v.id,
        productId: v.productId,
        inventoryItemId: level.inventoryItemId,
        inventoryQuantity: v.inventoryQuantity,
        availableForSale: v.availableForSale,
      })),
    );
  } else if (level.available !== null && level.available > 0) {
    changed = await markInventoryItemForSale(shop, level.inventoryItemId);
  }
  if (changed > 0) forgetCatalog(shop);
  return { status: "stock", changed };
};

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
