/**
 * Test helper for the storefront script: a fake storefront backend (AJAX Cart API + app proxy) behind
 * `fetch`, recording every request, and a page built from the extension's real Liquid blocks.
 */
import { vi } from "vitest";
import { renderBlock, type ShopContext } from "./liquid-fixture";
import type { Answer, Offer } from "./types";

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

export interface FakeLine {
  key: string;
  variant_id: number;
  product_id: number;
  quantity: number;
  properties?: Record<string, string>;
}

export interface FakeShop {
  calls: Call[];
  cart: { items: FakeLine[] };
  /** What GET /apps/cartlift/offers answers, by surface; a function may inspect the query. */
  offers: (query: URLSearchParams) => Answer | Response | Promise<never>;
  fetch: ReturnType<typeof vi.fn>;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** Installs a fake shop as the global fetch. */
export function fakeShop(items: FakeLine[] = []): FakeShop {
  const shop: FakeShop = {
    calls: [],
    cart: { items: [...items] },
    offers: () => ({ offers: [], freeShipping: null }),
    fetch: vi.fn(),
  };
  shop.fetch.mockImplementation((input: string, init?: RequestInit) => {
    // like a real fetch, an aborted signal rejects the request
    const signal = init?.signal;
    if (!signal) return answer(input, init);
    return new Promise((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason));
      answer(input, init).then(resolve, reject);
    });
  });
  async function answer(input: string, init?: RequestInit) {
    const url = new URL(input, "https://shop.example");
    const body = typeof init?.body == "string" ? JSON.parse(init.body) : undefined;
    shop.calls.push({ method: init?.method || "GET", url: url.pathname + url.search, body });
    if (url.pathname == "/cart.js") return json(shop.cart);
    if (url.pathname == "/cart/add.js") {
      for (const item of body.items)
        shop.cart.items.push({
          key: `${item.id}:${shop.cart.items.length}`,
          variant_id: item.id,
          product_id: Math.floor(item.id / 10),
          quantity: item.quantity,
          properties: item.properties,
        });
      return json({ items: body.items });
    }
    if (url.pathname == "/cart/change.js") {
      shop.cart.items = shop.cart.items.filter((l) => l.key != body.id || body.quantity > 0);
      return json(shop.cart);
    }
    if (url.pathname == "/apps/cartlift/offers") {
      const answer = await shop.offers(url.searchParams);
      return answer instanceof Response ? answer : json(answer);
    }
    if (url.pathname == "/apps/cartlift/events") return json({ accepted: body.events.length }, 202);
    return json({}, 404);
  }
  vi.stubGlobal("fetch", shop.fetch);
  return shop;
}

/** An offer as the contract's example has it, with overrides. */
export const offer = (over: Partial<Offer> = {}): Offer => ({
  kind: "upsell",
  surface: "product",
  product: "8000000000001",
  variant: "9000000000001",
  title: "Brew Plus",
  variantTitle: "Default Title",
  image: "https://cdn.example/brew-plus.svg",
  price: 24900,
  compareAt: null,
  currency: "USD",
  reason: "rule",
  features: ["Milk frother", "2-year warranty"],
  replaces: { product: "8000000000000", variant: "9000000000000", price: 12900 },
  mark: "mark-" + (over.variant ?? "9000000000001"),
  ...over,
});

/** Puts the rendered blocks in the document body. */
export async function page(
  blocks: string[],
  ctx: ShopContext = {},
  settings: Record<string, Record<string, unknown>> = {},
) {
  const html = await Promise.all(blocks.map((b) => renderBlock(b, ctx, settings[b])));
  document.body.innerHTML = html.join("\n");
}

/** Lets pending promises and `ms` of (fake or real) timers run. */
export async function settle(ms = 0) {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(ms);
  else await new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

export const requests = (shop: FakeShop, path: string) => shop.calls.filter((c) => c.url.startsWith(path));
