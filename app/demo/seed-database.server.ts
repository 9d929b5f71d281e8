/**
 * Writes the generated demo shop into the database, as a real shop's catalog sync and order
 * import would, plus the offline session Shopify's token exchange would have stored.
 */
import type { PrismaClient } from "@prisma/client";
import type { DemoShopData } from "./seed";

const CHUNK = 500;

export interface SeedResult {
  seeded: boolean;
  products: number;
  orders: number;
  orderLines: number;
}

/** Seeds the demo shop unless exactly this data is already there; replaces stale demo data. */
export async function seedDemoDatabase(prisma: PrismaClient, data: DemoShopData, scopes: string): Promise<SeedResult> {
  const shop = data.shop.domain;
  const lineCount = data.orders.reduce((sum, order) => sum + order.lines.length, 0);
  const result = { products: data.products.length, orders: data.orders.length, orderLines: lineCount };
  await upsertOfflineSession(prisma, shop, scopes);
  if (await alreadySeeded(prisma, data, lineCount)) return { seeded: false, ...result };

  await prisma.shop.deleteMany({ where: { domain: shop } });
  await prisma.shop.create({
    data: {
      domain: shop,
      name: data.shop.name,
      currency: data.shop.currency,
      freeShippingThresholdMinor: BigInt(data.shop.freeShippingThresholdMinor),
    },
  });
  await insertCatalog(prisma, data);
  await insertOrders(prisma, data);
  return { seeded: true, ...result };
}

async function alreadySeeded(prisma: PrismaClient, data: DemoShopData, lineCount: number): Promise<boolean> {
  const shop = data.shop.domain;
  const first = data.products[0];
  const featured = data.products.find((p) => p.upgradeFeatures.length > 0);
  const [products, orders, lines, lastOrder, firstProduct, featuredProduct] = await Promise.all([
    prisma.product.count({ where: { shop } }),
    prisma.order.count({ where: { shop } }),
    prisma.orderLine.count({ where: { shop } }),
    prisma.order.findUnique({ where: { shop_id: { shop, id: data.orders.at(-1)?.id ?? "" } } }),
    prisma.product.findFirst({ where: { shop, id: first?.id ?? "" }, select: { imageUrl: true } }),
    prisma.product.findFirst({ where: { shop, id: featured?.id ?? "" }, select: { upgradeFeatures: true } }),
  ]);
  // A catalog written by an older seed (e.g. other image URLs, no upgrade features) is replaced too.
  return (
    products === data.products.length &&
    orders === data.orders.length &&
    lines === lineCount &&
    lastOrder !== null &&
    firstProduct?.imageUrl === (first?.imageUrl ?? null) &&
    JSON.stringify(featuredProduct?.upgradeFeatures ?? null) === JSON.stringify(featured?.upgradeFeatures ?? null)
  );
}

async function insertCatalog(prisma: PrismaClient, data: DemoShopData): Promise<void> {
  const shop = data.shop.domain;
  for (const batch of chunks(data.products)) {
    await prisma.product.createMany({
      data: batch.map((p) => ({
        shop,
        id: p.id,
        title: p.title,
        handle: p.handle,
        productType: p.productType,
        vendor: p.vendor,
        tags: p.tags,
        collections: p.collections,
        imageUrl: p.imageUrl,
        // Unset (NULL) like a product whose metafield the merchant never filled.
        upgradeFeatures: p.upgradeFeatures.length > 0 ? p.upgradeFeatures : undefined,
      })),
    });
  }
  const variants = data.products.flatMap((p) => p.variants.map((v, position) => ({ p, v, position })));
  for (const batch of chunks(variants)) {
    await prisma.variant.createMany({
      data: batch.map(({ p, v, position }) => ({
        shop,
        id: v.id,
        productId: p.id,
        title: v.title,
        sku: v.sku,
        priceMinor: BigInt(v.priceMinor),
        compareAtPriceMinor: v.compareAtPriceMinor === null ? null : BigInt(v.compareAtPriceMinor),
        currency: data.shop.currency,
        inventoryQuantity: v.inventoryQuantity,
        availableForSale: v.availableForSale,
        position,
      })),
    });
  }
}

async function insertOrders(prisma: PrismaClient, data: DemoShopData): Promise<void> {
  const shop = data.shop.domain;
  for (const batch of chunks(data.orders)) {
    await prisma.order.createMany({
      data: batch.map((o) => ({
        shop,
        id: o.id,
        name: o.name,
        processedAt: new Date(o.processedAt),
        currency: o.currency,
        subtotalMinor: BigInt(o.subtotalMinor),
        totalMinor: BigInt(o.totalMinor),
        customerId: o.customerId,
      })),
    });
    await prisma.orderLine.createMany({
      data: batch.flatMap((o) =>
        o.lines.map((l) => ({
          shop,
          id: l.id,
          orderId: o.id,
          productId: l.productId,
          variantId: l.variantId,
          title: l.title,
          quantity: l.quantity,
          priceMinor: BigInt(l.priceMinor),
        })),
      ),
    });
  }
}

// What Shopify's token exchange stores for an installed shop; the token is not a real one, so
// the demo never calls the Admin API (it has no store to call).
async function upsertOfflineSession(prisma: PrismaClient, shop: string, scopes: string): Promise<void> {
  const session = { shop, state: "", isOnline: false, scope: scopes, accessToken: "demo-offline-access-token" };
  await prisma.session.upsert({
    where: { id: `offline_${shop}` },
    create: { id: `offline_${shop}`, ...session },
    update: session,
  });
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}
