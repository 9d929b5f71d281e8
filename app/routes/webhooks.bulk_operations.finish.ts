import type { ActionFunctionArgs } from "@remix-run/node";
import { handleBulkOperationFinish } from "../services/order-import.server";
import { authenticate } from "../shopify.server";

// Answers at once: the export is downloaded in the background (the service starts it).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload, admin } = await authenticate.webhook(request);
  await handleBulkOperationFinish(shop, payload, admin);
  return new Response(null, { status: 200 });
};
