/**
 * Shopify's app proxy signature, produced the way Shopify produces it: the query's parameters
 * (minus `signature`) written `key=value` with repeated keys' values joined by `,`, those strings
 * sorted and concatenated with no separator, then hex HMAC-SHA256 with the app's API secret.
 */
import { createHmac } from "node:crypto";

/** Parameters Shopify adds to every proxied request; a client's own copies are dropped. */
export const PROXY_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"] as const;

export function proxySignature(query: URLSearchParams, secret: string): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === "signature") continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const message = [...values]
    .map(([key, list]) => `${key}=${list.join(",")}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

export interface ProxyIdentity {
  shop: string;
  /** Numeric customer id, or null when logged out (sent as an empty value). */
  customerId: number | null;
  pathPrefix: string;
  /** Unix seconds. */
  timestamp: number;
}

/** The forwarded query: the shopper's parameters plus Shopify's, signed. */
export function signedProxyQuery(
  clientQuery: URLSearchParams,
  identity: ProxyIdentity,
  secret: string,
): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of clientQuery) {
    if (!(PROXY_PARAMS as readonly string[]).includes(key)) query.append(key, value);
  }
  query.set("shop", identity.shop);
  query.set("logged_in_customer_id", identity.customerId === null ? "" : String(identity.customerId));
  query.set("path_prefix", identity.pathPrefix);
  query.set("timestamp", String(identity.timestamp));
  query.set("signature", proxySignature(query, secret));
  return query;
}
