/**
 * Decimal money strings ("19.99", as merchants type them and Shopify's APIs send them) to integer
 * minor units, without ever going through a float.
 */
import { currencyExponent, decimalString } from "../domain/offers/money";

const DECIMAL = /^\s*(\d{1,13})(?:\.(\d+))?\s*$/;

/** Minor units of a non-negative decimal string in the currency, or null when it is not one. */
export function parseMoneyMinor(value: string, currency: string): number | null {
  const match = DECIMAL.exec(value);
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > exponent && /[^0]/.test(fraction.slice(exponent))) return null;
  const minor = Number(match[1]) * 10 ** exponent + Number(fraction.slice(0, exponent).padEnd(exponent, "0") || 0);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** The decimal string a form shows for minor units ("1999" USD → "19.99"). */
export function formatMoneyInput(minor: number, currency: string): string {
  return decimalString(minor, currency);
}
