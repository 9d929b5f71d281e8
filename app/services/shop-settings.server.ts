/** A shop's guardrail settings: resolved with the domain's defaults, validated on save. */
import { findShopCurrency, findShopSettings, saveShopSettings } from "../adapters/shop-settings.server";
import { fieldErrors } from "../schemas/form-errors";
import { resolveSettings, type ShopSettings } from "../domain/offers";
import { settingsInputSchema } from "../schemas/settings";
import { ValidationError } from "./errors";
import { shopChanged } from "./shop-changes.server";

export interface ShopSettingsView {
  /** Every guardrail, defaults filled in where the merchant saved nothing. */
  settings: ShopSettings;
  freeShippingThresholdMinor: number | null;
  currency: string;
}

/** The shop's settings; a shop that never saved gets the defaults. */
export async function getShopSettings(shop: string): Promise<ShopSettingsView> {
  const stored = await findShopSettings(shop);
  return {
    settings: resolveSettings(stored.settings),
    freeShippingThresholdMinor: stored.freeShippingThresholdMinor,
    currency: stored.currency,
  };
}

/** Validates the settings form and stores it in one transaction; ValidationError with field errors. */
export async function updateShopSettings(shop: string, input: unknown): Promise<ShopSettingsView> {
  const parsed = settingsInputSchema(await findShopCurrency(shop)).safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  await saveShopSettings(shop, parsed.data);
  shopChanged(shop);
  return getShopSettings(shop);
}

/** The shop's currency (what its money inputs are in). */
export async function shopCurrency(shop: string): Promise<string> {
  return findShopCurrency(shop);
}
