/**
 * Shopify's Admin API as integration tests see it: MSW handlers answering the GraphQL endpoint
 * of one shop and serving its bulk export file, built from recorded-shape fixtures in
 * tests/fixtures/admin-api. Nothing reaches the network: an unhandled request fails the test.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { graphql, http, HttpResponse, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const ADMIN_API_VERSION = "2026-10";
const FIXTURES = path.resolve("tests/fixtures/admin-api");
const RESULTS = "https://storage.googleapis.com/shopify-tiers-assets-prod-us-east1/bulk-operation-outputs";

export const server = setupServer();

/** Starts MSW for the test file; unhandled requests are errors, handlers reset after each test. */
export function useAdminApiMock(): void {
  beforeAll(() => {
    server.listen({ onUnhandledRequest: "error" });
    // Shopify's library kept the `fetch` it found when it loaded, before MSW patched the global
    // one: make it look the global up on every call, so MSW answers.
    setAbstractFetchFunc((input, init) => globalThis.fetch(input, init));
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export function adminGraphqlUrl(shop: string): string {
  return `https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

/** The shop as CartliftShopDetails returns it (the fields app/adapters/admin-shop.server.ts asks for). */
export interface ShopDetailsFixture {
  name: string;
  currencyCode: string;
  enabledPresentmentCurrencies: string[];
  ianaTimezone: string;
  currencyFormats: { moneyFormat: string };
  primaryDomain: { host: string };
  plan: { partnerDevelopment: boolean; publicDisplayName: string };
}

/** The recorded CartliftShopDetails answer, with `overrides` on its shop. */
export function shopDetailsBody(overrides: Partial<ShopDetailsFixture> = {}) {
  const body = fixture<{ data: { shop: ShopDetailsFixture } }>("shop-details.json");
  body.data.shop = { ...body.data.shop, ...overrides };
  return body;
}

export interface MockedShopDetails {
  /** How many times Shopify was asked. */
  calls: () => number;
}

/** Answers one shop's CartliftShopDetails query (the install bootstrap) with the fixture and `overrides`. */
export function mockShopDetails(shop: string, overrides: Partial<ShopDetailsFixture> = {}): MockedShopDetails {
  let calls = 0;
  server.use(
    graphql.link(adminGraphqlUrl(shop)).query("CartliftShopDetails", () => {
      calls += 1;
      return HttpResponse.json(shopDetailsBody(overrides));
    }),
  );
  return { calls: () => calls };
}

interface RunQueryFixture {
  data: { bulkOperationRunQuery: { bulkOperation: { id: string; status: string } } };
}

interface NodeFixture {
  data: { node: { id: string; status: string; errorCode: string | null; url: string | null } };
}

export interface BulkExportMock {
  shop: string;
  /** What the result URL serves: the JSONL text, or a response built per download. */
  result: string | (() => Response);
  /** The operation's state when asked for (COMPLETED by default). */
  status?: string;
}

export interface MockedBulkExport {
  operationId: string;
  resultUrl: string;
  /** GraphQL operation names and downloads, in the order they were requested. */
  calls: string[];
}

let sequence = 0;

/** Answers one shop's export: shop details, bulkOperationRunQuery, node(id:), the JSONL file. */
export function mockBulkExport(mock: BulkExportMock): MockedBulkExport {
  sequence += 1;
  const operationId = `gid://shopify/BulkOperation/${720918 + sequence}`;
  const filePath = `${RESULTS}/${mock.shop.split(".")[0]}/bulk-${sequence}.jsonl`;
  const resultUrl = `${filePath}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=604800&X-Goog-Signature=0f3a`;
  const calls: string[] = [];
  const api = graphql.link(adminGraphqlUrl(mock.shop));
  const handlers: RequestHandler[] = [
    api.query("CartliftShopDetails", () => {
      calls.push("CartliftShopDetails");
      return HttpResponse.json(shopDetailsBody());
    }),
    api.mutation("CartliftOrdersExport", () => {
      calls.push("CartliftOrdersExport");
      const body = fixture<RunQueryFixture>("bulk-operation-run-query.json");
      body.data.bulkOperationRunQuery.bulkOperation.id = operationId;
      return HttpResponse.json(body);
    }),
    api.query("CartliftBulkOperation", ({ variables }) => {
      calls.push("CartliftBulkOperation");
      const body = fixture<NodeFixture>("bulk-operation-completed.json");
      const status = mock.status ?? "COMPLETED";
      body.data.node = {
        ...body.data.node,
        id: String(variables.id),
        status,
        url: status === "COMPLETED" ? resultUrl : null,
      };
      return HttpResponse.json(body);
    }),
    http.get(filePath, () => {
      calls.push("download");
      return typeof mock.result === "string" ? jsonlResponse(mock.result) : mock.result();
    }),
  ];
  server.use(...handlers);
  return { operationId, resultUrl, calls };
}

/** The shop's Admin API cannot be reached at all (as in the offline demo). */
export function mockAdminApiUnreachable(shop: string): void {
  server.use(http.post(adminGraphqlUrl(shop), () => HttpResponse.error()));
}

export function jsonlResponse(text: string): Response {
  return new HttpResponse(text, { headers: { "Content-Type": "application/jsonl" } });
}

/**
 * A download that delivers the first `lines` lines, then loses the connection once `breakWhen`
 * resolves. Erroring a stream discards what its reader has not read yet, so the break waits for
 * the test's signal that the delivered part was consumed.
 */
export function brokenDownload(text: string, lines: number, breakWhen: () => Promise<void>): Response {
  const head = text.split("\n").slice(0, lines).join("\n") + "\n";
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(head));
    },
    async pull(controller) {
      await breakWhen();
      controller.error(new Error("connection reset by peer"));
    },
  });
  return new HttpResponse(body, { headers: { "Content-Type": "application/jsonl" } });
}
