/**
 * Prisma access for order history imports (OrderImport rows). Every query carries the shop. A
 * batch of orders and the import's progress are written in one transaction, so after a crash
 * `linesProcessed` says exactly which export lines are already stored.
 */
import { prisma } from "../db.server";
import type { IncomingOrder } from "../schemas/orders";
import { importStatus, type BulkImportPatch, type BulkImportRecord, type ImportStatus } from "../schemas/bulk-import";
import { insertNewOrders, isUniqueViolation, type DetachedLine, type InsertedOrders } from "./orders.server";

export type { ImportStatus };

export interface OrderImportRecord extends BulkImportRecord {
  ordersImported: number;
}

export type ImportPatch = BulkImportPatch;

/** Starts a new import record for the shop (its Shop row must exist). */
export async function createImport(shop: string): Promise<OrderImportRecord> {
  return toRecord(await prisma.orderImport.create({ data: { shop, status: "created" } }));
}

/** The shop's most recent import, if any. */
export async function latestImport(shop: string): Promise<OrderImportRecord | null> {
  const row = await prisma.orderImport.findFirst({ where: { shop }, orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  return row && toRecord(row);
}

export async function findImport(shop: string, id: string): Promise<OrderImportRecord | null> {
  const row = await prisma.orderImport.findFirst({ where: { shop, id } });
  return row && toRecord(row);
}

/** The import that started this bulk operation. */
export async function findImportByOperation(shop: string, bulkOperationId: string): Promise<OrderImportRecord | null> {
  const row = await prisma.orderImport.findFirst({ where: { shop, bulkOperationId }, orderBy: { startedAt: "desc" } });
  return row && toRecord(row);
}

export async function updateImport(shop: string, id: string, patch: ImportPatch): Promise<void> {
  await prisma.orderImport.updateMany({ where: { shop, id }, data: patch });
}

/**
 * Stores a batch of exported orders (skipping those already stored) and moves the import's
 * progress to `linesProcessed`, in one transaction. Retried once when a concurrent writer (an
 * orders/create webhook) stored one of the orders between the check and the insert.
 */
export async function saveImportBatch(
  shop: string,
  importId: string,
  batch: { orders: IncomingOrder[]; detached: DetachedLine[] },
  linesProcessed: number,
): Promise<InsertedOrders> {
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const inserted = await insertNewOrders(tx, shop, batch.orders, batch.detached);
      await tx.orderImport.updateMany({
        where: { shop, id: importId },
        data: { linesProcessed, ordersImported: { increment: inserted.orders.length } },
      });
      return inserted;
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

function toRecord(row: Omit<OrderImportRecord, "status"> & { status: string }): OrderImportRecord {
  return { ...row, status: importStatus(row.status) };
}

/** An import as loaders return it (plain JSON: dates as ISO strings). */
export interface ImportSummary {
  id: string;
  status: ImportStatus;
  ordersImported: number;
  linesProcessed: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export function summarizeImport(record: OrderImportRecord): ImportSummary {
  return {
    id: record.id,
    status: record.status,
    ordersImported: record.ordersImported,
    linesProcessed: record.linesProcessed,
    error: record.error,
    startedAt: record.startedAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
