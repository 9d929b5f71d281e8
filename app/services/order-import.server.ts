/**
 * Importing a shop's order history with a bulk operation: start Shopify's export, learn that it
 * finished (the bulk_operations/finish webhook, or a poll when the merchant presses the button
 * again), then stream the JSONL result into the database in batches, off the request path.
 * Each batch commits with the import's line position, so a crashed import resumes where it
 * stopped, and re-reading lines is harmless (stored orders are skipped). A retrain follows.
 * The lifecycle, the background download and the line bookkeeping are shared with the catalog
 * import (./bulk-import.server.ts); this file says how orders are exported and stored.
 */
import { AdminApiError, startOrdersExport, type AdminGraphql } from "../adapters/admin-bulk.server";
import * as imports from "../adapters/order-import-store.server";
import type { ImportSummary, OrderImportRecord } from "../adapters/order-import-store.server";
import type { DetachedLine } from "../adapters/orders.server";
import { findShop } from "../adapters/shop-repository.server";
import { bulkExportRow, type BulkExportRow, type IncomingOrder } from "../schemas/orders";
import { BulkImports, downloadExport, JsonlRun, type LineStats } from "./bulk-import.server";
import { scheduleRetrain } from "./recommendations.server";
import { bootstrapShop } from "./shop-bootstrap.server";

export { nextImportStep, type ImportStep } from "./bulk-import.server";

const BATCH_ORDERS = 250;

export interface ImportRequestResult {
  import: ImportSummary | null;
  /** Why the import could not start or continue, for the merchant. */
  error: string | null;
}

export interface ImportRunStats extends LineStats {
  ordersInserted: number;
}

const orderImports = new BulkImports<OrderImportRecord, ImportRunStats>({
  name: "order import",
  store: imports,
  start: startImport,
  process: (shop, importId) => processOrderImport(shop, importId),
});

/** Starts an import, checks on the running one, or resumes an interrupted one. */
export async function requestOrderImport(shop: string, admin: AdminGraphql): Promise<ImportRequestResult> {
  const latest = await imports.latestImport(shop);
  const { error } = await orderImports.request(shop, admin);
  if (error) return { import: latest && imports.summarizeImport(latest), error };
  const current = await imports.latestImport(shop);
  return {
    import: current && imports.summarizeImport(current),
    error: current?.status === "failed" ? current.error : null,
  };
}

/** bulk_operations/finish for this kind's imports (see BulkImports.handleFinish). */
export function handleBulkOperationFinish(shop: string, payload: unknown, admin: AdminGraphql | undefined) {
  return orderImports.handleFinish(shop, payload, admin);
}

/** Resolves when the shop's background download (if any) has ended, with what it did. */
export async function whenOrderImportIdle(shop: string): Promise<ImportRunStats | null> {
  return orderImports.whenIdle(shop);
}

async function startImport(shop: string, admin: AdminGraphql): Promise<void> {
  if (!(await findShop(shop))) await bootstrapShop(shop, admin);
  const record = await imports.createImport(shop);
  try {
    const operation = await startOrdersExport(admin);
    await imports.updateImport(shop, record.id, { status: "running", bulkOperationId: operation.id });
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    await orderImports.fail(shop, record.id, error.message);
  }
}

/** Streams the import's export into the database from its last committed line, then retrains. */
export async function processOrderImport(
  shop: string,
  importId: string,
  options: { batchOrders?: number } = {},
): Promise<ImportRunStats> {
  const record = await imports.findImport(shop, importId);
  if (!record) throw new Error(`Import ${importId} has no export to read`);
  const run = new ImportRun(shop, importId, record.linesProcessed, options.batchOrders ?? BATCH_ORDERS);
  await downloadExport(orderImports, imports, record, run);
  await imports.updateImport(shop, importId, { status: "completed", finishedAt: new Date(), error: run.rejections() });
  scheduleRetrain(shop);
  return run.stats;
}

/** One pass over an export: parses rows, groups line items under their orders, stores batches. */
class ImportRun extends JsonlRun<ImportRunStats> {
  private orders = new Map<string, IncomingOrder>();
  private detached: DetachedLine[] = [];

  constructor(
    private readonly shop: string,
    private readonly importId: string,
    resumeAt: number,
    private readonly batchOrders: number,
  ) {
    super(
      { linesRead: 0, linesSkipped: 0, ordersInserted: 0, rowsRejected: 0 },
      resumeAt,
      `order import ${importId} for ${shop}`,
    );
  }

  protected async row(text: string): Promise<void> {
    const row = parseRow(text);
    if (typeof row === "string") return this.reject(row);
    if (row.kind === "order") {
      // Batches end before an order row, so an order and the line items after it stay together.
      if (this.orders.size >= this.batchOrders) await this.flush(this.position - 1);
      this.orders.set(row.order.id, { ...row.order, lines: [] });
      return;
    }
    const parent = this.orders.get(row.orderId);
    if (parent) parent.lines.push(row.line);
    // Exports without grouping may list a line item after its order's batch was stored.
    else this.detached.push({ orderId: row.orderId, line: row.line });
  }

  async flush(upTo: number): Promise<void> {
    if (upTo <= this.committed) return;
    const batch = { orders: [...this.orders.values()], detached: this.detached };
    const inserted = await imports.saveImportBatch(this.shop, this.importId, batch, upTo);
    this.stats.ordersInserted += inserted.orders.length;
    this.orders = new Map();
    this.detached = [];
    this.committed = upTo;
  }
}

function parseRow(text: string): BulkExportRow | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  const parsed = bulkExportRow.safeParse(json);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((i) => `${i.path.join(".") || "row"}: ${i.message}`).join("; ");
}
