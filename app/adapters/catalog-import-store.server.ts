/**
 * Prisma access for catalog imports (CatalogImport rows). Every query carries the shop. A batch of
 * products and the import's progress are written in one transaction (through the catalog's one
 * write path, catalog-store.server.ts), so after a crash `linesProcessed` says exactly which
 * export lines are stored.
 */
import { prisma } from "../db.server";
import { importStatus, type BulkImportPatch, type BulkImportRecord, type ImportStatus } from "../schemas/bulk-import";
import type { IncomingCollection, IncomingProduct, IncomingVariant } from "../schemas/catalog";
import {
  addProductCollections,
  saveCollections,
  saveDetachedVariants,
  saveProducts,
  touchProducts,
  type SavedProducts,
} from "./catalog-store.server";
import { isUniqueViolation } from "./orders.server";

export type CatalogImportStatus = ImportStatus;

export interface CatalogImportRecord extends BulkImportRecord {
  productsTotal: number | null;
  productsImported: number;
}

export type CatalogImportPatch = BulkImportPatch & Partial<Pick<CatalogImportRecord, "productsTotal">>;

/** Starts a new import record for the shop (its Shop row must exist). */
export async function createImport(shop: string): Promise<CatalogImportRecord> {
  return toRecord(await prisma.catalogImport.create({ data: { shop, status: "created" } }));
}

/** The shop's most recent catalog import, if any. */
export async function latestImport(shop: string): Promise<CatalogImportRecord | null> {
  const row = await prisma.catalogImport.findFirst({
    where: { shop },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
  });
  return row && toRecord(row);
}

export async function findImport(shop: string, id: string): Promise<CatalogImportRecord | null> {
  const row = await prisma.catalogImport.findFirst({ where: { shop, id } });
  return row && toRecord(row);
}

/** The catalog import that started this bulk operation. */
export async function findImportByOperation(
  shop: string,
  bulkOperationId: string,
): Promise<CatalogImportRecord | null> {
  const row = await prisma.catalogImport.findFirst({
    where: { shop, bulkOperationId },
    orderBy: { startedAt: "desc" },
  });
  return row && toRecord(row);
}

export async function updateImport(shop: string, id: string, patch: CatalogImportPatch): Promise<void> {
  await prisma.catalogImport.updateMany({ where: { shop, id }, data: patch });
}

/** What one batch of the export adds to the catalog. */
export interface CatalogBatch {
  products: IncomingProduct[];
  /** Variants whose product was stored by an earlier batch. */
  variants: { productId: string; variant: IncomingVariant; productUpdatedAt?: Date }[];
  /** Collection handles of products stored by an earlier batch. */
  memberships: { productId: string; handle: string; productUpdatedAt?: Date }[];
  collections: IncomingCollection[];
  /** Stored products this import saw but does not rewrite (a row it could not read): not swept. */
  touch: string[];
}

/**
 * Stores a batch and moves the import's progress to `linesProcessed`, in one transaction.
 * `productsImported` grows by the products now as the export has them or newer (written, or kept
 * because the stored state is newer). Retried once when a concurrent webhook stored one of the
 * products between the check and the insert (PostgreSQL).
 */
export async function saveCatalogBatch(
  shop: string,
  importId: string,
  currency: string,
  batch: CatalogBatch,
  linesProcessed: number,
): Promise<SavedProducts> {
  const attempt = () =>
    prisma.$transaction(
      async (db) => {
        const saved = await saveProducts(shop, batch.products, { currency, db });
        await saveDetachedVariants(shop, batch.variants, { currency, db });
        await addProductCollections(shop, batch.memberships, { db });
        await saveCollections(shop, batch.collections, { db });
        // A stale row's product is as new as Shopify has it: seen, so the sweep keeps it.
        await touchProducts(shop, [...saved.stale, ...batch.touch], { db });
        await db.catalogImport.updateMany({
          where: { shop, id: importId },
          data: { linesProcessed, productsImported: { increment: saved.written.length + saved.stale.length } },
        });
        return saved;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

function toRecord(row: Omit<CatalogImportRecord, "status"> & { status: string }): CatalogImportRecord {
  return { ...row, status: importStatus(row.status) };
}

/** A catalog import as the admin's progress bar reads it (plain JSON: dates as ISO strings). */
export interface CatalogImportSummary {
  id: string;
  status: CatalogImportStatus;
  productsImported: number;
  /** What Shopify counted when the import started; null when it could not say. */
  productsTotal: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export function summarizeImport(record: CatalogImportRecord): CatalogImportSummary {
  return {
    id: record.id,
    status: record.status,
    productsImported: record.productsImported,
    productsTotal: record.productsTotal,
    error: record.error,
    startedAt: record.startedAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
