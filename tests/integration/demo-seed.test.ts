import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { generateDemoShop } from "../../app/demo/seed";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";

const SCOPES = "read_products,read_orders";

describe("the demo seed", () => {
  it("writes the same shop, catalog and orders every time, and re-running keeps them", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;

    const first = await seedDemoDatabase(prisma, data, SCOPES);
    const firstDump = await fingerprint(shop);
    const again = await seedDemoDatabase(prisma, generateDemoShop(), SCOPES);
    await prisma.shop.delete({ where: { domain: shop } });
    await seedDemoDatabase(prisma, generateDemoShop(), SCOPES);
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
  });

  it("replaces a catalog seeded before products had upgrade features", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    const brewPlus = data.products.find((p) => p.handle === "brew-plus")!;
    await seedDemoDatabase(prisma, data, SCOPES);
    await prisma.product.updateMany({ where: { shop }, data: { upgradeFeatures: Prisma.DbNull } });

    const reseed = await seedDemoDatabase(prisma, data, SCOPES);

    expect(reseed.seeded).toBe(true);
    expect(
      await prisma.product.findUnique({
        where: { shop_id: { shop, id: brewPlus.id } },
        select: { upgradeFeatures: true },
      }),
    ).toEqual({ upgradeFeatures: ["15-bar espresso pump", "Steam wand for lattes and cappuccinos"] });
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
