/** What every import through a bulk operation records (OrderImport and CatalogImport rows). */

export type ImportStatus = "created" | "running" | "downloading" | "completed" | "failed";

const STATUSES: readonly ImportStatus[] = ["created", "running", "downloading", "completed", "failed"];

/** The columns OrderImport and CatalogImport share. */
export interface BulkImportRecord {
  id: string;
  shop: string;
  status: ImportStatus;
  bulkOperationId: string | null;
  resultUrl: string | null;
  linesProcessed: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
}

export type BulkImportPatch = Partial<
  Pick<BulkImportRecord, "status" | "bulkOperationId" | "resultUrl" | "error" | "finishedAt">
>;

/** A stored row's status as an ImportStatus; an unknown value (a corrupt row) reads as failed. */
export function importStatus(status: string): ImportStatus {
  return STATUSES.find((s) => s === status) ?? "failed";
}
