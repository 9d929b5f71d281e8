import type { ActionFunctionArgs } from "@remix-run/node";
import { handleScopesUpdate } from "../services/shop-lifecycle.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, session, payload } = await authenticate.webhook(request);
  await handleScopesUpdate(shop, session?.id, payload);
  return new Response(null, { status: 200 });
};
