import { describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db.server";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { action as bulkFinish } from "../../app/routes/webhooks.bulk_operations.finish";
import { modelStatus, retrainShop } from "../../app/services/recommendations.server";
import { createFixtureShop, bulkFinishPayload, orderCreatedPayload, storedOrders } from "../factories/orders";
import { installShop, thrownResponse, uniqueShop, webhookRequest } from "../factories/shopify";

const args = (request: Request) => ({ request, params: {}, context: {} });
const deliver = (shop: string, payload: unknown, secret?: string) =>
  ordersCreate(args(webhookRequest("/webhooks/orders/create", "orders/create", shop, payload, secret)));

describe("webhooks: orders/create", () => {
  it("stores the order once as GIDs and minor units, without personal details", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);

    const response = await deliver(shop, orderCreatedPayload());

    expect(response.status).toBe(200);
    const stored = await storedOrders(shop);
    expect(stored.orders).toEqual([
      {
        id: "gid://shopify/Order/5011",
        name: "#1011",
        processedAt: new Date("2026-10-02T13:30:00Z"),
        currency: "USD",
        subtotalMinor: 28098n,
        totalMinor: 28098n,
        customerId: "gid://shopify/Customer/6004",
        cancelledAt: null,
        refundedMinor: 0n,
        shopifyUpdatedAt: new Date("2026-10-02T13:30:03Z"),
      },
    ]);
    expect(stored.lines.map((l) => [l.id, l.productId, l.variantId, l.quantity, l.priceMinor])).toEqual([
      ["gid://shopify/LineItem/9023", "gid://shopify/Product/7002", "gid://shopify/ProductVariant/8002", 1, 24900n],
      ["gid://shopify/LineItem/9024", "gid://shopify/Product/7004", "gid://shopify/ProductVariant/8004", 1, 1199n],
      ["gid://shopify/LineItem/9025", "gid://shopify/Product/7006", "gid://shopify/ProductVariant/8006", 1, 1999n],
    ]);
    expect(JSON.stringify(stored, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/jon|snow|wall/i);
  });

  it("a redelivery changes neither the stored orders nor the model in memory", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    await retrainShop(shop);

    await deliver(shop, orderCreatedPayload());
    const once = { stored: await storedOrders(shop), orders: modelStatus(shop).orderCount };
    const again = await deliver(shop, orderCreatedPayload());

    expect(again.status).toBe(200);
    expect(once.orders).toBe(1);
    expect({ stored: await storedOrders(shop), orders: modelStatus(shop).orderCount }).toEqual(once);
  });

  it("creates the shop row for a shop that has sent nothing before, in the order's currency", async () => {
    const shop = uniqueShop();
    // The session only: the install bootstrap could not reach Shopify, so there is no shop row.
    await installShop(shop, null);

    const payload = orderCreatedPayload({ currency: "JPY", subtotal_price: "3000", total_price: "3500.0" });
    payload.line_items = (payload.line_items as Record<string, unknown>[]).map((line) => ({ ...line, price: "1000" }));
    const response = await deliver(shop, payload);

    expect(response.status).toBe(200);
    expect(await prisma.shop.findUnique({ where: { domain: shop } })).toMatchObject({ currency: "JPY" });
    expect(await prisma.order.findFirst({ where: { shop } })).toMatchObject({
      subtotalMinor: 3000n,
      totalMinor: 3500n,
    });
  });

  it("with a bad HMAC answers 401 and stores nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);

    const response = await thrownResponse(() => deliver(shop, orderCreatedPayload(), "forged-secret"));

    expect(response.status).toBe(401);
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    expect(await prisma.orderLine.count({ where: { shop } })).toBe(0);
  });

  it.each([
    ["a line price below the currency's minor unit", { subtotal_price: "280.985" }],
    ["a missing line item list", { line_items: undefined }],
    ["a non-ISO currency", { currency: "dollars" }],
  ])(
    "acknowledges a payload with %s (so Shopify stops retrying), keeps it as a dead letter, and stores no order",
    async (_name, change) => {
      const shop = uniqueShop();
      await installShop(shop);
      await createFixtureShop(shop);
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

      const response = await deliver(shop, orderCreatedPayload(change));

      expect(response.status).toBe(200);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`orders/create for ${shop} kept as a dead letter`));
      expect(await prisma.order.count({ where: { shop } })).toBe(0);
      expect(await prisma.webhookDeadLetter.findMany({ where: { shop }, select: { topic: true } })).toEqual([
        { topic: "orders/create" },
      ]);
      warn.mockRestore();
    },
  );
});

describe("webhooks: bulk_operations/finish", () => {
  it("with a bad HMAC answers 401 and touches no import", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    const started = await prisma.orderImport.create({
      data: { shop, status: "running", bulkOperationId: "gid://shopify/BulkOperation/1" },
    });

    const request = webhookRequest(
      "/webhooks/bulk_operations/finish",
      "bulk_operations/finish",
      shop,
      bulkFinishPayload("gid://shopify/BulkOperation/1"),
      "forged-secret",
    );
    const response = await thrownResponse(() => bulkFinish(args(request)));

    expect(response.status).toBe(401);
    expect(await prisma.orderImport.findUnique({ where: { id: started.id } })).toMatchObject({ status: "running" });
  });

  it("keeps an unreadable finish as a dead letter (200) and touches no import", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    const started = await prisma.orderImport.create({
      data: { shop, status: "running", bulkOperationId: "gid://shopify/BulkOperation/3" },
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const payload = { ...bulkFinishPayload("gid://shopify/BulkOperation/3"), admin_graphql_api_id: 3 };
    const response = await bulkFinish(
      args(webhookRequest("/webhooks/bulk_operations/finish", "bulk_operations/finish", shop, payload)),
    );

    expect(response.status).toBe(200);
    expect(await prisma.orderImport.findUnique({ where: { id: started.id } })).toMatchObject({ status: "running" });
    expect(await prisma.webhookDeadLetter.findFirst({ where: { shop } })).toMatchObject({
      topic: "bulk_operations/finish",
      error: expect.stringContaining("admin_graphql_api_id"),
    });
    warn.mockRestore();
  });

  it("marks the import failed when Shopify reports the export failed, without calling Shopify", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    const started = await prisma.orderImport.create({
      data: { shop, status: "running", bulkOperationId: "gid://shopify/BulkOperation/2" },
    });

    const payload = { ...bulkFinishPayload("gid://shopify/BulkOperation/2", "failed"), error_code: "timeout" };
    const response = await bulkFinish(
      args(webhookRequest("/webhooks/bulk_operations/finish", "bulk_operations/finish", shop, payload)),
    );

    expect(response.status).toBe(200);
    expect(await prisma.orderImport.findUnique({ where: { id: started.id } })).toMatchObject({
      status: "failed",
      error: "Shopify's export failed (timeout)",
    });
  });
});
