/**
 * Prisma access for the catalog webhooks beside the product writes of catalog-store.server.ts:
 * deletes with their tombstones, collection handles in products, and stock changes. Every query
 * carries the shop.
 */
import { prisma } from "../db.server";
import { stringList } from "./catalog.server";

const PRODUCT_PAGE = 2_000;

/** The shop's currency, or null when Cartlift has no row for the shop. */
export async function findShopCurrency(shop: string): Promise<string | null> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true } });
  return row?.currency ?? null;
}

export interface StoredProductFacts {
  /** Shopify deleted the product: no state of it will be written again. */
  tombstoned: boolean;
  shopifyUpdatedAt: Date | null;
  variants: Map<string, { availableForSale: boolean; inventoryQuantity: number | null }>;
}

/** What a product webhook must know of the stored product; null when it was never stored nor deleted. */
export async function findStoredProductFacts(shop: string, productId: string): Promise<StoredProductFacts | null> {
  const [row, tombstone] = await Promise.all([
    prisma.product.findUnique({
      where: { shop_id: { shop, id: productId } },
      select: {
        shopifyUpdatedAt: true,
        variants: { select: { id: true, availableForSale: true, inventoryQuantity: true } },
      },
    }),
    prisma.catalogTombstone.findUnique({ where: { shop_id: { shop, id: productId } }, select: { id: true } }),
  ]);
  if (!row && !tombstone) return null;
  return {
    tombstoned: tombstone !== null,
    shopifyUpdatedAt: row?.shopifyUpdatedAt ?? null,
    variants: new Map((row?.variants ?? []).map((v) => [v.id, v])),
  };
}

/**
 * Deletes the product with its variants and tombstones it (once: a redelivery keeps the first
 * date), so that no late create, update or import row brings it back. True when a row was removed.
 */
export async function deleteProductForGood(shop: string, productId: string, at: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await tx.catalogTombstone.upsert({
      where: { shop_id: { shop, id: productId } },
      create: { shop, id: productId, deletedAt: at },
      update: {},
    });
    await tx.variant.deleteMany({ where: { shop, productId } });
    const { count } = await tx.product.deleteMany({ where: { shop, id: productId } });
    return count > 0;
  });
}

export async function findCollection(shop: string, id: string) {
  return prisma.collection.findUnique({ where: { shop_id: { shop, id } } });
}

/** Whether another of the shop's collections (not `exceptId`) has the handle. */
export async function handleHeldElsewhere(shop: string, handle: string, exceptId: string): Promise<boolean> {
  return (await prisma.collection.count({ where: { shop, handle, id: { not: exceptId } } })) > 0;
}

export async function deleteCollection(shop: string, id: string): Promise<void> {
  await prisma.collection.deleteMany({ where: { shop, id } });
}

/**
 * Rewrites the collection handles of the shop's products, a page at a time: `rewrite` gets a
 * product's id and handles and returns the new list, or null to leave it. Returns how many changed.
 */
export async function rewriteProductCollections(
  shop: string,
  rewrite: (productId: string, handles: string[]) => string[] | null,
): Promise<number> {
  let changed = 0;
  let after = "";
  for (;;) {
    const rows = await prisma.product.findMany({
      where: { shop, id: { gt: after } },
      select: { id: true, collections: true },
      orderBy: { id: "asc" },
      take: PRODUCT_PAGE,
    });
    if (rows.length === 0) return changed;
    for (const row of rows) {
      const next = rewrite(row.id, stringList(row.collections));
      if (!next) continue;
      await prisma.product.updateMany({ where: { shop, id: row.id }, data: { collections: next } });
      changed += 1;
    }
    after = rows[rows.length - 1].id;
  }
}

export interface StockUpdate {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  inventoryQuantity: number | null;
  availableForSale: boolean;
}

/** Stores Shopify's stock of the shop's variants (unknown variants are skipped); returns how many changed. */
export async function updateVariantStock(shop: string, updates: StockUpdate[]): Promise<number> {
  if (updates.length === 0) return 0;
  const stored = new Map(
    (
      await prisma.variant.findMany({
        where: { shop, id: { in: updates.map((u) => u.variantId) } },
        select: { id: true, productId: true, inventoryQuantity: true, availableForSale: true, inventoryItemId: true },
      })
    ).map((row) => [row.id, row]),
  );
  let changed = 0;
  for (const u of updates) {
    const before = stored.get(u.variantId);
    if (!before || before.productId !== u.productId) continue;
    const data = {
      inventoryQuantity: u.inventoryQuantity,
      availableForSale: u.availableForSale,
      inventoryItemId: u.inventoryItemId,
    };
    if (Object.entries(data).every(([key, value]) => before[key as keyof typeof data] === value)) continue;
    await prisma.variant.updateMany({ where: { shop, id: u.variantId }, data });
    changed += 1;
  }
  return changed;
}

/** Marks the variants of the inventory item as for sale; returns how many changed. */
export async function markInventoryItemForSale(shop: string, inventoryItemId: string): Promise<number> {
  const { count } = await prisma.variant.updateMany({
    where: { shop, inventoryItemId, availableForSale: false },
    data: { availableForSale: true },
  });
  return count;
}
