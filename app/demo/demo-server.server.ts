/**
 * The demo's HTTP server: the production Remix build behind a local stand-in for what Shopify
 * provides around an embedded app. Nothing here is part of the Remix build, so a production
 * deployment cannot reach it; it also refuses to exist under NODE_ENV=production.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { renderAdminShell } from "./admin-shell";
import { APP_BRIDGE_STAND_IN_JS } from "./app-bridge-stand-in";
import { adminHostParam, signSessionToken } from "./session-token.server";
import { toRequest } from "./storefront/http.server";

if (process.env.NODE_ENV === "production") {
  throw new Error("The Cartlift demo server must never run with NODE_ENV=production.");
}

const APP_BRIDGE_CDN = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
const APP_BRIDGE_LOCAL = "/demo/app-bridge.js";

export interface DemoServerOptions {
  build: ServerBuild;
  clientDir: string;
  shop: string;
  shopName: string;
  apiKey: string;
  apiSecret: string;
  origin: string;
  /** The SVG photo of a product by handle (the catalog's imageUrl is `/cdn/shop/files/<handle>.svg`). */
  productImage?: (handle: string) => string | null;
}

/** Creates (does not start) the demo HTTP server. */
export function createDemoServer(options: DemoServerOptions): Server {
  const remix = createRequestHandler(options.build, "production");
  return createServer((req, res) => {
    route(req, res, options, remix).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Internal error");
    });
  });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: DemoServerOptions,
  remix: ReturnType<typeof createRequestHandler>,
): Promise<void> {
  const url = new URL(req.url ?? "/", options.origin);
  if (url.pathname === "/" || url.pathname === "/demo" || url.pathname === "/demo/") {
    res.writeHead(302, { Location: "/demo/admin" }).end();
    return;
  }
  if (url.pathname === "/demo/admin") return sendAdminShell(res, options);
  if (url.pathname === "/demo/app-bridge.js") {
    send(res, 200, "text/javascript; charset=utf-8", APP_BRIDGE_STAND_IN_JS);
    return;
  }
  if (url.pathname === "/demo/session-token") return sendSessionToken(res, options);
  const image = /^\/cdn\/shop\/files\/([a-z0-9-]+)\.svg$/.exec(url.pathname);
  const svg = image && options.productImage?.(image[1]!);
  if (svg) {
    send(res, 200, "image/svg+xml", svg, { "Cache-Control": "public, max-age=86400" });
    return;
  }
  if (await serveStatic(url.pathname, options.clientDir, res)) return;
  const response = await remix(toRequest(req, url));
  await sendResponse(res, demoDocument(response, options.origin));
}

function sendAdminShell(res: ServerResponse, options: DemoServerOptions): void {
  const { token } = mintToken(options);
  const params = new URLSearchParams({
    embedded: "1",
    shop: options.shop,
    host: adminHostParam(options.shop),
    locale: "en",
    id_token: token,
  });
  const html = renderAdminShell({ shopName: options.shopName, appSrc: `/app?${params}`, links: [] });
  send(res, 200, "text/html; charset=utf-8", html);
}

function sendSessionToken(res: ServerResponse, options: DemoServerOptions): void {
  send(res, 200, "application/json", JSON.stringify(mintToken(options)), { "Cache-Control": "no-store" });
}

function mintToken(options: DemoServerOptions) {
  const now = Math.floor(Date.now() / 1000);
  return signSessionToken({ shop: options.shop, apiKey: options.apiKey, userId: "1", now }, options.apiSecret);
}

/** Points the app's documents at the local App Bridge and lets the local admin frame them. */
function demoDocument(response: Response, origin: string): Response | Promise<Response> {
  const headers = new Headers(response.headers);
  if (headers.get("Link")?.includes(APP_BRIDGE_CDN))
    headers.set("Link", `<${APP_BRIDGE_LOCAL}>; rel="preload"; as="script";`);
  const csp = headers.get("Content-Security-Policy");
  if (csp?.includes("frame-ancestors"))
    headers.set("Content-Security-Policy", csp.replace("frame-ancestors", `frame-ancestors ${origin}`));
  if (!headers.get("Content-Type")?.startsWith("text/html") || !response.body) {
    return new Response(response.body, { status: response.status, headers });
  }
  return response.text().then((html) => {
    headers.delete("Content-Length");
    return new Response(html.replaceAll(APP_BRIDGE_CDN, APP_BRIDGE_LOCAL), { status: response.status, headers });
  });
}

async function sendResponse(res: ServerResponse, responseOrPromise: Response | Promise<Response>): Promise<void> {
  const response = await responseOrPromise;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (!response.body) {
    res.writeHead(response.status, response.statusText, headers).end();
    return;
  }
  // Documents stream (Remix renders them progressively); anything else is small and whole, and
  // writing it in one piece skips a web-to-Node stream bridge that costs more than the answer.
  if (!headers["content-type"]?.toString().startsWith("text/html")) {
    const body = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, response.statusText, headers).end(body);
    return;
  }
  res.writeHead(response.status, response.statusText, headers);
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res);
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

async function serveStatic(pathname: string, clientDir: string, res: ServerResponse): Promise<boolean> {
  if (pathname.includes("..")) return false;
  const file = path.join(clientDir, pathname);
  if (!file.startsWith(clientDir) || !existsSync(file) || !statSync(file).isFile()) return false;
  const immutable = pathname.startsWith("/assets/");
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
  });
  await pipeline(createReadStream(file), res);
  return true;
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": type, ...extra });
  res.end(body);
}
