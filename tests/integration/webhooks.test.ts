import { describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db.server";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { createShopWithCatalog } from "../factories/catalog";
import { installShop, thrownResponse, uniqueShop, webhookRequest } from "../factories/shopify";

const args = (request: Request) => ({ request, params: {}, context: {} });
const sessionsOf = (shop: string) => prisma.session.count({ where: { shop } });

describe("webhooks: app/uninstalled", () => {
  it("with a valid HMAC removes the shop's sessions and marks the shop uninstalled", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createShopWithCatalog(shop);
    const other = uniqueShop();
    await installShop(other);

    const response = await uninstalled(
      args(webhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, { id: 1, domain: shop })),
    );

    expect(response.status).toBe(200);
    expect(await sessionsOf(shop)).toBe(0);
    expect(await sessionsOf(other)).toBe(1);
    expect((await prisma.shop.findUnique({ where: { domain: shop } }))?.uninstalledAt).toBeInstanceOf(Date);
    expect(await prisma.product.count({ where: { shop } })).toBe(2);
  });

  it("with a bad HMAC answers 401 and changes nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    const request = webhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, { id: 1 }, "wrong-secret");
    const response = await thrownResponse(() => uninstalled(args(request)));

    expect(response.status).toBe(401);
    expect(await sessionsOf(shop)).toBe(1);
  });
});

describe("webhooks: app/scopes_update", () => {
  it("stores the granted scopes on the shop's offline session", async () => {
    const shop = uniqueShop();
    const session = await installShop(shop);

    const payload = { id: 1, previous: ["read_products"], current: ["read_products", "read_orders"] };
    const response = await scopesUpdate(
      args(webhookRequest("/webhooks/app/scopes_update", "app/scopes_update", shop, payload)),
    );

    expect(response.status).toBe(200);
    expect(await prisma.session.findUnique({ where: { id: session.id } })).toMatchObject({
      scope: "read_products,read_orders",
    });
  });

  it("keeps a body without the current scopes as a dead letter and changes no session", async () => {
    const shop = uniqueShop();
    const session = await installShop(shop);
    const before = (await prisma.session.findUnique({ where: { id: session.id } }))?.scope;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const request = webhookRequest("/webhooks/app/scopes_update", "app/scopes_update", shop, { current: "all" });
    const response = await scopesUpdate(args(request));

    expect(response.status).toBe(200);
    expect((await prisma.session.findUnique({ where: { id: session.id } }))?.scope).toBe(before);
    expect(await prisma.webhookDeadLetter.count({ where: { shop, topic: "app/scopes_update" } })).toBe(1);
    warn.mockRestore();
  });
});

describe("webhooks: mandatory privacy topics", () => {
  it("customers/redact detaches the customer from that shop's orders only", async () => {
    const shop = uniqueShop();
    const other = uniqueShop();
    await createShopWithCatalog(shop, { orders: 2, customerId: "gid://shopify/Customer/77" });
    await createShopWithCatalog(other, { orders: 1, customerId: "gid://shopify/Customer/77" });

    const payload = { shop_id: 1, shop_domain: shop, customer: { id: 77, email: "a@b.c" }, orders_to_redact: [1, 2] };
    const response = await compliance(args(webhookRequest("/webhooks/compliance", "customers/redact", shop, payload)));

    expect(response.status).toBe(200);
    expect(await prisma.order.count({ where: { shop, customerId: { not: null } } })).toBe(0);
    expect(await prisma.order.count({ where: { shop } })).toBe(2);
    expect(await prisma.order.count({ where: { shop: other, customerId: "gid://shopify/Customer/77" } })).toBe(1);
  });

  it("shop/redact deletes everything the shop owns", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createShopWithCatalog(shop, { products: 3, orders: 2 });
    // What analytics keeps: an attributed line, an exposure week, a day's offer counts.
    const order = await prisma.order.findFirstOrThrow({ where: { shop }, include: { lines: true } });
    const line = order.lines[0]!;
    await prisma.offerAttribution.create({
      data: {
        shop,
        lineId: line.id,
        orderId: order.id,
        processedAt: order.processedAt,
        source: "mark",
        kind: "cross_sell",
        productId: line.productId ?? "gid://shopify/Product/1",
        variantId: line.variantId ?? "gid://shopify/ProductVariant/1",
        quantity: 1,
        revenueMinor: 100n,
        currency: "USD",
      },
    });
    await prisma.shopperExposure.create({
      data: { shop, period: "2026-12-07", shopperKey: "s-1", holdout: false, surface: "cart", firstSeenAt: new Date() },
    });
    await prisma.offerDailyRollup.create({
      data: { shop, day: "2026-12-07", surface: "cart", kind: "cross_sell", ruleId: "", personaId: "", productId: "p" },
    });

    const response = await compliance(
      args(webhookRequest("/webhooks/compliance", "shop/redact", shop, { shop_id: 1, shop_domain: shop })),
    );

    expect(response.status).toBe(200);
    const remaining = await Promise.all([
      prisma.shop.count({ where: { domain: shop } }),
      prisma.product.count({ where: { shop } }),
      prisma.variant.count({ where: { shop } }),
      prisma.order.count({ where: { shop } }),
      prisma.orderLine.count({ where: { shop } }),
      sessionsOf(shop),
      prisma.offerAttribution.count({ where: { shop } }),
      prisma.shopperExposure.count({ where: { shop } }),
      prisma.offerDailyRollup.count({ where: { shop } }),
    ]);
    expect(remaining).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("shop/redact also deletes the shop's kept webhook deliveries (they have no relation to the shop row)", async () => {
    const shop = uniqueShop();
    const other = uniqueShop();
    await installShop(shop);
    await createShopWithCatalog(shop, { orders: 1 });
    const letter = { topic: "orders/create", payload: "{}", error: "invalid payload: name: Required" };
    await prisma.webhookDeadLetter.createMany({
      data: [
        { shop, webhookId: "w-1", ...letter },
        { shop: other, webhookId: "w-2", ...letter },
      ],
    });

    const response = await compliance(
      args(webhookRequest("/webhooks/compliance", "shop/redact", shop, { shop_id: 1, shop_domain: shop })),
    );

    expect(response.status).toBe(200);
    expect(await prisma.webhookDeadLetter.count({ where: { shop } })).toBe(0);
    expect(await prisma.webhookDeadLetter.count({ where: { shop: other } })).toBe(1);
  });

  it.each(["customers/redact", "shop/redact", "customers/data_request"])(
    "%s with a body it cannot read answers 200 (never a 5xx), changes nothing and keeps it to replay",
    async (topic) => {
      const shop = uniqueShop();
      await installShop(shop);
      await createShopWithCatalog(shop, { orders: 1, customerId: "gid://shopify/Customer/5" });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

      const payload = { shop_id: 1, customer: { email: "a@b.c" } };
      const response = await compliance(args(webhookRequest("/webhooks/compliance", topic, shop, payload)));

      expect(response.status).toBe(200);
      expect(await prisma.shop.count({ where: { domain: shop } })).toBe(1);
      expect(await prisma.order.count({ where: { shop, customerId: "gid://shopify/Customer/5" } })).toBe(1);
      expect(await prisma.webhookDeadLetter.findMany({ where: { shop }, select: { topic: true } })).toEqual([
        { topic },
      ]);
      warn.mockRestore();
    },
  );

  it("customers/data_request is acknowledged and changes nothing", async () => {
    const shop = uniqueShop();
    await createShopWithCatalog(shop, { orders: 1, customerId: "gid://shopify/Customer/5" });

    const payload = {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 5 },
      orders_requested: [1],
      data_request: { id: 9 },
    };
    const response = await compliance(
      args(webhookRequest("/webhooks/compliance", "customers/data_request", shop, payload)),
    );

    expect(response.status).toBe(200);
    expect(await prisma.order.count({ where: { shop, customerId: "gid://shopify/Customer/5" } })).toBe(1);
  });

  it.each(["customers/redact", "shop/redact", "customers/data_request"])(
    "%s with a bad HMAC answers 401 and changes nothing",
    async (topic) => {
      const shop = uniqueShop();
      await installShop(shop);
      await createShopWithCatalog(shop, { orders: 1, customerId: "gid://shopify/Customer/5" });

      const payload = { shop_id: 1, shop_domain: shop, customer: { id: 5 } };
      const response = await thrownResponse(() =>
        compliance(args(webhookRequest("/webhooks/compliance", topic, shop, payload, "forged"))),
      );

      expect(response.status).toBe(401);
      expect(await prisma.order.count({ where: { shop, customerId: "gid://shopify/Customer/5" } })).toBe(1);
      expect(await sessionsOf(shop)).toBe(1);
    },
  );
});
