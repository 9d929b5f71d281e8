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
import { keepDeadLetter } from "../adapters/webhook-dead-letters.server";
import { authenticate } from "../shopify.server";
import { webhookHandler } from "./webhook-handlers.server";
import { InvalidWebhookPayload } from "./webhook-payload.server";

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
