/**
 * Shop-currency amounts in the shopper's presentment currency (docs/decisions/009-presentment-prices.md):
 * the rate the theme's `Shopify.currency.rate` gives, rounded to the presentment currency's minor
 * units. Decisions and the price cap stay in the shop's currency.
 */
import { currencyExponent } from "../domain/offers";

export interface Presentment {
  currency: string;
  /** Presentment minor units for an amount in the shop currency's minor units. */
  convert(shopMinor: number): number;
}

/** The presentment for a request: converted when the theme names another currency and its rate. */
export function presentmentFor(
  shopCurrency: string,
  currency: string | undefined,
  rate: number | undefined,
): Presentment {
  if (!currency || currency === shopCurrency || rate === undefined) {
    return { currency: shopCurrency, convert: (minor) => minor };
  }
  // shop minor → shop major (÷10^e) → presentment major (×rate) → presentment minor (×10^e').
  const factor = rate * 10 ** (currencyExponent(currency) - currencyExponent(shopCurrency));
  return {
    currency,
    // Half away from zero; the epsilon keeps 0.5 steps that binary floats store as 0.4999… from rounding down.
    convert: (minor) => Math.sign(minor) * Math.round(Math.abs(minor * factor) * (1 + 1e-12)),
  };
}
