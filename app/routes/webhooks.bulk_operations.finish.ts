import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../services/webhook-intake.server";

// Answers at once: the export is downloaded in the background (the handler starts it).
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);
