import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../services/webhook-intake.server";

// The three mandatory privacy topics share one endpoint (shopify.app.toml, compliance_topics); each
// topic has its handler in app/services/webhook-handlers.server.ts.
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);
