/**
 * Prisma access for shopper exposures (docs/decisions/027-exposures.md): one row per shop, week and
 * shopper, its outcome (orders and revenue since first seen that week), and the lift's sufficient
 * statistics aggregated in SQL. Every query carries the shop.
 */
import { Prisma } from "@prisma/client";
import { emptyLiftStats, type LiftStats } from "../domain/analytics";
import { prisma } from "../db.server";

export interface NewExposure {
  period: string;
  shopperKey: string;
  holdout: boolean;
  surface: string;
  firstSeenAt: Date;
}

/** Stores the exposure unless the shopper already has one this week; true when it was new. */
export async function recordExposureOnce(shop: string, exposure: NewExposure): Promise<boolean> {
  try {
    await prisma.shopperExposure.create({ data: { shop, ...exposure } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/** The shopper keys a customer's storefront ids were linked to, and the customer id itself. */
export async function shopperKeysOfCustomer(shop: string, customerId: string): Promise<string[]> {
  const rows = await prisma.shopperIdentity.findMany({
    where: { shop, customerId },
    select: { shopperKey: true },
    distinct: ["shopperKey"],
  });
  return [...new Set([customerId, ...rows.map((row) => row.shopperKey)])];
}

export async function findExposures(shop: string, shopperKeys: string[], period: string) {
  return prisma.shopperExposure.findMany({
    where: { shop, period, shopperKey: { in: shopperKeys } },
    select: { shopperKey: true, firstSeenAt: true },
  });
}

/** The customer's orders from `from` to before `to` that count: not cancelled; subtotal net of refunds. */
export async function customerOrderTotals(
  shop: string,
  customerId: string,
  from: Date,
  to: Date,
): Promise<{ orders: number; revenueMinor: bigint }> {
  const orders = await prisma.order.findMany({
    where: { shop, customerId, cancelledAt: null, processedAt: { gte: from, lt: to } },
    select: { subtotalMinor: true, refundedMinor: true },
  });
  const revenueMinor = orders.reduce(
    (sum, o) => sum + (o.subtotalMinor > o.refundedMinor ? o.subtotalMinor - o.refundedMinor : 0n),
    0n,
  );
  return { orders: orders.length, revenueMinor };
}

export async function saveExposureOutcome(
  shop: string,
  period: string,
  shopperKey: string,
  outcome: { orders: number; revenueMinor: bigint },
): Promise<void> {
  await prisma.shopperExposure.update({
    where: { shop_period_shopperKey: { shop, period, shopperKey } },
    data: outcome,
  });
}

interface GroupRow {
  holdout: boolean | number | bigint;
  units: number | bigint;
  converters: number | bigint | null;
  orders: number | bigint | null;
  revenue: number | bigint | null;
  orders_sq: number | bigint | null;
  revenue_sq: number | null;
  orders_revenue: number | null;
}

/**
 * Both groups' sufficient statistics over the weeks from `fromPeriod` to `toPeriod` (inclusive), in
 * one aggregate query. The squares are summed in double precision: Σ revenue² of a year of
 * shopper-weeks overflows a 64-bit integer (docs/decisions/025-lift-intervals.md).
 */
export async function liftStatsBetween(shop: string, fromPeriod: string, toPeriod: string): Promise<LiftStats> {
  const rows = await prisma.$queryRaw<GroupRow[]>`
    SELECT "holdout" AS holdout,
           COUNT(*) AS units,
           SUM(CASE WHEN "orders" > 0 THEN 1 ELSE 0 END) AS converters,
           SUM("orders") AS orders,
           SUM("revenueMinor") AS revenue,
           SUM("orders" * "orders") AS orders_sq,
           SUM(CAST("revenueMinor" AS DOUBLE PRECISION) * CAST("revenueMinor" AS DOUBLE PRECISION)) AS revenue_sq,
           SUM(CAST("orders" AS DOUBLE PRECISION) * CAST("revenueMinor" AS DOUBLE PRECISION)) AS orders_revenue
      FROM "ShopperExposure"
     WHERE "shop" = ${shop} AND "period" >= ${fromPeriod} AND "period" <= ${toPeriod}
     GROUP BY "holdout"`;
  const stats: LiftStats = emptyLiftStats();
  for (const row of rows) {
    const group = Number(row.holdout) ? stats.holdout : stats.exposed;
    Object.assign(group, {
      units: Number(row.units),
      converters: Number(row.converters ?? 0),
      orders: Number(row.orders ?? 0),
      revenueMinor: Number(row.revenue ?? 0),
      ordersSquared: Number(row.orders_sq ?? 0),
      revenueSquared: Number(row.revenue_sq ?? 0),
      ordersRevenue: Number(row.orders_revenue ?? 0),
    });
  }
  return stats;
}
