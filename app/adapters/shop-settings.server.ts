/**
 * A shop's guardrail settings (the ShopSettings row) and the shop-level facts the settings page
 * edits beside them (free-shipping threshold, currency, on the Shop row). Every query carries the shop.
 * Nothing here creates the Shop row or defaults its currency: a shop with no row (its install
 * bootstrap has not reached Shopify yet) reads as null and its writes are refused.
 */
import type { ShopSettings as SettingsRow } from "@prisma/client";
import { prisma } from "../db.server";
import type { ShopSettingsInput } from "../domain/offers";
import type { SettingsInput } from "../schemas/settings";

export interface StoredShopSettings {
  /** Empty when the merchant never saved: the domain's defaults apply. */
  settings: ShopSettingsInput;
  freeShippingThresholdMinor: number | null;
  currency: string;
}

/** The shop's money and clock: the currency its amounts are in, the IANA zone its times are in. */
export interface ShopLocale {
  currency: string;
  /** Null until the install bootstrap has read it from Shopify (a row an early order created). */
  timezone: string | null;
}

/** The stored settings; null when the shop has no row. */
export async function findShopSettings(shop: string): Promise<StoredShopSettings | null> {
  const [row, shopRow] = await Promise.all([
    prisma.shopSettings.findUnique({ where: { shop } }),
    prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true, freeShippingThresholdMinor: true } }),
  ]);
  if (!shopRow) return null;
  return {
    settings: row ? toSettingsInput(row) : {},
    // BigInt column; amounts stay far below 2^53 (docs/decisions/004-money-in-minor-units.md).
    freeShippingThresholdMinor:
      shopRow.freeShippingThresholdMinor == null ? null : Number(shopRow.freeShippingThresholdMinor),
    currency: shopRow.currency,
  };
}

/** The shop's currency and timezone; null when the shop has no row. */
export async function findShopLocale(shop: string): Promise<ShopLocale | null> {
  return prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true, timezone: true } });
}

/** Stores the settings and the threshold together: both or neither; false when the shop has no row. */
export async function saveShopSettings(shop: string, input: SettingsInput): Promise<boolean> {
  const threshold = input.freeShippingThresholdMinor === null ? null : BigInt(input.freeShippingThresholdMinor);
  const columns = toColumns(input.settings);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.shop.updateMany({
      where: { domain: shop },
      data: { freeShippingThresholdMinor: threshold },
    });
    if (count === 0) return false;
    await tx.shopSettings.upsert({ where: { shop }, create: { shop, ...columns }, update: columns });
    return true;
  });
}

function toSettingsInput(row: SettingsRow): ShopSettingsInput {
  return {
    priceCapPercent: row.priceCapPercent,
    maxOffersPerSurface: {
      product: row.maxOffersProduct,
      cart: row.maxOffersCart,
      cart_removal: row.maxOffersCartRemoval,
      checkout: row.maxOffersCheckout,
      thank_you: row.maxOffersThankYou,
    },
    maxBoughtTogether: row.maxBoughtTogether,
    declineCooldownDays: row.declineCooldownDays,
    maxImpressionsPerOfferPerDay: row.maxImpressionsPerOfferPerDay,
    holdoutPercent: row.holdoutPercent,
    explorationPercent: row.explorationPercent,
  };
}

function toColumns(settings: SettingsInput["settings"]) {
  return {
    priceCapPercent: settings.priceCapPercent,
    maxOffersProduct: settings.maxOffersPerSurface.product,
    maxOffersCart: settings.maxOffersPerSurface.cart,
    maxOffersCartRemoval: settings.maxOffersPerSurface.cart_removal,
    maxOffersCheckout: settings.maxOffersPerSurface.checkout,
    maxOffersThankYou: settings.maxOffersPerSurface.thank_you,
    maxBoughtTogether: settings.maxBoughtTogether,
    declineCooldownDays: settings.declineCooldownDays,
    maxImpressionsPerOfferPerDay: settings.maxImpressionsPerOfferPerDay,
    holdoutPercent: settings.holdoutPercent,
    explorationPercent: settings.explorationPercent,
  };
}
