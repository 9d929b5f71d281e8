/**
 * Signs admin session tokens the way Shopify's admin does for an embedded app (HS256 with the
 * app's secret; see shopify.dev "session tokens"), so the demo reaches the app through the real
 * `authenticate.admin`. Only the demo uses this, with its local secret.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface SessionTokenClaims {
  shop: string;
  apiKey: string;
  userId: string;
  /** Seconds since the epoch. */
  now: number;
  ttlSeconds?: number;
}

/** Returns a signed session token and its expiry (seconds since the epoch). */
export function signSessionToken(claims: SessionTokenClaims, secret: string): { token: string; exp: number } {
  const exp = claims.now + (claims.ttlSeconds ?? 60);
  const payload = {
    iss: `https://${claims.shop}/admin`,
    dest: `https://${claims.shop}`,
    aud: claims.apiKey,
    sub: claims.userId,
    exp,
    nbf: claims.now,
    iat: claims.now,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${header}.${body}`).digest("base64url");
  return { token: `${header}.${body}.${signature}`, exp };
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

/** Shopify's `host` parameter: base64 of the admin host for the store. */
export function adminHostParam(shop: string): string {
  const store = shop.replace(/\.myshopify\.com$/, "");
  return Buffer.from(`admin.shopify.com/store/${store}`, "utf8").toString("base64url");
}

export interface CheckoutTokenClaims {
  shop: string;
  apiKey: string;
  /** A logged-in buyer's customer GID. */
  customerId?: string;
  /** Seconds since the epoch. */
  now: number;
  ttlSeconds?: number;
}

/**
 * Signs a checkout UI extension's session token the way Shopify does (HS256 with the app's
 * secret; `dest` is the shop, `sub` the buyer when logged in; 5 minutes), so the demo's checkout
 * reaches the app through the real `authenticate.public.checkout`.
 */
export function signCheckoutToken(claims: CheckoutTokenClaims, secret: string): string {
  const exp = claims.now + (claims.ttlSeconds ?? 300);
  const payload = {
    iss: `https://${claims.shop}`,
    dest: claims.shop,
    aud: claims.apiKey,
    ...(claims.customerId ? { sub: claims.customerId } : {}),
    exp,
    nbf: claims.now,
    iat: claims.now,
    jti: randomUUID(),
  };
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}
