import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../services/webhook-intake.server";

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request);
