/**
 * Prisma access for shops, their sessions and shop-wide data removal. Every query carries the shop,
 * except the backend metafield's start-up list.
 */
import { randomUUID } from "node:crypto";
import { prisma } from "../db.server";
import type { ShopDetails } from "../schemas/shop";

export interface ShopCounts {
  products: number;
  variants: number;
  orders: number;
  lastOrderAt: Date | null;
}

/** Counts what Cartlift holds for one shop. */
export async function countShopData(shop: string): Promise<ShopCounts> {
  const [products, variants, orders, last] = await Promise.all([
    prisma.product.count({ where: { shop } }),
    prisma.variant.count({ where: { shop } }),
    prisma.order.count({ where: { shop } }),
    prisma.order.findFirst({ where: { shop }, orderBy: { processedAt: "desc" }, select: { processedAt: true } }),
  ]);
  return { products, variants, orders, lastOrderAt: last?.processedAt ?? null };
}

export async function findShop(shop: string) {
  return prisma.shop.findUnique({ where: { domain: shop } });
}

/**
 * Stores what the Admin API says about the shop: creates its row at install, refreshes it on
 * every later auth (and an auth means the app is installed again: uninstalledAt is cleared).
 */
export async function saveShopDetails(shop: string, details: ShopDetails, at = new Date()): Promise<void> {
  const columns = {
    name: details.name,
    currency: details.currency,
    presentmentCurrencies: details.presentmentCurrencies,
    timezone: details.timezone,
    moneyFormat: details.moneyFormat,
    primaryDomain: details.primaryDomain,
    planName: details.planName,
    developmentStore: details.developmentStore,
    detailsSyncedAt: at,
  };
  await prisma.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, ...columns },
    update: { ...columns, uninstalledAt: null },
  });
}

/** The app URL last written to the shop's backend metafield; null when none is (or no row). */
export async function findBackendUrl(shop: string): Promise<string | null> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { backendUrl: true } });
  return row?.backendUrl ?? null;
}

/** Records what the shop's backend metafield holds now (null: nothing, as after uninstall). */
export async function recordBackendUrl(shop: string, url: string | null): Promise<void> {
  await prisma.shop.updateMany({ where: { domain: shop }, data: { backendUrl: url } });
}

/**
 * Every installed shop whose backend metafield does not hold `url` (none written, or another URL),
 * for the start-up resync: the one query here that spans shops.
 */
export async function listShopsWithOtherBackendUrl(url: string): Promise<string[]> {
  const rows = await prisma.shop.findMany({
    // SQL's <> is never true for NULL: shops with none written need their own condition.
    where: { uninstalledAt: null, OR: [{ backendUrl: null }, { backendUrl: { not: url } }] },
    select: { domain: true },
    orderBy: { domain: "asc" },
  });
  return rows.map((row) => row.domain);
}

/** Removes every session of the shop; returns how many were removed. */
export async function deleteSessions(shop: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { shop } });
  return count;
}

export async function markShopUninstalled(shop: string, at: Date): Promise<void> {
  await prisma.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: at } });
}

/** Sets the scope of the shop's offline session(s): what app/scopes_update says was granted. */
export async function updateSessionScope(shop: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { shop, isOnline: false }, data: { scope } });
}

/**
 * Deletes the shop row (its catalog, orders, lines and refunds cascade), its sessions and its
 * webhook dead letters (kept without a relation to Shop, so they do not cascade).
 */
export async function deleteShopData(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.webhookDeadLetter.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { domain: shop } }),
  ]);
}

/**
 * Detaches a customer from the shop's orders and forgets which storefront ids were theirs
 * (docs/decisions/011-shopper-identity.md); returns how many orders were redacted.
 */
export async function redactCustomer(shop: string, customerId: string): Promise<number> {
  // Their exposure weeks stay in the lift under a random key: which weeks were theirs is forgotten.
  const keys = await prisma.shopperIdentity.findMany({ where: { shop, customerId }, select: { shopperKey: true } });
  const weeks = await prisma.shopperExposure.findMany({
    where: { shop, shopperKey: { in: [customerId, ...keys.map((k) => k.shopperKey)] } },
    select: { period: true, shopperKey: true },
  });
  const anonymise = weeks.map((week) =>
    prisma.shopperExposure.update({
      where: { shop_period_shopperKey: { shop, ...week } },
      data: { shopperKey: `redacted-${randomUUID()}` },
    }),
  );
  const [{ count }] = await prisma.$transaction([
    prisma.order.updateMany({ where: { shop, customerId }, data: { customerId: null } }),
    prisma.shopperIdentity.deleteMany({ where: { shop, customerId } }),
    // What their orders earned stays counted, no longer as theirs.
    prisma.offerAttribution.updateMany({ where: { shop, customerId }, data: { customerId: null } }),
    ...anonymise,
  ]);
  return count;
}

export async function countCustomerOrders(shop: string, customerId: string): Promise<number> {
  return prisma.order.count({ where: { shop, customerId } });
}
