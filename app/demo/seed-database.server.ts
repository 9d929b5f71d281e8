/**
 * Writes the generated demo shop into the database through the adapters a real shop's data goes
 * through: the shop's details as the install bootstrap stores them (`saveShopDetails`), the catalog
 * as the catalog import writes a batch (`saveCatalogBatch`, through `saveProducts` and
 * `saveCollections`, the one code path for the catalog, which the product webhooks use too), the
 * orders as the order import does (`insertNewOrders`), plus the offline session Shopify's token
 * exchange would have stored and the backend metafield the install would have written.
 */
import type { PrismaClient } from "@prisma/client";
import { createImport, saveCatalogBatch, updateImport } from "../adapters/catalog-import-store.server";
import { insertNewOrders } from "../adapters/orders.server";
import { recordBackendUrl, saveShopDetails } from "../adapters/shop-repository.server";
import { backendMetafieldValue } from "../schemas/app-metafields";
import type { IncomingCollection, IncomingProduct } from "../schemas/catalog";
import type { IncomingOrder } from "../schemas/orders";
import type { ShopDetails } from "../schemas/shop";
import { collectionGid, DEMO_ANCHOR_DATE, type DemoProduct, type DemoShopData } from "./seed";
import { DEMO_ANALYTICS_ORDER_PREFIX } from "./seed/analytics";
import { optionName } from "./storefront/cart-json";
import { buildStoreData } from "./storefront/shop-data";

// Orders per insertNewOrders transaction.
const ORDER_BATCH = 500;
// When Shopify last changed the demo's products: fixed, so every seed writes the same rows.
const CATALOG_UPDATED_AT = new Date(DEMO_ANCHOR_DATE);

export interface SeedResult {
  seeded: boolean;
  products: number;
  orders: number;
  orderLines: number;
}

/** What the Admin API would say about the demo shop: a US development store on Eastern time. */
export function demoShopDetails(data: DemoShopData): ShopDetails {
  return {
    name: data.shop.name,
    currency: data.shop.currency,
    presentmentCurrencies: [data.shop.currency],
    timezone: "America/New_York",
    moneyFormat: "${{amount}}",
    primaryDomain: data.shop.domain,
    planName: "Development",
    developmentStore: true,
  };
}

/**
 * Seeds the demo shop unless exactly this data is already there; replaces stale demo data. On every
 * start, records `appOrigin` (the demo app's) as the backend metafield's URL: a real shop's is written
 * through the Admin API, which the demo never calls, so the start-up resync must find nothing to write.
 */
export async function seedDemoDatabase(
  prisma: PrismaClient,
  data: DemoShopData,
  scopes: string,
  appOrigin: string,
): Promise<SeedResult> {
  const shop = data.shop.domain;
  const lineCount = data.orders.reduce((sum, order) => sum + order.lines.length, 0);
  const result = { products: data.products.length, orders: data.orders.length, orderLines: lineCount };
  await upsertOfflineSession(prisma, shop, scopes);
  const seeded = !(await alreadySeeded(prisma, data, lineCount));
  if (seeded) await replaceDemoData(prisma, data);
  // Every start: the demo may run on another port than last time.
  await recordBackendUrl(shop, backendMetafieldValue(appOrigin));
  return { seeded, ...result };
}

async function replaceDemoData(prisma: PrismaClient, data: DemoShopData): Promise<void> {
  const shop = data.shop.domain;
  // Stale demo data goes whole (the shop row cascades to its catalog, orders, rules, tombstones…).
  await prisma.shop.deleteMany({ where: { domain: shop } });
  await saveShopDetails(shop, demoShopDetails(data));
  // A merchant setting (the settings page writes it for a real shop), not something Shopify reports.
  await prisma.shop.update({
    where: { domain: shop },
    data: { freeShippingThresholdMinor: BigInt(data.shop.freeShippingThresholdMinor) },
  });
  await importDemoCatalog(data);
  const orders = data.orders.map(toIncomingOrder);
  for (const batch of chunks(orders, ORDER_BATCH)) {
    await prisma.$transaction((tx) => insertNewOrders(tx, shop, batch, []));
  }
}

async function alreadySeeded(prisma: PrismaClient, data: DemoShopData, lineCount: number): Promise<boolean> {
  const shop = data.shop.domain;
  const first = data.products[0];
  const featured = data.products.find((p) => p.upgradeFeatures.length > 0);
  const [shopRow, products, orders, lines, lastOrder, firstProduct, featuredProduct] = await Promise.all([
    prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } }),
    prisma.product.count({ where: { shop } }),
    // The analytics history's own orders (seed-analytics.server.ts) are not the generated history's.
    prisma.order.count({ where: { shop, NOT: { name: { startsWith: DEMO_ANALYTICS_ORDER_PREFIX } } } }),
    prisma.orderLine.count({ where: { shop, order: { NOT: { name: { startsWith: DEMO_ANALYTICS_ORDER_PREFIX } } } } }),
    prisma.order.findUnique({ where: { shop_id: { shop, id: data.orders.at(-1)?.id ?? "" } } }),
    prisma.product.findFirst({
      where: { shop, id: first?.id ?? "" },
      select: { imageUrl: true, shopifyUpdatedAt: true },
    }),
    prisma.product.findFirst({ where: { shop, id: featured?.id ?? "" }, select: { upgradeFeatures: true } }),
  ]);
  // A database written by an older seed (other image URLs, no upgrade features, no shop details or
  // Shopify timestamps) is replaced too.
  return (
    shopRow?.timezone === demoShopDetails(data).timezone &&
    products === data.products.length &&
    orders === data.orders.length &&
    lines === lineCount &&
    lastOrder !== null &&
    firstProduct?.imageUrl === (first?.imageUrl ?? null) &&
    firstProduct?.shopifyUpdatedAt?.getTime() === CATALOG_UPDATED_AT.getTime() &&
    JSON.stringify(featuredProduct?.upgradeFeatures ?? null) === JSON.stringify(featured?.upgradeFeatures ?? null)
  );
}

/**
 * The catalog as a completed catalog import leaves it: an import record (what the home page's
 * progress card shows) and one batch through the import's own write (`saveCatalogBatch`, which
 * stores through `saveProducts` and `saveCollections`), as if Shopify's export had listed it.
 */
async function importDemoCatalog(data: DemoShopData): Promise<void> {
  const shop = data.shop.domain;
  const products = data.products.map(toIncomingProduct);
  const record = await createImport(shop);
  await updateImport(shop, record.id, { status: "downloading", productsTotal: products.length });
  // The lines a bulk export of this catalog has: a product, each of its variants, each membership.
  const lines = products.reduce((sum, p) => sum + 1 + p.variants.length + (p.collections?.length ?? 0), 0);
  const batch = { products, variants: [], memberships: [], collections: demoCollections(data), touch: [] };
  await saveCatalogBatch(shop, record.id, data.shop.currency, batch, lines);
  await updateImport(shop, record.id, { status: "completed", finishedAt: new Date() });
}

/** A demo product as the catalog import would parse it: active, on the Online Store. */
export function toIncomingProduct(p: DemoProduct): IncomingProduct {
  const onlyDefault = p.variants.length === 1 && p.variants[0]?.title === "Default Title";
  // One option per product, named as the demo storefront names it (Shopify's "Title" for none).
  const option = onlyDefault ? "Title" : optionName(p.variants[0]?.title ?? "");
  return {
    id: p.id,
    title: p.title,
    handle: p.handle,
    status: "active",
    publishedOnline: true,
    productType: p.productType,
    vendor: p.vendor,
    tags: p.tags,
    collections: p.collections,
    imageUrl: p.imageUrl,
    // Unset (NULL) like a product whose metafield the merchant never filled.
    upgradeFeatures: p.upgradeFeatures.length > 0 ? p.upgradeFeatures : null,
    options: [{ name: option, values: p.variants.map((v) => v.title) }],
    shopifyUpdatedAt: CATALOG_UPDATED_AT,
    variants: p.variants.map((v, position) => ({
      id: v.id,
      title: v.title,
      sku: v.sku,
      priceMinor: v.priceMinor,
      compareAtPriceMinor: v.compareAtPriceMinor,
      inventoryQuantity: v.inventoryQuantity,
      availableForSale: v.availableForSale,
      position,
      selectedOptions: [{ name: option, value: v.title }],
      inventoryItemId: v.inventoryItemId,
    })),
  };
}

/** The collections the demo's products list, titled as the demo storefront shows them. */
function demoCollections(data: DemoShopData): IncomingCollection[] {
  const { collections } = buildStoreData(data);
  // "all" is the storefront's catalog page, not a collection of the shop.
  return [...collections.values()]
    .filter((c) => c.handle !== "all")
    .map((c) => ({
      id: collectionGid(c.handle),
      handle: c.handle,
      title: c.title,
      shopifyUpdatedAt: CATALOG_UPDATED_AT,
    }));
}

export function toIncomingOrder(o: DemoShopData["orders"][number]): IncomingOrder {
  return {
    id: o.id,
    name: o.name,
    processedAt: new Date(o.processedAt),
    currency: o.currency,
    subtotalMinor: o.subtotalMinor,
    totalMinor: o.totalMinor,
    customerId: o.customerId,
    lines: o.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      variantId: l.variantId,
      title: l.title,
      quantity: l.quantity,
      priceMinor: l.priceMinor,
    })),
  };
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

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
