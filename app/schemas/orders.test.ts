import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { orderCancelledPayload, orderWebhookPayload, refundWebhookPayload } from "./orders";

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve("tests/fixtures/webhooks", name), "utf8")) as Record<string, unknown>;

const ORDER = fixture("orders-create.json");
const REFUND = fixture("refunds-create.json");
const lineItems = () => ORDER.line_items as Record<string, unknown>[];

describe("refundWebhookPayload", () => {
  it("reads the recorded refunds/create body as GIDs and shop-currency minor units", () => {
    expect(refundWebhookPayload.parse(REFUND)).toEqual({
      id: "gid://shopify/Refund/7701",
      orderId: "gid://shopify/Order/5011",
      processedAt: new Date("2026-10-05T14:12:40Z"),
      amountMinor: 1199,
      lines: [{ lineId: "gid://shopify/LineItem/9024", quantity: 1, amountMinor: 1199 }],
    });
  });

  it.each([
    ["an amount finer than the currency's minor unit", { amount: "11.995", currency_code: "USD" }],
    ["a non-ISO currency", { amount: "11.99", currency_code: "dollars" }],
  ])("rejects %s", (_name, money) => {
    const items = (REFUND.refund_line_items as Record<string, unknown>[]).map((item) => ({
      ...item,
      subtotal_set: { shop_money: money },
    }));
    expect(refundWebhookPayload.safeParse({ ...REFUND, refund_line_items: items }).success).toBe(false);
  });
});

describe("orderWebhookPayload", () => {
  it.each([
    ["no current_quantity (the quantity ordered)", undefined, [], 1],
    ["all units still on the order", 1, [], 1],
    ["an edit removed the unit", 0, [], 0],
    ["a refund took the unit back (it stays ordered; the refund is kept beside it)", 0, [REFUND], 1],
  ])("a line's quantity with %s", (_name, currentQuantity, refunds, expected) => {
    const lines = lineItems().map((line) => ({ ...line, current_quantity: currentQuantity }));
    const { order } = orderWebhookPayload.parse({ ...ORDER, line_items: lines, refunds });
    expect(order.lines.find((line) => line.id === "gid://shopify/LineItem/9024")?.quantity).toBe(expected);
  });

  it("reads cancelled_at and updated_at, and the refunds an orders/updated lists", () => {
    const state = orderWebhookPayload.parse({ ...ORDER, cancelled_at: "2026-10-03T08:00:00-04:00", refunds: [REFUND] });
    expect(state.order).toMatchObject({
      cancelledAt: new Date("2026-10-03T12:00:00Z"),
      shopifyUpdatedAt: new Date("2026-10-02T13:30:03Z"),
    });
    expect(state.refunds.map((r) => r.id)).toEqual(["gid://shopify/Refund/7701"]);
  });

  it("orders/cancelled needs cancelled_at", () => {
    const parsed = orderCancelledPayload.safeParse(ORDER);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["cancelled_at"]);
    expect(orderCancelledPayload.safeParse({ ...ORDER, cancelled_at: "2026-10-03T08:00:00-04:00" }).success).toBe(true);
  });
});

describe("orderWebhookPayload: what attribution reads", () => {
  const withDescaler = (line: Record<string, unknown>) => ({
    ...ORDER,
    presentment_currency: "EUR",
    line_items: lineItems().map((item) => (item.id === 9024 ? { ...item, ...line } : item)),
  });
  const descaler = (body: Record<string, unknown>) =>
    orderWebhookPayload.parse(body).order.lines.find((l) => l.id === "gid://shopify/LineItem/9024")!;

  it("keeps the offer mark property and the buyer's currency and price", () => {
    const parsed = orderWebhookPayload.parse(
      withDescaler({
        properties: [
          { name: "Engraving", value: "Jon" },
          { name: "_cartlift", value: "eyJ2IjoxfQ.c2lnbmF0dXJl" },
        ],
        price_set: {
          shop_money: { amount: "11.99", currency_code: "USD" },
          presentment_money: { amount: "10.99", currency_code: "EUR" },
        },
      }),
    );
    expect(parsed.order.presentmentCurrency).toBe("EUR");
    expect(parsed.order.lines.find((l) => l.id === "gid://shopify/LineItem/9024")).toMatchObject({
      offerMark: "eyJ2IjoxfQ.c2lnbmF0dXJl",
      presentmentPriceMinor: 1099,
    });
    // Other properties (a buyer's engraving) are not kept.
    expect(JSON.stringify(parsed)).not.toContain("Jon");
  });

  it.each([
    ["no properties", {}],
    ["a number", { properties: [{ name: "_cartlift", value: 12 }] }],
    ["text that is not a mark", { properties: [{ name: "_cartlift", value: "free descaler please" }] }],
    ["an over-long value", { properties: [{ name: "_cartlift", value: `${"a".repeat(2000)}.b` }] }],
  ])("keeps no mark for %s", (_name, line) => {
    expect(descaler(withDescaler(line)).offerMark).toBeNull();
  });
});
