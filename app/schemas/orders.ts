/**
 * Orders as Shopify sends them, parsed once into the shape Cartlift stores: the REST-shaped
 * orders/create webhook body and the rows of a bulk operation's JSONL export both become an
 * `IncomingOrder`, ids as GIDs and decimal strings as integer minor units (docs/decisions/004).
 * Only what learning and attribution need survives parsing: no names, emails or addresses.
 */
import { z } from "zod";
import { parseMoneyMinor } from "./money";

export interface IncomingOrderLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  quantity: number;
  /** Unit price before discounts, in the shop currency's minor units. */
  priceMinor: number;
}

export interface IncomingOrder {
  id: string;
  name: string;
  processedAt: Date;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  customerId: string | null;
  lines: IncomingOrderLine[];
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** Shopify's REST ids are numbers; Cartlift stores GIDs (gid://shopify/Type/123). */
export function shopifyGid(type: string, id: number | string): string {
  const raw = String(id);
  return raw.startsWith("gid://") ? raw : `gid://shopify/${type}/${raw}`;
}

const restId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);
const gidOf = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);
const decimal = z.string().regex(DECIMAL, "must be a decimal string");
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");
const timestamp = z.iso.datetime({ offset: true });

// Converts one amount inside a transform; reports an issue (and yields 0) when it does not fit:
// rounding an amount that has more precision than the currency's minor unit would be a guess.
function minor(amount: string, currency: string, path: string, ctx: z.RefinementCtx): number {
  const value = parseMoneyMinor(amount, currency);
  if (value === null) ctx.addIssue({ code: "custom", path: [path], message: `${amount} is not a ${currency} amount` });
  return value ?? 0;
}

const restLineItem = z.object({
  id: restId,
  admin_graphql_api_id: gidOf("LineItem").optional(),
  product_id: restId.nullish(),
  variant_id: restId.nullish(),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  price: decimal,
});

/** The orders/create webhook body (REST shape), as an `IncomingOrder`. */
export const orderWebhookPayload = z
  .object({
    id: restId,
    admin_graphql_api_id: gidOf("Order").optional(),
    name: z.string().min(1),
    processed_at: timestamp.nullish(),
    created_at: timestamp,
    currency: currencyCode,
    subtotal_price: decimal,
    total_price: decimal,
    customer: z.object({ id: restId, admin_graphql_api_id: gidOf("Customer").optional() }).nullish(),
    line_items: z.array(restLineItem),
  })
  .transform((raw, ctx): IncomingOrder => {
    const currency = raw.currency;
    return {
      id: raw.admin_graphql_api_id ?? shopifyGid("Order", raw.id),
      name: raw.name,
      processedAt: new Date(raw.processed_at ?? raw.created_at),
      currency,
      subtotalMinor: minor(raw.subtotal_price, currency, "subtotal_price", ctx),
      totalMinor: minor(raw.total_price, currency, "total_price", ctx),
      customerId: raw.customer ? (raw.customer.admin_graphql_api_id ?? shopifyGid("Customer", raw.customer.id)) : null,
      lines: raw.line_items.map((line) => ({
        id: line.admin_graphql_api_id ?? shopifyGid("LineItem", line.id),
        productId: line.product_id == null ? null : shopifyGid("Product", line.product_id),
        variantId: line.variant_id == null ? null : shopifyGid("ProductVariant", line.variant_id),
        title: line.title,
        quantity: line.quantity,
        priceMinor: minor(line.price, currency, "price", ctx),
      })),
    };
  });

const shopMoney = z.object({ shopMoney: z.object({ amount: decimal, currencyCode }) });
const idRef = z.object({ id: z.string() }).nullish();

/** One row of the bulk export: an order, or a line item pointing at its order with `__parentId`. */
export type BulkExportRow =
  { kind: "order"; order: Omit<IncomingOrder, "lines"> } | { kind: "line"; orderId: string; line: IncomingOrderLine };

const bulkLineRow = z
  .object({
    __parentId: gidOf("Order"),
    id: gidOf("LineItem"),
    title: z.string(),
    quantity: z.number().int().nonnegative(),
    originalUnitPriceSet: shopMoney,
    product: idRef,
    variant: idRef,
  })
  .transform((raw, ctx): BulkExportRow => {
    const money = raw.originalUnitPriceSet.shopMoney;
    const line = {
      id: raw.id,
      productId: raw.product?.id ?? null,
      variantId: raw.variant?.id ?? null,
      title: raw.title,
      quantity: raw.quantity,
      priceMinor: minor(money.amount, money.currencyCode, "originalUnitPriceSet", ctx),
    };
    return { kind: "line", orderId: raw.__parentId, line };
  });

const bulkOrderRow = z
  .object({
    id: gidOf("Order"),
    name: z.string().min(1),
    processedAt: timestamp,
    currencyCode,
    subtotalPriceSet: shopMoney,
    totalPriceSet: shopMoney,
    customer: idRef,
  })
  .transform((raw, ctx): BulkExportRow => ({
    kind: "order",
    order: {
      id: raw.id,
      name: raw.name,
      processedAt: new Date(raw.processedAt),
      currency: raw.currencyCode,
      subtotalMinor: minor(raw.subtotalPriceSet.shopMoney.amount, raw.currencyCode, "subtotalPriceSet", ctx),
      totalMinor: minor(raw.totalPriceSet.shopMoney.amount, raw.currencyCode, "totalPriceSet", ctx),
      customerId: raw.customer?.id ?? null,
    },
  }));

/** A parsed JSONL row of the orders bulk export (children carry `__parentId`). */
export const bulkExportRow = z.union([bulkLineRow, bulkOrderRow]);

/** The bulk_operations/finish webhook body. Shopify sends the status in lower case. */
export const bulkOperationFinishPayload = z.object({
  admin_graphql_api_id: gidOf("BulkOperation"),
  status: z.string().transform((status) => status.toUpperCase()),
  error_code: z.string().nullish(),
});

const userErrors = z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string() }));

/** The Admin API's answer to bulkOperationRunQuery. */
export const bulkRunQueryResponse = z.object({
  data: z.object({
    bulkOperationRunQuery: z.object({
      bulkOperation: z.object({ id: gidOf("BulkOperation"), status: z.string() }).nullable(),
      userErrors,
    }),
  }),
});

/** The Admin API's answer to node(id:) for a bulk operation. */
export const bulkOperationNodeResponse = z.object({
  data: z.object({
    node: z
      .object({
        id: gidOf("BulkOperation"),
        status: z.string(),
        errorCode: z.string().nullish(),
        url: z.string().nullish(),
      })
      .nullable(),
  }),
});

/** The Admin API's answer about the shop itself. */
export const shopDetailsResponse = z.object({
  data: z.object({ shop: z.object({ name: z.string(), currencyCode }) }),
});

/** The recommendations admin page's form: which button was pressed. */
export const recommendationsIntent = z.object({
  intent: z.enum(["retrain", "import"], { error: "must be retrain or import" }),
});
