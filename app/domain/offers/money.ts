/**
 * Money in integer minor units. Percentages are applied in basis points with integer
 * arithmetic and explicit half-up rounding, so no amount is ever a fraction of a cent.
 */
import { DomainError } from "./errors";
import type { Discount } from "./types";

// ISO 4217 exponents that differ from 2; every other currency has two decimals.
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

const formatters = new Map<string, (amountMinor: number) => string>();

/** Decimal places of a currency's minor unit (JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** Minor units as a plain decimal string in the currency: 1999 USD → "19.99", 756 JPY → "756". */
export function decimalString(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(exponent + 1, "0");
  return `${text.slice(0, -exponent)}.${text.slice(-exponent)}`;
}

/** Throws unless `amount` is a safe integer (a valid minor-unit amount). */
export function assertMinor(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError("invalid_amount", `${what} must be an integer number of minor units, got ${amount}`);
  }
}

/** A percentage (up to two decimals) as integer basis points; throws on more precision. */
export function toBasisPoints(percent: number): number {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || Math.abs(percent * 100 - bp) > 1e-6) {
    throw new DomainError("invalid_amount", `a percentage has at most two decimals, got ${percent}`);
  }
  return bp;
}

// Half up for non-negative numerators; amounts here are never negative.
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator / 2) / denominator);
}

/** `percent`% of a non-negative amount, rounded half up to whole minor units. */
export function percentOf(amountMinor: number, percent: number): number {
  assertMinor(amountMinor, "amount");
  return divideHalfUp(amountMinor * toBasisPoints(percent), 10_000);
}

/** The price after a discount, rounded half up, never below zero. */
export function applyDiscount(priceMinor: number, discount: Discount | undefined): number {
  assertMinor(priceMinor, "price");
  if (!discount) return priceMinor;
  switch (discount.type) {
    case "percentage": {
      const bp = toBasisPoints(discount.value);
      if (bp <= 0 || bp > 10_000)
        throw new DomainError("invalid_amount", `a discount is 1–100%, got ${discount.value}`);
      return divideHalfUp(priceMinor * (10_000 - bp), 10_000);
    }
    case "fixed_amount":
      assertMinor(discount.amountMinor, "discount amount");
      if (discount.amountMinor < 0) throw new DomainError("invalid_amount", "a fixed discount cannot be negative");
      return Math.max(0, priceMinor - discount.amountMinor);
    default: {
      const unknown: never = discount;
      throw new DomainError("invalid_amount", `unknown discount ${JSON.stringify(unknown)}`);
    }
  }
}

/** A short label for a discount, e.g. "10% off" or "$5.00 off". */
export function describeDiscount(discount: Discount, currency: string): string {
  switch (discount.type) {
    case "percentage":
      return `${discount.value}% off`;
    case "fixed_amount":
      return `${formatMinor(discount.amountMinor, currency)} off`;
    default: {
      const unknown: never = discount;
      throw new DomainError("invalid_amount", `unknown discount ${JSON.stringify(unknown)}`);
    }
  }
}

/** Formats minor units for reasons, e.g. 123400 USD → "$1,234.00", 1234 JPY → "¥1,234". */
export function formatMinor(amountMinor: number, currency: string): string {
  let format = formatters.get(currency);
  if (!format) {
    format = buildFormatter(currency);
    formatters.set(currency, format);
  }
  return format(amountMinor);
}

// Intl is asked once per currency for its symbol and where it goes; the digits are then laid out
// with integer arithmetic (en-US grouping), which is exact and an order of magnitude faster.
function buildFormatter(currency: string): (amountMinor: number) => string {
  const code = currency.toUpperCase();
  const digits = currencyExponent(code);
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat("en-US", { style: "currency", currency: code }).formatToParts(1);
  } catch {
    throw new DomainError("invalid_currency", `unknown currency "${currency}"`);
  }
  const first = parts.findIndex((part) => part.type === "integer");
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => p.type === "integer" || p.type === "fraction");
  const prefix = parts
    .slice(0, first)
    .map((part) => part.value)
    .join("");
  const suffix = parts
    .slice(last + 1)
    .map((part) => part.value)
    .join("");
  const scale = 10 ** digits;
  return (amountMinor) => {
    const abs = Math.abs(amountMinor);
    const whole = Math.floor(abs / scale);
    const fraction = digits > 0 ? "." + String(abs - whole * scale).padStart(digits, "0") : "";
    return `${amountMinor < 0 ? "-" : ""}${prefix}${groupThousands(whole)}${fraction}${suffix}`;
  };
}

function groupThousands(value: number): string {
  const text = String(value);
  if (text.length <= 3) return text;
  let out = text.slice(0, text.length % 3 || 3);
  for (let i = out.length; i < text.length; i += 3) out += "," + text.slice(i, i + 3);
  return out;
}
