/** Requests from the checkout UI extension, with session tokens signed as Shopify signs them. */
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { signCheckoutToken } from "../../app/demo/session-token.server";

const APP_URL = "https://my-test-app.myshopify.io";
// The checkout runs extensions in a sandboxed worker on Shopify's own origin.
export const CHECKOUT_ORIGIN = "https://extensions.shopifycdn.com";

export interface CheckoutSigning {
  secret?: string;
  apiKey?: string;
  customerId?: string;
  /** Seconds from now the token was issued (negative: in the past). */
  issuedAgo?: number;
  ttlSeconds?: number;
  /** Send no Authorization header. */
  withoutToken?: boolean;
  /** A raw Authorization value instead of a signed token. */
  authorization?: string;
}

export function checkoutToken(shop: string, signing: CheckoutSigning = {}): string {
  const now = Math.floor(Date.now() / 1000) - (signing.issuedAgo ?? 0);
  return signCheckoutToken(
    {
      shop,
      apiKey: signing.apiKey ?? API_KEY,
      now,
      ...(signing.customerId ? { customerId: signing.customerId } : {}),
      ...(signing.ttlSeconds !== undefined ? { ttlSeconds: signing.ttlSeconds } : {}),
    },
    signing.secret ?? API_SECRET_KEY,
  );
}

/** A POST to `/api/checkout/<path>` with a JSON body (or raw text) and the extension's token. */
export function checkoutRequest(
  path: "offers" | "events",
  shop: string,
  body: unknown,
  signing: CheckoutSigning = {},
  init: { method?: string } = {},
): Request {
  const headers: Record<string, string> = { "Content-Type": "application/json", Origin: CHECKOUT_ORIGIN };
  if (!signing.withoutToken) headers.Authorization = signing.authorization ?? `Bearer ${checkoutToken(shop, signing)}`;
  const method = init.method ?? "POST";
  return new Request(`${APP_URL}/api/checkout/${path}`, {
    method,
    headers,
    ...(method === "POST" ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
}
