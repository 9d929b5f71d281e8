import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../services/webhook-intake.server";

// Every webhook goes through receiveWebhook (app/services/webhook-intake.server.ts): 401 for a bad
// HMAC, 400 for a signed body that is not JSON, 200 otherwise (an unreadable body becomes a dead letter).
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);
