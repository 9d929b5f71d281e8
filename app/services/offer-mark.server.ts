/**
 * The offer mark (docs/decisions/010-offer-mark.md): proof that Cartlift made this offer in this
 * shop, carried by the storefront in the cart line's `_cartlift` property and in offer events.
 * `<base64url(JSON payload)>.<base64url(HMAC-SHA256(shop key, payload part))>`; the key is 32 random
 * bytes per shop, stored base64url, and the HMAC is keyed with the decoded bytes.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { SURFACES } from "../domain/offers";

/** How long a mark is honoured: a cart can reach checkout on a later visit; a copied mark goes stale. */
export const MARK_LIFETIME_S = 72 * 3_600;

const numeric = z.string().regex(/^[1-9]\d{0,19}$/);

const payloadSchema = z.object({
  v: z.literal(1),
  r: z.string().min(1).max(64).nullable(),
  k: z.enum(["upsell", "cross_sell", "down_sell"]),
  o: numeric,
  t: numeric.nullable(),
  x: z.number().int().positive(),
  // Where the offer was shown and the persona it was chosen for, for attribution (absent in marks
  // made before they were added; the discount Function ignores both).
  s: z.enum(SURFACES).optional(),
  p: z.string().min(1).max(64).nullable().optional(),
});

/**
 * What a mark says: rule, kind, offered and triggering variant (numeric ids), expiry (Unix seconds),
 * and the surface and persona of the offer.
 */
export type OfferMark = z.output<typeof payloadSchema>;

export type MarkCheck =
  { valid: true; mark: OfferMark } | { valid: false; reason: "malformed" | "signature" | "expired" };

/** A new random key for a shop. */
export function newMarkKey(): string {
  return randomBytes(32).toString("base64url");
}

/** Signs the payload with the shop's key. */
export function signMark(key: string, mark: OfferMark): string {
  const payload = Buffer.from(JSON.stringify(mark)).toString("base64url");
  return `${payload}.${hmac(key, payload).toString("base64url")}`;
}

/** Checks a mark's signature (constant time), shape and expiry. */
export function verifyMark(key: string, token: string, now: Date): MarkCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
    return { valid: false, reason: "malformed" };
  }
  const [payload, signature] = parts as [string, string];
  const expected = hmac(key, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { valid: false, reason: "signature" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { valid: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { valid: false, reason: "malformed" };
  if (parsed.data.x <= Math.floor(now.getTime() / 1000)) return { valid: false, reason: "expired" };
  return { valid: true, mark: parsed.data };
}

function hmac(key: string, payload: string): Buffer {
  return createHmac("sha256", Buffer.from(key, "base64url")).update(payload).digest();
}
