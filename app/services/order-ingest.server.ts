/**
 * orders/create: store the order once and teach the shop's model in memory. Shopify delivers
 * a webhook at least once, so a redelivery must change nothing: the database's primary key
 * decides whether the order is new, and only a new order reaches the model.
 */
import { insertOrderIfNew, productIdsOf } from "../adapters/orders.server";
import { orderWebhookPayload } from "../schemas/orders";
import { learnNewOrder } from "./recommendations.server";

export type IngestResult =
  | { outcome: "stored"; orderId: string }
  | { outcome: "duplicate"; orderId: string }
  | { outcome: "invalid"; issues: string[] };

/** Validates, stores and learns an orders/create payload; an invalid one is logged and dropped. */
export async function ingestOrderWebhook(shop: string, payload: unknown): Promise<IngestResult> {
  const parsed = orderWebhookPayload.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`);
    // Answering non-2xx would make Shopify redeliver the same bad body for days: warn and drop it.
    console.warn(`orders/create for ${shop} dropped: ${issues.slice(0, 3).join("; ")}`);
    return { outcome: "invalid", issues };
  }
  const order = parsed.data;
  if (!(await insertOrderIfNew(shop, order))) return { outcome: "duplicate", orderId: order.id };
  learnNewOrder(shop, { id: order.id, productIds: productIdsOf(order.lines) });
  return { outcome: "stored", orderId: order.id };
}
