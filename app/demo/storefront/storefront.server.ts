/**
 * The demo shop's storefront, on its own origin so every path is the one a real shop has:
 * `/`, `/collections/<handle>`, `/products/<handle>`, `/cart`, the AJAX Cart API, the Section
 * Rendering API (`?sections=`), `/apps/cartlift/*` (signed and forwarded to the app), and
 * `/cdn/shop/…` for product images, theme and extension assets. See
 * docs/decisions/013-demo-storefront.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Server } from "node:http";
import type { Liquid } from "liquidjs";
import type { DemoShopData } from "../seed";
import type { Cart } from "./cart";
import { cartApiAction, cartFor, CartStore, handleCartApi } from "./cart-api.server";
import { createCheckoutHarness, type CheckoutHarnessOptions } from "../checkout/checkout.server";
import { cartJson } from "./cart-json";
import { extensionAssetPrefix, loadExtension, type Extension } from "./extension.server";
import { createHttpServer } from "./http.server";
import { cartObject, customerObject, globalObjects, MONEY_FORMAT, MONEY_WITH_CURRENCY_FORMAT } from "./liquid-objects";
import {
  createThemeEngine,
  renderPage,
  renderSections,
  THEME_ASSET_PREFIX,
  THEME_DIR,
  themeAssetText,
} from "./pages.server";
import { FAVICON_SVG, productImageSvg } from "./product-image";
import { forwardToAppProxy, type ProxyTarget } from "./proxy-forwarder.server";
import { demoBar, handleSwitch, readSession, type DemoSession } from "./session";
import { buildStoreData, type StoreData } from "./shop-data";
import { templateFor } from "./templates";

export interface StorefrontOptions {
  data: DemoShopData;
  /** This storefront's origin, e.g. http://127.0.0.1:3001. */
  origin: string;
  /** The app: where `/apps/cartlift/*` goes, signed with its secret. */
  appOrigin: string;
  apiSecret: string;
  adminUrl: string;
  /** The theme app extension folder (extensions/cartlift-theme). */
  extensionDir: string;
  /** The checkout harness at `/checkout` (without it, `/checkout` is a page saying checkout is Shopify's). */
  checkout?: Omit<CheckoutHarnessOptions, "store" | "moneyFormat">;
}

const PROXY_PREFIX = "/apps/cartlift";
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

export interface Storefront {
  store: StoreData;
  handle(request: Request, clientIp?: string): Promise<Response>;
  createServer(): Server;
}

/** Reloads the extension when its blocks or locales change (it may appear after the demo started). */
function extensionLoader(dir: string): () => Extension {
  let key = "";
  let loaded: Extension | null = null;
  const stamp = (sub: string) =>
    existsSync(path.join(dir, sub))
      ? readdirSync(path.join(dir, sub))
          .map((f) => `${f}@${statSync(path.join(dir, sub, f)).mtimeMs}`)
          .join(",")
      : "-";
  return () => {
    const next = `${stamp("blocks")}|${stamp("locales")}`;
    if (!loaded || next !== key) {
      key = next;
      loaded = loadExtension(dir, { moneyFormat: MONEY_FORMAT, moneyWithCurrencyFormat: MONEY_WITH_CURRENCY_FORMAT });
    }
    return loaded;
  };
}

function fileResponse(file: string, immutable: boolean): Response | null {
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return new Response(readFileSync(file), {
    headers: {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
    },
  });
}

/** A file under `dir` named by the rest of the path, never outside it. */
function staticFrom(dir: string, rest: string, immutable: boolean): Response | null {
  const file = path.resolve(dir, rest);
  return file.startsWith(dir + path.sep) ? fileResponse(file, immutable) : null;
}

const html = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

/** Creates the storefront (its handler and an unstarted http server). */
export function createStorefront(options: StorefrontOptions): Storefront {
  const store = buildStoreData(options.data);
  const theme = createThemeEngine();
  const carts = new CartStore();
  const extension = extensionLoader(path.resolve(options.extensionDir));
  const checkout = options.checkout
    ? createCheckoutHarness({ ...options.checkout, store, moneyFormat: MONEY_FORMAT })
    : null;
  const target: ProxyTarget = {
    appOrigin: options.appOrigin,
    appPath: "/proxy",
    pathPrefix: PROXY_PREFIX,
    shop: store.domain,
    apiSecret: options.apiSecret,
  };
  const customerOf = (session: DemoSession) =>
    session.shopper === "new" ? null : (store.customers.get(session.shopper) ?? null);

  function objectsFor(request: Request, session: DemoSession, cart: Cart, pageType: string) {
    const url = new URL(request.url);
    url.searchParams.delete("cartlift");
    const pathWithQuery = url.pathname + (url.search || "");
    return {
      ...globalObjects(store, { origin: options.origin, path: url.pathname, pageType }),
      cart: cartObject(store, cartJson(store, cart)),
      customer: customerObject(customerOf(session)),
      linklists: { "main-menu": { links: mainMenu(url.pathname) } },
      demo: demoBar(session, pathWithQuery, options.adminUrl),
      free_shipping_threshold: store.freeShippingThreshold,
    };
  }

  function mainMenu(current: string) {
    const links: [string, string][] = [
      ["Home", "/"],
      ["Coffee", "/collections/coffee"],
      ["Photography", "/collections/photography"],
      ["Audio", "/collections/audio"],
      ["Kitchen", "/collections/kitchen"],
      ["Office", "/collections/office"],
      ["Travel", "/collections/travel"],
      ["Catalog", "/collections/all"],
    ];
    return links.map(([title, url]) => ({ title, url, active: url === current }));
  }

  async function page(request: Request): Promise<Response> {
    const session = readSession(request);
    const cart = cartFor(carts, request);
    const url = new URL(request.url);
    const sections = url.searchParams.get("sections");
    const resolved = templateFor(store, url);
    const objects = { ...objectsFor(request, session, cart, resolved.template), ...resolved.objects };
    if (sections !== null) {
      const ids = sections.split(",").filter(Boolean).slice(0, 5);
      return new Response(JSON.stringify(await renderSections(theme, ids, objects)), {
        headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    const body = await renderPage(theme as Liquid, {
      template: resolved.template,
      objects,
      pageTitle: resolved.title,
      pageDescription: resolved.description,
      extension: session.cartlift ? extension() : null,
      shopify: { shop: store.domain, currency: store.currency, country: "US", locale: "en" },
    });
    return html(body, resolved.status);
  }

  async function handle(request: Request, clientIp = "127.0.0.1"): Promise<Response> {
    const url = new URL(request.url);
    const { pathname } = url;
    if (pathname === PROXY_PREFIX || pathname.startsWith(`${PROXY_PREFIX}/`)) {
      const session = readSession(request);
      const customer = customerOf(session);
      // Port 9 (discard) has no listener here: a real connection refusal, as with the app stopped.
      const to = session.appStopped ? { ...target, appOrigin: "http://127.0.0.1:9" } : target;
      return forwardToAppProxy(request, { customerId: customer?.id ?? null, clientIp }, to);
    }
    const cartRoute = cartApiAction(pathname);
    if (cartRoute) {
      return handleCartApi(request, cartRoute, store, carts, async (ids, cart) => {
        const objects = objectsFor(request, readSession(request), cart, "cart");
        return renderSections(theme, ids, objects);
      });
    }
    if (checkout) {
      const answer = await checkout.handle(request, {
        cart: cartFor(carts, request),
        customerId: customerOf(readSession(request))?.id ?? null,
      });
      if (answer) return answer;
    }
    const switched = handleSwitch(request);
    if (switched) return switched;
    const asset = staticAsset(pathname);
    if (asset) return asset;
    if (request.method !== "GET" && request.method !== "HEAD")
      return new Response("Method Not Allowed", { status: 405 });
    return page(request);
  }

  function staticAsset(pathname: string): Response | null {
    if (pathname === "/cdn/shop/files/favicon.svg" || pathname === "/favicon.ico")
      return new Response(FAVICON_SVG, {
        headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" },
      });
    const image = /^\/cdn\/shop\/files\/([a-z0-9-]+)\.svg$/.exec(pathname);
    if (image) {
      const product = store.productByHandle.get(image[1]!);
      if (!product) return new Response("Not found", { status: 404 });
      return new Response(productImageSvg(product), {
        headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" },
      });
    }
    if (pathname.startsWith(THEME_ASSET_PREFIX)) {
      const name = pathname.slice(THEME_ASSET_PREFIX.length);
      if (!/^[\w-]+\.(js|css)$/.test(name) || !existsSync(path.join(THEME_DIR, "assets", name))) return notFound();
      return new Response(themeAssetText(name), {
        headers: { "Content-Type": TYPES[path.extname(name)]!, "Cache-Control": "public, max-age=31536000, immutable" },
      });
    }
    const extensionPrefix = extensionAssetPrefix(path.basename(options.extensionDir));
    if (pathname.startsWith(extensionPrefix))
      return (
        staticFrom(path.resolve(options.extensionDir, "assets"), pathname.slice(extensionPrefix.length), true) ??
        notFound()
      );
    return null;
  }

  const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });

  return {
    store,
    handle,
    createServer: () => createHttpServer(options.origin, (request, ip) => handle(request, ip)),
  };
}
