import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { checkoutOffersBodySchema, MAX_CHECKOUT_BODY_BYTES } from "../schemas/checkout";
import { answerCheckout } from "../services/checkout-http.server";
import { checkoutOffers } from "../services/checkout-offers.server";
import { parseWith, runService } from "../services/errors";
import { readJsonBody } from "../services/storefront-http.server";
import { authenticate, env } from "../shopify.server";

// POST /api/checkout/offers (docs/checkout-api.md), from the checkout UI extension with its
// session token: the token names the shop; a bad token is a 401 before the body is read.
const answer = ({ request }: ActionFunctionArgs | LoaderFunctionArgs) =>
  answerCheckout(request, authenticate.public.checkout, env.SHOPIFY_API_KEY, async (caller) => {
    const body = parseWith(checkoutOffersBodySchema, await readJsonBody(request, MAX_CHECKOUT_BODY_BYTES));
    return Response.json(await runService(() => checkoutOffers({ ...caller, body }, new Date())));
  });

// Remix hands a POST to the action and anything else, the CORS preflight (OPTIONS) included, to
// the loader: both answer, and anything but POST and OPTIONS is a 405.
export const action = answer;
export const loader = answer;
