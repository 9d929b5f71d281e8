import { describe, expect, it, vi } from "vitest";
import { loadShopperHistory } from "../../app/adapters/shopper-history.server";
import { loadShopperSignals } from "../../app/adapters/shopper-signals.server";
import { prisma } from "../../app/db.server";
import { modelStatus, recommendationSourceFor, retrainShop } from "../../app/services/recommendations.server";
import { createFixtureShop, numberedOrderPayload, orderCreatedPayload, storedOrders } from "../factories/orders";
import { installShop, uniqueShop } from "../factories/shopify";
import {
  deliverWebhook,
  orderCancelledPayload,
  orderUpdatedPayload,
  refundCreatedPayload,
  refundOf,
} from "../factories/webhooks";

// Orders A: what every shop below has learned. Coffee with coffee, cameras with camera things.
const BASKETS_A = [
  [7001, 7003],
  [7002, 7003, 7004],
  [7002, 7004],
  [7005, 7006],
  [7005, 7006, 7007],
  [7006, 7007],
];
// Order X puts a coffee machine beside an SD card: a pair no order of A has.
const X = numberedOrderPayload(99, [7002, 7006]);

async function fixtureShop(): Promise<string> {
  const shop = uniqueShop();
  await installShop(shop);
  await createFixtureShop(shop);
  return shop;
}

async function shopWithOrdersA(): Promise<string> {
  const shop = await fixtureShop();
  for (const [n, basket] of BASKETS_A.entries()) {
    expect((await deliverWebhook("orders/create", shop, numberedOrderPayload(n, basket))).status).toBe(200);
  }
  return shop;
}

/** Trains the shop and returns its stored lists (the snapshot payload the storefront is served). */
async function trainedLists(shop: string): Promise<unknown> {
  await retrainShop(shop);
  return (await prisma.recommendationSnapshot.findUniqueOrThrow({ where: { shop } })).payload;
}

const at = (iso: string) => new Date(iso);

describe("order lifecycle: cancellations", () => {
  it("a cancelled order leaves the model as if it had never arrived", async () => {
    const reference = await trainedLists(await shopWithOrdersA());

    const shop = await shopWithOrdersA();
    await deliverWebhook("orders/create", shop, X);
    const withX = await trainedLists(shop);
    const response = await deliverWebhook("orders/cancelled", shop, orderCancelledPayload(X, "2026-10-03T08:00:00Z"));
    const afterCancel = await trainedLists(shop);

    expect(withX).not.toEqual(reference);
    expect(response.status).toBe(200);
    expect(afterCancel).toEqual(reference);
    expect(modelStatus(shop).orderCount).toBe(BASKETS_A.length);
    expect(
      await prisma.order.findUnique({ where: { shop_id: { shop, id: "gid://shopify/Order/60099" } } }),
    ).toMatchObject({
      cancelledAt: at("2026-10-03T08:00:00Z"),
    });
  });

  it("the model in memory unlearns a cancelled order without anyone pressing retrain", async () => {
    const referenceShop = await shopWithOrdersA();
    await retrainShop(referenceShop);
    const reference = await recommendationSourceFor(referenceShop);
    const query = { productId: "gid://shopify/Product/7002", cartProductIds: [], limit: 5 };

    const shop = await shopWithOrdersA();
    await retrainShop(shop);
    await deliverWebhook("orders/create", shop, X);
    const learned = (await recommendationSourceFor(shop)).recommend(query);
    await deliverWebhook(
      "orders/updated",
      shop,
      orderUpdatedPayload(X, "2026-10-03T08:00:00Z", { cancelled_at: "2026-10-03T08:00:00Z" }),
    );
    // The cancellation scheduled a retrain; joining the queue waits for it.
    await retrainShop(shop);

    expect(learned.cross_sell.map((c) => c.productId)).toContain("gid://shopify/Product/7006");
    expect((await recommendationSourceFor(shop)).recommend(query)).toEqual(reference.recommend(query));
  });

  it("an orders/create arriving after the cancellation (or redelivered after it) teaches nothing", async () => {
    const reference = await trainedLists(await shopWithOrdersA());

    const late = await shopWithOrdersA();
    await retrainShop(late);
    await deliverWebhook("orders/cancelled", late, orderCancelledPayload(X, "2026-10-03T08:00:00Z"));
    await deliverWebhook("orders/create", late, X);
    const lateCount = modelStatus(late).orderCount;

    const redelivered = await shopWithOrdersA();
    await deliverWebhook("orders/create", redelivered, X);
    await deliverWebhook("orders/cancelled", redelivered, orderCancelledPayload(X, "2026-10-03T08:00:00Z"));
    await retrainShop(redelivered);
    await deliverWebhook("orders/create", redelivered, X);

    expect(lateCount).toBe(BASKETS_A.length);
    expect(modelStatus(redelivered).orderCount).toBe(BASKETS_A.length);
    expect(await trainedLists(late)).toEqual(reference);
    expect(await trainedLists(redelivered)).toEqual(reference);
    expect(await prisma.order.count({ where: { shop: late, cancelledAt: { not: null } } })).toBe(1);
  });

  it("an orders/cancelled without cancelled_at is kept as a dead letter and cancels nothing", async () => {
    const shop = await shopWithOrdersA();
    await deliverWebhook("orders/create", shop, X);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const response = await deliverWebhook("orders/cancelled", shop, orderUpdatedPayload(X, "2026-10-03T08:00:00Z"));

    expect(response.status).toBe(200);
    expect(await prisma.order.count({ where: { shop, cancelledAt: { not: null } } })).toBe(0);
    expect(await prisma.webhookDeadLetter.findFirst({ where: { shop } })).toMatchObject({
      topic: "orders/cancelled",
      error: expect.stringContaining("cancelled_at"),
    });
    warn.mockRestore();
  });

  it("a customer's order count and spend leave out cancelled orders and refunded amounts", async () => {
    const shop = await fixtureShop();
    const kept = orderCreatedPayload();
    const cancelled = orderCreatedPayload({
      id: 5012,
      admin_graphql_api_id: "gid://shopify/Order/5012",
      name: "#1012",
    });
    cancelled.line_items = (cancelled.line_items as Record<string, unknown>[]).map((line) => ({
      ...line,
      id: Number(line.id) + 100,
      admin_graphql_api_id: `gid://shopify/LineItem/${Number(line.id) + 100}`,
    }));
    await deliverWebhook("orders/create", shop, kept);
    await deliverWebhook("orders/create", shop, cancelled);
    await deliverWebhook("orders/cancelled", shop, orderCancelledPayload(cancelled, "2026-10-03T08:00:00Z"));
    await deliverWebhook("refunds/create", shop, refundCreatedPayload());

    const windows = { offerHistorySince: new Date(0), sessionSince: new Date(0) };
    const customer = "gid://shopify/Customer/6004";
    const history = await loadShopperHistory(shop, ["shopper-1"], customer, windows);
    const signals = await loadShopperSignals(shop, ["shopper-1"], customer, windows);

    // #1011 is 280.98; the refund took back the 11.99 descaler; #1012 was cancelled.
    const expected = { orderCount: 1, totalSpentMinor: 28098 - 1199 };
    expect(history.signals).toMatchObject(expected);
    expect(signals).toMatchObject(expected);
  });
});

describe("order lifecycle: orders/updated", () => {
  it("the newest state wins whatever order the deliveries arrive in (amounts, lines added and removed)", async () => {
    const shop = await fixtureShop();
    const order = orderCreatedPayload();
    const [machine, descaler] = order.line_items as Record<string, unknown>[];
    const pods = { ...descaler, id: 9026, admin_graphql_api_id: "gid://shopify/LineItem/9026", product_id: 7003 };
    const edited = orderUpdatedPayload(order, "2026-10-02T15:00:00Z", {
      subtotal_price: "269.99",
      total_price: "269.99",
      line_items: [machine, { ...pods, title: "Coffee Pods", price: "20.99", variant_id: 8003 }],
    });
    const earlier = orderUpdatedPayload(order, "2026-10-02T14:00:00Z", { subtotal_price: "280.00" });

    await deliverWebhook("orders/create", shop, order);
    await deliverWebhook("orders/updated", shop, edited);
    const afterNewest = await storedOrders(shop);
    await deliverWebhook("orders/updated", shop, earlier);
    await deliverWebhook("orders/updated", shop, edited);

    expect(await storedOrders(shop)).toEqual(afterNewest);
    expect(afterNewest.orders).toMatchObject([
      { subtotalMinor: 26999n, totalMinor: 26999n, shopifyUpdatedAt: at("2026-10-02T15:00:00Z"), cancelledAt: null },
    ]);
    expect(afterNewest.lines.map((l) => [l.id, l.productId, l.quantity, l.priceMinor])).toEqual([
      ["gid://shopify/LineItem/9023", "gid://shopify/Product/7002", 1, 24900n],
      ["gid://shopify/LineItem/9026", "gid://shopify/Product/7003", 1, 2099n],
    ]);
  });

  it("stores an order it never had (placed before install) and teaches it", async () => {
    const shop = await shopWithOrdersA();
    await retrainShop(shop);

    const response = await deliverWebhook("orders/updated", shop, orderUpdatedPayload(X, "2026-10-03T08:00:00Z"));

    expect(response.status).toBe(200);
    expect(modelStatus(shop).orderCount).toBe(BASKETS_A.length + 1);
    expect(await prisma.order.count({ where: { shop, id: "gid://shopify/Order/60099" } })).toBe(1);
  });

  it("a line an edit took to zero units stops teaching: the model is retrained without it", async () => {
    const reference = await trainedLists(await shopWithOrdersA());
    const shop = await shopWithOrdersA();
    await deliverWebhook("orders/create", shop, X);
    await retrainShop(shop);

    const lines = (X.line_items as Record<string, unknown>[]).map((line) =>
      line.product_id === 7006 ? { ...line, current_quantity: 0 } : { ...line, current_quantity: 1 },
    );
    await deliverWebhook("orders/updated", shop, orderUpdatedPayload(X, "2026-10-03T08:00:00Z", { line_items: lines }));
    const machineOnly = await shopWithOrdersA();
    await deliverWebhook("orders/create", machineOnly, numberedOrderPayload(99, [7002]));
    const expected = await trainedLists(machineOnly);

    expect(await trainedLists(shop)).toEqual(expected);
    expect(expected).not.toEqual(reference);
  });
});

describe("order lifecycle: refunds", () => {
  it("a redelivered refund is counted once", async () => {
    const shop = await fixtureShop();
    await deliverWebhook("orders/create", shop, orderCreatedPayload());

    const first = await deliverWebhook("refunds/create", shop, refundCreatedPayload(), { webhookId: "refund-1" });
    const again = await deliverWebhook("refunds/create", shop, refundCreatedPayload(), { webhookId: "refund-1" });
    const retried = await deliverWebhook("refunds/create", shop, refundCreatedPayload());

    expect([first.status, again.status, retried.status]).toEqual([200, 200, 200]);
    expect(await prisma.refund.findMany({ where: { shop }, omit: { shop: true, createdAt: true } })).toEqual([
      {
        id: "gid://shopify/Refund/7701",
        orderId: "gid://shopify/Order/5011",
        processedAt: at("2026-10-05T14:12:40Z"),
        amountMinor: 1199n,
        lines: [{ lineId: "gid://shopify/LineItem/9024", quantity: 1, amountMinor: 1199 }],
      },
    ]);
    const { orders, lines } = await storedOrders(shop);
    expect(orders[0].refundedMinor).toBe(1199n);
    expect(lines.map((l) => [l.id, l.refundedQuantity, l.refundedMinor])).toEqual([
      ["gid://shopify/LineItem/9023", 0, 0n],
      ["gid://shopify/LineItem/9024", 1, 1199n],
      ["gid://shopify/LineItem/9025", 0, 0n],
    ]);
  });

  it("partial refunds add up per line, and an orders/updated listing them counts none twice", async () => {
    const shop = await fixtureShop();
    const order = orderCreatedPayload();
    const lines = order.line_items as Record<string, unknown>[];
    lines[2] = { ...lines[2], quantity: 3, current_quantity: 3 };
    await deliverWebhook("orders/create", shop, order);

    const firstRefund = refundOf(7801, 5011, [[9025, 1, "19.99"]]);
    const secondRefund = refundOf(7802, 5011, [
      [9025, 2, "39.98"],
      [9023, 1, "249.00"],
    ]);
    await deliverWebhook("refunds/create", shop, firstRefund);
    await deliverWebhook("refunds/create", shop, secondRefund);
    // Shopify's next orders/updated lists both refunds, with current_quantity net of them.
    const refundedLines = lines.map((line) => ({ ...line, current_quantity: line.id === 9024 ? 1 : 0 }));
    await deliverWebhook(
      "orders/updated",
      shop,
      orderUpdatedPayload(order, "2026-10-06T10:00:00Z", {
        line_items: refundedLines,
        refunds: [firstRefund, secondRefund],
      }),
    );

    const stored = await storedOrders(shop);
    expect(stored.orders[0].refundedMinor).toBe(1999n + 3998n + 24900n);
    expect(stored.lines.map((l) => [l.id, l.quantity, l.refundedQuantity, l.refundedMinor])).toEqual([
      ["gid://shopify/LineItem/9023", 1, 1, 24900n],
      ["gid://shopify/LineItem/9024", 1, 0, 0n],
      ["gid://shopify/LineItem/9025", 3, 3, 5997n],
    ]);
    expect(await prisma.refund.count({ where: { shop } })).toBe(2);
  });

  it("a refund for an order Cartlift does not have yet is kept and counted when the order arrives", async () => {
    const shop = await fixtureShop();

    const response = await deliverWebhook("refunds/create", shop, refundCreatedPayload());
    await deliverWebhook("orders/updated", shop, orderUpdatedPayload(orderCreatedPayload(), "2026-10-06T10:00:00Z"));

    expect(response.status).toBe(200);
    const { orders, lines } = await storedOrders(shop);
    expect(orders[0].refundedMinor).toBe(1199n);
    expect(lines.find((l) => l.id === "gid://shopify/LineItem/9024")).toMatchObject({ refundedQuantity: 1 });
  });

  it("a refund in a zero-decimal currency with a fractional amount is kept as a dead letter", async () => {
    const shop = await fixtureShop();
    await deliverWebhook("orders/create", shop, orderCreatedPayload());
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const body = refundCreatedPayload();
    const [item] = body.refund_line_items as Record<string, unknown>[];
    item.subtotal_set = { shop_money: { amount: "1199.5", currency_code: "JPY" } };

    const response = await deliverWebhook("refunds/create", shop, body);

    expect(response.status).toBe(200);
    expect(await prisma.refund.count({ where: { shop } })).toBe(0);
    expect(await prisma.webhookDeadLetter.count({ where: { shop, topic: "refunds/create" } })).toBe(1);
    warn.mockRestore();
  });
});
