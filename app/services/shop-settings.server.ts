/** A shop's guardrail settings: resolved with the domain's defaults, validated on save. */
import { findShopLocale, findShopSettings, saveShopSettings } from "../adapters/shop-settings.server";
import { fieldErrors } from "../schemas/form-errors";
import { resolveSettings, type ShopSettings } from "../domain/offers";
import { settingsInputSchema } from "../schemas/settings";
import { NotFoundError, ValidationError } from "./errors";
import { shopChanged } from "./shop-changes.server";

export interface ShopSettingsView {
  /** Every guardrail, defaults filled in where the merchant saved nothing. */
  settings: ShopSettings;
  freeShippingThresholdMinor: number | null;
  currency: string;
}

/** The clock rule schedules use when the bootstrap has not read the shop's zone yet (shown as such). */
export const FALLBACK_TIMEZONE = "UTC";

/** The shop's settings; a shop that never saved gets the defaults. NotFoundError for a shop with no row. */
export async function getShopSettings(shop: string): Promise<ShopSettingsView> {
  const stored = await findShopSettings(shop);
  // The row comes from the install bootstrap; without it there is no currency to show amounts in.
  if (!stored) throw new NotFoundError("shop");
  return {
    settings: resolveSettings(stored.settings),
    freeShippingThresholdMinor: stored.freeShippingThresholdMinor,
    currency: stored.currency,
  };
}

/** Validates the settings form and stores it in one transaction; ValidationError with field errors. */
export async function updateShopSettings(shop: string, input: unknown): Promise<ShopSettingsView> {
  const parsed = settingsInputSchema(await shopCurrency(shop)).safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  if (!(await saveShopSettings(shop, parsed.data))) throw new NotFoundError("shop");
  shopChanged(shop);
  return getShopSettings(shop);
}

/** The shop's currency (what its money inputs are in); NotFoundError for a shop with no row. */
export async function shopCurrency(shop: string): Promise<string> {
  return (await shopLocale(shop)).currency;
}

/** The shop's currency and IANA timezone (UTC until the bootstrap has read it); NotFoundError without a row. */
export async function shopLocale(shop: string): Promise<{ currency: string; timezone: string }> {
  const locale = await findShopLocale(shop);
  if (!locale) throw new NotFoundError("shop");
  return { currency: locale.currency, timezone: locale.timezone ?? FALLBACK_TIMEZONE };
}
