/** Prisma access for shops, their sessions and shop-wide data removal. Every query carries the shop. */
import { prisma } from "../db.server";

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

/** Removes every session of the shop; returns how many were removed. */
export async function deleteSessions(shop: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { shop } });
  return count;
}

export async function markShopUninstalled(shop: string, at: Date): Promise<void> {
  await prisma.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: at } });
}

export async function updateSessionScope(sessionId: string, shop: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, shop }, data: { scope } });
}

/** Deletes the shop row (its catalog, orders and lines cascade) and its sessions. */
export async function deleteShopData(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { domain: shop } }),
  ]);
}

/**
 * Detaches a customer from the shop's orders and forgets which storefront ids were theirs
 * (docs/decisions/011-shopper-identity.md); returns how many orders were redacted.
 */
export async function redactCustomer(shop: string, customerId: string): Promise<number> {
  const [{ count }] = await prisma.$transaction([
    prisma.order.updateMany({ where: { shop, customerId }, data: { customerId: null } }),
    prisma.shopperIdentity.deleteMany({ where: { shop, customerId } }),
  ]);
  return count;
}

export async function countCustomerOrders(shop: string, customerId: string): Promise<number> {
  return prisma.order.count({ where: { shop, customerId } });
}
