import type { AppMetafieldEntry } from "@shopify/ui-extensions/checkout";
import { vi } from "vitest";
import type { CheckoutOffer } from "../../../app/schemas/checkout";

export const BACKEND = "https://cartlift.example.com";
export const SID = "c8a1f0e2b7d94c55";

/** The app-owned shop metafield the app writes its URL to. */
export function backendMetafield(value = BACKEND): AppMetafieldEntry {
  return {
    target: { type: "shop", id: "gid://shopify/Shop/1" },
    metafield: { namespace: "$app:cartlift", key: "backend", value, valueType: "string", type: "url" },
  };
}

/** One offer as the backend answers it: the app's own contract type. */
export type OfferJson = CheckoutOffer;

export function offerJson(n: number, overrides: Partial<OfferJson> = {}): OfferJson {
  return {
    kind: "cross_sell",
    product: `gid://shopify/Product/800000000000${n}`,
    variant: `gid://shopify/ProductVariant/900000000000${n}`,
    title: `Offer ${n}`,
    variantTitle: "",
    image: `https://cdn.example/offer-${n}.png`,
    price: "11.90",
    compareAt: null,
    currency: "EUR",
    reason: "frequently_added",
    mark: `mark-${n}`,
    ...overrides,
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

interface Call {
  url: string;
  init: RequestInit;
  body: unknown;
}

/**
 * A fetch standing in for the backend: `offers` answers POST /api/checkout/offers, events get a
 * 202. Every call is kept with its parsed body.
 */
export function fakeBackend(offers: () => Promise<Response> | Response) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init, body: JSON.parse(String(init.body)) });
    if (url.endsWith("/api/checkout/offers")) return offers();
    return json({ accepted: 1 }, 202);
  });
  const to = (path: string) => calls.filter((call) => call.url === `${BACKEND}${path}`);
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    offerCalls: () => to("/api/checkout/offers"),
    eventCalls: () => to("/api/checkout/events"),
  };
}

/** Lets pending promises, timers and Preact's render queue run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

export function button(row: Element): HTMLElement {
  const found = row.querySelector("s-button");
  if (!found) throw new Error("no s-button in the row");
  return found as HTMLElement;
}

/** The offer rows: each is the s-stack holding an s-grid. */
export const rows = () => Array.from(document.body.querySelectorAll("s-grid")).map((grid) => grid.parentElement!);
