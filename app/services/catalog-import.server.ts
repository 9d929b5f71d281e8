/**
 * Importing a shop's catalog with a bulk operation, started automatically at install: count the
 * products (for the progress bar), start Shopify's products export, learn that it finished (the
 * bulk_operations/finish webhook, or a poll on a later auth), then stream the JSONL file into the
 * catalog through its one write path (catalog-store.server.ts), in batches committed with the
 * import's line position, so a crash resumes where it stopped. Re-running is harmless: products
 * are replaced whole, by Shopify's updated_at. After a complete import, products Cartlift still
 * holds that the export did not list (and no webhook wrote since the import started) are gone
 * from Shopify and are removed. The lifecycle and line bookkeeping are shared with the order
 * import (./bulk-import.server.ts).
 */
import { startCatalogExport, fetchProductsCount } from "../adapters/admin-catalog.server";
import { AdminApiError, type AdminGraphql } from "../adapters/admin-bulk.server";
import * as imports from "../adapters/catalog-import-store.server";
import type { CatalogImportRecord, CatalogImportSummary } from "../adapters/catalog-import-store.server";
import { removeProductsNotSeenSince, shopCurrency } from "../adapters/catalog-store.server";
import { findShop } from "../adapters/shop-repository.server";
import { BulkImports, downloadExport, type LineStats } from "./bulk-import.server";
import { CatalogRun, type CatalogRunStats } from "./catalog-import-run.server";
import { forgetCatalog } from "./catalog-cache.server";
import { scheduleRetrain } from "./recommendations.server";
import { bootstrapShop } from "./shop-bootstrap.server";

export interface CatalogImportStats extends LineStats, CatalogRunStats {
  /** Products removed after the import (no longer in Shopify); null when the sweep was skipped. */
  productsRemoved: number | null;
}

export interface CatalogImportRequest {
  import: CatalogImportSummary | null;
  /** Why the import could not start or continue. */
  error: string | null;
}

const catalogImports = new BulkImports<CatalogImportRecord, CatalogImportStats>({
  name: "catalog import",
  store: imports,
  start: startImport,
  process: (shop, importId) => processCatalogImport(shop, importId),
});

/** Requests in flight, by shop: two auths at once start one import, not two. */
const requesting = new Map<string, Promise<CatalogImportRequest>>();

/**
 * Called on every auth: starts an import when the shop has none or its last one failed (resuming
 * a failed download whose file Shopify still keeps), checks on a running one, and otherwise does
 * nothing: a completed import is kept current by the product webhooks, not re-run. Never starts
 * a second import beside a running one. Returns once Shopify accepted the export (the download
 * runs in the background).
 */
export function requestCatalogImport(shop: string, admin: AdminGraphql): Promise<CatalogImportRequest> {
  const inFlight = requesting.get(shop);
  if (inFlight) return inFlight;
  const request = runRequest(shop, admin).finally(() => requesting.delete(shop));
  requesting.set(shop, request);
  return request;
}

async function runRequest(shop: string, admin: AdminGraphql): Promise<CatalogImportRequest> {
  const latest = await imports.latestImport(shop);
  if (latest?.status !== "completed") {
    const { error } = await catalogImports.request(shop, admin);
    if (error) return { import: latest && imports.summarizeImport(latest), error };
  }
  const current = await imports.latestImport(shop);
  return {
    import: current && imports.summarizeImport(current),
    error: current?.status === "failed" ? current.error : null,
  };
}

/** The shop's latest catalog import for the admin's progress bar (null: none yet). */
export async function catalogImportProgress(shop: string): Promise<CatalogImportSummary | null> {
  const latest = await imports.latestImport(shop);
  return latest && imports.summarizeImport(latest);
}

/**
 * bulk_operations/finish for a catalog import: false when no catalog import owns the operation
 * (it is the order import's) or the finish was handled already.
 */
/** bulk_operations/finish for this kind's imports (see BulkImports.handleFinish). */
export function handleCatalogBulkFinish(shop: string, payload: unknown, admin: AdminGraphql | undefined) {
  return catalogImports.handleFinish(shop, payload, admin);
}

/** Resolves when the shop's background catalog download (if any) has ended, with what it did. */
export async function whenCatalogImportIdle(shop: string): Promise<CatalogImportStats | null> {
  return catalogImports.whenIdle(shop);
}

async function startImport(shop: string, admin: AdminGraphql): Promise<void> {
  if (!(await findShop(shop))) await bootstrapShop(shop, admin);
  const record = await imports.createImport(shop);
  // The count only feeds the progress bar: the import goes ahead without it.
  const [count, operation] = await Promise.allSettled([fetchProductsCount(admin), startCatalogExport(admin)]);
  const productsTotal = count.status === "fulfilled" ? count.value : null;
  if (operation.status === "rejected") {
    if (!(operation.reason instanceof AdminApiError)) throw operation.reason;
    await imports.updateImport(shop, record.id, { productsTotal });
    return catalogImports.fail(shop, record.id, operation.reason.message);
  }
  await imports.updateImport(shop, record.id, {
    status: "running",
    bulkOperationId: operation.value.id,
    productsTotal,
  });
}

/**
 * Streams the import's export into the catalog from its last committed line; then removes the
 * products Shopify no longer has, drops the storefront's cached catalog and retrains.
 */
export async function processCatalogImport(
  shop: string,
  importId: string,
  options: { batchProducts?: number; batchVariants?: number } = {},
): Promise<CatalogImportStats> {
  const record = await imports.findImport(shop, importId);
  if (!record) throw new Error(`Import ${importId} has no export to read`);
  const run = new CatalogRun({
    shop,
    importId,
    currency: await shopCurrency(shop),
    resumeAt: record.linesProcessed,
    batchProducts: options.batchProducts,
    batchVariants: options.batchVariants,
    afterBatch: () => forgetCatalog(shop),
  });
  await downloadExport(catalogImports, imports, record, run);
  // A line whose product could not be told means the export may hold a product Cartlift did not
  // see: removing "unseen" products would then tombstone a live one for good.
  const productsRemoved = run.sweepSafe ? await removeProductsNotSeenSince(shop, record.startedAt) : null;
  const error = [run.rejections(), productsRemoved === null ? "products no longer in Shopify were kept" : null]
    .filter(Boolean)
    .join("; ");
  await imports.updateImport(shop, importId, { status: "completed", finishedAt: new Date(), error: error || null });
  forgetCatalog(shop);
  scheduleRetrain(shop);
  return { ...run.stats, productsRemoved };
}
