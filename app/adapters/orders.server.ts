/**
 * Prisma access for orders and their lines. Every query carries the shop. Inserts are
 * idempotent: the (shop, id) primary key decides whether an order is new, inside the same
 * transaction that writes it, so a redelivered webhook or a re-run import changes nothing.
 */
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server";
import type { IncomingOrder, IncomingOrderLine } from "../schemas/orders";

type Db = Prisma.TransactionClient;

/** A line whose order was not in the same batch (bulk exports need not group children). */
export interface DetachedLine {
  orderId: string;
  line: IncomingOrderLine;
}

export interface InsertedOrders {
  /** Orders that were not stored before, with the product ids of their lines. */
  orders: { id: string; productIds: string[] }[];
  lines: number;
}

/** True for a unique-key violation: someone stored the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates the shop row when an order or an import arrives before anything else did (they
 * reference it); an existing row is left as it is. An order's currency is the shop's currency.
 */
export async function ensureShop(shop: string, details: { currency: string; name?: string }): Promise<void> {
  if ((await prisma.shop.count({ where: { domain: shop } })) > 0) return;
  const name = details.name ?? shop.replace(/\.myshopify\.com$/, "");
  try {
    await prisma.shop.create({ data: { domain: shop, name, currency: details.currency } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Stores one order unless it is already there; returns whether it was new. */
export async function insertOrderIfNew(shop: string, order: IncomingOrder): Promise<boolean> {
  await ensureShop(shop, { currency: order.currency });
  try {
    const inserted = await prisma.$transaction((tx) => insertNewOrders(tx, shop, [order], []));
    return inserted.orders.length === 1;
  } catch (error) {
    // A concurrent delivery of the same order committed first (PostgreSQL): not new.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Inside a transaction: inserts the orders not stored yet with their lines, and detached lines
 * whose order is stored but which are missing. Orders already stored are left untouched.
 */
export async function insertNewOrders(
  tx: Db,
  shop: string,
  orders: IncomingOrder[],
  detached: DetachedLine[],
): Promise<InsertedOrders> {
  const existing = await existingOrderIds(
    tx,
    shop,
    orders.map((o) => o.id),
  );
  const fresh = orders.filter((o) => !existing.has(o.id));
  if (fresh.length > 0) {
    await tx.order.createMany({ data: fresh.map((o) => orderRow(shop, o)) });
    const lines = fresh.flatMap((o) => o.lines.map((line) => lineRow(shop, o.id, line)));
    if (lines.length > 0) await tx.orderLine.createMany({ data: lines });
  }
  const late = await missingDetachedLines(tx, shop, detached);
  if (late.length > 0) await tx.orderLine.createMany({ data: late.map((d) => lineRow(shop, d.orderId, d.line)) });
  return {
    orders: fresh.map((o) => ({ id: o.id, productIds: productIdsOf(o.lines) })),
    lines: fresh.reduce((sum, o) => sum + o.lines.length, 0) + late.length,
  };
}

async function existingOrderIds(tx: Db, shop: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.order.findMany({ where: { shop, id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

// Detached lines are kept only when their order is stored and they are not.
async function missingDetachedLines(tx: Db, shop: string, detached: DetachedLine[]): Promise<DetachedLine[]> {
  if (detached.length === 0) return [];
  const parents = await existingOrderIds(tx, shop, [...new Set(detached.map((d) => d.orderId))]);
  const stored = await tx.orderLine.findMany({
    where: { shop, id: { in: detached.map((d) => d.line.id) } },
    select: { id: true },
  });
  const storedIds = new Set(stored.map((r) => r.id));
  return detached.filter((d) => parents.has(d.orderId) && !storedIds.has(d.line.id));
}

function orderRow(shop: string, order: IncomingOrder): Prisma.OrderCreateManyInput {
  return {
    shop,
    id: order.id,
    name: order.name,
    processedAt: order.processedAt,
    currency: order.currency,
    subtotalMinor: BigInt(order.subtotalMinor),
    totalMinor: BigInt(order.totalMinor),
    customerId: order.customerId,
  };
}

function lineRow(shop: string, orderId: string, line: IncomingOrderLine): Prisma.OrderLineCreateManyInput {
  return {
    shop,
    id: line.id,
    orderId,
    productId: line.productId,
    variantId: line.variantId,
    title: line.title,
    quantity: line.quantity,
    priceMinor: BigInt(line.priceMinor),
  };
}

/** Product ids of the lines that teach the model (a product, and a positive quantity). */
export function productIdsOf(lines: readonly IncomingOrderLine[]): string[] {
  return lines.flatMap((line) => (line.productId && line.quantity > 0 ? [line.productId] : []));
}
