/**
 * Deterministic demo shop: catalog, customers and a year of orders with realistic
 * co-purchase structure, generated from a seed alone. Pure: no I/O and no clock, so the
 * same options always produce deep-equal data.
 */
import { FREE_SHIPPING_THRESHOLD_MINOR } from "./basket";
import { buildCatalog } from "./catalog";
import { DEFAULT_CUSTOMER_COUNT, generateCustomers, withHistoryTags } from "./customers";
import { DEFAULT_ORDER_COUNT, generateOrders } from "./orders";
import { createRandom, deriveSeed } from "./random";
import { parseAnchor } from "./timeline";
import type { DemoShopData, DemoShopOptions } from "./types";

export type {
  DemoCustomer,
  DemoOrder,
  DemoOrderLine,
  DemoProduct,
  DemoShopData,
  DemoShopInfo,
  DemoShopOptions,
  DemoVariant,
} from "./types";

export { collectionGid } from "./catalog";

export const DEMO_SEED = 20_261_101;
export const DEMO_ANCHOR_DATE = "2026-11-01T00:00:00Z";
export { DEFAULT_ORDER_COUNT };

// Separate streams mean a change to how customers are drawn doesn't reshuffle the orders'
// random sequence beyond what it has to.
const CUSTOMER_STREAM = 1;
const ORDER_STREAM = 2;

export function generateDemoShop(options: DemoShopOptions = {}): DemoShopData {
  const seed = options.seed ?? DEMO_SEED;
  const count = options.orderCount ?? DEFAULT_ORDER_COUNT;
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`orderCount must be a non-negative integer, got ${count}`);
  }
  const anchorMs = parseAnchor(options.anchorDate ?? DEMO_ANCHOR_DATE);
  const catalog = buildCatalog();
  const profiles = generateCustomers(createRandom(deriveSeed(seed, CUSTOMER_STREAM)), DEFAULT_CUSTOMER_COUNT);
  const orders = generateOrders({
    rng: createRandom(deriveSeed(seed, ORDER_STREAM)),
    catalog,
    customers: profiles,
    count,
    anchorMs,
  });
  return {
    shop: {
      domain: "cartlift-demo.myshopify.com",
      name: "Cartlift Demo Store",
      currency: "USD",
      freeShippingThresholdMinor: FREE_SHIPPING_THRESHOLD_MINOR,
    },
    products: catalog.entries.map((e) => e.product),
    customers: withHistoryTags(profiles, orders),
    orders,
  };
}
