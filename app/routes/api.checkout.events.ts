import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { checkoutEventsBodySchema, MAX_CHECKOUT_BODY_BYTES } from "../schemas/checkout";
import { answerCheckout } from "../services/checkout-http.server";
import { parseWith, runService } from "../services/errors";
import { readJsonBody } from "../services/storefront-http.server";
import { recordStorefrontEvents } from "../services/storefront-events.server";
import { authenticate, env } from "../shopify.server";

// POST /api/checkout/events (docs/checkout-api.md): offer events from the checkout and thank-you
// page, stored once per event id; one invalid event rejects the batch (400), nothing stored.
const answer = ({ request }: ActionFunctionArgs | LoaderFunctionArgs) =>
  answerCheckout(request, authenticate.public.checkout, env.SHOPIFY_API_KEY, async (caller) => {
    const body = parseWith(checkoutEventsBodySchema, await readJsonBody(request, MAX_CHECKOUT_BODY_BYTES));
    const result = await runService(() =>
      recordStorefrontEvents({ shop: caller.shop, customerId: caller.customerId ?? undefined, body }, new Date()),
    );
    return Response.json(result, { status: 202 });
  });

// Remix hands a POST to the action and anything else, the CORS preflight (OPTIONS) included, to
// the loader: both answer, and anything but POST and OPTIONS is a 405.
export const action = answer;
export const loader = answer;
