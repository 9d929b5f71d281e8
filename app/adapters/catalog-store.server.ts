/**
 * The one code path that writes products and variants (the demo's seed, the catalog import and the
 * product webhooks all call it). Every query carries the shop. A product is always written whole:
 * its row and its full variant set replace what was stored, in one transaction, so a variant that
 * disappeared from Shopify disappears here too. Writes are set-based, a few statements per batch
 * whatever its size (catalog-sql.server.ts), never one upsert per row: a 50,000-product import is
 * about a hundred transactions.
 *
 * Two rules keep the cache as Shopify has it whatever order the deliveries come in:
 * - a product with a CatalogTombstone is never written again (Shopify never reuses ids);
 * - a stored product whose `shopifyUpdatedAt` is newer than the incoming one is kept (an older
 *   webhook or import row never overwrites a newer state; an equal one is written, so re-running
 *   an import or redelivering a webhook is harmless).
 *
 * `Product.updatedAt` (set on every write and by `touchProducts`) is what the import's sweep reads:
 * a product neither written nor touched since a complete import started is gone from Shopify.
 */
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server";
import { stringList } from "./catalog.server";
import type { IncomingCollection, IncomingProduct, IncomingVariant } from "../schemas/catalog";
import {
  deleteProducts,
  deleteVariants,
  handleHolders,
  insertProducts,
  insertVariants,
  productRow,
  storedProductStates,
  tombstonedIds,
  touchProductRows,
  variantRow,
} from "./catalog-sql.server";
import { isUniqueViolation } from "./orders.server";

/** A Prisma client or an open transaction: callers that commit more in the same transaction pass theirs. */
export type CatalogDb = Prisma.TransactionClient;

export interface SavedProducts {
  /** Products stored (created or replaced, with their variants). */
  written: string[];
  /** Skipped: the stored product is newer than the incoming state. */
  stale: string[];
  /** Skipped: Shopify deleted the product (a tombstone exists). */
  deleted: string[];
}

export interface SaveOptions {
  /**
   * The shop's currency, which every variant's `currency` column holds. When absent it is read
   * from the Shop row (once per call); the import passes it so a batch costs no extra query.
   */
  currency?: string;
  /** An open transaction to write in (the import commits its progress with the batch). */
  db?: CatalogDb;
}

// Rows per statement: far below SQLite's and PostgreSQL's bind-parameter limits.
const IDS_PER_QUERY = 900;
const ROWS_PER_INSERT = 400;

/**
 * Stores the products (each with its full variant set) in one transaction, skipping deleted and
 * stale ones. `collections: null` keeps the stored collection handles. A handle another stored
 * product still holds (handles move between products) is taken from it (see `displacedHandle`).
 */
export async function saveProducts(
  shop: string,
  products: IncomingProduct[],
  options: SaveOptions = {},
): Promise<SavedProducts> {
  if (products.length === 0) return { written: [], stale: [], deleted: [] };
  const currency = options.currency ?? (await shopCurrency(shop));
  if (options.db) return writeProducts(options.db, shop, currency, products);
  return retryOnConflict(() => prisma.$transaction((tx) => writeProducts(tx, shop, currency, products)));
}

async function writeProducts(
  db: CatalogDb,
  shop: string,
  currency: string,
  incoming: IncomingProduct[],
): Promise<SavedProducts> {
  const products = newestPerId(incoming);
  const ids = products.map((p) => p.id);
  const tombstoned = await tombstonedIds(db, shop, ids);
  const stored = await storedProductStates(db, shop, ids);
  const result: SavedProducts = { written: [], stale: [], deleted: [] };
  const fresh: IncomingProduct[] = [];
  for (const product of products) {
    const before = stored.get(product.id);
    if (tombstoned.has(product.id)) result.deleted.push(product.id);
    else if (before?.shopifyUpdatedAt && before.shopifyUpdatedAt > product.shopifyUpdatedAt) {
      result.stale.push(product.id);
    } else {
      fresh.push({
        ...product,
        collections: product.collections ?? stringList(before?.collections ?? null),
        upgradeFeatures: product.upgradeFeatures !== undefined ? product.upgradeFeatures : storedFeatures(before),
      });
    }
  }
  if (fresh.length === 0) return result;
  const freshIds = fresh.map((p) => p.id);
  const variantIds = fresh.flatMap((p) => p.variants.map((v) => v.id));
  // By id too: a variant id listed under another stored product (never in Shopify; a corrupt cache) moves.
  await deleteVariants(db, shop, freshIds, variantIds);
  await deleteProducts(db, shop, freshIds);
  const rows = await withFreeHandles(db, shop, fresh);
  await insertProducts(db, rows);
  await insertVariants(
    db,
    fresh.flatMap((p) => p.variants.map((v) => variantRow(shop, p.id, currency, v))),
  );
  result.written = freshIds;
  return result;
}

/**
 * Adds or replaces variants whose product row was stored earlier (a bulk export need not list a
 * variant right after its product). Variants of products Cartlift does not hold are dropped, and so
 * are those whose product's stored state is newer than `productUpdatedAt` (the state the variant
 * was exported with), as `saveProducts` would. Returns how many variants were written.
 */
export async function saveDetachedVariants(
  shop: string,
  items: { productId: string; variant: IncomingVariant; productUpdatedAt?: Date }[],
  options: SaveOptions = {},
): Promise<number> {
  if (items.length === 0) return 0;
  const currency = options.currency ?? (await shopCurrency(shop));
  const write = async (db: CatalogDb) => {
    const parents = await storedProductStates(db, shop, [...new Set(items.map((i) => i.productId))]);
    const kept = items.filter((item) => {
      const storedAt = parents.get(item.productId)?.shopifyUpdatedAt;
      if (!parents.has(item.productId)) return false;
      return !(storedAt && item.productUpdatedAt && storedAt > item.productUpdatedAt);
    });
    await deleteVariants(
      db,
      shop,
      [],
      kept.map((i) => i.variant.id),
    );
    const rows = kept.map((i) => variantRow(shop, i.productId, currency, i.variant));
    await insertVariants(db, rows);
    return rows.length;
  };
  if (options.db) return write(options.db);
  return retryOnConflict(() => prisma.$transaction(write));
}

/**
 * Adds collection handles to stored products (a bulk export's collection rows listed after their
 * product's batch was stored), unless the product's stored state is newer than `productUpdatedAt`.
 * Returns how many products changed.
 */
export async function addProductCollections(
  shop: string,
  items: { productId: string; handle: string; productUpdatedAt?: Date }[],
  options: Pick<SaveOptions, "db"> = {},
): Promise<number> {
  if (items.length === 0) return 0;
  const db = options.db ?? prisma;
  const stored = await storedProductStates(db, shop, [...new Set(items.map((i) => i.productId))]);
  const added = new Map<string, string[]>();
  for (const { productId, handle, productUpdatedAt } of items) {
    const state = stored.get(productId);
    if (!state || (state.shopifyUpdatedAt && productUpdatedAt && state.shopifyUpdatedAt > productUpdatedAt)) continue;
    added.set(productId, [...(added.get(productId) ?? stringList(state.collections)), handle]);
  }
  let changed = 0;
  for (const [productId, handles] of added) {
    const before = stringList(stored.get(productId)?.collections ?? null);
    const after = [...new Set(handles)];
    if (after.length === before.length) continue;
    await db.product.updateMany({ where: { shop, id: productId }, data: { collections: after } });
    changed += 1;
  }
  return changed;
}

/** Stores the collections (new ones created, known ones updated unless the stored state is newer). */
export async function saveCollections(
  shop: string,
  collections: IncomingCollection[],
  options: Pick<SaveOptions, "db"> = {},
): Promise<void> {
  if (collections.length === 0) return;
  const db = options.db ?? prisma;
  const unique = [...new Map(collections.map((c) => [c.id, c])).values()];
  const stored = new Map(
    (
      await findInChunks(
        unique.map((c) => c.id),
        (chunk) => db.collection.findMany({ where: { shop, id: { in: chunk } } }),
      )
    ).map((row) => [row.id, row]),
  );
  const fresh = unique.filter((c) => !stored.has(c.id));
  await insertInChunks(
    fresh.map((c) => ({ shop, id: c.id, handle: c.handle, title: c.title, shopifyUpdatedAt: c.shopifyUpdatedAt })),
    (chunk) => db.collection.createMany({ data: chunk }),
  );
  for (const c of unique) {
    const before = stored.get(c.id);
    if (!before) continue;
    if (before.shopifyUpdatedAt && c.shopifyUpdatedAt && before.shopifyUpdatedAt > c.shopifyUpdatedAt) continue;
    if (before.handle === c.handle && before.title === c.title && !c.shopifyUpdatedAt) continue;
    await db.collection.updateMany({
      where: { shop, id: c.id },
      data: { handle: c.handle, title: c.title, shopifyUpdatedAt: c.shopifyUpdatedAt ?? before.shopifyUpdatedAt },
    });
  }
}

/** Marks stored products as seen now (an import found them but did not rewrite them: stale rows). */
export async function touchProducts(shop: string, ids: string[], options: Pick<SaveOptions, "db"> = {}): Promise<void> {
  if (ids.length === 0) return;
  if (options.db) return touchProductRows(options.db, shop, [...new Set(ids)], new Date());
  await prisma.$transaction((tx) => touchProductRows(tx, shop, [...new Set(ids)], new Date()));
}

/**
 * After a complete import that started at `since`: the stored products neither written nor
 * touched since are no longer in Shopify. Deletes them with their variants and tombstones them.
 * Returns how many were removed.
 */
export async function removeProductsNotSeenSince(shop: string, since: Date): Promise<number> {
  const gone = await prisma.product.findMany({ where: { shop, updatedAt: { lt: since } }, select: { id: true } });
  let removed = 0;
  for (let i = 0; i < gone.length; i += IDS_PER_QUERY) {
    const chunk = gone.slice(i, i + IDS_PER_QUERY).map((r) => r.id);
    removed += await prisma.$transaction(async (tx) => {
      // Re-checked inside the transaction: a webhook may have written one of them meanwhile.
      const still = await tx.product.findMany({
        where: { shop, id: { in: chunk }, updatedAt: { lt: since } },
        select: { id: true },
      });
      const ids = still.map((r) => r.id);
      if (ids.length === 0) return 0;
      const known = await tombstonedIds(tx, shop, ids);
      const deletedAt = new Date();
      const stones = ids.filter((id) => !known.has(id)).map((id) => ({ shop, id, deletedAt }));
      if (stones.length > 0) await tx.catalogTombstone.createMany({ data: stones });
      await deleteVariants(tx, shop, ids, []);
      await deleteProducts(tx, shop, ids);
      return ids.length;
    });
  }
  return removed;
}

/** The shop's currency (the Shop row must exist: every catalog row references it). */
export async function shopCurrency(shop: string): Promise<string> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true } });
  if (!row) throw new Error(`No Shop row for ${shop}: store the shop before its catalog`);
  return row.currency;
}

// One state per product: the newest (the later one on a tie, as it was delivered last).
function newestPerId(products: IncomingProduct[]): IncomingProduct[] {
  const byId = new Map<string, IncomingProduct>();
  for (const product of products) {
    const seen = byId.get(product.id);
    if (!seen || seen.shopifyUpdatedAt <= product.shopifyUpdatedAt) byId.set(product.id, product);
  }
  return [...byId.values()];
}

/**
 * The product rows to insert, after freeing their handles. Shopify's handles are unique at any
 * moment, but they move: when product B takes the handle product A had, B's update may arrive
 * before A's. The newer state keeps a contested handle (the incoming product on a tie); the other
 * product gets a placeholder (`displacedHandle`) until its own update or the next import
 * corrects it. Never a failed write.
 */
async function withFreeHandles(
  db: CatalogDb,
  shop: string,
  products: IncomingProduct[],
): Promise<Prisma.ProductCreateManyInput[]> {
  const claimed = new Map<string, IncomingProduct>();
  for (const p of [...products].sort((a, b) => b.shopifyUpdatedAt.getTime() - a.shopifyUpdatedAt.getTime())) {
    if (!claimed.has(p.handle)) claimed.set(p.handle, p);
  }
  // The products of this batch were deleted already: any holder is another stored product.
  const holders = await handleHolders(db, shop, [...claimed.keys()]);
  for (const holder of holders) {
    const claimant = claimed.get(holder.handle);
    if (claimant && holder.shopifyUpdatedAt && holder.shopifyUpdatedAt > claimant.shopifyUpdatedAt) {
      claimed.delete(holder.handle);
      continue;
    }
    await db.product.updateMany({ where: { shop, id: holder.id }, data: { handle: displacedHandle(holder.id) } });
  }
  return products.map((p) => productRow(shop, claimed.get(p.handle) === p ? p.handle : displacedHandle(p.id), p));
}

/** A handle no real product can have (Shopify's are lower-case letters, digits and dashes). */
export function displacedHandle(productId: string): string {
  return `~displaced~${productId}`;
}

// The stored metafield list, for a source that does not carry it (null: never set).
function storedFeatures(state: { upgradeFeatures: Prisma.JsonValue } | undefined): string[] | null {
  return state?.upgradeFeatures == null ? null : stringList(state.upgradeFeatures);
}

// PostgreSQL: a concurrent writer (a webhook beside the import) inserted the same row between our
// delete and insert. The retry sees its row and resolves by updated_at like any other.
async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

async function findInChunks<T>(ids: string[], find: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) rows.push(...(await find(ids.slice(i, i + IDS_PER_QUERY))));
  return rows;
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}
