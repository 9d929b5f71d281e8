/** Helpers for the storefront browser tests: shoppers, the cart as `/cart.js` has it, offer marks. */
import type { Browser, Page } from "playwright-core";
import { fnv1a32 } from "../../app/domain/offers/holdout";
import { DEFAULT_SETTINGS } from "../../app/domain/offers/settings";
import { openPage, shopAs, type ShopperKind } from "./browser";

/** Where the tests' screenshots go (the e2e set-up empties .tmp/e2e at the start of each run). */
export const SHOTS = ".tmp/e2e/screenshots";

export interface CartLineJs {
  key: string;
  variant_id: number;
  product_id: number;
  handle: string;
  product_title: string;
  variant_title: string | null;
  quantity: number;
  properties: Record<string, string> | null;
}

export interface CartJs {
  item_count: number;
  total_price: number;
  items: CartLineJs[];
}

/** The cart as the theme and the script read it (`GET /cart.js`). */
export const cartJs = (page: Page): Promise<CartJs> =>
  page.evaluate(() => fetch("/cart.js").then((r) => r.json() as Promise<CartJs>));

export interface MarkPayload {
  v: number;
  r: string | null;
  k: string;
  o: string;
  t: string | null;
  x: number;
}

/** The payload of the offer mark a line carries in its `_cartlift` property (docs/storefront-api.md). */
export function markOf(line: CartLineJs): MarkPayload {
  const mark = line.properties?._cartlift;
  if (!mark) throw new Error(`line ${line.handle} carries no _cartlift mark: ${JSON.stringify(line.properties)}`);
  return JSON.parse(Buffer.from(mark.split(".")[0]!, "base64url").toString("utf8")) as MarkPayload;
}

const run = Date.now().toString(36);

/**
 * The anonymous shopper id for a test: its own (so one test's impressions and declines never tire
 * another's offers) and outside the holdout group, which by design sees no offer at all (the demo
 * shop keeps the default 5% holdout, unsalted; a first-seen shopper's key is this id).
 */
export function shopperId(label: string): string {
  for (let n = 0; ; n++) {
    const sid = `e2e-${label}-${run}-${n}`;
    if (fnv1a32(sid) % 10_000 >= Math.round(DEFAULT_SETTINGS.holdoutPercent * 100)) return sid;
  }
}

/**
 * A fresh browser context (its own cart cookie and localStorage) shopping as `kind`, with its own
 * shopper id in localStorage before any script runs. Console errors are collected in `errors`.
 */
export async function newShopper(
  browser: Browser,
  storefrontOrigin: string,
  kind: ShopperKind,
  label: string,
  options: { appStopped?: boolean } = {},
) {
  const { page, errors } = await openPage(browser);
  const sid = shopperId(label);
  await page.addInitScript((id) => localStorage.setItem("cartlift_sid", id), sid);
  const origin = await shopAs(page, storefrontOrigin, kind, options);
  return { page, errors, origin, sid };
}

export interface OfferJs {
  kind: "upsell" | "cross_sell" | "down_sell";
  title: string;
  variant: string;
  price: number;
  mark: string;
}

/** The next `GET /apps/cartlift/offers` answer for a surface (start waiting before the action). */
export function offersAnswer(page: Page, surface: "product" | "cart" | "cart_removal"): Promise<{ offers: OfferJs[] }> {
  return page
    .waitForResponse(
      (r) => r.url().includes("/apps/cartlift/offers?") && new URL(r.url()).searchParams.get("surface") === surface,
    )
    .then((r) => r.json() as Promise<{ offers: OfferJs[] }>);
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
