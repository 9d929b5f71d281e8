/** Real Shopify-shaped requests for integration tests, signed with the test secrets. */
import { randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY, getHmac, getJwt, setUpValidSession } from "@shopify/shopify-api/test-helpers";
import { saveShopDetails } from "../../app/adapters/shop-repository.server";
import type { ShopDetails } from "../../app/schemas/shop";
import { ensureBuiltInPersonas } from "../../app/services/personas.server";
import { sessionStorage } from "../../app/shopify.server";

const APP_URL = "https://my-test-app.myshopify.io";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

/** A shop domain no other test uses, so tests can share a worker's database. */
export function uniqueShop(): string {
  return `test-${randomUUID().slice(0, 8)}.myshopify.com`;
}

/** What the Admin API says about a test shop unless the test says otherwise: a USD store on UTC. */
export function shopDetails(shop: string, overrides: Partial<ShopDetails> = {}): ShopDetails {
  const currency = overrides.currency ?? "USD";
  return {
    name: `Shop ${shop}`,
    currency,
    presentmentCurrencies: [currency],
    timezone: "UTC",
    moneyFormat: currency === "USD" ? "${{amount}}" : `{{amount}} ${currency}`,
    primaryDomain: shop,
    planName: "Development",
    developmentStore: true,
    ...overrides,
  };
}

/**
 * Stores a valid offline session for the shop through the app's real session storage, and the
 * shop's row as the install bootstrap writes it (app/services/shop-bootstrap.server.ts), with
 * `details` over the defaults. `null`: the session only, as when the bootstrap could not reach Shopify.
 */
export async function installShop(shop: string, details: Partial<ShopDetails> | null = {}) {
  const session = setUpValidSession({ shop, expires: undefined });
  await sessionStorage.storeSession(session);
  if (details) await saveShopDetails(shop, shopDetails(shop, details));
  return session;
}

/**
 * A shop as the app's install hook leaves it (`afterAuth` in app/shopify.server.ts): a session, its
 * row and the shipped personas. To give it a catalog use createShopWithCatalog, which does the same.
 */
export async function installApp(shop: string, details: Partial<ShopDetails> = {}) {
  const session = await installShop(shop, details);
  await ensureBuiltInPersonas(shop);
  return session;
}

/** A session token for the shop; `secret` and claim overrides forge or expire it. */
export async function sessionToken(shop: string, options: { secret?: string; exp?: number } = {}) {
  const overrides = options.exp === undefined ? {} : { exp: options.exp };
  const { token } = await getJwt(
    shop.replace(/\.myshopify\.com$/, ""),
    API_KEY,
    options.secret ?? API_SECRET_KEY,
    overrides,
  );
  return token;
}

/** A fetch App Bridge would make from the embedded admin: Authorization: Bearer <session token>. */
export function adminFetch(path: string, token: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  headers.set("User-Agent", BROWSER_UA);
  return new Request(new URL(path, APP_URL), { ...init, headers });
}

/** The document request Shopify's admin makes when it opens the app in its iframe. */
export function adminDocument(path: string, shop: string, token: string): Request {
  const url = new URL(path, APP_URL);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64url"));
  url.searchParams.set("id_token", token);
  return new Request(url, { headers: { "User-Agent": BROWSER_UA } });
}

/** A webhook delivery as Shopify sends it; `secret` forges the HMAC. */
export function webhookRequest(
  path: string,
  topic: string,
  shop: string,
  payload: unknown,
  secret = API_SECRET_KEY,
): Request {
  const body = JSON.stringify(payload);
  return new Request(new URL(path, APP_URL), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, secret),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}

/** Runs a loader/action and returns the Response it threw, or fails if it did not throw one. */
export async function thrownResponse(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}
