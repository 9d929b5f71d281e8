import type { ActionFunctionArgs } from "@remix-run/node";
import { ingestOrderWebhook } from "../services/order-ingest.server";
import { authenticate } from "../shopify.server";

// Shopify redelivers until it gets a 2xx: a duplicate or an unreadable body is acknowledged too
// (the service stores nothing for them). A bad HMAC gets 401 from authenticate.webhook.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  await ingestOrderWebhook(shop, payload);
  return new Response(null, { status: 200 });
};
