/**
 * The period exposure is counted in: the UTC week, starting Monday (docs/decisions/027-exposures.md).
 * A shopper who reaches a surface is one unit per week, whatever they do in it.
 */

const DAY_MS = 86_400_000;

/** The week's Monday as YYYY-MM-DD (UTC): the period's key. */
export function exposurePeriod(at: Date): string {
  return periodStart(at).toISOString().slice(0, 10);
}

/** 00:00 UTC on the Monday of `at`'s week. */
export function periodStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  // getUTCDay: 0 is Sunday; Monday starts the week.
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/** The start of the week after `period` (exclusive end). */
export function periodEnd(period: string): Date {
  return new Date(Date.parse(`${period}T00:00:00Z`) + 7 * DAY_MS);
}
