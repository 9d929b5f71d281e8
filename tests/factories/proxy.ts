/** Storefront requests through Shopify's app proxy, signed exactly as Shopify signs them. */
import { createHmac } from "node:crypto";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";

const APP_URL = "https://my-test-app.myshopify.io";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

export interface ProxySigning {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Omit Shopify's `shop` parameter. */
  withoutShop?: boolean;
  /** Extra raw query text appended after signing (duplicated parameters, tampering). */
  append?: string;
  logged_in_customer_id?: string;
}

/**
 * The query Shopify's proxy forwards: the storefront's parameters plus shop, logged_in_customer_id,
 * path_prefix, timestamp and `signature`, the hex HMAC-SHA256 of the other parameters sorted by
 * key and written `k=v` with no separator (repeated keys' values joined with `,`).
 */
export function signedProxyQuery(shop: string, params: Record<string, string>, options: ProxySigning = {}): string {
  const all: Record<string, string> = {
    ...params,
    ...(options.withoutShop ? {} : { shop }),
    logged_in_customer_id: options.logged_in_customer_id ?? "",
    path_prefix: "/apps/cartlift",
    timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const message = Object.keys(all)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => `${key}=${all[key]}`)
    .join("");
  const signature = createHmac("sha256", options.secret ?? API_SECRET_KEY)
    .update(message)
    .digest("hex");
  const query = new URLSearchParams({ ...all, signature }).toString();
  return options.append ? `${query}&${options.append}` : query;
}

/** A GET through the proxy to the app's `/proxy/<path>`. */
export function signedProxyRequest(
  path: string,
  shop: string,
  params: Record<string, string>,
  options: ProxySigning = {},
): Request {
  return new Request(`${APP_URL}/proxy/${path}?${signedProxyQuery(shop, params, options)}`, {
    headers: { "User-Agent": BROWSER_UA, Accept: "application/json" },
  });
}

/** A POST through the proxy with a JSON (or raw text) body. */
export function signedProxyPost(
  path: string,
  shop: string,
  body: unknown,
  options: ProxySigning & { raw?: string } = {},
): Request {
  return new Request(`${APP_URL}/proxy/${path}?${signedProxyQuery(shop, {}, options)}`, {
    method: "POST",
    body: options.raw ?? JSON.stringify(body),
    headers: { "User-Agent": BROWSER_UA, "Content-Type": "application/json" },
  });
}
