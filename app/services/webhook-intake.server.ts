/**
 * How every webhook is received: Shopify's HMAC check (authenticate.webhook: 401 when wrong), the
 * topic's handler from app/services/webhook-handlers.server.ts, and one answer for each outcome.
 * - handled, or a duplicate: 200.
 * - the body is signed but not JSON: 400 (never a 500).
 * - the body is JSON but fails the topic's validation (a handler threw `InvalidWebhookPayload`):
 *   200, because Shopify would redeliver a non-2xx answer for days, and the delivery is kept in the
 *   dead-letter table for the merchant to see and replay once the code is fixed.
 * Routes are one line: `export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);`
 */
import type { z } from "zod";
import type { AdminGraphql } from "../adapters/admin-bulk.server";
import { keepDeadLetter } from "../adapters/webhook-dead-letters.server";
import { authenticate } from "../shopify.server";
import { webhookHandler } from "./webhook-handlers.server";

/** A signed delivery whose body does not have the topic's shape; `issues` say where. */
export class InvalidWebhookPayload extends Error {
  override name = "InvalidWebhookPayload";
  constructor(readonly issues: string[]) {
    super(`invalid payload: ${issues.slice(0, 3).join("; ")}`);
  }
}

/** The payload parsed with the topic's schema, or a thrown InvalidWebhookPayload. */
export function parseWebhookPayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new InvalidWebhookPayload(
    parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`),
  );
}

/** What a topic's handler gets: the verified shop and topic, the parsed JSON, an Admin API client. */
export interface WebhookContext {
  shop: string;
  /** As Shopify sends it in X-Shopify-Topic, e.g. "products/update". */
  topic: string;
  webhookId: string;
  payload: unknown;
  /** The shop's offline Admin API client; undefined when the shop has no session (uninstalled). */
  admin: AdminGraphql | undefined;
}

export type WebhookHandler = (context: WebhookContext) => Promise<unknown>;

/** Verifies, parses and dispatches one delivery; the Response is what Shopify gets. */
export async function receiveWebhook(request: Request): Promise<Response> {
  // authenticate.webhook reads the body, checks the HMAC (401) and then JSON.parses it: a
  // SyntaxError here means a correctly signed body that is not JSON.
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  const raw = request.clone();
  try {
    context = await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof SyntaxError) return new Response("Body is not JSON", { status: 400 });
    throw error;
  }
  const { shop, webhookId, payload, admin, apiVersion } = context;
  // authenticate.webhook gives the topic as an enum (ORDERS_CREATE); handlers, logs and dead letters
  // use Shopify's own spelling from the signed request (orders/create), as shopify.app.toml does.
  const topic = request.headers.get("X-Shopify-Topic") ?? context.topic;
  const handler = webhookHandler(topic);
  if (!handler) return new Response(`No handler for topic ${topic}`, { status: 400 });
  try {
    await handler({ shop, topic, webhookId, payload, admin });
  } catch (error) {
    if (!(error instanceof InvalidWebhookPayload)) throw error;
    await keepDeadLetter({ shop, topic, webhookId, apiVersion, payload: await raw.text(), error: error.message });
    console.warn(`${topic} for ${shop} kept as a dead letter: ${error.message}`);
  }
  return new Response(null, { status: 200 });
}
