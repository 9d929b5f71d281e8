import type { ActionFunctionArgs } from "@remix-run/node";
import { complianceTopic, handleComplianceWebhook } from "../services/shop-lifecycle.server";
import { authenticate } from "../shopify.server";

// The three mandatory privacy topics share one endpoint (shopify.app.toml, compliance_topics).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, payload } = await authenticate.webhook(request);
  const compliance = complianceTopic(topic);
  if (!compliance) return new Response(`Unexpected topic ${topic}`, { status: 400 });
  await handleComplianceWebhook(compliance, shop, payload);
  return new Response(null, { status: 200 });
};
