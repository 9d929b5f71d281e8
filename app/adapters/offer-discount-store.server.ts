/**
 * The OfferDiscount row of a shop: which discount in Shopify carries its configuration, what was last
 * written there, and whether the last write failed (docs/decisions/021-offer-discount-sync.md).
 * Every query carries the shop, except the start-up list, which is the one job that spans shops.
 */
import type { OfferDiscount as OfferDiscountRow } from "@prisma/client";
import { prisma } from "../db.server";

/** ok: Shopify holds the configuration last built; pending: a write failed and is retried; no_access: no write_discounts. */
export type OfferDiscountState = "ok" | "pending" | "no_access";

export interface OfferDiscountRecord {
  shop: string;
  discountId: string | null;
  configHash: string | null;
  state: OfferDiscountState;
  error: string | null;
  failures: number;
  retryAt: Date | null;
  syncedAt: Date | null;
}

export async function findOfferDiscount(shop: string): Promise<OfferDiscountRecord | null> {
  const row = await prisma.offerDiscount.findUnique({ where: { shop } });
  return row && toRecord(row);
}

/**
 * Shopify granted write_discounts: the shop gets its row (pending until the first write), or a row
 * that had lost access is pending again. False when Cartlift has no Shop row for the shop yet.
 */
export async function grantOfferDiscountAccess(shop: string): Promise<boolean> {
  const owner = await prisma.shop.findUnique({ where: { domain: shop }, select: { domain: true } });
  if (!owner) return false;
  await prisma.offerDiscount.upsert({ where: { shop }, create: { shop, state: "pending" }, update: {} });
  await prisma.offerDiscount.updateMany({ where: { shop, state: "no_access" }, data: { state: "pending" } });
  return true;
}

// No failure on record: what every state but "pending" stores.
const NO_FAILURE = { error: null, failures: 0, retryAt: null };

/** The app lost write_discounts (uninstalled, or the scope was taken back); the discount id is kept. */
export async function revokeOfferDiscountAccess(shop: string): Promise<void> {
  await prisma.offerDiscount.updateMany({
    where: { shop },
    data: { state: "no_access", ...NO_FAILURE },
  });
}

/** Shopify accepted the configuration whose hash is `configHash`, on discount `discountId`. */
export async function recordOfferDiscountSynced(
  shop: string,
  written: { discountId: string; configHash: string },
  at: Date,
): Promise<void> {
  await prisma.offerDiscount.updateMany({
    where: { shop },
    data: { ...written, state: "ok", ...NO_FAILURE, syncedAt: at },
  });
}

/** Nothing needed writing: Shopify already holds this configuration. */
export async function recordOfferDiscountCurrent(shop: string): Promise<void> {
  await prisma.offerDiscount.updateMany({
    where: { shop },
    data: { state: "ok", ...NO_FAILURE },
  });
}

/**
 * A write failed: the state is pending with the reason and the next retry (null: none is timed, the
 * next change or auth writes). `discountId` null records that Shopify no longer has the stored
 * discount; undefined keeps it.
 */
export async function recordOfferDiscountFailed(
  shop: string,
  failure: { error: string; failures: number; retryAt: Date | null; discountId?: string | null },
): Promise<void> {
  await prisma.offerDiscount.updateMany({ where: { shop }, data: { ...failure, state: "pending" } });
}

/** Every installed shop whose discount Cartlift may write (ok or pending), for the start-up resync. */
export async function listWritableOfferDiscounts(): Promise<OfferDiscountRecord[]> {
  const rows = await prisma.offerDiscount.findMany({
    where: { state: { in: ["ok", "pending"] }, shopRef: { uninstalledAt: null } },
    orderBy: { shop: "asc" },
  });
  return rows.map(toRecord);
}

function toRecord(row: OfferDiscountRow): OfferDiscountRecord {
  return {
    shop: row.shop,
    discountId: row.discountId,
    configHash: row.configHash,
    state: row.state as OfferDiscountState,
    error: row.error,
    failures: row.failures,
    retryAt: row.retryAt,
    syncedAt: row.syncedAt,
  };
}
