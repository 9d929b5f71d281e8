/**
 * The storefront's Shopify emulation against a small fixture extension, so each promise (schema
 * defaults, snippets, locale, assets once, placement, Liquid objects, switches) is pinned exactly.
 * tests/integration/storefront-pages.test.ts renders the real extension.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateDemoShop } from "../seed";
import { createStorefront } from "./storefront.server";

const dir = path.join(mkdtempSync(path.join(tmpdir(), "cartlift-ext-")), "fixture-theme");
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
const schema = (json: object) => `{% schema %}${JSON.stringify(json)}{% endschema %}`;
write("assets/app.js", "console.log('app')");
write("assets/app.css", ".app{}");
write(
  "locales/en.default.json",
  JSON.stringify({ app: { items: { one: "{{ count }} item", other: "{{ count }} items" } } }),
);
write("locales/en.default.schema.json", JSON.stringify({ settings: { heading: { default: "Pick an upgrade" } } }));
write(
  "snippets/who.liquid",
  "[{{ customer.id }}|{{ customer.tags | join: ',' }}|{% if customer.b2b? %}b2b{% else %}b2c{% endif %}|{{ secret }}]",
);
write(
  "blocks/upgrade.liquid",
  `<div data-cartlift="upgrade" data-heading="{{ block.settings.heading }}" data-limit="{{ block.settings.limit }}" data-flag="{{ block.settings.flag }}" data-product="{{ product.id }}" data-variant="{{ product.selected_or_first_available_variant.id }}" data-app-price="{{ product.price | money }}" data-count="{{ 'app.items' | t: count: cart.item_count }}">{% assign secret = 'x' %}{% render 'who' %}</div>` +
    schema({
      target: "section",
      javascript: "app.js",
      stylesheet: "app.css",
      enabled_on: { templates: ["product"] },
      settings: [
        { type: "text", id: "heading", default: "t:settings.heading.default" },
        { type: "range", id: "limit", default: 3 },
        { type: "checkbox", id: "flag" },
      ],
    }),
);
write(
  "blocks/cart-offers.liquid",
  `<div data-cartlift="cart-offers" data-cart="{% for i in cart.items %}{{ i.variant_id }}:{{ i.quantity }},{% endfor %}"></div>${schema({ target: "section", javascript: "app.js", stylesheet: "app.css" })}`,
);
write(
  "blocks/broken.liquid",
  `{% render 'no-such-snippet' %}${schema({ target: "section", enabled_on: { templates: ["product"] } })}`,
);
write(
  "blocks/embed.liquid",
  `<div data-cartlift="embed" data-page="{{ request.page_type }}"></div>${schema({ target: "body", javascript: "app.js" })}`,
);

const ORIGIN = "http://127.0.0.1:3001";
const storefront = createStorefront({
  data: generateDemoShop({ orderCount: 300 }),
  origin: ORIGIN,
  appOrigin: "http://127.0.0.1:9",
  apiSecret: "s",
  adminUrl: "/admin",
  extensionDir: dir,
});
const product = storefront.store.productByHandle.get("brew-basic")!;
const page = async (pathname: string, cookie = "") =>
  (await storefront.handle(new Request(ORIGIN + pathname, { headers: { cookie } }))).text();
const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, "g"))].map((m) => m[1]);

// A failing block logs a warning, as Shopify prints a Liquid error in its place.
beforeEach(() => void vi.spyOn(console, "warn").mockImplementation(() => {}));
afterEach(() => vi.mocked(console.warn).mockRestore());

describe("app blocks on the product page", () => {
  it("renders each block with its schema defaults, the product, the cart, t and its own snippets", async () => {
    const html = await page(`/products/brew-basic?variant=${product.variants[1]!.id}`);
    expect(attr(html, "data-heading")).toEqual(["Pick an upgrade"]);
    expect([attr(html, "data-limit"), attr(html, "data-flag")]).toEqual([["3"], ["false"]]);
    expect(attr(html, "data-product")).toEqual([String(product.id)]);
    expect(attr(html, "data-variant")).toEqual([String(product.variants[1]!.id)]);
    expect(attr(html, "data-app-price")).toEqual(["$128.00"]);
    expect(attr(html, "data-count")).toEqual(["0 items"]);
    // render isolates the caller's variables (no "x") and keeps the global objects.
    expect(html).toContain("[||b2c|]");
  });

  it("places section blocks under the product form, the embed before </body>, a failing block as a comment", async () => {
    const html = await page("/products/brew-basic");
    expect(attr(html, "data-cartlift")).toEqual(["upgrade", "embed"]);
    expect(html.indexOf("</product-form>")).toBeLessThan(html.indexOf('data-cartlift="upgrade"'));
    expect(html).toMatch(/<div data-cartlift="embed" data-page="product"><\/div><\/div>\s*<\/body>/);
    expect(html).toMatch(/<!-- Liquid error \(blocks\/broken\.liquid\): [^>]*no-such-snippet/);
  });

  it("links each schema stylesheet and defers each schema script once, in the head", async () => {
    const head = (await page("/products/brew-basic")).split("</head>")[0]!;
    expect(
      head.match(/<script src="\/cdn\/shop\/extensions\/fixture-theme\/assets\/app\.js\?v=\w+" defer><\/script>/g),
    ).toHaveLength(1);
    expect(
      head.match(
        /<link rel="stylesheet" href="\/cdn\/shop\/extensions\/fixture-theme\/assets\/app\.css\?v=\w+" media="all">/g,
      ),
    ).toHaveLength(1);
  });

  it("serves the extension's assets and nothing outside them", async () => {
    const ok = await storefront.handle(new Request(`${ORIGIN}/cdn/shop/extensions/fixture-theme/assets/app.js`));
    expect([ok.status, await ok.text()]).toEqual([200, "console.log('app')"]);
    const escape = await storefront.handle(
      new Request(`${ORIGIN}/cdn/shop/extensions/fixture-theme/assets/..%2Flocales%2Fen.default.json`),
    );
    expect(escape.status).toBe(404);
  });
});

describe("shopping as", () => {
  it.each([
    ["new", "[||b2c|]"],
    ["vip", "vip"],
    ["b2b", "b2b"],
  ])("gives Liquid the seeded %s customer", async (kind, expected) => {
    const html = await page("/products/brew-basic", `demo_shopper=${kind}`);
    const customer = storefront.store.customers.get(kind as "vip");
    const shown = html.match(/\[(\d*)\|([^|]*)\|(b2b|b2c)\|\]/)!;
    if (!customer) return expect(shown[0]).toBe(expected);
    expect(shown[1]).toBe(String(customer.id));
    expect(shown[2]!.split(",")).toContain(expected);
    expect(shown[3]).toBe(kind === "b2b" ? "b2b" : "b2c");
  });
});

describe("cart page and switches", () => {
  it("places cart-offers on the cart page with the cart's lines", async () => {
    const add = await storefront.handle(
      new Request(`${ORIGIN}/cart/add.js`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ id: product.variants[0]!.id, quantity: 2 }),
      }),
    );
    const cookie = add.headers.get("set-cookie")!.split(";")[0]!;
    const html = await page("/cart", cookie);
    expect(attr(html, "data-cartlift")).toEqual(["cart-offers", "embed"]);
    expect(attr(html, "data-cart")).toEqual([`${product.variants[0]!.id}:2,`]);
  });

  it("renders nothing of the extension with Cartlift off", async () => {
    const html = await page("/products/brew-basic?cartlift=off");
    expect(attr(html, "data-cartlift")).toEqual([]);
    expect(html).not.toContain("fixture-theme");
    expect(html).not.toContain("Liquid error");
  });

  it("sends this browser's proxy requests to a closed port while the app is 'stopped'", async () => {
    const switched = await storefront.handle(new Request(`${ORIGIN}/demo/app?to=stopped&return_to=/cart`));
    const cookie = switched.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toBe("demo_app=stopped");
    const proxied = await storefront.handle(
      new Request(`${ORIGIN}/apps/cartlift/offers?surface=cart`, { headers: { cookie } }),
    );
    expect(proxied.status).toBe(502);
    expect((await storefront.handle(new Request(`${ORIGIN}/cart`, { headers: { cookie } }))).status).toBe(200);
  });

  it("only follows same-site return paths", async () => {
    const switched = await storefront.handle(new Request(`${ORIGIN}/demo/shopper?as=vip&return_to=//evil.example`));
    expect([switched.status, switched.headers.get("location")]).toEqual([303, "/"]);
    expect(switched.headers.get("set-cookie")).toMatch(/^demo_shopper=vip;/);
  });
});
