/**
 * A shop's guardrail settings (the ShopSettings row) and the shop-level facts the settings page
 * edits beside them (free-shipping threshold, currency, on the Shop row). Every query carries the shop.
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

const DEFAULT_CURRENCY = "USD";

export async function findShopSettings(shop: string): Promise<StoredShopSettings> {
  const [row, shopRow] = await Promise.all([
    prisma.shopSettings.findUnique({ where: { shop } }),
    prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true, freeShippingThresholdMinor: true } }),
  ]);
  return {
    settings: row ? toSettingsInput(row) : {},
    // BigInt column; amounts stay far below 2^53 (docs/decisions/004-money-in-minor-units.md).
    freeShippingThresholdMinor:
      shopRow?.freeShippingThresholdMinor == null ? null : Number(shopRow.freeShippingThresholdMinor),
    currency: shopRow?.currency ?? DEFAULT_CURRENCY,
  };
}

export async function findShopCurrency(shop: string): Promise<string> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true } });
  return row?.currency ?? DEFAULT_CURRENCY;
}

/** Stores the settings and the threshold together: both or neither. */
export async function saveShopSettings(shop: string, input: SettingsInput): Promise<void> {
  const threshold = input.freeShippingThresholdMinor === null ? null : BigInt(input.freeShippingThresholdMinor);
  const columns = toColumns(input.settings);
  await prisma.$transaction([
    prisma.shop.upsert({
      where: { domain: shop },
      create: { domain: shop, name: shop.replace(/\.myshopify\.com$/, ""), freeShippingThresholdMinor: threshold },
      update: { freeShippingThresholdMinor: threshold },
    }),
    prisma.shopSettings.upsert({ where: { shop }, create: { shop, ...columns }, update: columns }),
  ]);
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
