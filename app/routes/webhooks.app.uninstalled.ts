import type { ActionFunctionArgs } from "@remix-run/node";
import { handleAppUninstalled } from "../services/shop-lifecycle.server";
import { authenticate } from "../shopify.server";

// authenticate.webhook answers 401 itself when the HMAC is wrong; nothing below runs then.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  await handleAppUninstalled(shop, new Date());
  return new Response(null, { status: 200 });
};
