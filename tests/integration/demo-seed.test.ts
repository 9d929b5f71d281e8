import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { generateDemoShop } from "../../app/demo/seed";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { resyncBackendMetafields } from "../../app/services/backend-metafield.server";
import { useAdminApiMock } from "../mocks/admin-api";

// Nothing here may call Shopify: an Admin API request would fail the test.
useAdminApiMock();

const SCOPES = "read_products,read_orders";
// The demo app's origin (npm run demo on its default port).
const ORIGIN = "http://127.0.0.1:3000";

describe("the demo seed", () => {
  it("writes the same shop, catalog and orders every time, and re-running keeps them", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;

    const first = await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);
    const firstDump = await fingerprint(shop);
    const again = await seedDemoDatabase(prisma, generateDemoShop(), SCOPES, ORIGIN);
    await prisma.shop.delete({ where: { domain: shop } });
    await seedDemoDatabase(prisma, generateDemoShop(), SCOPES, ORIGIN);
    const secondDump = await fingerprint(shop);

    expect(first).toMatchObject({ seeded: true, products: data.products.length, orders: data.orders.length });
    expect(data.products.length).toBeGreaterThanOrEqual(60);
    expect(data.orders.length).toBeGreaterThanOrEqual(5000);
    expect(again.seeded).toBe(false);
    expect(secondDump).toEqual(firstDump);
    expect(await prisma.session.findUnique({ where: { id: `offline_${shop}` } })).toMatchObject({
      shop,
      isOnline: false,
      scope: SCOPES,
    });
  }, 120_000); // The whole demo shop, seeded twice: tens of seconds on a busy two-core machine.

  it("records the demo app's origin as the backend metafield's URL on every start, so the start-up resync writes nothing", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);
    const backendUrl = async () =>
      (await prisma.shop.findUniqueOrThrow({ where: { domain: shop }, select: { backendUrl: true } })).backendUrl;

    expect(await backendUrl()).toBe(ORIGIN);
    expect(await resyncBackendMetafields(ORIGIN)).toEqual({ written: 0, skipped: 0, failed: 0 });

    // Started again on another port, the data kept: the new origin is recorded all the same.
    const kept = await seedDemoDatabase(prisma, data, SCOPES, "http://127.0.0.1:4000/");

    expect(kept.seeded).toBe(false);
    expect(await backendUrl()).toBe("http://127.0.0.1:4000");
    expect(await resyncBackendMetafields("http://127.0.0.1:4000")).toEqual({ written: 0, skipped: 0, failed: 0 });
  });

  it("stores the shop, catalog and import as the install bootstrap and the catalog import would", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    await prisma.shop.deleteMany({ where: { domain: shop } });
    await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);
    const coffeePods = data.products.find((p) => p.handle === "coffee-pods")!;
    const decaf = coffeePods.variants.find((v) => v.title === "Decaf")!;

    const [shopRow, product, variant, collections, imports] = await Promise.all([
      prisma.shop.findUnique({ where: { domain: shop } }),
      prisma.product.findUnique({ where: { shop_id: { shop, id: coffeePods.id } } }),
      prisma.variant.findUnique({ where: { shop_id: { shop, id: decaf.id } } }),
      prisma.collection.findMany({ where: { shop }, orderBy: { handle: "asc" } }),
      prisma.catalogImport.findMany({ where: { shop } }),
    ]);

    expect(shopRow).toMatchObject({
      currency: "USD",
      timezone: "America/New_York",
      moneyFormat: "${{amount}}",
      presentmentCurrencies: ["USD"],
      developmentStore: true,
      freeShippingThresholdMinor: BigInt(data.shop.freeShippingThresholdMinor),
    });
    expect(product).toMatchObject({
      status: "active",
      publishedOnline: true,
      shopifyUpdatedAt: new Date("2026-11-01T00:00:00Z"),
      options: [{ name: "Flavour", values: ["Classic", "Intense", "Decaf"] }],
    });
    expect(variant).toMatchObject({
      selectedOptions: [{ name: "Flavour", value: "Decaf" }],
      inventoryItemId: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\/\d+$/),
      position: 2,
    });
    expect(collections.map((c) => c.handle)).toEqual([...new Set(data.products.flatMap((p) => p.collections))].sort());
    expect(collections.find((c) => c.handle === "refills-and-supplies")?.title).toBe("Refills & supplies");
    expect(imports).toMatchObject([
      { status: "completed", productsTotal: data.products.length, productsImported: data.products.length },
    ]);
  });

  it("replaces a catalog seeded before products had upgrade features", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    const brewPlus = data.products.find((p) => p.handle === "brew-plus")!;
    await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);
    await prisma.product.updateMany({ where: { shop }, data: { upgradeFeatures: Prisma.DbNull } });

    const reseed = await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);

    expect(reseed.seeded).toBe(true);
    expect(
      await prisma.product.findUnique({
        where: { shop_id: { shop, id: brewPlus.id } },
        select: { upgradeFeatures: true },
      }),
    ).toEqual({ upgradeFeatures: ["15-bar espresso pump", "Steam wand for lattes and cappuccinos"] });
  });

  it("replaces a database seeded before shops had details and products had Shopify's updated_at", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);
    await prisma.shop.update({ where: { domain: shop }, data: { timezone: null } });
    await prisma.product.updateMany({ where: { shop }, data: { shopifyUpdatedAt: null } });

    const reseed = await seedDemoDatabase(prisma, data, SCOPES, ORIGIN);

    expect(reseed.seeded).toBe(true);
    expect(await prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } })).toEqual({
      timezone: "America/New_York",
    });
    expect(await prisma.product.count({ where: { shop, shopifyUpdatedAt: null } })).toBe(0);
  });
});

async function fingerprint(shop: string) {
  const [products, variants, orders, lines] = await Promise.all([
    prisma.product.findMany({ where: { shop }, orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    prisma.variant.findMany({ where: { shop }, orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    prisma.order.findMany({ where: { shop }, orderBy: { id: "asc" }, omit: { createdAt: true } }),
    prisma.orderLine.findMany({ where: { shop }, orderBy: { id: "asc" } }),
  ]);
  const hash = (rows: unknown[]) =>
    createHash("sha256")
      .update(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v)))
      .digest("hex");
  return {
    products: products.length,
    orders: orders.length,
    lines: lines.length,
    hash: hash([products, variants, orders, lines]),
  };
}
