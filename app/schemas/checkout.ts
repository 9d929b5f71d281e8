/**
 * The checkout extension's payloads (docs/checkout-api.md): the offers request and the events
 * batch. Ids are the GIDs the checkout API gives; amounts are the checkout's decimal strings.
 */
import { z } from "zod";
import type { OfferKind } from "../domain/offers/types";
import { shopperIdField, type OfferReason } from "./storefront";

const MAX_LINES = 100;
const MAX_QUANTITY = 10_000;

export const checkoutSurfaceField = z.enum(["checkout", "thank_you"], { error: "must be checkout or thank_you" });

const variantGidField = z.string().regex(/^gid:\/\/shopify\/ProductVariant\/[1-9]\d{0,19}$/, "must be a variant GID");
const currencyField = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");

const checkoutLine = z.object({
  variant: variantGidField,
  quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_QUANTITY),
  // `cost.totalAmount.amount` as the checkout gives it; only used to find the checkout's rate.
  amount: z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, "must be a non-negative decimal"),
  discounted: z.boolean(),
});

export const checkoutOffersBodySchema = z.object({
  surface: checkoutSurfaceField,
  sid: shopperIdField,
  currency: currencyField,
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166 code")
    .optional(),
  lines: z.array(checkoutLine).max(MAX_LINES, `at most ${MAX_LINES} lines`),
});

export type CheckoutOffersBody = z.output<typeof checkoutOffersBodySchema>;
export type CheckoutLineInput = z.output<typeof checkoutLine>;

/** One offer in the offers answer (docs/checkout-api.md): GIDs, and decimal prices in `currency`. */
export interface CheckoutOffer {
  kind: OfferKind;
  product: string;
  variant: string;
  title: string;
  variantTitle: string;
  image: string | null;
  price: string;
  compareAt: string | null;
  currency: string;
  reason: OfferReason;
  mark: string;
  /** Thank-you offers only. */
  url?: string;
}

/** Bytes at most per body, both endpoints. */
export const MAX_CHECKOUT_BODY_BYTES = 32 * 1024;
const MAX_EVENTS = 50;

const checkoutEvent = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, _ or -"),
  at: z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" }),
  surface: checkoutSurfaceField,
  type: z.enum(["impression", "click", "add", "decline"], { error: "must be impression, click, add or decline" }),
  mark: z.string().min(1, "required").max(1_000, "too long"),
});

export const checkoutEventsBodySchema = z.object({
  sid: shopperIdField,
  events: z
    .array(checkoutEvent)
    .min(1, "send at least one event")
    .max(MAX_EVENTS, `at most ${MAX_EVENTS} events per batch`),
});

export type CheckoutEventsBody = z.output<typeof checkoutEventsBodySchema>;

/** What the routes need of a verified checkout session token (the rest is Shopify's). */
export const checkoutTokenClaimsSchema = z.object({
  dest: z
    .string()
    .transform((dest) => dest.replace(/^https:\/\//, "").replace(/\/$/, ""))
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a myshopify domain")),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string().optional(),
});

/** The thank-you page's link back to the shop, after the proxy's own parameters were checked. */
export const nextOrderQuerySchema = z.object({
  shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a myshopify domain"),
  m: z.string().min(1, "required").max(1_000, "too long"),
});
