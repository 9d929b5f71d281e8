/**
 * Shopify's Admin API for the catalog import, as integration tests see it (beside
 * tests/mocks/admin-api.ts, whose MSW server and helpers this uses): productsCount, the products
 * bulkOperationRunQuery, node(id:) for that operation only (an order export's operation falls
 * through to its own handler), and the JSONL file. Answers are the recorded-shape fixtures of
 * tests/fixtures/admin-api and tests/fixtures/catalog.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { graphql, http, HttpResponse } from "msw";
import { adminGraphqlUrl, jsonlResponse, server } from "./admin-api";

const RESULTS = "https://storage.googleapis.com/shopify-tiers-assets-prod-us-east1/bulk-operation-outputs";

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.resolve("tests/fixtures", name), "utf8")) as T;
}

/** The hand-written export of the awkward cases (a JPY shop's products 8001–8007). */
export const AWKWARD_EXPORT = readFileSync(path.resolve("tests/fixtures/catalog/awkward-products.jsonl"), "utf8");

export interface CatalogExportMock {
  shop: string;
  /** What the result URL serves: the JSONL text, or a response built per download. */
  result: string | (() => Response);
  /** The operation's state when asked for (COMPLETED by default). */
  status?: string;
  /** What productsCount answers (null: Shopify's answer lacks it). */
  productsCount?: number | null;
  /** Shopify refuses the export with this user error. */
  refuse?: string;
}

export interface MockedCatalogExport {
  operationId: string;
  resultUrl: string;
  /** GraphQL operation names and downloads, in the order they were requested. */
  calls: string[];
}

let sequence = 0;

/** Answers one shop's catalog export; `calls` records what the app asked for. */
export function mockCatalogExport(mock: CatalogExportMock): MockedCatalogExport {
  sequence += 1;
  const operationId = `gid://shopify/BulkOperation/${930_000 + sequence}`;
  const filePath = `${RESULTS}/${mock.shop.split(".")[0]}/catalog-${sequence}.jsonl`;
  const resultUrl = `${filePath}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=604800&X-Goog-Signature=7b1c`;
  const calls: string[] = [];
  const api = graphql.link(adminGraphqlUrl(mock.shop));
  server.use(
    api.query("CartliftProductsCount", () => {
      calls.push("CartliftProductsCount");
      const body = fixture<{ data: { productsCount: { count: number; precision: string } | null } }>(
        "catalog/products-count.json",
      );
      body.data.productsCount =
        mock.productsCount === null ? null : { count: mock.productsCount ?? 507, precision: "EXACT" };
      return HttpResponse.json(body);
    }),
    api.mutation("CartliftCatalogExport", () => {
      calls.push("CartliftCatalogExport");
      const body = fixture<{
        data: { bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: object[] } };
      }>("admin-api/bulk-operation-run-query.json");
      if (mock.refuse) {
        body.data.bulkOperationRunQuery = {
          bulkOperation: null,
          userErrors: [{ field: ["query"], message: mock.refuse }],
        };
      } else if (body.data.bulkOperationRunQuery.bulkOperation) {
        body.data.bulkOperationRunQuery.bulkOperation.id = operationId;
      }
      return HttpResponse.json(body);
    }),
    api.query("CartliftBulkOperation", ({ variables }) => {
      // Another import's operation: its own handler answers.
      if (variables.id !== operationId) return undefined;
      calls.push("CartliftBulkOperation");
      const body = fixture<{ data: { node: Record<string, unknown> } }>("admin-api/bulk-operation-completed.json");
      const status = mock.status ?? "COMPLETED";
      body.data.node = { ...body.data.node, id: operationId, status, url: status === "COMPLETED" ? resultUrl : null };
      return HttpResponse.json(body);
    }),
    http.get(filePath, () => {
      calls.push("download");
      return typeof mock.result === "string" ? jsonlResponse(mock.result) : mock.result();
    }),
  );
  return { operationId, resultUrl, calls };
}
