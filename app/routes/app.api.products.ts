import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseWith } from "../services/errors";
import { searchProducts } from "../services/product-search.server";
import { authenticate } from "../shopify.server";

const querySchema = z.object({
  q: z.string().max(100, "q must be at most 100 characters").default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// The product picker's search, over the shop's catalog cache (works in the demo and in Shopify's admin).
// A resource route: bad input is a JSON 400 `{ errors }`.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { q, limit } = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ products: await searchProducts(session.shop, q, limit) });
};
