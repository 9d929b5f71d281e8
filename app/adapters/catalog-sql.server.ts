/**
 * The set-based statements of the catalog's write path (catalog-store.server.ts): look up,
 * delete and insert many products and variants at once. On PostgreSQL these are ordinary Prisma
 * calls. On SQLite, Prisma's client binds each list element as its own parameter and spends
 * ~60 µs per parameter doing so (measured: a findMany with 900 ids takes ~57 ms, the same query
 * with the ids as one JSON parameter ~2 ms; createMany of 2,000 variants ~2.5 s against ~30 ms in
 * better-sqlite3 itself), which would make a 50,000-product import take minutes. There, lists
 * and rows travel as ONE JSON parameter per statement and SQLite unpacks them with `json_each`,
 * still through Prisma and inside its transaction. Values are written as Prisma writes them on
 * SQLite: DateTime as ISO text with "+00:00", Boolean as 0/1, Json as its text, BigInt as integer.
 * Table and column names below are constants, never input.
 */
import { Prisma } from "@prisma/client";
import { databaseProvider } from "../db.server";
import type { IncomingProduct, IncomingVariant } from "../schemas/catalog";

type Db = Prisma.TransactionClient;

const sqlite = databaseProvider === "sqlite";
// Prisma's own chunk size on PostgreSQL; SQLite's JSON parameter needs none but stays bounded.
const IDS_PER_QUERY = 1_000;
const ROWS_PER_STATEMENT = 1_000;

export interface StoredProductState {
  shopifyUpdatedAt: Date | null;
  collections: Prisma.JsonValue;
  upgradeFeatures: Prisma.JsonValue;
}

/** The ids (of `ids`) that have a tombstone. */
export async function tombstonedIds(db: Db, shop: string, ids: string[]): Promise<Set<string>> {
  const rows = await inChunks(ids, (chunk) =>
    sqlite
      ? db.$queryRawUnsafe<{ id: string }[]>(
          `SELECT "id" FROM "CatalogTombstone" WHERE "shop" = ? AND "id" IN (SELECT value FROM json_each(?))`,
          shop,
          JSON.stringify(chunk),
        )
      : db.catalogTombstone.findMany({ where: { shop, id: { in: chunk } }, select: { id: true } }),
  );
  return new Set(rows.map((r) => r.id));
}

/** What the write path needs of the stored products among `ids`. */
export async function storedProductStates(
  db: Db,
  shop: string,
  ids: string[],
): Promise<Map<string, StoredProductState>> {
  const rows = await inChunks(ids, (chunk) =>
    sqlite
      ? db.$queryRawUnsafe<({ id: string } & StoredProductState)[]>(
          `SELECT "id", "shopifyUpdatedAt", "collections", "upgradeFeatures" FROM "Product" WHERE "shop" = ? AND "id" IN (SELECT value FROM json_each(?))`,
          shop,
          JSON.stringify(chunk),
        )
      : db.product.findMany({
          where: { shop, id: { in: chunk } },
          select: { id: true, shopifyUpdatedAt: true, collections: true, upgradeFeatures: true },
        }),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { shopifyUpdatedAt: r.shopifyUpdatedAt, collections: r.collections, upgradeFeatures: r.upgradeFeatures },
    ]),
  );
}

/** Stored products holding any of the handles. */
export async function handleHolders(
  db: Db,
  shop: string,
  handles: string[],
): Promise<{ id: string; handle: string; shopifyUpdatedAt: Date | null }[]> {
  return inChunks(handles, (chunk) =>
    sqlite
      ? db.$queryRawUnsafe<{ id: string; handle: string; shopifyUpdatedAt: Date | null }[]>(
          `SELECT "id", "handle", "shopifyUpdatedAt" FROM "Product" WHERE "shop" = ? AND "handle" IN (SELECT value FROM json_each(?))`,
          shop,
          JSON.stringify(chunk),
        )
      : db.product.findMany({
          where: { shop, handle: { in: chunk } },
          select: { id: true, handle: true, shopifyUpdatedAt: true },
        }),
  );
}

/** Deletes the variants of the products, and the variants with the ids (wherever they are). */
export async function deleteVariants(db: Db, shop: string, productIds: string[], variantIds: string[]): Promise<void> {
  if (sqlite) {
    for (const [column, ids] of [
      ["productId", productIds],
      ["id", variantIds],
    ] as const) {
      await eachChunk(ids, (chunk) =>
        db.$executeRawUnsafe(
          `DELETE FROM "Variant" WHERE "shop" = ? AND "${column}" IN (SELECT value FROM json_each(?))`,
          shop,
          JSON.stringify(chunk),
        ),
      );
    }
    return;
  }
  await eachChunk(productIds, (chunk) => db.variant.deleteMany({ where: { shop, productId: { in: chunk } } }));
  await eachChunk(variantIds, (chunk) => db.variant.deleteMany({ where: { shop, id: { in: chunk } } }));
}

/** Deletes the product rows (their variants must be gone already). */
export async function deleteProducts(db: Db, shop: string, ids: string[]): Promise<void> {
  await eachChunk(ids, (chunk) =>
    sqlite
      ? db.$executeRawUnsafe(
          `DELETE FROM "Product" WHERE "shop" = ? AND "id" IN (SELECT value FROM json_each(?))`,
          shop,
          JSON.stringify(chunk),
        )
      : db.product.deleteMany({ where: { shop, id: { in: chunk } } }),
  );
}

/** Sets the products' `updatedAt` (the sweep's "seen since"). */
export async function touchProductRows(db: Db, shop: string, ids: string[], at: Date): Promise<void> {
  await eachChunk(ids, (chunk) =>
    sqlite
      ? db.$executeRawUnsafe(
          `UPDATE "Product" SET "updatedAt" = ? WHERE "shop" = ? AND "id" IN (SELECT value FROM json_each(?))`,
          sqliteDate(at),
          shop,
          JSON.stringify(chunk),
        )
      : db.product.updateMany({ where: { shop, id: { in: chunk } }, data: { updatedAt: at } }),
  );
}

export async function insertProducts(db: Db, rows: Prisma.ProductCreateManyInput[]): Promise<void> {
  if (rows.length === 0) return;
  if (!sqlite) {
    await db.product.createMany({ data: rows });
    return;
  }
  const now = sqliteDate(new Date());
  await insertAsJson(db, "Product", PRODUCT_COLUMNS, rows, (r) => [
    r.shop,
    r.id,
    r.title,
    r.handle,
    r.productType ?? "",
    r.vendor ?? "",
    JSON.stringify(r.tags),
    JSON.stringify(r.collections),
    r.imageUrl ?? null,
    jsonOrNull(r.upgradeFeatures),
    jsonOrNull(r.options),
    r.status ?? "active",
    r.publishedOnline === false ? 0 : 1,
    r.shopifyUpdatedAt ? sqliteDate(new Date(r.shopifyUpdatedAt)) : null,
    now,
  ]);
}

export async function insertVariants(db: Db, rows: Prisma.VariantCreateManyInput[]): Promise<void> {
  if (rows.length === 0) return;
  if (!sqlite) {
    await db.variant.createMany({ data: rows });
    return;
  }
  const now = sqliteDate(new Date());
  await insertAsJson(db, "Variant", VARIANT_COLUMNS, rows, (r) => [
    r.shop,
    r.id,
    r.productId,
    r.title,
    r.sku ?? null,
    integer(r.priceMinor),
    r.compareAtPriceMinor == null ? null : integer(r.compareAtPriceMinor),
    r.currency,
    r.inventoryQuantity ?? null,
    r.availableForSale === false ? 0 : 1,
    r.position ?? 0,
    jsonOrNull(r.selectedOptions),
    r.inventoryItemId ?? null,
    now,
  ]);
}

/** A product as its row (the handle given, see catalog-store's withFreeHandles). */
export function productRow(shop: string, handle: string, p: IncomingProduct): Prisma.ProductCreateManyInput {
  return {
    shop,
    id: p.id,
    title: p.title,
    handle,
    productType: p.productType,
    vendor: p.vendor,
    tags: p.tags,
    collections: p.collections ?? [],
    imageUrl: p.imageUrl,
    // Unset (NULL) like a product whose metafield the merchant never filled.
    upgradeFeatures: p.upgradeFeatures ?? Prisma.DbNull,
    options: p.options,
    status: p.status,
    publishedOnline: p.publishedOnline,
    shopifyUpdatedAt: p.shopifyUpdatedAt,
  };
}

/** A variant as its row; `currency` is the shop's. */
export function variantRow(
  shop: string,
  productId: string,
  currency: string,
  v: IncomingVariant,
): Prisma.VariantCreateManyInput {
  return {
    shop,
    id: v.id,
    productId,
    title: v.title,
    sku: v.sku,
    priceMinor: BigInt(v.priceMinor),
    compareAtPriceMinor: v.compareAtPriceMinor === null ? null : BigInt(v.compareAtPriceMinor),
    currency,
    inventoryQuantity: v.inventoryQuantity,
    availableForSale: v.availableForSale,
    position: v.position,
    selectedOptions: v.selectedOptions,
    inventoryItemId: v.inventoryItemId,
  };
}

const PRODUCT_COLUMNS = [
  "shop",
  "id",
  "title",
  "handle",
  "productType",
  "vendor",
  "tags",
  "collections",
  "imageUrl",
  "upgradeFeatures",
  "options",
  "status",
  "publishedOnline",
  "shopifyUpdatedAt",
  "updatedAt",
];

const VARIANT_COLUMNS = [
  "shop",
  "id",
  "productId",
  "title",
  "sku",
  "priceMinor",
  "compareAtPriceMinor",
  "currency",
  "inventoryQuantity",
  "availableForSale",
  "position",
  "selectedOptions",
  "inventoryItemId",
  "updatedAt",
];

async function insertAsJson<T>(
  db: Db,
  table: string,
  columns: string[],
  rows: T[],
  values: (row: T) => unknown[],
): Promise<void> {
  const names = columns.map((c) => `"${c}"`).join(", ");
  const picks = columns.map((_, i) => `value ->> ${i}`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${picks} FROM json_each(?)`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT).map(values)));
  }
}

/** The text Prisma stores a DateTime as on SQLite (what its comparisons compare). */
function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function integer(value: bigint | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`${value} is not a safe integer amount`);
  return number;
}

// Prisma.DbNull (and undefined) is SQL NULL; anything else is stored as its JSON text.
function jsonOrNull(value: unknown): string | null {
  if (value === undefined || value === null || value === Prisma.DbNull) return null;
  return JSON.stringify(value);
}

async function inChunks<T>(ids: string[], find: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) rows.push(...(await find(ids.slice(i, i + IDS_PER_QUERY))));
  return rows;
}

async function eachChunk(ids: string[], run: (chunk: string[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) await run(ids.slice(i, i + IDS_PER_QUERY));
}
