/**
 * Exposure and its outcome (docs/decisions/027-exposures.md). Every shopper the storefront or the
 * checkout decides for is one unit per week, in the exposed group or the holdout, recorded once
 * (a process remembers whom it recorded, so a week's later requests cost no write). When a
 * customer's order changes, the units of that week are given their orders and revenue again from
 * what is stored. A failure to record never fails the offers answer.
 */
import {
  customerOrderTotals,
  findExposures,
  liftStatsBetween,
  recordExposureOnce,
  saveExposureOutcome,
  shopperKeysOfCustomer,
} from "../adapters/exposures.server";
import { prisma } from "../db.server";
import { measureLift, type LiftReport } from "../domain/analytics";
import { exposurePeriod, periodEnd, periodStart } from "../domain/attribution/period";

// Whom this process recorded this week, by shop, week and shopper; bounded, oldest dropped first.
const MAX_REMEMBERED = 200_000;
const recorded = new Set<string>();

function remember(key: string): void {
  recorded.add(key);
  if (recorded.size > MAX_REMEMBERED) recorded.delete(recorded.values().next().value as string);
}

export interface Exposure {
  shopperKey: string;
  holdout: boolean;
  surface: string;
}

/** Records the shopper's unit for this week unless it is recorded already. Never throws. */
export async function noteExposure(shop: string, exposure: Exposure, now: Date): Promise<void> {
  const period = exposurePeriod(now);
  const key = `${shop}\n${period}\n${exposure.shopperKey}`;
  if (recorded.has(key)) return;
  try {
    await recordExposureOnce(shop, { period, firstSeenAt: now, ...exposure });
    remember(key);
  } catch (error) {
    // The shop keeps selling; the unit is tried again on the shopper's next request.
    console.error(`exposure for ${shop} not recorded:`, error instanceof Error ? error.message : error);
  }
}

/** Forgets what this process recorded (tests; shop/redact). */
export function forgetExposures(shop?: string): void {
  if (!shop) return recorded.clear();
  for (const key of recorded) if (key.startsWith(`${shop}\n`)) recorded.delete(key);
}

/**
 * After an order changed: the customer's units in the order's week get their orders and revenue
 * from what is stored (from each unit's first sighting to the week's end). Guests' orders name no
 * shopper and change nothing.
 */
export async function refreshExposureOutcomes(shop: string, orderId: string): Promise<number> {
  const order = await prisma.order.findUnique({
    where: { shop_id: { shop, id: orderId } },
    select: { customerId: true, processedAt: true },
  });
  if (!order?.customerId) return 0;
  const period = exposurePeriod(order.processedAt);
  const units = await findExposures(shop, await shopperKeysOfCustomer(shop, order.customerId), period);
  for (const unit of units) {
    const from = unit.firstSeenAt > periodStart(order.processedAt) ? unit.firstSeenAt : periodStart(order.processedAt);
    const outcome = await customerOrderTotals(shop, order.customerId, from, periodEnd(period));
    await saveExposureOutcome(shop, period, unit.shopperKey, outcome);
  }
  return units.length;
}

/** The lift against the holdout over the weeks of `from` … `to` (docs/decisions/025-lift-intervals.md). */
export async function liftReport(shop: string, from: Date, to: Date): Promise<LiftReport> {
  return measureLift(await liftStatsBetween(shop, exposurePeriod(from), exposurePeriod(to)));
}
