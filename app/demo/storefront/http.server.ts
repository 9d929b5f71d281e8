/** Node's http server ↔ web Request/Response, for the demo storefront's handlers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGzip } from "node:zlib";

export type Handler = (request: Request, clientIp: string) => Promise<Response>;

/** A web Request for a Node request (its body streamed). */
export function toRequest(req: IncomingMessage, origin: string | URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg)/;

async function send(res: ServerResponse, response: Response, head: boolean, acceptsGzip: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // Like Shopify's edge: text answers go out gzipped to browsers that take it.
  const gzip =
    acceptsGzip && COMPRESSIBLE.test(response.headers.get("content-type") ?? "") && !headers["content-encoding"];
  if (gzip) {
    headers["content-encoding"] = "gzip";
    headers.vary = "Accept-Encoding";
    delete headers["content-length"];
  }
  res.writeHead(response.status, headers);
  if (!response.body || head) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream);
  await (gzip ? pipeline(body, createGzip(), res) : pipeline(body, res));
}

/** An http server answering every request with `handler`; a thrown error becomes a 500. */
export function createHttpServer(origin: string, handler: Handler): Server {
  return createServer((req, res) => {
    const clientIp = req.socket.remoteAddress ?? "127.0.0.1";
    handler(toRequest(req, origin), clientIp)
      .then((response) =>
        send(res, response, req.method === "HEAD", /\bgzip\b/.test(String(req.headers["accept-encoding"]))),
      )
      .catch((error: unknown) => {
        // A browser that leaves mid-answer (a navigation, an aborted fetch) is not an error.
        if ((error as { code?: string }).code === "ERR_STREAM_PREMATURE_CLOSE") return;
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Internal error");
      });
  });
}
