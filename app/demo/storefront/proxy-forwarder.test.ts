import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardToAppProxy, type ProxyTarget } from "./proxy-forwarder.server";
import { proxySignature, signedProxyQuery } from "./proxy-signature";

const SECRET = "demo-test-secret";
const SHOP = "cartlift-demo.myshopify.com";
const api = shopifyApi({
  apiKey: "demo-test-key",
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.October25,
  hostName: "127.0.0.1:3000",
  isEmbeddedApp: true,
  logger: { level: 0 },
});
const validate = (query: URLSearchParams) => api.utils.validateHmac(query, { signator: "appProxy" });
const now = () => Math.floor(Date.now() / 1000);

describe("proxySignature", () => {
  it("matches Shopify's documented example", () => {
    // shopify.dev "Authenticate app proxies": secret "hush" and these parameters give the
    // signature its forwarded request shows (4c68c862…d334b…).
    const query = new URLSearchParams(
      "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555",
    );
    expect(proxySignature(query, "hush")).toBe("4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb");
  });

  it.each([
    ["a logged-out shopper", null],
    ["a logged-in customer", 7300000042],
  ])("signs a query that @shopify/shopify-api accepts, for %s", async (_label, customerId) => {
    const client = new URLSearchParams("surface=cart&lines=1:2,3:1&sid=abc12345&ctags=vip&ctags=newsletter");
    const signed = signedProxyQuery(
      client,
      { shop: SHOP, customerId, pathPrefix: "/apps/cartlift", timestamp: now() },
      SECRET,
    );
    expect(signed.get("logged_in_customer_id")).toBe(customerId === null ? "" : String(customerId));
    expect(await validate(signed)).toBe(true);
  });

  it("drops a shopper's own shop, customer and signature parameters", async () => {
    const forged = new URLSearchParams("shop=evil.myshopify.com&logged_in_customer_id=1&signature=00&x=1");
    const signed = signedProxyQuery(
      forged,
      { shop: SHOP, customerId: null, pathPrefix: "/apps/cartlift", timestamp: now() },
      SECRET,
    );
    expect(signed.getAll("shop")).toEqual([SHOP]);
    expect(signed.get("logged_in_customer_id")).toBe("");
    expect(await validate(signed)).toBe(true);
  });

  it("is rejected when a value is changed afterwards or signed with another secret", async () => {
    const identity = { shop: SHOP, customerId: null, pathPrefix: "/apps/cartlift", timestamp: now() };
    const tampered = signedProxyQuery(new URLSearchParams("surface=product&product=1"), identity, SECRET);
    tampered.set("product", "2");
    expect(await validate(tampered)).toBe(false);
    expect(await validate(signedProxyQuery(new URLSearchParams("a=1"), identity, "other"))).toBe(false);
  });
});

describe("forwardToAppProxy", () => {
  let app: Server;
  let seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  let target: ProxyTarget;

  beforeAll(async () => {
    app = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        res.writeHead(200, { "Content-Type": "application/json", "Set-Cookie": "leak=1" }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const { port } = app.address() as AddressInfo;
    target = {
      appOrigin: `http://127.0.0.1:${port}`,
      appPath: "/proxy",
      pathPrefix: "/apps/cartlift",
      shop: SHOP,
      apiSecret: SECRET,
    };
  });
  afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

  it("forwards method, path tail and body with a valid signature, no cookies either way", async () => {
    seen = [];
    const request = new Request("http://127.0.0.1:3001/apps/cartlift/events?sid=abc12345", {
      method: "POST",
      headers: { Cookie: "cart=secret", "Content-Type": "application/json", "User-Agent": "Chrome" },
      body: '{"events":[]}',
    });
    const answer = await forwardToAppProxy(request, { customerId: 7300000042, clientIp: "10.0.0.7" }, target);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("set-cookie")).toBeNull();
    expect(await answer.json()).toEqual({ ok: true });
    const [got] = seen;
    const url = new URL(got!.url, "http://app");
    expect([got!.method, url.pathname, got!.body]).toEqual(["POST", "/proxy/events", '{"events":[]}']);
    expect(got!.headers.cookie).toBeUndefined();
    expect(got!.headers["x-forwarded-for"]).toBe("10.0.0.7");
    expect(got!.headers["x-forwarded-host"]).toBe("127.0.0.1:3001");
    expect(got!.headers["user-agent"]).toBe("Chrome");
    expect(url.searchParams.get("logged_in_customer_id")).toBe("7300000042");
    expect(url.searchParams.get("path_prefix")).toBe("/apps/cartlift");
    expect(await validate(url.searchParams)).toBe(true);
  });

  it("answers 502 at once when the app is not running", async () => {
    const started = Date.now();
    const down = { ...target, appOrigin: "http://127.0.0.1:9" };
    const answer = await forwardToAppProxy(
      new Request("http://127.0.0.1:3001/apps/cartlift/offers?surface=cart"),
      { customerId: null, clientIp: "127.0.0.1" },
      down,
    );
    expect(answer.status).toBe(502);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
