/**
 * Prisma access for orders, their lines and their refunds. Every query carries the shop. Writes are
 * idempotent: the (shop, id) primary key decides whether an order or a refund is new, inside the
 * transaction that writes it, and Shopify's updated_at decides whether a state is newer than the
 * stored one, so a redelivered or late webhook and a re-run import change nothing.
 */
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { prisma } from "../db.server";
import type { IncomingOrder, IncomingOrderLine, IncomingRefund } from "../schemas/orders";

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

/**
 * What storing an order's state did. `taught` lists the product ids the order teaches the model
 * now (none once it is cancelled); `taughtBefore` what it taught before this state.
 */
export type OrderStateChange =
  | { outcome: "created"; taught: string[] }
  | { outcome: "updated"; taughtBefore: string[]; taught: string[] }
  /** The stored state is as new or newer (a redelivery, or a late, out-of-order delivery). */
  | { outcome: "unchanged" };

/** True for a unique-key violation: someone stored the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates the shop row when an order arrives before the install bootstrap stored it (orders
 * reference it); an existing row is left as it is. This is not a default: an order's `currency`
 * (REST) / shopMoney currency (GraphQL) is the shop's own currency, what the customer paid in is
 * the presentment currency. The bootstrap later fills in the name, timezone and the rest.
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

/**
 * Stores the order's state: creates it when it is new (an order placed before install arrives
 * first as orders/updated), replaces the stored one (amounts, customer, cancellation, lines added
 * and removed) when this state is newer by Shopify's updated_at, else changes nothing. A state
 * without updated_at only ever creates.
 */
export async function saveOrderState(shop: string, order: IncomingOrder): Promise<OrderStateChange> {
  await ensureShop(shop, { currency: order.currency });
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => saveOrderStateIn(tx, shop, order));
    } catch (error) {
      // A concurrent delivery created the order first (PostgreSQL): once more, as an update.
      if (!isUniqueViolation(error) || attempt > 0) throw error;
    }
  }
}

async function saveOrderStateIn(tx: Db, shop: string, order: IncomingOrder): Promise<OrderStateChange> {
  const stored = await tx.order.findUnique({
    where: { shop_id: { shop, id: order.id } },
    select: { cancelledAt: true, shopifyUpdatedAt: true, lines: { select: { productId: true, quantity: true } } },
  });
  if (!stored) {
    await insertNewOrders(tx, shop, [order], []);
    return { outcome: "created", taught: teaches(order.cancelledAt ?? null, order.lines) };
  }
  const incoming = order.shopifyUpdatedAt ?? null;
  if (!incoming || (stored.shopifyUpdatedAt && stored.shopifyUpdatedAt >= incoming)) return { outcome: "unchanged" };
  await tx.order.update({ where: { shop_id: { shop, id: order.id } }, data: orderFields(order) });
  // Lines added by an order edit are created, lines no longer in the order are removed.
  await tx.orderLine.deleteMany({ where: { shop, orderId: order.id, id: { notIn: order.lines.map((l) => l.id) } } });
  for (const line of order.lines) {
    await tx.orderLine.upsert({
      where: { shop_id: { shop, id: line.id } },
      create: lineRow(shop, order.id, line),
      update: lineFields(line),
    });
  }
  await recomputeRefundTotals(tx, shop, [order.id]);
  return {
    outcome: "updated",
    taughtBefore: teaches(stored.cancelledAt, stored.lines),
    taught: teaches(order.cancelledAt ?? null, order.lines),
  };
}

// The product ids an order teaches: none when cancelled, else its lines with a product and units.
function teaches(cancelledAt: Date | null, lines: readonly { productId: string | null; quantity: number }[]) {
  return cancelledAt ? [] : productIdsOf(lines);
}

/**
 * Inside a transaction: inserts the orders not stored yet with their lines, and detached lines
 * whose order is stored but which are missing. Orders already stored are left untouched. Refunds
 * that arrived before their order are applied to it.
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
    await applyEarlyRefunds(tx, shop, fresh);
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

// One query per batch: which of the new orders already have refunds waiting for them.
async function applyEarlyRefunds(tx: Db, shop: string, orders: IncomingOrder[]): Promise<void> {
  const waiting = await tx.refund.findMany({
    where: { shop, orderId: { in: orders.map((o) => o.id) } },
    select: { orderId: true },
    distinct: ["orderId"],
  });
  if (waiting.length > 0) await recomputeRefundTotals(tx, shop, [...new Set(waiting.map((r) => r.orderId))]);
}

/**
 * Stores the refunds not stored yet (a refund never changes once made, so a known id is skipped)
 * and recomputes the totals of their orders. A refund whose order Cartlift does not have yet is
 * kept: the order's totals include it once the order arrives (orders/updated, the import). Returns
 * how many were new; none when the shop has no row (nothing of it is kept).
 */
export async function saveRefunds(shop: string, refunds: readonly IncomingRefund[]): Promise<number> {
  if (refunds.length === 0 || (await prisma.shop.count({ where: { domain: shop } })) === 0) return 0;
  try {
    return await prisma.$transaction(async (tx) => {
      const known = await tx.refund.findMany({
        where: { shop, id: { in: refunds.map((r) => r.id) } },
        select: { id: true },
      });
      const knownIds = new Set(known.map((r) => r.id));
      const fresh = refunds.filter((r) => !knownIds.has(r.id));
      if (fresh.length > 0) await tx.refund.createMany({ data: fresh.map((r) => refundRow(shop, r)) });
      await recomputeRefundTotals(tx, shop, [...new Set(refunds.map((r) => r.orderId))]);
      return fresh.length;
    });
  } catch (error) {
    // A concurrent delivery of the same refund committed first (PostgreSQL): stored once.
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
}

const storedRefundLines = z.array(z.object({ lineId: z.string(), quantity: z.number(), amountMinor: z.number() }));

/**
 * Sets each order's refundedMinor and its lines' refundedQuantity / refundedMinor to the sums of
 * its stored refunds: recomputed from the rows every time, so applying twice changes nothing.
 */
async function recomputeRefundTotals(tx: Db, shop: string, orderIds: readonly string[]): Promise<void> {
  for (const orderId of orderIds) {
    const refunds = await tx.refund.findMany({ where: { shop, orderId }, select: { amountMinor: true, lines: true } });
    const total = refunds.reduce((sum, r) => sum + r.amountMinor, 0n);
    const updated = await tx.order.updateMany({ where: { shop, id: orderId }, data: { refundedMinor: total } });
    if (updated.count === 0) continue;
    const perLine = new Map<string, { quantity: number; amountMinor: bigint }>();
    for (const line of refunds.flatMap((r) => storedRefundLines.parse(r.lines))) {
      const sum = perLine.get(line.lineId) ?? { quantity: 0, amountMinor: 0n };
      perLine.set(line.lineId, {
        quantity: sum.quantity + line.quantity,
        amountMinor: sum.amountMinor + BigInt(line.amountMinor),
      });
    }
    await tx.orderLine.updateMany({
      where: { shop, orderId, id: { notIn: [...perLine.keys()] } },
      data: { refundedQuantity: 0, refundedMinor: 0n },
    });
    for (const [lineId, sum] of perLine) {
      await tx.orderLine.updateMany({
        where: { shop, orderId, id: lineId },
        data: { refundedQuantity: sum.quantity, refundedMinor: sum.amountMinor },
      });
    }
  }
}

function orderRow(shop: string, order: IncomingOrder): Prisma.OrderCreateManyInput {
  return { shop, id: order.id, ...orderFields(order) };
}

function orderFields(order: IncomingOrder) {
  return {
    name: order.name,
    processedAt: order.processedAt,
    currency: order.currency,
    presentmentCurrency: order.presentmentCurrency ?? null,
    subtotalMinor: BigInt(order.subtotalMinor),
    totalMinor: BigInt(order.totalMinor),
    customerId: order.customerId,
    cancelledAt: order.cancelledAt ?? null,
    shopifyUpdatedAt: order.shopifyUpdatedAt ?? null,
  };
}

function lineRow(shop: string, orderId: string, line: IncomingOrderLine): Prisma.OrderLineCreateManyInput {
  return { shop, id: line.id, orderId, ...lineFields(line) };
}

function lineFields(line: IncomingOrderLine) {
  return {
    productId: line.productId,
    variantId: line.variantId,
    title: line.title,
    quantity: line.quantity,
    priceMinor: BigInt(line.priceMinor),
    presentmentPriceMinor: line.presentmentPriceMinor == null ? null : BigInt(line.presentmentPriceMinor),
    offerMark: line.offerMark ?? null,
  };
}

function refundRow(shop: string, refund: IncomingRefund): Prisma.RefundCreateManyInput {
  return {
    shop,
    id: refund.id,
    orderId: refund.orderId,
    processedAt: refund.processedAt,
    amountMinor: BigInt(refund.amountMinor),
    lines: refund.lines.map((l) => ({ ...l })),
  };
}

/** Product ids of the lines that teach the model (a product, and a positive quantity). */
export function productIdsOf(lines: readonly { productId: string | null; quantity: number }[]): string[] {
  return lines.flatMap((line) => (line.productId && line.quantity > 0 ? [line.productId] : []));
}
