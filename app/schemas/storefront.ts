/**
 * The storefront's payloads (docs/storefront-api.md): the offers query and the events batch.
 * Ids are the numeric Shopify ids the theme's Liquid has; services turn them into GIDs.
 */
import { z } from "zod";

const shopField = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a myshopify domain");
const numericId = z.string().regex(/^[1-9]\d{0,19}$/, "must be a numeric Shopify id");
/** The anonymous shopper id the script keeps in localStorage. */
export const shopperIdField = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, _ or -");
const MAX_LINES = 100;
const MAX_QUANTITY = 10_000;

export interface LineParam {
  variant: string;
  quantity: number;
}

const line = z
  .string()
  .regex(/^[1-9]\d{0,19}:[1-9]\d{0,4}$/, "must be variantId:quantity")
  .transform((text): LineParam => {
    const [variant, quantity] = text.split(":");
    return { variant: variant!, quantity: Number(quantity) };
  })
  .refine((l) => l.quantity <= MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`);

const lines = z
  .string()
  .transform((text) => (text === "" ? [] : text.split(",")))
  .pipe(z.array(line).max(MAX_LINES, `at most ${MAX_LINES} lines`));

// Shopify sends `logged_in_customer_id=` when logged out, and themes send empty values: "" is absent.
const optionalText = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(schema.optional());

/** The offers query after Shopify's own parameters were checked by `authenticate.public.appProxy`. */
export const offersQuerySchema = z
  .object({
    shop: shopField,
    logged_in_customer_id: optionalText(numericId),
    surface: z.enum(["product", "cart", "cart_removal"], { error: "must be product, cart or cart_removal" }),
    sid: shopperIdField,
    product: optionalText(numericId),
    variant: optionalText(numericId),
    lines: lines.optional().transform((v) => v ?? []),
    removed: optionalText(line),
    declined: optionalText(numericId),
    currency: optionalText(z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code")),
    rate: optionalText(
      z
        .string()
        .regex(/^\d{1,9}(\.\d{1,12})?$/, "must be a positive decimal")
        .transform(Number)
        .refine((n) => n > 0, "must be positive"),
    ),
    country: optionalText(z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 code")),
    ctags: optionalText(z.string().max(2_000, "too long")),
    b2b: z.enum(["", "0", "1"]).optional(),
  })
  .refine((q) => q.surface !== "product" || q.product !== undefined, {
    message: "the product page needs its product",
    path: ["product"],
  })
  .refine((q) => q.surface !== "cart_removal" || q.removed !== undefined || q.declined !== undefined, {
    message: "a removal needs the removed line or the declined variant",
    path: ["removed"],
  });

export type OffersQuery = z.output<typeof offersQuerySchema>;

/** Why an offer is shown, as the storefront and checkout answers name it. */
export type OfferReason = "rule" | "bought_together" | "frequently_added" | "upgrade" | "alternative" | "free_shipping";

/** The query as an object; a parameter that appears twice is an error (it would be ambiguous). */
export function queryObject(params: URLSearchParams): { values: Record<string, string>; repeated: string[] } {
  const values: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [key, value] of params) {
    if (key in values) repeated.push(key);
    else values[key] = value;
  }
  return { values, repeated };
}

/** Events at most per batch and bytes at most per body. */
export const MAX_EVENTS = 50;
export const MAX_EVENTS_BODY_BYTES = 32 * 1024;

const eventBase = {
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, _ or -"),
  at: z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" }),
  surface: z.enum(["product", "cart", "cart_removal"], { error: "must be product, cart or cart_removal" }),
};

const offerEvent = z.object({
  ...eventBase,
  type: z.enum(["impression", "click", "add", "decline"]),
  mark: z.string().min(1, "required").max(1_000, "too long"),
});

const shopperEvent = z.object({
  ...eventBase,
  type: z.enum(["view", "remove"]),
  product: numericId,
  variant: numericId.optional(),
});

export const eventsBodySchema = z.object({
  sid: shopperIdField,
  events: z
    .array(z.discriminatedUnion("type", [offerEvent, shopperEvent], { error: "unknown event type" }))
    .min(1, "send at least one event")
    .max(MAX_EVENTS, `at most ${MAX_EVENTS} events per batch`),
});

export type EventsBody = z.output<typeof eventsBodySchema>;
export type StorefrontEvent = EventsBody["events"][number];
export type OfferEventInput = z.output<typeof offerEvent>;

/** Shopify's own parameters on an events POST (the body is parsed separately). */
export const proxyIdentitySchema = z.object({
  shop: shopField,
  logged_in_customer_id: optionalText(numericId),
});
