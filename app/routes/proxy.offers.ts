import type { LoaderFunctionArgs } from "@remix-run/node";
import { offersQuerySchema } from "../schemas/storefront";
import { runService } from "../services/errors";
import {
  answerStorefront,
  parseProxyQuery,
  requireShopParam,
  storefrontJson,
} from "../services/storefront-http.server";
import { storefrontOffers } from "../services/storefront-offers.server";
import { authenticate } from "../shopify.server";

// GET /apps/cartlift/offers on the shop (docs/storefront-api.md). Signed by Shopify's proxy: a bad,
// stale or repeated signature is a 400 before anything is read; the shop comes from the signed query.
export const loader = ({ request }: LoaderFunctionArgs) =>
  answerStorefront(async () => {
    requireShopParam(request);
    await authenticate.public.appProxy(request);
    const query = parseProxyQuery(offersQuerySchema, request.url);
    return storefrontJson(await runService(() => storefrontOffers(query, new Date())));
  });
