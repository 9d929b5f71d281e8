import { z } from "zod";

const customerRef = z.object({ id: z.union([z.number(), z.string()]) }).loose();

export const customersRedactPayload = z
  .object({ shop_domain: z.string(), customer: customerRef, orders_to_redact: z.array(z.unknown()).optional() })
  .loose();

export const customersDataRequestPayload = z
  .object({ shop_domain: z.string(), customer: customerRef, orders_requested: z.array(z.unknown()).optional() })
  .loose();

export const shopRedactPayload = z.object({ shop_domain: z.string() }).loose();

export const scopesUpdatePayload = z.object({ current: z.array(z.string()) }).loose();

// Shopify sends numeric customer ids in webhooks; Cartlift stores GIDs.
export { customerGid } from "./shopify-ids";

/** The webhook deliveries page's form: "Replay all" (the only action it has). */
export const deadLetterIntent = z.object({
  intent: z.literal("replay", { error: "must be replay" }),
});
