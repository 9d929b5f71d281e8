/**
 * The Admin GraphQL API's bulk operations for the order history: start an export of every
 * order with its line items, read the operation's state, and stream the JSONL result line by
 * line (a large shop's export is gigabytes; it is never held in memory).
 */
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { z } from "zod";
import { bulkOperationNodeResponse, bulkRunQueryResponse } from "../schemas/orders";
import { describeUserErrors, type AdminUserError } from "../schemas/shopify-fields";

/** What the services need of an Admin API client (authenticate.admin / webhook / unauthenticated). */
export type AdminGraphql = Pick<AdminApiContext, "graphql">;

/** The Admin API could not be reached or refused the request; the message is for the merchant. */
export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Shopify answered but refused a mutation: its user errors (e.g. MAX_APP_DISCOUNTS, INVALID_VALUE). */
export class AdminRefusedError extends AdminApiError {
  override name = "AdminRefusedError";
  constructor(
    what: string,
    readonly userErrors: AdminUserError[],
  ) {
    super(`Shopify refused ${what}: ${describeUserErrors(userErrors)}`);
  }
}

export interface BulkOperationState {
  id: string;
  /** CREATED | RUNNING | COMPLETED | CANCELING | CANCELED | FAILED | EXPIRED */
  status: string;
  errorCode: string | null;
  /** The JSONL result; null while running, and when a completed export found nothing. */
  url: string | null;
}

const REQUEST_TIMEOUT_MS = 15_000;

// Only what learning and attribution need: no customer details beyond the id, no addresses.
// Amounts are in the shop's currency (shopMoney) with their code, so each row converts alone;
// cancelledAt keeps cancelled orders from teaching, updatedAt lets a newer webhook state win.
const ORDERS_EXPORT = `{
  orders(sortKey: PROCESSED_AT) {
    edges { node {
      id name processedAt updatedAt cancelledAt currencyCode
      subtotalPriceSet { shopMoney { amount currencyCode } }
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id }
      lineItems { edges { node {
        id title quantity
        originalUnitPriceSet { shopMoney { amount currencyCode } }
        product { id }
        variant { id }
      } } }
    } }
  }
}`;

// The operation is named per export (CartliftOrdersExport, CartliftCatalogExport), as logs and mocks see it.
const runExport = (operationName: string) => `#graphql
mutation ${operationName}($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message }
  }
}`;

const OPERATION_STATE = `#graphql
query CartliftBulkOperation($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode url } }
}`;

/** Starts the orders export; throws AdminApiError with Shopify's user errors when refused. */
export async function startOrdersExport(admin: AdminGraphql): Promise<{ id: string; status: string }> {
  return startBulkExport(admin, "CartliftOrdersExport", ORDERS_EXPORT, "the export");
}

/**
 * Starts a bulk query export (`what` names it in the error, "the catalog export"); throws
 * AdminApiError with Shopify's user errors when refused.
 */
export async function startBulkExport(
  admin: AdminGraphql,
  operationName: string,
  query: string,
  what: string,
): Promise<{ id: string; status: string }> {
  const body = await request(admin, runExport(operationName), { query }, bulkRunQueryResponse);
  const { bulkOperation, userErrors } = body.data.bulkOperationRunQuery;
  if (!bulkOperation || userErrors.length > 0) {
    throw new AdminApiError(`Shopify refused ${what}: ${userErrors.map((e) => e.message).join("; ") || "no reason"}`);
  }
  return bulkOperation;
}

/** The bulk operation's current state, or null when Shopify does not know it. */
export async function fetchBulkOperation(admin: AdminGraphql, id: string): Promise<BulkOperationState | null> {
  const body = await request(admin, OPERATION_STATE, { id }, bulkOperationNodeResponse);
  const node = body.data.node;
  return node && { id: node.id, status: node.status, errorCode: node.errorCode ?? null, url: node.url ?? null };
}

/**
 * One Admin GraphQL call, parsed by `schema`: AdminApiError when Shopify cannot be reached, refuses
 * (HTTP 4xx/5xx), times out, or answers in a shape the schema does not accept.
 */
export async function request<T>(
  admin: AdminGraphql,
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<T> {
  let body: unknown;
  try {
    const response = await admin.graphql(query, { variables, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    body = await response.json();
  } catch (error) {
    throw toAdminApiError(error);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AdminApiError("Shopify's answer had an unexpected shape");
  return parsed.data;
}

// The Remix client of a request throws a Response for HTTP errors (401, 403, …); an offline client
// (unauthenticated.admin) throws the library's HttpResponseError; GraphQL errors in a 200 (THROTTLED)
// and network failures are plain errors.
function toAdminApiError(error: unknown): AdminApiError {
  if (error instanceof Response) return new AdminApiError(`Shopify answered HTTP ${error.status}`, error.status);
  const status = httpStatusOf(error);
  if (status !== undefined) return new AdminApiError(`Shopify answered HTTP ${status}`, status);
  // GraphqlQueryError: a 200 whose body has top-level errors (THROTTLED, a bad id, …).
  if (error instanceof Error && "body" in error)
    return new AdminApiError(`Shopify refused the request (${error.message})`);
  const reason = error instanceof Error ? error.message : String(error);
  return new AdminApiError(`Could not reach Shopify's Admin API (${reason})`);
}

// @shopify/shopify-api's HttpResponseError (and its throttling and 5xx subclasses) carries
// `response.code`; read by shape, as the library is the Remix package's dependency, not the app's.
function httpStatusOf(error: unknown): number | undefined {
  const code = (error as { response?: { code?: unknown } } | null)?.response?.code;
  return typeof code === "number" ? code : undefined;
}

/** Streams a JSONL file's lines (without line ends); a blank final line is not yielded. */
export async function* readJsonlLines(url: string): AsyncGenerator<string> {
  const response = await fetch(url).catch((error: unknown) => {
    throw new AdminApiError(`Could not download the export (${error instanceof Error ? error.message : error})`);
  });
  if (!response.ok || !response.body) {
    throw new AdminApiError(`Downloading the export failed with HTTP ${response.status}`, response.status);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const parts = (rest + decoder.decode(value, { stream: true })).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) yield stripCarriageReturn(part);
    }
    rest += decoder.decode();
    if (rest.length > 0) yield stripCarriageReturn(rest);
  } finally {
    // Stops the download when the caller stops early (an error while storing a batch).
    await reader.cancel().catch(() => undefined);
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
