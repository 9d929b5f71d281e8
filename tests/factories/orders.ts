/** Order fixtures for integration tests: the fixture shop's catalog, exports and webhook bodies. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { saveShopDetails } from "../../app/adapters/shop-repository.server";
import { prisma } from "../../app/db.server";
import { ensureBuiltInPersonas } from "../../app/services/personas.server";
import { shopDetails } from "./shopify";

const FIXTURES = path.resolve("tests/fixtures");

const read = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/** The bulk export of the fixture shop's first ten orders (one line item listed out of group). */
export const BASE_EXPORT = read("orders/bulk-orders.jsonl");
/** The export rows of order #1011, the one that also arrives as an orders/create webhook. */
export const EXTRA_EXPORT = read("orders/bulk-orders-extra.jsonl");

/** A fresh copy of the recorded orders/create body for order #1011, with overrides. */
export function orderCreatedPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(read("webhooks/orders-create.json")) as Record<string, unknown>), ...overrides };
}

/** An orders/create body for order `n` of the given fixture products (numeric ids, e.g. 7003). */
export function numberedOrderPayload(n: number, productIds: number[]): Record<string, unknown> {
  return orderCreatedPayload({
    id: 60_000 + n,
    admin_graphql_api_id: `gid://shopify/Order/${60_000 + n}`,
    name: `#${20_000 + n}`,
    line_items: productIds.map((productId, i) => ({
      id: 600_000 + n * 10 + i,
      product_id: productId,
      variant_id: productId + 1000,
      title: `Product ${productId}`,
      quantity: 1,
      price: "10.00",
    })),
  });
}

/** The recorded bulk_operations/finish body, for the given operation. */
export function bulkFinishPayload(operationId: string, status = "completed"): Record<string, unknown> {
  const body = JSON.parse(read("webhooks/bulk-operations-finish.json")) as Record<string, unknown>;
  return { ...body, admin_graphql_api_id: operationId, status };
}

interface FixtureProduct {
  id: string;
  handle: string;
  title: string;
  productType: string;
  tags: string[];
  collections: string[];
  variants: { id: string; title: string; priceMinor: number }[];
}

/** Creates the shop row and the fixture catalog (coffee machines, pods, cameras, SD cards). */
export async function createFixtureShop(shop: string): Promise<void> {
  const products = JSON.parse(read("orders/catalog.json")) as FixtureProduct[];
  await saveShopDetails(shop, shopDetails(shop, { name: "Fixture Coffee & Cameras" }));
  // What the install hook does (app/shopify.server.ts): the shop starts with the shipped personas.
  await ensureBuiltInPersonas(shop);
  for (const p of products) {
    await prisma.product.create({
      data: {
        shop,
        id: p.id,
        title: p.title,
        handle: p.handle,
        productType: p.productType,
        tags: p.tags,
        collections: p.collections,
        variants: {
          create: p.variants.map((v) => ({
            id: v.id,
            title: v.title,
            priceMinor: BigInt(v.priceMinor),
            currency: "USD",
          })),
        },
      },
    });
  }
}

/** The shop's stored orders and lines without shop-specific columns, comparable across shops. */
export async function storedOrders(shop: string) {
  const [orders, lines] = await Promise.all([
    // Without what only the webhooks carry (the buyer's currency and prices, the offer mark): the
    // history import does not read them, and the tests compare the two paths' orders.
    prisma.order.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      omit: { shop: true, createdAt: true, presentmentCurrency: true },
    }),
    prisma.orderLine.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      omit: { shop: true, presentmentPriceMinor: true, offerMark: true },
    }),
  ]);
  return { orders, lines };
}
