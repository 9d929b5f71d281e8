/**
 * The AJAX Cart API endpoints over the emulated cart: `GET /cart.js`, `POST /cart/add.js`,
 * `/cart/change.js`, `/cart/update.js`, `/cart/clear.js` (JSON answers, Shopify's error shape),
 * and their form-post twins without `.js` that redirect to `/cart`, as a theme without JS uses.
 * One cart per browser, found by the `cart` cookie; carts live in memory while the demo runs.
 */
import { randomBytes } from "node:crypto";
import { addItems, CartError, changeLine, clearCart, emptyCart, updateCart, type Cart } from "./cart";
import { cartJson, lineItemJson } from "./cart-json";
import { addPayload, changePayload, formToPayload, sectionIds, updatePayload, type Payload } from "./cart-payload";
import type { StoreData } from "./shop-data";

const MAX_CARTS = 10_000;
const COOKIE_MAX_AGE_S = 14 * 24 * 3600;

/** Carts by token, oldest dropped first past MAX_CARTS. */
export class CartStore {
  private readonly carts = new Map<string, Cart>();

  get(token: string | undefined): Cart | null {
    return token ? (this.carts.get(token) ?? null) : null;
  }

  save(cart: Cart): void {
    this.carts.delete(cart.token);
    this.carts.set(cart.token, cart);
    if (this.carts.size > MAX_CARTS) this.carts.delete(this.carts.keys().next().value as string);
  }
}

export function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** The browser's cart (a new empty one, not yet stored, when it has none). */
export function cartFor(carts: CartStore, request: Request): Cart {
  return carts.get(cookieValue(request, "cart")) ?? emptyCart(randomBytes(16).toString("hex"));
}

const cartCookie = (token: string) => `cart=${token}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; SameSite=Lax`;

async function readPayload(request: Request): Promise<Payload> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const text = await request.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!parsed || typeof parsed !== "object") throw new CartError(400, "Required parameter missing or invalid: body");
    return parsed as Payload;
  }
  if (type.includes("form")) return formToPayload((await request.formData()).entries());
  return formToPayload(new URL(request.url).searchParams.entries());
}

export type SectionRenderer = (ids: string[], cart: Cart) => Promise<Record<string, string | null>>;

function json(body: unknown, status: number, cookie?: string): Response {
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  };
  if (cookie) headers["Set-Cookie"] = cookie;
  return new Response(JSON.stringify(body), { status, headers });
}

type Action = "add" | "change" | "update" | "clear";

/** The cart path this request is for, or null when it is not a cart API call. */
export function cartApiAction(pathname: string): { action: Action | "get"; js: boolean } | null {
  if (pathname === "/cart.js" || pathname === "/cart.json") return { action: "get", js: true };
  const match = /^\/cart\/(add|change|update|clear)(\.js|\.json)?$/.exec(pathname);
  return match ? { action: match[1] as Action, js: Boolean(match[2]) } : null;
}

function apply(store: StoreData, cart: Cart, action: Action, body: Payload): { cart: Cart; answer: () => unknown } {
  switch (action) {
    case "add": {
      const { items, asList } = addPayload(body);
      const result = addItems(store, cart, items);
      const added = result.added.map((key) =>
        lineItemJson(
          store,
          result.cart.lines.find((l) => l.key === key)!,
        ),
      );
      return { cart: result.cart, answer: () => (asList ? { items: added } : added[0]) };
    }
    case "change":
      return withCart(store, changeLine(store, cart, changePayload(body)));
    case "update":
      return withCart(store, updateCart(store, cart, updatePayload(body)));
    case "clear":
      return withCart(store, clearCart(cart));
  }
}

const withCart = (store: StoreData, cart: Cart) => ({ cart, answer: () => cartJson(store, cart) });

/** Answers one cart API request (see cartApiAction). */
export async function handleCartApi(
  request: Request,
  route: { action: Action | "get"; js: boolean },
  store: StoreData,
  carts: CartStore,
  renderSections: SectionRenderer,
): Promise<Response> {
  const cart = cartFor(carts, request);
  const isNew = carts.get(cart.token) === null;
  if (route.action === "get") return json(cartJson(store, cart), 200);
  if (request.method !== "POST" && !(route.action === "change" && !route.js)) {
    return json({ status: 405, message: "Method Not Allowed", description: "Use POST" }, 405);
  }
  try {
    const body = await readPayload(request);
    const result = apply(store, cart, route.action, body);
    carts.save(result.cart);
    const cookie = isNew ? cartCookie(result.cart.token) : undefined;
    if (!route.js)
      return new Response(null, {
        status: 302,
        headers: { Location: "/cart", ...(cookie ? { "Set-Cookie": cookie } : {}) },
      });
    const answer = result.answer() as Record<string, unknown>;
    const ids = sectionIds(body);
    if (ids.length > 0) answer.sections = await renderSections(ids, result.cart);
    return json(answer, 200, cookie);
  } catch (error) {
    if (error instanceof CartError) return json(error.toJSON(), error.status);
    if (error instanceof SyntaxError) return json(new CartError(400, "Invalid JSON").toJSON(), 400);
    throw error;
  }
}
