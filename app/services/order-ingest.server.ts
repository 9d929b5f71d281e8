/**
 * The order webhooks: orders/create, orders/updated and orders/cancelled store the order's state,
 * refunds/create its refunds. Shopify delivers each webhook at least once and in no set order, so
 * nothing here may count twice: the database's primary keys decide what is new, Shopify's
 * updated_at which state is newest (app/adapters/orders.server.ts).
 *
 * The model: a new order is learned in memory at once. When a stored order stops teaching what it
 * taught (cancelled, or an edit changed its products) the shop is retrained from the database,
 * whose training reads skip cancelled orders: the model ends as if the order had never arrived.
 * Refunds are kept for revenue (analytics) and change nothing the model learned. After each change
 * the order's offer attribution is derived again from what is stored (attribution.server.ts).
 * A body that does not parse throws InvalidWebhookPayload: receiveWebhook answers 200 and keeps
 * it as a dead letter for the merchant to replay.
 */
import { saveOrderState, saveRefunds } from "../adapters/orders.server";
import {
  orderCancelledPayload,
  orderWebhookPayload,
  refundWebhookPayload,
  type IncomingOrderState,
} from "../schemas/orders";
import { attributeStoredOrder } from "./attribution.server";
import { refreshExposureOutcomes } from "./exposures.server";
import { learnNewOrder, scheduleRetrain } from "./recommendations.server";
import { parseWebhookPayload } from "./webhook-payload.server";

export type IngestResult =
  | { outcome: "stored"; orderId: string }
  | { outcome: "updated"; orderId: string; retrain: boolean }
  /** A redelivery, or a state older than the stored one: nothing changed. */
  | { outcome: "duplicate"; orderId: string };

export interface RefundIngestResult {
  refundId: string;
  /** False for a redelivery: the refund was stored before. */
  stored: boolean;
}

/** orders/create: stores a new order once and teaches the model in memory. */
export async function ingestOrderWebhook(shop: string, payload: unknown): Promise<IngestResult> {
  return applyOrderState(shop, parseWebhookPayload(orderWebhookPayload, payload));
}

/** orders/updated: the order's newest state (amounts, lines, customer, cancellation, refunds). */
export async function updateOrderWebhook(shop: string, payload: unknown): Promise<IngestResult> {
  return applyOrderState(shop, parseWebhookPayload(orderWebhookPayload, payload));
}

/** orders/cancelled: the order's state with its cancellation; it stops teaching the model. */
export async function cancelOrderWebhook(shop: string, payload: unknown): Promise<IngestResult> {
  return applyOrderState(shop, parseWebhookPayload(orderCancelledPayload, payload));
}

/**
 * refunds/create: stores the refund once by its id; the order's and its lines' refunded totals are
 * sums over the stored refunds. A refund for an order Cartlift does not have yet is kept and
 * counted once the order arrives (orders/updated, or the history import).
 */
export async function ingestRefundWebhook(shop: string, payload: unknown): Promise<RefundIngestResult> {
  const refund = parseWebhookPayload(refundWebhookPayload, payload);
  const stored = (await saveRefunds(shop, [refund])) === 1;
  // The refund lowers what the order's offers earned (nothing happens for an order not stored yet).
  if (stored) await afterOrderChange(shop, refund.orderId);
  return { refundId: refund.id, stored };
}

async function applyOrderState(shop: string, state: IncomingOrderState): Promise<IngestResult> {
  const { order, refunds } = state;
  const change = await saveOrderState(shop, order);
  const newRefunds = await saveRefunds(shop, refunds);
  // What the order's offers earn follows its newest stored state (docs/decisions/026-attribution.md).
  if (change.outcome !== "unchanged" || newRefunds > 0) await afterOrderChange(shop, order.id);
  switch (change.outcome) {
    case "created":
      if (change.taught.length > 0) {
        const customer = order.customerId
          ? { customerId: order.customerId, at: order.processedAt.getTime() }
          : undefined;
        learnNewOrder(shop, { id: order.id, productIds: change.taught, customer });
      }
      return { outcome: "stored", orderId: order.id };
    case "updated": {
      // The model in memory learned what the order taught before: only a retrain can unlearn it.
      const retrain = !sameProducts(change.taughtBefore, change.taught);
      if (retrain) scheduleRetrain(shop);
      return { outcome: "updated", orderId: order.id, retrain };
    }
    case "unchanged":
      return { outcome: "duplicate", orderId: order.id };
  }
}

// What the order earned offers, and what its buyer's exposure week bought, follow its stored state.
async function afterOrderChange(shop: string, orderId: string): Promise<void> {
  await attributeStoredOrder(shop, orderId);
  await refreshExposureOutcomes(shop, orderId);
}

function sameProducts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((id, i) => id === sorted[i]);
}
