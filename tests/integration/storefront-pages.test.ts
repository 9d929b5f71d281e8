/**
 * The demo storefront rendering the Cartlift theme extension's real Liquid files (blocks, snippets,
 * locale, schema defaults), its AJAX Cart API and its app proxy forwarder, through real Requests.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDemoShop } from "../../app/demo/seed";
import { defaultSettings, loadExtension } from "../../app/demo/storefront/extension.server";
import { createStorefront } from "../../app/demo/storefront/storefront.server";

const ORIGIN = "http://127.0.0.1:3001";
const EXTENSION_DIR = path.resolve("extensions/cartlift-theme");
const storefront = createStorefront({
  data: generateDemoShop({ orderCount: 400 }),
  origin: ORIGIN,
  // Nothing listens on port 9: the app is "stopped".
  appOrigin: "http://127.0.0.1:9",
  apiSecret: "test-secret",
  adminUrl: "http://127.0.0.1:3000/demo/admin",
  extensionDir: EXTENSION_DIR,
});
const { store } = storefront;
const variantId = (handle: string) => store.productByHandle.get(handle)!.variants[0]!.id;

async function get(pathname: string, cookie = "") {
  const response = await storefront.handle(new Request(ORIGIN + pathname, { headers: { cookie } }));
  return { response, body: await response.text() };
}

async function cartWith(handles: string[]): Promise<string> {
  const response = await storefront.handle(
    new Request(`${ORIGIN}/cart/add.js`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ items: handles.map((h) => ({ id: variantId(h), quantity: 1 })) }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** The blocks' roots on the page (not the ones inside a <template> the script clones). */
const roots = (html: string) =>
  [...html.replace(/<template[\s\S]*?<\/template>/g, "").matchAll(/data-cartlift="([a-z-]+)"/g)].map((m) => m[1]);

describe("product page with Cartlift on", () => {
  it("places the upgrade and bought-together blocks under the product form and the embed before </body>", async () => {
    const { response, body } = await get("/products/brew-basic");
    expect(response.status).toBe(200);
    expect(body).not.toMatch(/Liquid error|translation missing/);
    expect(roots(body)).toEqual(["upgrade", "bought-together", "embed"]);
    expect(body.indexOf("</product-form>")).toBeLessThan(body.indexOf('data-cartlift="upgrade"'));
    expect(body.indexOf('data-cartlift="embed"')).toBeGreaterThan(body.indexOf("<footer"));
    expect(body.indexOf('data-cartlift="embed"')).toBeLessThan(body.lastIndexOf("</body>"));
  });

  it("gives each block its schema defaults and the product and cart it reads", async () => {
    const extension = loadExtension(EXTENSION_DIR, {
      moneyFormat: "${{amount}}",
      moneyWithCurrencyFormat: "${{amount}} USD",
    });
    const upgrade = extension.blocks.find((b) => b.handle === "upgrade")!;
    const texts = Object.values(defaultSettings(extension, upgrade)).filter(
      (v): v is string => typeof v === "string" && v !== "",
    );
    const cookie = await cartWith(["coffee-pods"]);
    const { body } = await get("/products/brew-basic", cookie);
    const product = store.productByHandle.get("brew-basic")!;
    const pods = store.productByHandle.get("coffee-pods")!;
    // At least one of the block's default texts reaches the page (as text or an attribute).
    expect(texts.some((text) => body.includes(text.replace(/&/g, "&amp;").replace(/"/g, "&quot;")))).toBe(true);
    expect(body).toContain(`"${product.id}"`);
    expect(body).toMatch(new RegExp(`${pods.variants[0]!.id}\\D`));
  });

  it("loads each block's schema stylesheet and deferred script once, in the head", async () => {
    const { body } = await get("/products/brew-basic");
    const head = body.slice(0, body.indexOf("</head>"));
    expect(
      head.match(
        /<script src="\/cdn\/shop\/extensions\/cartlift-theme\/assets\/cartlift\.js\?v=\w+" defer><\/script>/g,
      ),
    ).toHaveLength(1);
    expect(
      head.match(
        /<link rel="stylesheet" href="\/cdn\/shop\/extensions\/cartlift-theme\/assets\/cartlift\.css\?v=\w+"/g,
      ),
    ).toHaveLength(1);
    expect(head).toContain(
      'window.Shopify = Object.assign(window.Shopify || {}, {"shop":"cartlift-demo.myshopify.com"',
    );
    expect(head).toContain('"currency":{"active":"USD","rate":"1.0"}');
    expect(head).toContain('"routes":{"root":"/"}');
    const script = body.match(/src="(\/cdn\/shop\/extensions\/cartlift-theme\/assets\/cartlift\.js\?v=\w+)"/)![1]!;
    const asset = await storefront.handle(new Request(ORIGIN + script));
    expect([asset.status, asset.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
  });

  it.each(["returning", "vip", "b2b"])("renders for a signed-in %s customer with no Liquid error", async (kind) => {
    const { response, body } = await get("/products/brew-basic", `demo_shopper=${kind}`);
    expect(response.status).toBe(200);
    expect(body).not.toMatch(/Liquid error|translation missing/);
    expect(roots(body)).toEqual(["upgrade", "bought-together", "embed"]);
    expect(store.customers.get(kind as "vip")!.ordersCount).toBeGreaterThan(1);
  });
});

describe("Cartlift off", () => {
  it.each(["/products/brew-basic?cartlift=off", "/cart?cartlift=off", "/?cartlift=off"])(
    "%s carries none of Cartlift's Liquid, CSS or JS",
    async (pathname) => {
      const { response, body } = await get(pathname, await cartWith(["brew-basic"]));
      expect(response.status).toBe(200);
      expect(roots(body)).toEqual([]);
      expect(body).not.toMatch(/cdn\/shop\/extensions|cartlift\.(js|css)|class="cartlift/);
    },
  );

  it("stays off through the cookie the switch sets, and ?cartlift=on wins for one page", async () => {
    const switched = await storefront.handle(new Request(`${ORIGIN}/demo/cartlift?to=off&return_to=/cart`));
    expect([switched.status, switched.headers.get("location")]).toEqual([303, "/cart"]);
    const cookie = switched.headers.get("set-cookie")!.split(";")[0]!;
    expect(roots((await get("/products/brew-basic", cookie)).body)).toEqual([]);
    expect(roots((await get("/products/brew-basic?cartlift=on", cookie)).body)).toContain("upgrade");
  });
});

describe("cart page and cart API", () => {
  it("renders the lines, the cart-offers block and the section rendering answer", async () => {
    const cookie = await cartWith(["brew-basic", "coffee-pods"]);
    const { body } = await get("/cart", cookie);
    expect(roots(body)).toEqual(["cart-offers", "embed"]);
    expect(body).not.toMatch(/Liquid error|translation missing/);
    expect(body.match(/class="cart-item"/g)).toHaveLength(2);
    const sections = await get("/?sections=cart-icon-bubble,main-cart-items,nope", cookie);
    const json = JSON.parse(sections.body) as Record<string, string | null>;
    expect(json["cart-icon-bubble"]).toContain('<span aria-hidden="true">2</span>');
    expect(json["main-cart-items"]).toContain('id="shopify-section-main-cart-items"');
    expect(json.nope).toBeNull();
  });

  it("answers 422 in Shopify's error shape for an unknown variant", async () => {
    const response = await storefront.handle(
      new Request(`${ORIGIN}/cart/add.js`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ id: 1, quantity: 1 }),
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ status: 422, message: "Cart Error", description: "Cannot find variant" });
  });

  it("adds from a form post without JavaScript and redirects to the cart", async () => {
    const form = new FormData();
    form.set("id", String(variantId("descaler")));
    form.set("quantity", "2");
    const response = await storefront.handle(new Request(`${ORIGIN}/cart/add`, { method: "POST", body: form }));
    expect([response.status, response.headers.get("location")]).toEqual([302, "/cart"]);
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    const cart = JSON.parse((await get("/cart.js", cookie)).body) as { item_count: number };
    expect(cart.item_count).toBe(2);
  });
});

describe("with the app stopped", () => {
  it("answers the proxy with a quick 502 and every page still renders", async () => {
    const proxied = await get("/apps/cartlift/offers?surface=product&product=1&sid=abcdefgh");
    expect(proxied.response.status).toBe(502);
    for (const pathname of ["/", "/collections/all", "/products/brew-pro", "/cart"]) {
      expect((await get(pathname)).response.status).toBe(200);
    }
  });
});
