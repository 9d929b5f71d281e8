/**
 * Webhook deliveries through the real routes (signed like Shopify's, see webhookRequest), and the
 * order-lifecycle bodies built from the recorded fixtures in tests/fixtures/webhooks.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY, getHmac } from "@shopify/shopify-api/test-helpers";
import { action as bulkOperationsFinish } from "../../app/routes/webhooks.bulk_operations.finish";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { action as ordersCancelled } from "../../app/routes/webhooks.orders.cancelled";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated";
import { action as refundsCreate } from "../../app/routes/webhooks.refunds.create";
import { webhookRequest } from "./shopify";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const ROUTES: Record<string, { path: string; action: Action }> = {
  "orders/create": { path: "/webhooks/orders/create", action: ordersCreate },
  "orders/updated": { path: "/webhooks/orders/updated", action: ordersUpdated },
  "orders/cancelled": { path: "/webhooks/orders/cancelled", action: ordersCancelled },
  "refunds/create": { path: "/webhooks/refunds/create", action: refundsCreate },
  "bulk_operations/finish": { path: "/webhooks/bulk_operations/finish", action: bulkOperationsFinish },
  "customers/redact": { path: "/webhooks/compliance", action: compliance },
  "customers/data_request": { path: "/webhooks/compliance", action: compliance },
  "shop/redact": { path: "/webhooks/compliance", action: compliance },
};

export interface DeliveryOptions {
  /** X-Shopify-Webhook-Id: the same id is what a redelivery of one event carries. */
  webhookId?: string;
  /** Signs with another secret (a forged delivery). */
  secret?: string;
}

/** Delivers a signed webhook to its route; a thrown Response (e.g. 401) is returned, not thrown. */
export async function deliverWebhook(
  topic: string,
  shop: string,
  payload: unknown,
  options: DeliveryOptions = {},
): Promise<Response> {
  const route = ROUTES[topic];
  const request = webhookRequest(route.path, topic, shop, payload, options.secret);
  if (options.webhookId) request.headers.set("X-Shopify-Webhook-Id", options.webhookId);
  return answer(() => route.action({ request, params: {}, context: {} }));
}

/** A delivery whose body is exactly `body` (e.g. not JSON), correctly signed. */
export async function deliverRawWebhook(topic: string, shop: string, body: string): Promise<Response> {
  const route = ROUTES[topic];
  const request = new Request(new URL(route.path, "https://my-test-app.myshopify.io"), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, API_SECRET_KEY),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
  return answer(() => route.action({ request, params: {}, context: {} }));
}

async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

const FIXTURES = path.resolve("tests/fixtures/webhooks");

/** A fresh copy of the recorded refunds/create body (refund 7701: one descaler of order #1011). */
export function refundCreatedPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body = JSON.parse(readFileSync(path.join(FIXTURES, "refunds-create.json"), "utf8")) as Record<string, unknown>;
  return { ...body, ...overrides };
}

/** A refund body of `orderId` (numeric) taking back `lines`: [line item id, quantity, subtotal]. */
export function refundOf(
  refundId: number,
  orderId: number,
  lines: [lineItemId: number, quantity: number, subtotal: string][],
): Record<string, unknown> {
  const base = refundCreatedPayload();
  const template = (base.refund_line_items as Record<string, unknown>[])[0];
  return {
    ...base,
    id: refundId,
    admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
    order_id: orderId,
    refund_line_items: lines.map(([lineItemId, quantity, subtotal], i) => ({
      ...template,
      id: refundId * 100 + i,
      line_item_id: lineItemId,
      quantity,
      subtotal: Number(subtotal),
      subtotal_set: {
        shop_money: { amount: subtotal, currency_code: "USD" },
        presentment_money: { amount: subtotal, currency_code: "USD" },
      },
      line_item: { ...(template.line_item as object), id: lineItemId },
    })),
  };
}

/**
 * The orders/updated body of an order body (e.g. orderCreatedPayload()) as Shopify sends it later:
 * the same order with a newer updated_at, and any changes.
 */
export function orderUpdatedPayload(
  order: Record<string, unknown>,
  updatedAt: string,
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  return { refunds: [], ...order, updated_at: updatedAt, ...changes };
}

/** The orders/cancelled body of an order body: cancelled at `at`, which is also its updated_at. */
export function orderCancelledPayload(order: Record<string, unknown>, at: string): Record<string, unknown> {
  return orderUpdatedPayload(order, at, {
    cancelled_at: at,
    cancel_reason: "customer",
    financial_status: "voided",
    closed_at: at,
  });
}
