/**
 * The analytics page's date range (`?from=YYYY-MM-DD&to=YYYY-MM-DD`, days in the shop's zone, both
 * inclusive) and the shape of what the page and its CSV show (docs/decisions/029-analytics-page.md).
 * Pure: the loader and the CSV route parse with it, the components use its types and day arithmetic.
 */
import { z } from "zod";
import type { LiftReport } from "../domain/analytics";
import { exposurePeriod } from "../domain/attribution/period";
import { fieldErrors, type FieldErrors } from "./form-errors";
import { utcToZonedInput, zonedInputToUtc, zoneOffsetMinutes } from "./zoned-time";

/** The longest range a page or CSV covers: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;
/** The range shown when none is asked for: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
/** The range buttons: the last 7, 30 and 90 days. */
export const RANGE_PRESETS = [7, 30, 90] as const;

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayMs(day: string): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March: no such day.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) return null;
  return ms;
}

/** True for a day of the calendar written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  return dayMs(day) !== null;
}

/** The day `n` days after `day` (before, for a negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(dayMs(day)! + n * DAY_MS).toISOString().slice(0, 10);
}

/** How many days `from` … `to` covers, both included (1 for the same day). */
export function rangeLength(from: string, to: string): number {
  return Math.round((dayMs(to)! - dayMs(from)!) / DAY_MS) + 1;
}

/** Every day of `from` … `to`, in order. */
export function eachDay(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, rangeLength(from, to)) }, (_, i) => addDays(from, i));
}

/** The last `days` days up to `today`, today included. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, 1 - days), to: today };
}

const dayField = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isCalendarDay(value), `Enter the ${name} date as YYYY-MM-DD`);

/**
 * `?from&to`: both or neither (neither: the default range), from ≤ to, at most a year. The range
 * is in the shop's zone, which this schema does not need: days are compared as days.
 */
export const analyticsRangeQuery = z
  .object({ from: dayField("start"), to: dayField("end") })
  .superRefine(({ from, to }, ctx) => {
    const fail = (path: "from" | "to", message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (from === undefined && to === undefined) return;
    if (from === undefined) return fail("from", "Enter a start date");
    if (to === undefined) return fail("to", "Enter an end date");
    // A date that is not one has its own error already.
    if (!isCalendarDay(from) || !isCalendarDay(to)) return;
    if (from > to) return fail("to", "The end date is before the start date");
    if (rangeLength(from, to) > MAX_RANGE_DAYS) fail("to", `Choose at most ${MAX_RANGE_DAYS} days`);
  })
  .transform((range) => (range.from && range.to ? { from: range.from, to: range.to } : null));

/** A range asked for (null: the default one). */
export type AnalyticsRangeInput = z.output<typeof analyticsRangeQuery>;

/** The page's reading of `?from&to`: a bad range shows the default one, and says what was wrong. */
export function readAnalyticsRange(query: Record<string, string>): { range: AnalyticsRangeInput; errors: FieldErrors } {
  const parsed = analyticsRangeQuery.safeParse(query);
  return parsed.success ? { range: parsed.data, errors: {} } : { range: null, errors: fieldErrors(parsed.error) };
}

/** The range a page shows. */
export interface AnalyticsRange {
  /** Days in the shop's zone, both included. */
  from: string;
  to: string;
  days: number;
  /** Today in the shop's zone (the presets end on it). */
  today: string;
  timezone: string;
  /**
   * The rollups count UTC days: the UTC days with the same dates, and while the range ends today,
   * the UTC day already begun after it (west of UTC, in the evening), so what just happened counts
   * (docs/decisions/029-analytics-page.md).
   */
  utcDays: { from: string; to: string };
  /** The lift compares whole weeks (Mondays, UTC): the first and the last week's Monday. */
  liftWeeks: { from: string; to: string };
}

/** Offer events (from the daily rollups) and the purchases attributed to offers. */
export interface FunnelCounts {
  impressions: number;
  clicks: number;
  adds: number;
  declines: number;
  /** Order lines an offer earned (OfferAttribution rows); `units` counts their quantities. */
  purchases: number;
  units: number;
  /** Revenue minus refunds, never below 0 per line, in the shop currency's minor units. */
  netRevenueMinor: number;
}

/** One group of the funnel (a kind, surface or persona), or one ranked rule or offer. */
export interface FunnelRow extends FunnelCounts {
  /** The kind, surface, persona, rule or product id; "" for none (e.g. no persona known). */
  key: string;
  /** What the merchant calls it: "Cross-sell", "Cart", "VIP", a rule's name, a product's title. */
  label: string;
}

export interface RevenueDay {
  /** A day in the shop's zone. */
  day: string;
  netRevenueMinor: number;
  purchases: number;
}

/** Everything the analytics part of the home page and its CSV show; plain and serialisable. */
export interface AnalyticsView {
  range: AnalyticsRange;
  currency: string;
  revenue: {
    netRevenueMinor: number;
    refundedMinor: number;
    purchases: number;
    units: number;
    orders: number;
    /** Every day of the range, zeros included. */
    byDay: RevenueDay[];
  };
  lift: LiftReport;
  funnel: { totals: FunnelCounts; byKind: FunnelRow[]; bySurface: FunnelRow[]; byPersona: FunnelRow[] };
  /** By net revenue, then purchases, adds and impressions; at most 5 each. */
  topRules: FunnelRow[];
  topOffers: FunnelRow[];
  /** Nothing was shown or bought in the range. */
  empty: boolean;
}

/** Instants from `start` (included) to `end` (excluded). */
export interface InstantWindow {
  start: Date;
  end: Date;
}

/** A stretch of the range during which the shop's zone keeps one offset from UTC. */
export interface OffsetSegment extends InstantWindow {
  offsetMinutes: number;
}

/** A range resolved in the shop's zone: the days, the instants they span, and its stretches of one offset. */
export interface ResolvedRange {
  range: AnalyticsRange;
  window: InstantWindow;
  segments: OffsetSegment[];
}

/** The range asked for (or the default one) in `timezone`, today being the day `now` is in there. */
export function resolveRange(input: AnalyticsRangeInput, timezone: string, now: Date): ResolvedRange {
  const today = utcToZonedInput(now, timezone).slice(0, 10);
  const utcToday = now.toISOString().slice(0, 10);
  const { from, to } = input ?? lastDays(today, DEFAULT_RANGE_DAYS);
  const starts = eachDay(from, addDays(to, 1)).map((day) => dayStart(day, timezone));
  const window = { start: starts[0]!, end: starts[starts.length - 1]! };
  const lastInstant = new Date(window.end.getTime() - 1);
  return {
    range: {
      from,
      to,
      days: rangeLength(from, to),
      today,
      timezone,
      utcDays: { from, to: to >= today && utcToday > to ? utcToday : to },
      liftWeeks: { from: exposurePeriod(window.start), to: exposurePeriod(lastInstant) },
    },
    window,
    segments: offsetSegments(starts, timezone),
  };
}

// The first instant of a day in the zone: midnight, or 01:00 where the clocks skip midnight.
function dayStart(day: string, timezone: string): Date {
  for (const time of ["00:00", "01:00"]) {
    const parsed = zonedInputToUtc(`${day}T${time}`, timezone);
    if (parsed.ok) return new Date(parsed.iso);
  }
  return new Date(`${day}T00:00:00Z`);
}

// Consecutive day starts → the stretches between clock changes (a change falls inside a day).
function offsetSegments(starts: Date[], timezone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let current = { start: starts[0]!, offsetMinutes: zoneOffsetMinutes(starts[0]!, timezone) };
  for (let i = 1; i < starts.length; i++) {
    const offset = zoneOffsetMinutes(starts[i]!, timezone);
    if (offset === current.offsetMinutes) continue;
    const change = clockChange(starts[i - 1]!, starts[i]!, current.offsetMinutes, timezone);
    segments.push({ ...current, end: change });
    current = { start: change, offsetMinutes: offset };
  }
  segments.push({ ...current, end: starts[starts.length - 1]! });
  return segments;
}

// The first whole minute after `from` at which the zone's offset is no longer `offset`.
function clockChange(from: Date, to: Date, offset: number, timezone: string): Date {
  let low = 0;
  let high = Math.round((to.getTime() - from.getTime()) / 60_000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffsetMinutes(new Date(from.getTime() + middle * 60_000), timezone) === offset) low = middle;
    else high = middle;
  }
  return new Date(from.getTime() + high * 60_000);
}
