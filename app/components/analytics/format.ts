/**
 * How the analytics show numbers, the same on the server and in the browser (no local zone or
 * locale: hydration must match): money in the shop's currency, shares as percentages, days as dates.
 */
import type { InsufficientVerdict, Needed } from "../../domain/analytics";
import { formatMinor } from "../../domain/offers";

/** Minor units (possibly fractional: a mean) as money, e.g. 1234.4 USD → "$12.34". */
export function money(minor: number, currency: string): string {
  return formatMinor(Math.round(minor), currency);
}

/** A difference in money with its sign: "+$0.42", "−$0.10". */
export function signedMoney(minor: number, currency: string): string {
  const rounded = Math.round(minor);
  return `${rounded < 0 ? "−" : "+"}${formatMinor(Math.abs(rounded), currency)}`;
}

/** A share as a percentage: 0.0342 → "3.4%". */
export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** A relative change with its sign: 0.123 → "+12.3%". */
export function signedPercent(share: number): string {
  const text = percent(Math.abs(share));
  return `${share < 0 && text !== percent(0) ? "−" : "+"}${text}`;
}

/** A difference of shares in percentage points: 0.012 → "+1.2 pp". */
export function signedPoints(share: number): string {
  const points = (Math.abs(share) * 100).toFixed(1);
  return `${share < 0 && Number(points) !== 0 ? "−" : "+"}${points} pp`;
}

/** A count with thousands separators. */
export function count(value: number): string {
  return value.toLocaleString("en");
}

const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const SHORT = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** "2026-12-09" → "Dec 9, 2026" (a calendar day: no zone shifts it). */
export function formatDay(day: string): string {
  return DATE.format(new Date(`${day}T00:00:00Z`));
}

/** "2026-12-09" → "Dec 9". */
export function formatShortDay(day: string): string {
  return SHORT.format(new Date(`${day}T00:00:00Z`));
}

const COUNTED: Record<Needed["of"], string> = {
  units: "shopper-weeks",
  converters: "shopper-weeks with an order",
  non_converters: "shopper-weeks without an order",
};

/** What a lift without a verdict still needs, in the merchant's words. */
export function insufficientText({ reason, needed }: InsufficientVerdict): string {
  const more = [
    needed.exposed > 0 ? `${count(needed.exposed)} more in the exposed group` : null,
    needed.holdout > 0 ? `${count(needed.holdout)} more in the holdout` : null,
  ]
    .filter(Boolean)
    .join(" and ");
  switch (reason) {
    case "too_few_units":
    case "too_few_converters":
    case "too_few_non_converters":
      return `Needs ${more} (${COUNTED[needed.of]}).`;
    case "zero_variance": {
      const group =
        needed.exposed > 0 && needed.holdout > 0
          ? "both groups"
          : needed.exposed > 0
            ? "the exposed group"
            : "the holdout";
      return `Every shopper-week in ${group} has the same value so far.`;
    }
    case "zero_holdout_mean":
      return "The holdout has no sales yet to compare with.";
    case "interval_too_wide":
      return `The interval is still too wide: about ${more} (${COUNTED[needed.of]}) would narrow it.`;
  }
}
