/** The per-shop offer mark key on the Shop row (docs/decisions/010-offer-mark.md). Every query carries the shop. */
import { prisma } from "../db.server";

export interface StorefrontShopRow {
  currency: string;
  freeShippingThresholdMinor: number | null;
  offerMarkKey: string | null;
  installed: boolean;
}

/** The shop's storefront facts, or null when Cartlift has no row for it. */
export async function findStorefrontShop(shop: string): Promise<StorefrontShopRow | null> {
  const row = await prisma.shop.findUnique({
    where: { domain: shop },
    select: { currency: true, freeShippingThresholdMinor: true, offerMarkKey: true, uninstalledAt: true },
  });
  if (!row) return null;
  return {
    currency: row.currency,
    freeShippingThresholdMinor: row.freeShippingThresholdMinor === null ? null : Number(row.freeShippingThresholdMinor),
    offerMarkKey: row.offerMarkKey,
    installed: row.uninstalledAt === null,
  };
}

/**
 * Stores the key unless the shop already has one, and returns the shop's key (null when there is no
 * Shop row). Conditional, so concurrent first uses on several servers agree on one key.
 */
export async function storeMarkKeyIfMissing(shop: string, key: string): Promise<string | null> {
  await prisma.shop.updateMany({ where: { domain: shop, offerMarkKey: null }, data: { offerMarkKey: key } });
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { offerMarkKey: true } });
  return row?.offerMarkKey ?? null;
}
