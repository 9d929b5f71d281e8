import type { ActionFunctionArgs } from "@remix-run/node";
import { eventsBodySchema, MAX_EVENTS_BODY_BYTES, proxyIdentitySchema } from "../schemas/storefront";
import { parseWith, runService } from "../services/errors";
import {
  answerStorefront,
  parseProxyQuery,
  readJsonBody,
  requireShopParam,
  storefrontJson,
} from "../services/storefront-http.server";
import { recordStorefrontEvents } from "../services/storefront-events.server";
import { authenticate } from "../shopify.server";

// POST /apps/cartlift/events on the shop (docs/storefront-api.md): the signature is checked before
// the body is read; one invalid event rejects the batch (400) and a body over 32 KB is a 413.
export const action = ({ request }: ActionFunctionArgs) =>
  answerStorefront(async () => {
    if (request.method !== "POST") throw Response.json({ error: "use POST" }, { status: 405 });
    requireShopParam(request);
    await authenticate.public.appProxy(request);
    const { shop, logged_in_customer_id } = parseProxyQuery(proxyIdentitySchema, request.url);
    const body = parseWith(eventsBodySchema, await readJsonBody(request, MAX_EVENTS_BODY_BYTES));
    const result = await runService(() =>
      recordStorefrontEvents({ shop, customerId: logged_in_customer_id, body }, new Date()),
    );
    return storefrontJson(result, 202);
  });
