/**
 * The analytics at the top of the admin home (docs/decisions/029-analytics-page.md): revenue from
 * offers, the lift against the holdout, the funnel impression → click → add → purchase by kind,
 * surface and persona, and the top rules and offers, over a range of days in the shop's zone.
 * Events come from the daily rollups (UTC days), purchases from the attributed lines (exact
 * instants); nothing here reads a raw event.
 */
import {
  addPurchases,
  eventsBy,
  eventTotals,
  mostShown,
  NO_EVENTS,
  NO_PURCHASES,
  personaNames,
  productTitles,
  purchasesBy,
  purchasesByDay,
  ruleNames,
  type DayWindow,
  type Dimension,
  type EventCounts,
  type PurchaseSums,
} from "../adapters/analytics.server";
import { findShopLocale } from "../adapters/shop-settings.server";
import type { LiftReport, LiftVerdict } from "../domain/analytics";
import { KIND_NAMES, SURFACE_NAMES, SURFACES, currencyExponent, type OfferKind, type Surface } from "../domain/offers";
import { decimalString } from "../domain/offers/money";
import {
  eachDay,
  resolveRange,
  type AnalyticsRangeInput,
  type AnalyticsView,
  type FunnelCounts,
  type FunnelRow,
  type InstantWindow,
} from "../schemas/analytics";
import { isValidTimeZone } from "../schemas/zoned-time";
import { liftReport } from "./exposures.server";

/** How many rules and offers the page ranks. */
const TOP = 5;

/**
 * The analytics of the range asked for (null: the last 30 days), as the page and the CSV show them;
 * null for a shop with no row yet (no currency to show money in, no zone to count days in).
 */
export async function loadAnalytics(
  shop: string,
  input: AnalyticsRangeInput,
  now = new Date(),
): Promise<AnalyticsView | null> {
  const locale = await findShopLocale(shop);
  if (!locale) return null;
  const timezone = locale.timezone && isValidTimeZone(locale.timezone) ? locale.timezone : "UTC";
  const { range, window, segments } = resolveRange(input, timezone, now);
  const days = range.utcDays;
  const [totals, byDay, lift, byKind, bySurface, byPersona, topRules, topOffers] = await Promise.all([
    eventTotals(shop, days),
    purchasesByDay(shop, segments),
    liftReport(shop, window.start, new Date(window.end.getTime() - 1)),
    funnelBy(shop, days, window, "kind", kindLabel),
    funnelBy(shop, days, window, "surface", surfaceLabel),
    personaFunnel(shop, days, window),
    rankRules(shop, days, window),
    rankOffers(shop, days, window),
  ]);
  const purchases = [...byDay.values()].reduce(addPurchases, NO_PURCHASES);
  return {
    range,
    currency: locale.currency,
    revenue: revenueOf(purchases, byDay, eachDay(range.from, range.to)),
    lift,
    funnel: {
      totals: funnelCounts(totals, purchases),
      byKind: byKind.sort(inOrder(Object.keys(KIND_NAMES))),
      bySurface: bySurface.sort(inOrder(SURFACES)),
      byPersona: byPersona.sort(byRevenue),
    },
    topRules,
    topOffers,
    empty: totals.impressions + totals.clicks + totals.adds + totals.declines + purchases.purchases === 0,
  };
}

// The totals, and every day of the range (zeros included) for the chart.
function revenueOf(totals: PurchaseSums, byDay: Map<string, PurchaseSums>, days: string[]): AnalyticsView["revenue"] {
  return {
    netRevenueMinor: totals.netRevenueMinor,
    refundedMinor: totals.grossRevenueMinor - totals.netRevenueMinor,
    purchases: totals.purchases,
    units: totals.units,
    orders: totals.orders,
    byDay: days.map((day) => {
      const sums = byDay.get(day) ?? NO_PURCHASES;
      return { day, netRevenueMinor: sums.netRevenueMinor, purchases: sums.purchases };
    }),
  };
}

function funnelCounts(events: EventCounts, purchases: PurchaseSums): FunnelCounts {
  return {
    ...events,
    purchases: purchases.purchases,
    units: purchases.units,
    netRevenueMinor: purchases.netRevenueMinor,
  };
}

// One row per key either table has, with its label.
function joinRows(
  events: Map<string, EventCounts>,
  purchases: Map<string, PurchaseSums>,
  label: (key: string) => string,
): FunnelRow[] {
  const keys = new Set([...events.keys(), ...purchases.keys()]);
  return [...keys].map((key) => ({
    key,
    label: label(key),
    ...funnelCounts(events.get(key) ?? NO_EVENTS, purchases.get(key) ?? NO_PURCHASES),
  }));
}

async function funnelBy(
  shop: string,
  days: DayWindow,
  window: InstantWindow,
  by: Dimension,
  label: (key: string) => string,
): Promise<FunnelRow[]> {
  const [events, purchases] = await Promise.all([eventsBy(shop, days, by), purchasesBy(shop, window, by)]);
  return joinRows(events, purchases, label);
}

async function personaFunnel(shop: string, days: DayWindow, window: InstantWindow): Promise<FunnelRow[]> {
  const names = await personaNames(shop);
  // Events and recent-add purchases may name no persona; a deleted persona keeps its numbers.
  return funnelBy(shop, days, window, "personaId", (id) =>
    id === "" ? "No persona" : (names.get(id) ?? "Deleted persona"),
  );
}

// A shop has tens of rules, not thousands: all of them are summed, then ranked.
async function rankRules(shop: string, days: DayWindow, window: InstantWindow): Promise<FunnelRow[]> {
  const [events, purchases] = await Promise.all([eventsBy(shop, days, "ruleId"), purchasesBy(shop, window, "ruleId")]);
  const top = joinRows(events, purchases, (id) => id)
    .sort(byRevenue)
    .slice(0, TOP);
  const names = await ruleNames(shop, top.map((row) => row.key).filter(Boolean));
  return top.map((row) => ({
    ...row,
    label: row.key === "" ? "Automatic offers (no rule)" : (names.get(row.key) ?? "Deleted rule"),
  }));
}

// A catalog has many products: the candidates are the top sellers and the most shown, then summed.
async function rankOffers(shop: string, days: DayWindow, window: InstantWindow): Promise<FunnelRow[]> {
  const [sellers, shown] = await Promise.all([
    purchasesBy(shop, window, "productId", { limit: TOP }),
    mostShown(shop, days, "productId", TOP),
  ]);
  const keys = [...new Set([...sellers.keys(), ...shown])];
  const [events, purchases] = await Promise.all([
    eventsBy(shop, days, "productId", keys),
    purchasesBy(shop, window, "productId", { keys }),
  ]);
  const top = joinRows(events, purchases, (id) => id)
    .sort(byRevenue)
    .slice(0, TOP);
  const titles = await productTitles(
    shop,
    top.map((row) => row.key),
  );
  return top.map((row) => ({ ...row, label: titles.get(row.key) ?? `Deleted product (${row.key})` }));
}

// Most net revenue first, then purchases, adds, impressions; the id settles ties.
function byRevenue(a: FunnelRow, b: FunnelRow): number {
  return (
    b.netRevenueMinor - a.netRevenueMinor ||
    b.purchases - a.purchases ||
    b.adds - a.adds ||
    b.impressions - a.impressions ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

// The domain's order (upsell, cross-sell, down-sell; product page … thank-you page), unknown keys last.
function inOrder(keys: readonly string[]) {
  const rank = (key: string) => (keys.includes(key) ? keys.indexOf(key) : keys.length);
  return (a: FunnelRow, b: FunnelRow) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : 1);
}

const capitalise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function kindLabel(kind: string): string {
  return kind in KIND_NAMES ? capitalise(KIND_NAMES[kind as OfferKind]) : kind;
}

function surfaceLabel(surface: string): string {
  if (surface === "") return "Unknown surface";
  return surface in SURFACE_NAMES ? capitalise(SURFACE_NAMES[surface as Surface]) : surface;
}

/** The CSV of what the page shows for the same range (RFC 4180, CRLF); null for a shop with no row yet. */
export async function exportAnalyticsCsv(
  shop: string,
  input: AnalyticsRangeInput,
  now = new Date(),
): Promise<{ filename: string; body: string } | null> {
  const view = await loadAnalytics(shop, input, now);
  return view && analyticsCsv(shop, view);
}

function analyticsCsv(shop: string, view: AnalyticsView): { filename: string; body: string } {
  const money = (minor: number) => decimalString(minor, view.currency);
  const counts = (row: FunnelCounts) => [
    row.impressions,
    row.clicks,
    row.adds,
    row.declines,
    row.purchases,
    row.units,
    money(row.netRevenueMinor),
  ];
  const COUNTS = ["impressions", "clicks", "adds", "declines", "purchases", "units", "net_revenue"];
  const { range, revenue, funnel } = view;
  const sections: unknown[][][] = [
    [
      ["Cartlift analytics", shop],
      ["from", range.from],
      ["to", range.to],
      ["timezone", range.timezone],
      ["currency", view.currency],
      ["events_utc_days", `${range.utcDays.from} to ${range.utcDays.to}`],
      ["lift_weeks", `${range.liftWeeks.from} to ${range.liftWeeks.to}`],
    ],
    [
      ["summary", "value"],
      ["net_revenue_from_offers", money(revenue.netRevenueMinor)],
      ["refunded", money(revenue.refundedMinor)],
      ["orders", revenue.orders],
      ["purchases", revenue.purchases],
      ["units", revenue.units],
    ],
    liftRows(view.lift, view.currency),
    [
      ["funnel", "key", "name", ...COUNTS],
      ["total", "", "All offers", ...counts(funnel.totals)],
      ...funnel.byKind.map((row) => ["kind", row.key, row.label, ...counts(row)]),
      ...funnel.bySurface.map((row) => ["surface", row.key, row.label, ...counts(row)]),
      ...funnel.byPersona.map((row) => ["persona", row.key, row.label, ...counts(row)]),
    ],
    [
      ["top_rules", "rule_id", "name", ...COUNTS],
      ...view.topRules.map((row, i) => [i + 1, row.key, row.label, ...counts(row)]),
    ],
    [
      ["top_offers", "product_id", "title", ...COUNTS],
      ...view.topOffers.map((row, i) => [i + 1, row.key, row.label, ...counts(row)]),
    ],
    [
      ["revenue_by_day", "net_revenue", "purchases"],
      ...revenue.byDay.map((d) => [d.day, money(d.netRevenueMinor), d.purchases]),
    ],
  ];
  const body = sections.map((rows) => rows.map((row) => row.map(csvCell).join(",")).join("\r\n")).join("\r\n\r\n");
  return { filename: `cartlift-analytics-${range.from}-to-${range.to}.csv`, body: `${body}\r\n` };
}

const METRICS: [keyof LiftReport, string, "money" | "share"][] = [
  ["revenuePerVisitor", "revenue_per_visitor", "money"],
  ["conversion", "conversion", "share"],
  ["averageOrderValue", "average_order_value", "money"],
];

// Means and bounds in major units (money, two more decimals than the currency has) or as shares.
function liftRows(lift: LiftReport, currency: string): unknown[][] {
  const digits = currencyExponent(currency);
  const header = ["lift_95", "status", "exposed", "holdout", "difference", "low", "high"];
  const rows = METRICS.map(([metric, name, unit]) => {
    const verdict: LiftVerdict = lift[metric];
    if (verdict.status === "insufficient") {
      const { needed } = verdict;
      return [
        name,
        "insufficient",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        verdict.reason,
        needed.exposed,
        needed.holdout,
        needed.of,
      ];
    }
    const value = (x: number) => (unit === "money" ? (x / 10 ** digits).toFixed(digits + 2) : x.toFixed(4));
    const share = (x: number) => x.toFixed(4);
    return [
      name,
      "ok",
      ...[verdict.exposedMean, verdict.holdoutMean, verdict.difference, verdict.low, verdict.high].map(value),
      ...[verdict.relative, verdict.relativeLow, verdict.relativeHigh].map(share),
      verdict.significant ? "yes" : "no",
    ];
  });
  return [
    [
      ...header,
      "relative",
      "relative_low",
      "relative_high",
      "significant",
      "reason",
      "needed_exposed",
      "needed_holdout",
      "needed_of",
    ],
    ...rows,
  ];
}

// Quoted when it must be. Text a spreadsheet would run as a formula (=, +, -, @) is defused with a
// leading ', as rule names and product titles are the merchant's text; numbers are left alone.
function csvCell(value: unknown): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
