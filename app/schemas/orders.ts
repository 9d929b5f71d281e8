/**
 * Orders as Shopify sends them, parsed once into the shape Cartlift stores: the REST-shaped
 * orders/create, orders/updated and orders/cancelled webhook bodies and the rows of a bulk
 * operation's JSONL export all become an `IncomingOrder`, refunds (refunds/create, and the
 * `refunds` orders/updated lists) an `IncomingRefund`; ids as GIDs and decimal strings as integer
 * minor units (docs/decisions/004). Only what learning, attribution and (later) analytics need
 * survives parsing: no names, emails or addresses.
 *
 * Amounts and quantities are as ordered (after order edits); refunds are kept beside them, never
 * subtracted from them, so net = ordered − refunded and nothing is taken off twice.
 */
import { z } from "zod";
import { currencyCode, decimal, gidOf as numericGid, minorUnits, timestamp } from "./shopify-fields";
import { shopifyGid } from "./shopify-ids";

export interface IncomingOrderLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  quantity: number;
  /** Unit price before discounts, in the shop currency's minor units. */
  priceMinor: number;
  /** The same price in the currency the buyer paid in (`presentmentCurrency`); absent when unknown. */
  presentmentPriceMinor?: number | null;
  /** The `_cartlift` line property: the offer mark the line was added with (verified at attribution). */
  offerMark?: string | null;
}

export interface IncomingOrder {
  id: string;
  name: string;
  processedAt: Date;
  currency: string;
  /** The currency the buyer paid in (Markets); absent when unknown (the history import). */
  presentmentCurrency?: string | null;
  subtotalMinor: number;
  totalMinor: number;
  customerId: string | null;
  /** When Shopify cancelled it; a cancelled order teaches nothing and earns nothing. */
  cancelledAt?: Date | null;
  /** Shopify's updated_at of this state: an older state never overwrites a newer one. */
  shopifyUpdatedAt?: Date | null;
  lines: IncomingOrderLine[];
}

export interface IncomingRefundLine {
  lineId: string;
  quantity: number;
  /** The refunded subtotal of the line (after discounts, before tax), in the shop's currency. */
  amountMinor: number;
}

export interface IncomingRefund {
  id: string;
  orderId: string;
  processedAt: Date;
  /** Sum of the lines' amounts. */
  amountMinor: number;
  lines: IncomingRefundLine[];
}

/** An order webhook's body: the order's state and the refunds it lists (orders/updated has them). */
export interface IncomingOrderState {
  order: IncomingOrder;
  refunds: IncomingRefund[];
}

const restId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);
const gidOf = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);

const restLineItem = z.object({
  id: restId,
  admin_graphql_api_id: gidOf("LineItem").optional(),
  product_id: restId.nullish(),
  variant_id: restId.nullish(),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  // Units still on the order: the quantity minus what edits removed and refunds took back.
  current_quantity: z.number().int().nonnegative().nullish(),
  price: decimal,
  price_set: z.object({ presentment_money: z.object({ amount: decimal, currency_code: currencyCode }) }).nullish(),
  // Line item properties as the cart had them; only Cartlift's offer mark is kept.
  properties: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish(),
});

const OFFER_MARK_PROPERTY = "_cartlift";
// A mark is short ASCII; anything else under that name is not one (and is not kept).
const MARK_SHAPE = /^[A-Za-z0-9_-]{1,1000}\.[A-Za-z0-9_-]{1,100}$/;

function offerMarkOf(properties: z.output<typeof restLineItem>["properties"]): string | null {
  const value = properties?.find((p) => p.name === OFFER_MARK_PROPERTY)?.value;
  return typeof value === "string" && MARK_SHAPE.test(value) ? value : null;
}

const shopMoneySet = z.object({ shop_money: z.object({ amount: decimal, currency_code: currencyCode }) });

// A refund as REST sends it: refunds/create's body, and each entry of an order's `refunds`.
const restRefund = z.object({
  id: restId,
  admin_graphql_api_id: gidOf("Refund").optional(),
  order_id: restId,
  created_at: timestamp,
  processed_at: timestamp.nullish(),
  refund_line_items: z.array(
    z.object({
      id: restId,
      line_item_id: restId,
      quantity: z.number().int().nonnegative(),
      subtotal_set: shopMoneySet,
    }),
  ),
});

function toRefund(raw: z.output<typeof restRefund>, ctx: z.RefinementCtx): IncomingRefund {
  const lines = raw.refund_line_items.map((item) => {
    const money = item.subtotal_set.shop_money;
    return {
      lineId: shopifyGid("LineItem", item.line_item_id),
      quantity: item.quantity,
      amountMinor: minorUnits(money.amount, money.currency_code, ["subtotal_set"], ctx),
    };
  });
  return {
    id: raw.admin_graphql_api_id ?? shopifyGid("Refund", raw.id),
    orderId: shopifyGid("Order", raw.order_id),
    processedAt: new Date(raw.processed_at ?? raw.created_at),
    amountMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0),
    lines,
  };
}

/** The refunds/create webhook body (REST shape), as an `IncomingRefund`. */
export const refundWebhookPayload = restRefund.transform(toRefund);

// A line's ordered quantity after edits: Shopify's current_quantity has refunds taken off too,
// and those stay in Refund rows; with no current_quantity (older bodies), the quantity ordered.
function orderedQuantity(line: z.output<typeof restLineItem>, id: string, refunds: IncomingRefund[]): number {
  if (line.current_quantity == null) return line.quantity;
  const refunded = refunds.flatMap((r) => r.lines).filter((l) => l.lineId === id);
  return Math.min(line.quantity, line.current_quantity + refunded.reduce((sum, l) => sum + l.quantity, 0));
}

/**
 * The orders/create, orders/updated and orders/cancelled webhook body (REST shape: the same order,
 * orders/updated with the refunds so far), as an `IncomingOrderState`.
 */
export const orderWebhookPayload = z
  .object({
    id: restId,
    admin_graphql_api_id: gidOf("Order").optional(),
    name: z.string().min(1),
    processed_at: timestamp.nullish(),
    created_at: timestamp,
    updated_at: timestamp.nullish(),
    cancelled_at: timestamp.nullish(),
    currency: currencyCode,
    presentment_currency: currencyCode.nullish(),
    subtotal_price: decimal,
    total_price: decimal,
    customer: z.object({ id: restId, admin_graphql_api_id: gidOf("Customer").optional() }).nullish(),
    line_items: z.array(restLineItem),
    refunds: z.array(restRefund).nullish(),
  })
  .transform((raw, ctx): IncomingOrderState => {
    const currency = raw.currency;
    const refunds = (raw.refunds ?? []).map((refund) => toRefund(refund, ctx));
    const order: IncomingOrder = {
      id: raw.admin_graphql_api_id ?? shopifyGid("Order", raw.id),
      name: raw.name,
      processedAt: new Date(raw.processed_at ?? raw.created_at),
      currency,
      presentmentCurrency: raw.presentment_currency ?? null,
      subtotalMinor: minorUnits(raw.subtotal_price, currency, ["subtotal_price"], ctx),
      totalMinor: minorUnits(raw.total_price, currency, ["total_price"], ctx),
      customerId: raw.customer ? (raw.customer.admin_graphql_api_id ?? shopifyGid("Customer", raw.customer.id)) : null,
      cancelledAt: raw.cancelled_at ? new Date(raw.cancelled_at) : null,
      shopifyUpdatedAt: raw.updated_at ? new Date(raw.updated_at) : null,
      lines: raw.line_items.map((line) => {
        const id = line.admin_graphql_api_id ?? shopifyGid("LineItem", line.id);
        return {
          id,
          productId: line.product_id == null ? null : shopifyGid("Product", line.product_id),
          variantId: line.variant_id == null ? null : shopifyGid("ProductVariant", line.variant_id),
          title: line.title,
          quantity: orderedQuantity(line, id, refunds),
          priceMinor: minorUnits(line.price, currency, ["price"], ctx),
          presentmentPriceMinor: line.price_set
            ? minorUnits(
                line.price_set.presentment_money.amount,
                line.price_set.presentment_money.currency_code,
                ["price_set"],
                ctx,
              )
            : null,
          offerMark: offerMarkOf(line.properties),
        };
      }),
    };
    return { order, refunds };
  });

/** The orders/cancelled body: an order webhook body that says when it was cancelled. */
export const orderCancelledPayload = orderWebhookPayload.refine((state) => state.order.cancelledAt != null, {
  message: "cancelled_at is missing",
  path: ["cancelled_at"],
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
      priceMinor: minorUnits(money.amount, money.currencyCode, ["originalUnitPriceSet"], ctx),
    };
    return { kind: "line", orderId: raw.__parentId, line };
  });

const bulkOrderRow = z
  .object({
    id: gidOf("Order"),
    name: z.string().min(1),
    processedAt: timestamp,
    // Optional so that exports without them still read; with them an import knows cancellations
    // and never overwrites a newer webhook's state.
    cancelledAt: timestamp.nullish(),
    updatedAt: timestamp.nullish(),
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
      subtotalMinor: minorUnits(raw.subtotalPriceSet.shopMoney.amount, raw.currencyCode, ["subtotalPriceSet"], ctx),
      totalMinor: minorUnits(raw.totalPriceSet.shopMoney.amount, raw.currencyCode, ["totalPriceSet"], ctx),
      customerId: raw.customer?.id ?? null,
      cancelledAt: raw.cancelledAt ? new Date(raw.cancelledAt) : null,
      shopifyUpdatedAt: raw.updatedAt ? new Date(raw.updatedAt) : null,
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

/** The recommendations admin page's query: the product the merchant checks, if any. */
export const recommendationsQuery = z.object({
  product: numericGid("Product").optional(),
});

/** The recommendations admin page's form: which button was pressed. */
export const recommendationsIntent = z.object({
  intent: z.enum(["retrain", "import"], { error: "must be retrain or import" }),
});
