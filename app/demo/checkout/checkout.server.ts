/**
 * The demo's checkout harness, on the storefront's origin at `/checkout` (where a shop's checkout
 * starts): Shopify's checkout is not a theme's, so this page stands in for it. It shows the cart's
 * lines with the offer discount applied by the real discount Function (extensions/cartlift-discount)
 * on the configuration the app builds, and runs the real checkout UI extension
 * (extensions/cartlift-checkout, bundled as `shopify app build` bundles it) in a frame per target,
 * with a host that gives it Shopify's API: cart lines, `applyCartLinesChange` (through the AJAX Cart
 * API), a checkout session token signed with the demo app's secret, the `$app:cartlift` backend
 * metafield, storage and the extension's locales. See docs/decisions/022-demo-checkout-harness.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { bundleCheckout, CHECKOUT_EXTENSION_DIR } from "../../cli/build-checkout";
import { decimalString } from "../../domain/offers/money";
import { signCheckoutToken } from "../session-token.server";
import type { Cart } from "../storefront/cart";
import { formatMoney } from "../storefront/money";
import { productImagePath, type StoreData } from "../storefront/shop-data";
import type { CheckoutLine } from "./discounts";
import { discountedLines } from "./discounts";
import type { FrameConfig, FrameState } from "./host-frame";

export interface CheckoutHarnessOptions {
  store: StoreData;
  apiKey: string;
  apiSecret: string;
  moneyFormat: string;
  /** The app URL in the shop's `$app:cartlift`/`backend` metafield, or null (the extension then renders nothing). */
  backendUrl: () => Promise<string | null>;
  /** The offer discount's configuration (the JSON the app writes to its metafield), or null when none is installed. */
  discountConfig: () => Promise<unknown>;
  /** The repository root (the extensions and this folder's browser scripts are read from it). */
  root?: string;
}

export interface CheckoutShopper {
  cart: Cart;
  /** A logged-in buyer's numeric customer id. */
  customerId: number | null;
}

const TARGET = "purchase.checkout.cart-line-list.render-after";
const LOCALES = new Set(["en", "fr"]);
const HERE = "app/demo/checkout";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const noStore = (body: string, type: string, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": type, "Cache-Control": "no-store" } });

/** One compiled script, rebuilt when a file it is built from changes (the demo may run while you edit). */
function compiled(build: () => string, watched: () => string[]): () => string {
  let stamp = "";
  let code = "";
  return () => {
    const next = watched()
      .map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0))
      .join(",");
    if (next !== stamp || code === "") {
      code = build();
      stamp = next;
    }
    return code;
  };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

function browserScript(root: string, entry: string): string {
  const result = buildSync({
    entryPoints: [path.join(root, HERE, entry)],
    bundle: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
    tsconfigRaw: {},
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export function createCheckoutHarness(options: CheckoutHarnessOptions) {
  const root = options.root ?? process.cwd();
  const { store } = options;
  const extensionDir = path.join(root, CHECKOUT_EXTENSION_DIR);
  const scripts: Record<string, () => string> = {
    "cartlift-checkout.js": compiled(
      () => bundleCheckout(root),
      () => filesUnder(path.join(extensionDir, "src")).concat(path.join(extensionDir, "shopify.extension.toml")),
    ),
    "host-frame.js": compiled(
      () => browserScript(root, "host-frame.ts"),
      () => [path.join(root, HERE, "host-frame.ts")],
    ),
    "host-page.js": compiled(
      () => browserScript(root, "host-page.ts"),
      () => [path.join(root, HERE, "host-page.ts"), path.join(root, HERE, "host-frame.ts")],
    ),
  };
  const money = (minor: number) => formatMoney(minor, options.moneyFormat);
  const today = () => new Date().toISOString().slice(0, 10);

  function translations(locale: string): Record<string, unknown> {
    const file = path.join(extensionDir, "locales", locale === "en" ? "en.default.json" : `${locale}.json`);
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  }

  async function linesOf(cart: Cart): Promise<CheckoutLine[]> {
    return discountedLines(store, cart.lines, await options.discountConfig(), today());
  }

  /** The lines as the checkout API's CartLine (what `shopify.lines` holds). */
  function apiLines(lines: CheckoutLine[]): unknown[] {
    return lines.map((line) => {
      const found = store.variantById.get(line.variantId);
      const amount = (minor: number) => ({
        amount: Number(decimalString(minor, store.currency)),
        currencyCode: store.currency,
      });
      return {
        id: line.id,
        quantity: line.quantity,
        merchandise: {
          type: "variant",
          id: found?.variant.gid ?? `gid://shopify/ProductVariant/${line.variantId}`,
          title: found?.product.title ?? "",
          subtitle: found && found.variant.title !== "Default Title" ? found.variant.title : null,
          image: found ? { url: productImagePath(found.product.handle) } : null,
          sku: found?.variant.sku ?? "",
          requiresShipping: true,
          product: {
            id: found?.product.gid ?? "",
            vendor: found?.product.vendor ?? "",
            productType: found?.product.productType ?? "",
          },
        },
        cost: { totalAmount: amount(line.subtotal - line.discount) },
        attributes: line.mark ? [{ key: "_cartlift", value: line.mark }] : [],
        discountAllocations:
          line.discount > 0
            ? [{ type: "automatic", title: line.discountMessage ?? "", discountedAmount: amount(line.discount) }]
            : [],
        lineComponents: [],
      };
    });
  }

  function linesHtml(lines: CheckoutLine[]): string {
    if (lines.length === 0)
      return `<p class="empty">Your cart is empty. <a href="/collections/all">Continue shopping</a></p>`;
    return `<ul class="lines" aria-label="Order summary">${lines
      .map((line) => {
        const found = store.variantById.get(line.variantId);
        const title = found?.product.title ?? `Variant ${line.variantId}`;
        const variant = found && found.variant.title !== "Default Title" ? found.variant.title : "";
        const price =
          line.discount > 0
            ? `<s aria-label="Original price ${escapeHtml(money(line.subtotal))}">${escapeHtml(money(line.subtotal))}</s> <strong>${escapeHtml(money(line.subtotal - line.discount))}</strong>`
            : `<strong>${escapeHtml(money(line.subtotal))}</strong>`;
        const discount =
          line.discount > 0
            ? `<span class="discount" data-discount="${line.discount}">${escapeHtml(line.discountMessage ?? "Discount")} (−${escapeHtml(money(line.discount))})</span>`
            : "";
        return `<li class="line" data-variant="${line.variantId}">
  <span class="thumb"><img src="${found ? productImagePath(found.product.handle) : ""}" alt="" width="64" height="64"><span class="qty" aria-label="Quantity ${line.quantity}">${line.quantity}</span></span>
  <span class="what"><span class="title">${escapeHtml(title)}</span>${variant ? `<span class="variant">${escapeHtml(variant)}</span>` : ""}${discount}
    <button type="button" class="remove" data-remove="${escapeHtml(line.key)}" aria-label="Remove ${escapeHtml(title)}">Remove</button></span>
  <span class="price">${price}</span>
</li>`;
      })
      .join("")}</ul>`;
  }

  function totalsHtml(lines: CheckoutLine[]): string {
    const subtotal = lines.reduce((sum, line) => sum + line.subtotal - line.discount, 0);
    const saved = lines.reduce((sum, line) => sum + line.discount, 0);
    const shipping = subtotal >= store.freeShippingThreshold || subtotal === 0 ? 0 : 799;
    return `<dl class="totals">
  <div><dt>Subtotal</dt><dd>${escapeHtml(money(subtotal))}</dd></div>
  <div><dt>Shipping</dt><dd>${shipping === 0 ? "Free" : escapeHtml(money(shipping))}</dd></div>
  <div class="total"><dt>Total</dt><dd><small>${escapeHtml(store.currency)}</small> ${escapeHtml(money(subtotal + shipping))}</dd></div>
  ${saved > 0 ? `<div class="saved"><dt>Total savings</dt><dd data-saved="${saved}">${escapeHtml(money(saved))}</dd></div>` : ""}
</dl>`;
  }

  async function state(shopper: CheckoutShopper) {
    const lines = await linesOf(shopper.cart);
    const frame: FrameState = {
      lines: apiLines(lines),
      attributes: Object.entries(shopper.cart.attributes).map(([key, value]) => ({ key, value })),
    };
    return { ...frame, linesHtml: linesHtml(lines), totalsHtml: totalsHtml(lines) };
  }

  async function page(request: Request, shopper: CheckoutShopper): Promise<Response> {
    const url = new URL(request.url);
    const locale = LOCALES.has(url.searchParams.get("locale") ?? "") ? url.searchParams.get("locale")! : "en";
    const now = await state(shopper);
    const frameState: FrameState = { lines: now.lines, attributes: now.attributes };
    // ?express=1: an accelerated checkout (Apple Pay, Shop Pay…), where no line can be added.
    const express = url.searchParams.get("express") === "1" ? "&express=1" : "";
    const frameSrc = `/checkout/frame?target=${encodeURIComponent(TARGET)}&locale=${locale}${express}`;
    return noStore(
      checkoutPage(store.name, now.linesHtml, now.totalsHtml, frameState, frameSrc),
      "text/html; charset=utf-8",
    );
  }

  async function frame(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const target = url.searchParams.get("target") ?? TARGET;
    const locale = LOCALES.has(url.searchParams.get("locale") ?? "") ? url.searchParams.get("locale")! : "en";
    const config: FrameConfig = {
      target,
      locale,
      translations: translations(locale),
      backendUrl: await options.backendUrl(),
      currency: store.currency,
      country: "US",
      canAddCartLine: url.searchParams.get("express") !== "1",
    };
    return noStore(frameDocument(config), "text/html; charset=utf-8");
  }

  /** Handles `/checkout` and `/checkout/*`; null for any other path. */
  async function handle(request: Request, shopper: CheckoutShopper): Promise<Response | null> {
    const { pathname } = new URL(request.url);
    if (pathname !== "/checkout" && !pathname.startsWith("/checkout/")) return null;
    if (request.method !== "GET" && request.method !== "HEAD")
      return new Response("Method Not Allowed", { status: 405 });
    if (pathname === "/checkout") return page(request, shopper);
    if (pathname === "/checkout/frame") return frame(request);
    if (pathname === "/checkout/state.json")
      return noStore(JSON.stringify(await state(shopper)), "application/json; charset=utf-8");
    if (pathname === "/checkout/session-token") {
      const token = signCheckoutToken(
        {
          shop: store.domain,
          apiKey: options.apiKey,
          now: Math.floor(Date.now() / 1000),
          ...(shopper.customerId ? { customerId: `gid://shopify/Customer/${shopper.customerId}` } : {}),
        },
        options.apiSecret,
      );
      return noStore(JSON.stringify({ token }), "application/json; charset=utf-8");
    }
    const script = /^\/checkout\/assets\/([\w-]+\.js)$/.exec(pathname)?.[1];
    if (script && scripts[script]) return noStore(scripts[script](), "text/javascript; charset=utf-8");
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  }

  return { handle };
}

// JSON inside <script type="application/json">: "</script>" and friends cannot end it early.
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function frameDocument(config: FrameConfig): string {
  return `<!doctype html>
<html lang="${config.locale}"><head><meta charset="utf-8"><title>Cartlift checkout extension</title>
<style>
html,body{margin:0;background:transparent;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#000}
s-stack{display:flex;flex-direction:column;gap:12px}
s-stack[direction=inline]{flex-direction:row;flex-wrap:wrap;align-items:baseline}
s-stack[gap=none]{gap:0}s-stack[gap=small-200]{gap:6px}s-stack[gap=large]{gap:20px}
s-grid{display:grid;gap:12px}
s-heading{display:block;font-size:16px;font-weight:600;margin-top:8px}
s-text[type=strong]{font-weight:600}
s-text[type=redundant]{text-decoration:line-through}
s-text[color=subdued]{color:#707070}
s-text[tone=critical]{color:#d72c0d}
s-text[accessibility-visibility=exclusive]{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
s-button{display:inline-block}
</style>
<script type="application/json" id="cartlift-frame-config">${inlineJson(config)}</script>
<script src="/checkout/assets/host-frame.js"></script>
</head><body><script src="/checkout/assets/cartlift-checkout.js"></script></body></html>`;
}

function checkoutPage(shopName: string, lines: string, totals: string, state: FrameState, frameSrc: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Checkout · ${escapeHtml(shopName)}</title>
<link rel="icon" href="/cdn/shop/files/favicon.svg">
<style>
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#000;background:#fff}
a{color:#1773b0}
.harness{background:#fff8e5;border-bottom:1px solid #f1d48c;padding:8px 20px;font-size:13px}
header.top{border-bottom:1px solid #dedede;padding:18px 20px}
header.top a{color:#000;font-size:22px;font-weight:600;text-decoration:none}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);min-height:calc(100vh - 110px)}
.main{padding:32px max(20px,calc(50vw - 560px)) 32px 40px;padding-left:max(20px,calc(50vw - 560px));padding-right:40px}
.side{background:#f5f5f5;border-left:1px solid #dedede;padding:32px 40px}
.side-inner{max-width:460px}
h2{font-size:19px;margin:0 0 12px}
section{margin-bottom:28px}
.field{border:1px solid #dedede;border-radius:5px;padding:12px;color:#707070;margin-bottom:10px;background:#fff}
.pay{width:100%;padding:16px;border:0;border-radius:5px;background:#1773b0;color:#fff;font:inherit;font-weight:600;font-size:16px;opacity:.55;cursor:not-allowed}
.note{color:#707070;font-size:12px;margin-top:8px}
.lines{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:14px}
.line{display:grid;grid-template-columns:auto 1fr auto;gap:14px;align-items:start}
.thumb{position:relative;display:block}
.thumb img{width:64px;height:64px;border-radius:8px;border:1px solid #dedede;background:#fff;display:block;object-fit:cover}
.qty{position:absolute;top:-8px;right:-8px;min-width:21px;height:21px;border-radius:11px;background:#666;color:#fff;font-size:12px;font-weight:600;display:flex;align-items:center;justify-content:center;padding:0 6px}
.what{display:flex;flex-direction:column;gap:2px;padding-top:4px}
.title{font-weight:500}.variant{color:#707070;font-size:13px}
.discount{color:#707070;font-size:13px}
.remove{align-self:flex-start;background:none;border:0;padding:0;color:#1773b0;font:inherit;font-size:12px;cursor:pointer;text-decoration:underline}
.price{padding-top:4px;text-align:right;white-space:nowrap}
.price s{color:#707070;font-weight:400;margin-right:4px}
#cartlift-cart-line-list{display:block;width:100%;border:0;height:0;margin-top:12px}
.totals{margin:16px 0 0;display:flex;flex-direction:column;gap:8px}
.totals div{display:flex;justify-content:space-between}.totals dt,.totals dd{margin:0}
.totals .total{font-size:19px;font-weight:600;margin-top:6px}.totals .total small{font-size:12px;color:#707070;font-weight:400;margin-right:4px}
.saved{font-weight:600;font-size:13px;text-transform:uppercase;letter-spacing:.02em}
.empty{color:#707070}
@media (max-width:900px){.layout{grid-template-columns:1fr}.side{order:-1;border-left:0;border-bottom:1px solid #dedede}.main{padding:24px 20px}}
</style></head>
<body>
<p class="harness" role="note"><strong>Demo checkout harness.</strong> Shopify's checkout is not part of a theme; this page stands in for it and runs Cartlift's real checkout extension and discount Function. <a href="/cart">Back to cart</a> · the Remove buttons stand in for editing the cart.</p>
<header class="top"><a href="/">${escapeHtml(shopName)}</a></header>
<div class="layout">
<main class="main">
  <section aria-labelledby="contact"><h2 id="contact">Contact</h2><div class="field">Email or mobile phone number</div></section>
  <section aria-labelledby="delivery"><h2 id="delivery">Delivery</h2><div class="field">Country/Region: United States</div><div class="field">Address</div></section>
  <section aria-labelledby="payment"><h2 id="payment">Payment</h2><div class="field">All transactions are secure and encrypted.</div></section>
  <button class="pay" type="button" disabled>Pay now</button>
  <p class="note">The demo ends before payment: orders come from the seeded history.</p>
</main>
<aside class="side" aria-label="Order summary"><div class="side-inner" id="checkout-summary">
  <div id="checkout-lines">${lines}</div>
  <iframe id="cartlift-cart-line-list" title="Cartlift offers" data-src="${escapeHtml(frameSrc)}"></iframe>
  <div id="checkout-totals">${totals}</div>
</div></aside>
</div>
<script type="application/json" id="cartlift-checkout-state">${inlineJson(state)}</script>
<script src="/checkout/assets/host-page.js"></script>
</body></html>`;
}
