/**
 * How the app proxy routes answer (docs/storefront-api.md): JSON, `Cache-Control: private, no-store`
 * on every answer (errors too), a 4xx for anything a client can send, and nothing personal logged.
 */
import type { z } from "zod";
import { withStorefrontSessions } from "../adapters/session-storage.server";
import { queryObject } from "../schemas/storefront";
import { badRequest, parseWith } from "./errors";

const NO_STORE = "private, no-store";

/**
 * Runs the route's work (as a storefront request: see `withStorefrontSessions`); every Response it
 * returns or throws goes out as JSON with no-store.
 */
export async function answerStorefront(work: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await withStorefrontSessions(work);
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    response = error;
  }
  // authenticate.public.appProxy answers a bad signature with an empty 400.
  if (response.status >= 400 && !response.headers.get("Content-Type")?.includes("json")) {
    response = Response.json(
      { error: response.status === 400 ? "invalid request signature" : "request refused" },
      {
        status: response.status,
      },
    );
  }
  // Responses made in this app (and by Shopify's helpers) have mutable headers: no copy of the body.
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

/**
 * Refuses a request without `shop` before the signature check: Shopify always sends it, and the
 * session lookup behind `authenticate.public.appProxy` needs it.
 */
export function requireShopParam(request: Request): void {
  if (!new URL(request.url).searchParams.get("shop")) throw badRequest({ shop: "required" });
}

/** The proxy query parsed by `schema`; a parameter given twice is a 400 (which value would count?). */
export function parseProxyQuery<S extends z.ZodType>(schema: S, url: string): z.output<S> {
  const { values, repeated } = queryObject(new URL(url).searchParams);
  if (repeated.length > 0) {
    throw badRequest(Object.fromEntries(repeated.map((key) => [key, "must appear only once"])));
  }
  return parseWith(schema, values);
}

/** A JSON answer for the storefront. */
export function storefrontJson(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/**
 * The request's JSON body, read up to `maxBytes`: a larger body is a 413 (read no further), text
 * that is not JSON a 400.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => Response.json({ error: `body larger than ${maxBytes} bytes` }, { status: 413 });
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw badRequest({ "": "the body must be JSON" });
  }
}
