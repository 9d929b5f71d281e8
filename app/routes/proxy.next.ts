import type { LoaderFunctionArgs } from "@remix-run/node";
import { nextOrderQuerySchema } from "../schemas/checkout";
import { runService } from "../services/errors";
import { nextOrderOffer, nextOrderPage } from "../services/next-order-offer.server";
import { answerStorefront, parseProxyQuery, requireShopParam } from "../services/storefront-http.server";
import { authenticate } from "../shopify.server";

// GET /apps/cartlift/next?m=<mark> on the shop: the thank-you page's link for the next order
// (docs/checkout-api.md). Signed by Shopify's proxy; answered as Liquid inside the shop's theme.
export const loader = ({ request }: LoaderFunctionArgs) =>
  answerStorefront(async () => {
    requireShopParam(request);
    const { liquid } = await authenticate.public.appProxy(request);
    const { shop, m } = parseProxyQuery(nextOrderQuerySchema, request.url);
    const offer = await runService(() => nextOrderOffer(shop, m, new Date()));
    // A page for a person (a stale link says so in the shop's theme), so always a 200.
    return liquid(nextOrderPage(offer));
  });
