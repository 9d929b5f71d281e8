/**
 * Importing a shop's order history with a bulk operation: start Shopify's export, learn that it
 * finished (the bulk_operations/finish webhook, or a poll when the merchant presses the button
 * again), then stream the JSONL result into the database in batches, off the request path.
 * Each batch commits with the import's line position, so a crashed import resumes where it
 * stopped, and re-reading lines is harmless (stored orders are skipped). A retrain follows.
 */
import {
  AdminApiError,
  fetchBulkOperation,
  fetchShopDetails,
  readJsonlLines,
  startOrdersExport,
  type AdminGraphql,
  type BulkOperationState,
} from "../adapters/admin-bulk.server";
import * as imports from "../adapters/order-import-store.server";
import type { ImportSummary, OrderImportRecord } from "../adapters/order-import-store.server";
import { ensureShop, type DetachedLine } from "../adapters/orders.server";
import { findShop } from "../adapters/shop-repository.server";
import { bulkExportRow, bulkOperationFinishPayload, type BulkExportRow, type IncomingOrder } from "../schemas/orders";
import { scheduleRetrain } from "./recommendations.server";

const BATCH_ORDERS = 250;
// A download that has not committed a batch for this long was interrupted (a crash, a deploy).
const STALE_DOWNLOAD_MS = 2 * 60 * 1000;
// Shopify keeps an export's file for seven days; resuming later would only fail.
const RESULT_LIFETIME_MS = 6 * 24 * 60 * 60 * 1000;

export type ImportStep = "start" | "poll" | "resume" | "wait";

export interface ImportRequestResult {
  import: ImportSummary | null;
  /** Why the import could not start or continue, for the merchant. */
  error: string | null;
}

export interface ImportRunStats {
  /** Lines read in this run (the ones an earlier run stored are skipped, not read). */
  linesRead: number;
  linesSkipped: number;
  ordersInserted: number;
  rowsRejected: number;
}

/** Downloads in progress in this process, by shop (one per shop). */
const jobs = new Map<string, Promise<ImportRunStats | null>>();

/** What "Import order history" does, given the shop's latest import. */
export function nextImportStep(latest: OrderImportRecord | null, now: Date, processingHere: boolean): ImportStep {
  if (!latest) return "start";
  if (processingHere) return "wait";
  switch (latest.status) {
    case "created":
    case "running":
      return latest.bulkOperationId ? "poll" : "start";
    case "downloading":
      return now.getTime() - latest.updatedAt.getTime() < STALE_DOWNLOAD_MS ? "wait" : "resume";
    case "failed":
      return latest.resultUrl && now.getTime() - latest.startedAt.getTime() < RESULT_LIFETIME_MS ? "resume" : "start";
    case "completed":
      return "start";
  }
}

/** Starts an import, checks on the running one, or resumes an interrupted one. */
export async function requestOrderImport(shop: string, admin: AdminGraphql): Promise<ImportRequestResult> {
  const latest = await imports.latestImport(shop);
  try {
    const step = nextImportStep(latest, new Date(), jobs.has(shop));
    if (step === "start") await startImport(shop, admin, latest);
    else if (step === "poll" && latest?.bulkOperationId) {
      await applyOperationState(shop, latest, await fetchBulkOperation(admin, latest.bulkOperationId));
    } else if (step === "resume" && latest) await resumeImport(shop, latest.id);
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return { import: latest && imports.summarizeImport(latest), error: error.message };
  }
  const current = await imports.latestImport(shop);
  return {
    import: current && imports.summarizeImport(current),
    error: current?.status === "failed" ? current.error : null,
  };
}

/** bulk_operations/finish: fetch the result's URL and download it in the background. */
export async function handleBulkOperationFinish(
  shop: string,
  payload: unknown,
  admin: AdminGraphql | undefined,
): Promise<{ handled: boolean }> {
  const parsed = bulkOperationFinishPayload.safeParse(payload);
  if (!parsed.success) {
    console.warn(`bulk_operations/finish for ${shop} dropped: unexpected payload`);
    return { handled: false };
  }
  const { admin_graphql_api_id: operationId, status, error_code: errorCode } = parsed.data;
  const record = await imports.findImportByOperation(shop, operationId);
  // Not an order import (another bulk query), or a redelivery of a finish already handled.
  if (!record || (record.status !== "created" && record.status !== "running")) return { handled: false };
  if (status !== "COMPLETED") {
    await applyOperationState(shop, record, { id: operationId, status, errorCode: errorCode ?? null, url: null });
  } else if (!admin) {
    await fail(shop, record.id, "No offline session for this shop: the export cannot be downloaded");
  } else {
    try {
      await applyOperationState(shop, record, await fetchBulkOperation(admin, operationId));
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      // The import stays running: pressing the button again asks Shopify once more.
      await imports.updateImport(shop, record.id, { error: error.message });
    }
  }
  return { handled: true };
}

/** Resolves when the shop's background download (if any) has ended, with what it did. */
export async function whenOrderImportIdle(shop: string): Promise<ImportRunStats | null> {
  return (await jobs.get(shop)) ?? null;
}

async function startImport(shop: string, admin: AdminGraphql, previous: OrderImportRecord | null): Promise<void> {
  if (previous?.status === "created") await fail(shop, previous.id, "Interrupted before Shopify started the export");
  if (!(await findShop(shop))) await ensureShop(shop, await fetchShopDetails(admin));
  const record = await imports.createImport(shop);
  try {
    const operation = await startOrdersExport(admin);
    await imports.updateImport(shop, record.id, { status: "running", bulkOperationId: operation.id });
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    await fail(shop, record.id, error.message);
  }
}

async function applyOperationState(
  shop: string,
  record: OrderImportRecord,
  operation: BulkOperationState | null,
): Promise<void> {
  if (!operation) return fail(shop, record.id, "Shopify no longer knows this export");
  switch (operation.status) {
    case "CREATED":
    case "RUNNING":
    case "CANCELING":
      return;
    case "COMPLETED":
      // A completed export that found no orders has no file.
      if (!operation.url) {
        return imports.updateImport(shop, record.id, { status: "completed", finishedAt: new Date(), error: null });
      }
      await imports.updateImport(shop, record.id, { status: "downloading", resultUrl: operation.url, error: null });
      return startDownload(shop, record.id);
    default: {
      const code = operation.errorCode ? ` (${operation.errorCode})` : "";
      return fail(shop, record.id, `Shopify's export ${operation.status.toLowerCase()}${code}`);
    }
  }
}

async function resumeImport(shop: string, importId: string): Promise<void> {
  await imports.updateImport(shop, importId, { status: "downloading", error: null, finishedAt: null });
  startDownload(shop, importId);
}

function fail(shop: string, importId: string, error: string): Promise<void> {
  return imports.updateImport(shop, importId, { status: "failed", error, finishedAt: new Date() });
}

// The webhook and the button answer at once; the download runs on a later tick.
function startDownload(shop: string, importId: string): void {
  if (jobs.has(shop)) return;
  const job = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => processOrderImport(shop, importId))
    .catch((error: unknown) => {
      // Recorded on the import for the merchant; the next press of the button resumes it.
      console.warn(`order import ${importId} for ${shop} stopped: ${error instanceof Error ? error.message : error}`);
      return null;
    })
    .finally(() => jobs.delete(shop));
  jobs.set(shop, job);
}

/** Streams the import's export into the database from its last committed line, then retrains. */
export async function processOrderImport(
  shop: string,
  importId: string,
  options: { batchOrders?: number } = {},
): Promise<ImportRunStats> {
  const record = await imports.findImport(shop, importId);
  if (!record?.resultUrl) throw new Error(`Import ${importId} has no export to read`);
  await imports.updateImport(shop, importId, { status: "downloading", error: null, finishedAt: null });
  const run = new ImportRun(shop, importId, record.linesProcessed, options.batchOrders ?? BATCH_ORDERS);
  try {
    for await (const line of readJsonlLines(record.resultUrl)) await run.consume(line);
    await run.flush(run.position);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await fail(shop, importId, `Stopped after line ${run.committed}: ${reason}`);
    // The file is gone (expired or refused): the next attempt starts a new export instead.
    if (error instanceof AdminApiError && error.status && error.status < 500) {
      await imports.updateImport(shop, importId, { resultUrl: null });
    }
    throw error;
  }
  await imports.updateImport(shop, importId, { status: "completed", finishedAt: new Date(), error: run.rejections() });
  scheduleRetrain(shop);
  return run.stats;
}

/** One pass over an export: parses rows, groups line items under their orders, stores batches. */
class ImportRun {
  readonly stats: ImportRunStats = { linesRead: 0, linesSkipped: 0, ordersInserted: 0, rowsRejected: 0 };
  /** Lines consumed so far, counting the skipped ones. */
  position = 0;
  /** Lines stored (with everything before them). */
  committed: number;
  private orders = new Map<string, IncomingOrder>();
  private detached: DetachedLine[] = [];
  private firstRejection = "";

  constructor(
    private readonly shop: string,
    private readonly importId: string,
    private readonly resumeAt: number,
    private readonly batchOrders: number,
  ) {
    this.committed = resumeAt;
  }

  async consume(text: string): Promise<void> {
    this.position += 1;
    if (this.position <= this.resumeAt) {
      this.stats.linesSkipped += 1;
      return;
    }
    this.stats.linesRead += 1;
    if (text.trim() === "") return;
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

  rejections(): string | null {
    if (this.stats.rowsRejected === 0) return null;
    return `${this.stats.rowsRejected} rows could not be read (first: ${this.firstRejection})`;
  }

  private reject(reason: string): void {
    this.stats.rowsRejected += 1;
    if (this.stats.rowsRejected > 1) return;
    this.firstRejection = `line ${this.position}: ${reason}`;
    console.warn(`order import ${this.importId} for ${this.shop}: ${this.firstRejection}`);
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
