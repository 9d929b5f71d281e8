import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { searchProducts } from "../adapters/catalog.server";
import { authenticate } from "../shopify.server";

const querySchema = z.object({
  q: z.string().max(100).default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// The product picker's search, over the shop's catalog cache (works in the demo and in Shopify's admin).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "q must be at most 100 characters" }, { status: 400 });
  return Response.json({ products: await searchProducts(session.shop, parsed.data.q, parsed.data.limit) });
};
