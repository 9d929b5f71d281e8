/**
 * `/apps/cartlift/*` on the demo storefront, forwarded to the app's proxy url as Shopify's app
 * proxy forwards it: same method, body and path tail; the query signed (see proxy-signature.ts);
 * Cookie stripped from the request and Set-Cookie from the answer; X-Forwarded-For/Host added.
 * When the app is down or slow the shopper's request gets a quick 502, never a hang or a crash.
 */
import { signedProxyQuery } from "./proxy-signature";

export interface ProxyTarget {
  /** The app's origin, e.g. http://127.0.0.1:3000. */
  appOrigin: string;
  /** The path of `[app_proxy] url` on the app, e.g. /proxy. */
  appPath: string;
  /** `/<prefix>/<subpath>` on the shop, e.g. /apps/cartlift. */
  pathPrefix: string;
  shop: string;
  apiSecret: string;
  timeoutMs?: number;
}

const DROPPED_REQUEST_HEADERS = new Set([
  "cookie",
  "host",
  "connection",
  "content-length",
  "accept-encoding",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
]);
const DROPPED_RESPONSE_HEADERS = new Set([
  "set-cookie",
  "content-encoding",
  "content-length",
  "transfer-encoding",
  "connection",
]);

export interface ShopperContext {
  customerId: number | null;
  clientIp: string;
}

/** Forwards one storefront request under `pathPrefix` to the app; answers 502 if it can't. */
export async function forwardToAppProxy(
  request: Request,
  shopper: ShopperContext,
  target: ProxyTarget,
): Promise<Response> {
  const url = new URL(request.url);
  const tail = url.pathname.slice(target.pathPrefix.length);
  const query = signedProxyQuery(
    url.searchParams,
    {
      shop: target.shop,
      customerId: shopper.customerId,
      pathPrefix: target.pathPrefix,
      timestamp: Math.floor(Date.now() / 1000),
    },
    target.apiSecret,
  );
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!DROPPED_REQUEST_HEADERS.has(name) && !name.startsWith("x-forwarded-")) headers.set(name, value);
  });
  headers.set("X-Forwarded-For", shopper.clientIp);
  headers.set("X-Forwarded-Host", url.host);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  try {
    const answer = await fetch(`${target.appOrigin}${target.appPath}${tail}?${query}`, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(target.timeoutMs ?? 5_000),
    });
    const out = new Headers();
    answer.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.has(name)) out.set(name, value);
    });
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers: out });
  } catch {
    // Shopify shows its own error page when the app is unreachable; a short text does here.
    return new Response("The app behind this proxy is not reachable.", {
      status: 502,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
