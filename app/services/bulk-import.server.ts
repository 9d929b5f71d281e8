/**
 * What every import through a bulk operation shares (the order history and the catalog): the
 * lifecycle of its record (created → running → downloading → completed | failed), learning that
 * Shopify's export finished (the bulk_operations/finish webhook, or a poll when asked again), the
 * background download (one per shop and kind, off the request path), and the line bookkeeping
 * that makes a crashed download resume where it stopped: each batch commits with the number of
 * lines it covers (`linesProcessed`), and a resumed run skips those lines without reading them.
 * Each kind supplies its record store, how to start its export and how to read its rows.
 */
import { bulkOperationFinishPayload } from "../schemas/orders";
import { parseWebhookPayload } from "./webhook-payload.server";
import {
  AdminApiError,
  fetchBulkOperation,
  readJsonlLines,
  type AdminGraphql,
  type BulkOperationState,
} from "../adapters/admin-bulk.server";
import type { BulkImportPatch, BulkImportRecord, ImportStatus } from "../schemas/bulk-import";

export type { BulkImportPatch, BulkImportRecord, ImportStatus };

/** An import kind's record store (adapters/*-import-store.server.ts). */
export interface BulkImportStore<R extends BulkImportRecord> {
  latestImport(shop: string): Promise<R | null>;
  findImport(shop: string, id: string): Promise<R | null>;
  findImportByOperation(shop: string, bulkOperationId: string): Promise<R | null>;
  updateImport(shop: string, id: string, patch: BulkImportPatch): Promise<void>;
}

export interface BulkImportKind<R extends BulkImportRecord, S> {
  /** For logs: "order import", "catalog import". */
  name: string;
  store: BulkImportStore<R>;
  /** Creates a record and starts Shopify's export (AdminApiError when Shopify refuses). */
  start(shop: string, admin: AdminGraphql): Promise<void>;
  /** Streams the record's export from its last committed line; resolves with what the run did. */
  process(shop: string, importId: string): Promise<S>;
}

export type ImportStep = "start" | "poll" | "resume" | "wait";

// A download that has not committed a batch for this long was interrupted (a crash, a deploy).
const STALE_DOWNLOAD_MS = 2 * 60 * 1000;
// Shopify keeps an export's file for seven days; resuming later would only fail.
const RESULT_LIFETIME_MS = 6 * 24 * 60 * 60 * 1000;

/** What asking for an import does, given the shop's latest import of that kind. */
export function nextImportStep(latest: BulkImportRecord | null, now: Date, processingHere: boolean): ImportStep {
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

/** One import kind's lifecycle and its background downloads in this process. */
export class BulkImports<R extends BulkImportRecord, S> {
  /** Downloads in progress in this process, by shop (one per shop). */
  private readonly jobs = new Map<string, Promise<S | null>>();

  constructor(private readonly kind: BulkImportKind<R, S>) {}

  /** Runs a step (`steps` limits which ones: a caller may only want to start, never to poll). */
  async request(
    shop: string,
    admin: AdminGraphql,
    steps: readonly ImportStep[] = ["start", "poll", "resume"],
  ): Promise<{ step: ImportStep; error: string | null }> {
    const latest = await this.kind.store.latestImport(shop);
    const step = nextImportStep(latest, new Date(), this.jobs.has(shop));
    if (!steps.includes(step)) return { step: "wait", error: null };
    try {
      if (step === "start") {
        if (latest?.status === "created")
          await this.fail(shop, latest.id, "Interrupted before Shopify started the export");
        await this.kind.start(shop, admin);
      } else if (step === "poll" && latest?.bulkOperationId) {
        await this.applyOperationState(shop, latest, await fetchBulkOperation(admin, latest.bulkOperationId));
      } else if (step === "resume" && latest) await this.resume(shop, latest.id);
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      return { step, error: error.message };
    }
    return { step, error: null };
  }

  /**
   * bulk_operations/finish: `handled` is false when no import of this kind owns the operation (it is
   * another kind's, or another bulk query's); a redelivery of a finish already handled changes
   * nothing. An unreadable body throws InvalidWebhookPayload (a dead letter, see receiveWebhook).
   */
  async handleFinish(shop: string, payload: unknown, admin: AdminGraphql | undefined): Promise<{ handled: boolean }> {
    const body = parseWebhookPayload(bulkOperationFinishPayload, payload);
    const finish = { operationId: body.admin_graphql_api_id, status: body.status, errorCode: body.error_code ?? null };
    const record = await this.kind.store.findImportByOperation(shop, finish.operationId);
    if (!record) return { handled: false };
    if (record.status !== "created" && record.status !== "running") return { handled: true };
    if (finish.status !== "COMPLETED") {
      const state = { id: finish.operationId, status: finish.status, errorCode: finish.errorCode, url: null };
      await this.applyOperationState(shop, record, state);
    } else if (!admin) {
      await this.fail(shop, record.id, "No offline session for this shop: the export cannot be downloaded");
    } else {
      try {
        await this.applyOperationState(shop, record, await fetchBulkOperation(admin, finish.operationId));
      } catch (error) {
        if (!(error instanceof AdminApiError)) throw error;
        // The import stays running: asking again polls Shopify once more.
        await this.kind.store.updateImport(shop, record.id, { error: error.message });
      }
    }
    return { handled: true };
  }

  /** Resolves when the shop's background download (if any) has ended, with what it did. */
  async whenIdle(shop: string): Promise<S | null> {
    return (await this.jobs.get(shop)) ?? null;
  }

  fail(shop: string, importId: string, error: string): Promise<void> {
    return this.kind.store.updateImport(shop, importId, { status: "failed", error, finishedAt: new Date() });
  }

  private async applyOperationState(shop: string, record: R, operation: BulkOperationState | null): Promise<void> {
    const store = this.kind.store;
    if (!operation) return this.fail(shop, record.id, "Shopify no longer knows this export");
    switch (operation.status) {
      case "CREATED":
      case "RUNNING":
      case "CANCELING":
        return;
      case "COMPLETED":
        // A completed export that found nothing has no file.
        if (!operation.url) {
          return store.updateImport(shop, record.id, { status: "completed", finishedAt: new Date(), error: null });
        }
        await store.updateImport(shop, record.id, { status: "downloading", resultUrl: operation.url, error: null });
        return this.startDownload(shop, record.id);
      default: {
        const code = operation.errorCode ? ` (${operation.errorCode})` : "";
        return this.fail(shop, record.id, `Shopify's export ${operation.status.toLowerCase()}${code}`);
      }
    }
  }

  private async resume(shop: string, importId: string): Promise<void> {
    await this.kind.store.updateImport(shop, importId, { status: "downloading", error: null, finishedAt: null });
    this.startDownload(shop, importId);
  }

  // The webhook and the caller answer at once; the download runs on a later tick.
  private startDownload(shop: string, importId: string): void {
    if (this.jobs.has(shop)) return;
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.kind.process(shop, importId))
      .catch((error: unknown) => {
        // Recorded on the import for the merchant; asking again resumes it.
        console.warn(
          `${this.kind.name} ${importId} for ${shop} stopped: ${error instanceof Error ? error.message : error}`,
        );
        return null;
      })
      .finally(() => this.jobs.delete(shop));
    this.jobs.set(shop, job);
  }
}

/** The counters every run keeps. */
export interface LineStats {
  /** Lines read in this run (the ones an earlier run stored are skipped, not read). */
  linesRead: number;
  linesSkipped: number;
  rowsRejected: number;
}

/**
 * One pass over an export's lines: skips those an earlier run committed, hands the others to
 * `row`, and counts rejections. Subclasses store batches in `flush(upTo)` and set `committed`.
 */
export abstract class JsonlRun<S extends LineStats> {
  /** Lines consumed so far, counting the skipped ones. */
  position = 0;
  /** Lines stored (with everything before them). */
  committed: number;
  private firstRejection = "";

  constructor(
    readonly stats: S,
    protected readonly resumeAt: number,
    private readonly label: string,
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
    await this.row(text);
  }

  /** Handles one non-blank line (at `this.position`). */
  protected abstract row(text: string): Promise<void>;

  /** Stores what is pending, covering the lines up to `upTo`. */
  abstract flush(upTo: number): Promise<void>;

  /** After the last line: stores what is still pending. */
  async end(): Promise<void> {
    await this.flush(this.position);
  }

  rejections(): string | null {
    if (this.stats.rowsRejected === 0) return null;
    return `${this.stats.rowsRejected} rows could not be read (first: ${this.firstRejection})`;
  }

  protected reject(reason: string): void {
    this.stats.rowsRejected += 1;
    if (this.stats.rowsRejected > 1) return;
    this.firstRejection = `line ${this.position}: ${reason}`;
    console.warn(`${this.label}: ${this.firstRejection}`);
  }
}

/**
 * Reads the record's export into `run` from its last committed line and flushes the rest. On an
 * error the import is failed with where it stopped (and, when the file is gone, without its URL,
 * so the next attempt starts a new export) and the error is rethrown.
 */
export async function downloadExport<R extends BulkImportRecord, S extends LineStats>(
  imports: BulkImports<R, S>,
  store: BulkImportStore<R>,
  record: R,
  run: JsonlRun<S>,
): Promise<void> {
  const { shop, id, resultUrl } = record;
  if (!resultUrl) throw new Error(`Import ${id} has no export to read`);
  await store.updateImport(shop, id, { status: "downloading", error: null, finishedAt: null });
  try {
    for await (const line of readJsonlLines(resultUrl)) await run.consume(line);
    await run.end();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await imports.fail(shop, id, `Stopped after line ${run.committed}: ${reason}`);
    if (error instanceof AdminApiError && error.status && error.status < 500) {
      await store.updateImport(shop, id, { resultUrl: null });
    }
    throw error;
  }
}
