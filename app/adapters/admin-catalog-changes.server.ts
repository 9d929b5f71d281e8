/**
 * What the catalog webhooks' handlers ask Shopify's Admin GraphQL API (the bodies do not say it):
 * whether variants are for sale, which products a collection holds, and an inventory item's
 * variants with their stock. Errors throw AdminApiError; the webhook then fails with a 5xx and
 * Shopify redelivers it later.
 */
import type { z } from "zod";
import {
  collectionProductsResponse,
  inventoryItemVariantsResponse,
  variantsForSaleResponse,
} from "../schemas/catalog-webhooks";
import { AdminApiError, request, type AdminGraphql } from "./admin-bulk.server";

const NODES_PER_QUERY = 250;
// A collection of 100,000 products is 400 pages: a bound, not a limit any real shop reaches.
const MAX_COLLECTION_PAGES = 1_000;

const VARIANTS_FOR_SALE = `#graphql
query CartliftVariantsForSale($ids: [ID!]!) {
  nodes(ids: $ids) { ... on ProductVariant { id availableForSale } }
}`;

const COLLECTION_PRODUCTS = `#graphql
query CartliftCollectionProducts($id: ID!, $after: String) {
  collection(id: $id) {
    id
    products(first: 250, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
  }
}`;

// InventoryItem.variant is deprecated since 2026-01 for the `variants` connection (one node today).
const INVENTORY_ITEM_VARIANTS = `#graphql
query CartliftInventoryItemVariants($id: ID!) {
  inventoryItem(id: $id) {
    id
    variants(first: 10) { nodes { id inventoryQuantity availableForSale product { id } } }
  }
}`;

/** Whether each variant is for sale, as Shopify decides it; deleted variants are absent. */
export async function fetchVariantsForSale(admin: AdminGraphql, variantIds: string[]): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>();
  for (let i = 0; i < variantIds.length; i += NODES_PER_QUERY) {
    const ids = variantIds.slice(i, i + NODES_PER_QUERY);
    const body = await request(admin, VARIANTS_FOR_SALE, { ids }, variantsForSaleResponse);
    for (const node of body.data.nodes) {
      if (node?.id && node.availableForSale !== undefined) result.set(node.id, node.availableForSale);
    }
  }
  return result;
}

/** The ids of every product in the collection, or null when Shopify no longer has the collection. */
export async function fetchCollectionProductIds(admin: AdminGraphql, collectionId: string): Promise<string[] | null> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_COLLECTION_PAGES; page++) {
    const body: z.infer<typeof collectionProductsResponse> = await request(
      admin,
      COLLECTION_PRODUCTS,
      { id: collectionId, after },
      collectionProductsResponse,
    );
    const collection = body.data.collection;
    if (!collection) return null;
    ids.push(...collection.products.nodes.map((n) => n.id));
    const { hasNextPage, endCursor } = collection.products.pageInfo;
    if (!hasNextPage || !endCursor) return ids;
    after = endCursor;
  }
  throw new AdminApiError(`Collection ${collectionId} has more than ${MAX_COLLECTION_PAGES} pages of products`);
}

export interface VariantStock {
  id: string;
  productId: string;
  inventoryQuantity: number | null;
  availableForSale: boolean;
}

/** The variants the inventory item stocks, with Shopify's totals; empty when the item is gone. */
export async function fetchInventoryItemVariants(
  admin: AdminGraphql,
  inventoryItemId: string,
): Promise<VariantStock[]> {
  const body = await request(admin, INVENTORY_ITEM_VARIANTS, { id: inventoryItemId }, inventoryItemVariantsResponse);
  return (body.data.inventoryItem?.variants.nodes ?? []).map((v) => ({
    id: v.id,
    productId: v.product.id,
    inventoryQuantity: v.inventoryQuantity,
    availableForSale: v.availableForSale,
  }));
}
