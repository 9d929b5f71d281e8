/**
 * The analytics page's reads (docs/decisions/029-analytics-page.md), every one an aggregate in SQL
 * over the range's rows and every one carrying the shop: offer events from the daily rollups
 * (OfferDailyRollup, UTC days; the raw events are never read here), purchases from the attributed
 * order lines (OfferAttribution, by `processedAt`), and the names the page shows.
 */
import { Prisma } from "@prisma/client";
import { databaseProvider, prisma } from "../db.server";

/** UTC days, YYYY-MM-DD, both included: what the rollups are keyed by. */
export interface DayWindow {
  from: string;
  to: string;
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

/** What a group of rollups sums to. */
export interface EventCounts {
  impressions: number;
  clicks: number;
  adds: number;
  declines: number;
}

/** What a group of attributed lines sums to; money in the shop currency's minor units. */
export interface PurchaseSums {
  purchases: number;
  units: number;
  orders: number;
  /** Revenue minus refunds, each line's never below 0. */
  netRevenueMinor: number;
  grossRevenueMinor: number;
}

/** A column both tables group by; "" stands for none (no rule, no persona, no surface known). */
export type Dimension = "kind" | "surface" | "personaId" | "ruleId" | "productId";

export const NO_EVENTS: Readonly<EventCounts> = Object.freeze({ impressions: 0, clicks: 0, adds: 0, declines: 0 });
export const NO_PURCHASES: Readonly<PurchaseSums> = Object.freeze({
  purchases: 0,
  units: 0,
  orders: 0,
  netRevenueMinor: 0,
  grossRevenueMinor: 0,
});

const EVENT_SUMS = { impressions: true, clicks: true, adds: true, declines: true } as const;

function eventCounts(sums: { [K in keyof EventCounts]: number | null }): EventCounts {
  return {
    impressions: sums.impressions ?? 0,
    clicks: sums.clicks ?? 0,
    adds: sums.adds ?? 0,
    declines: sums.declines ?? 0,
  };
}

const rollupsIn = (shop: string, days: DayWindow) => ({ shop, day: { gte: days.from, lte: days.to } });

/** The range's offer events, all together. */
export async function eventTotals(shop: string, days: DayWindow): Promise<EventCounts> {
  const { _sum } = await prisma.offerDailyRollup.aggregate({ where: rollupsIn(shop, days), _sum: EVENT_SUMS });
  return eventCounts(_sum);
}

/** The range's offer events by one column (only for `keys`, when given). */
export async function eventsBy(
  shop: string,
  days: DayWindow,
  by: Dimension,
  keys?: string[],
): Promise<Map<string, EventCounts>> {
  const rows = await prisma.offerDailyRollup.groupBy({
    by: [by],
    where: { ...rollupsIn(shop, days), ...(keys ? { [by]: { in: keys } } : {}) },
    _sum: EVENT_SUMS,
  });
  return new Map(rows.map((row) => [row[by], eventCounts(row._sum)]));
}

/** The `limit` values of a column with the most impressions in the range (then the most adds). */
export async function mostShown(shop: string, days: DayWindow, by: Dimension, limit: number): Promise<string[]> {
  const rows = await prisma.offerDailyRollup.groupBy({
    by: [by],
    where: rollupsIn(shop, days),
    _sum: { impressions: true, adds: true },
    orderBy: [{ _sum: { impressions: "desc" } }, { _sum: { adds: "desc" } }],
    take: limit,
  });
  return rows.map((row) => row[by]);
}

// Column names are these constants, never input.
const COLUMNS: Record<Dimension, Prisma.Sql> = {
  kind: Prisma.raw(`"kind"`),
  surface: Prisma.raw(`COALESCE("surface", '')`),
  personaId: Prisma.raw(`COALESCE("personaId", '')`),
  ruleId: Prisma.raw(`COALESCE("ruleId", '')`),
  productId: Prisma.raw(`"productId"`),
};

const SUMS = Prisma.sql`SUM(CASE WHEN "revenueMinor" > "refundedMinor" THEN "revenueMinor" - "refundedMinor" ELSE 0 END) AS "net",
       SUM("revenueMinor") AS "gross", COUNT(*) AS "lines", SUM("quantity") AS "units", COUNT(DISTINCT "orderId") AS "orders"`;

interface SumsRow {
  key: string;
  net: number | bigint | null;
  gross: number | bigint | null;
  lines: number | bigint;
  units: number | bigint | null;
  orders: number | bigint;
}

function purchaseSums(row: SumsRow): PurchaseSums {
  return {
    purchases: Number(row.lines),
    units: Number(row.units ?? 0),
    orders: Number(row.orders),
    netRevenueMinor: Number(row.net ?? 0),
    grossRevenueMinor: Number(row.gross ?? 0),
  };
}

// SQLite keeps DateTime as ISO text ("…T12:00:00.000+00:00"), compared as text; PostgreSQL as timestamp.
function instant(at: Date): Date | string {
  return databaseProvider === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
}

const linesIn = (shop: string, window: InstantWindow) =>
  Prisma.sql`"shop" = ${shop} AND "processedAt" >= ${instant(window.start)} AND "processedAt" < ${instant(window.end)}`;

/**
 * The range's attributed lines by one column: only `keys` when given, the `limit` with the most
 * net revenue when given (then the most lines).
 */
export async function purchasesBy(
  shop: string,
  window: InstantWindow,
  by: Dimension,
  options: { keys?: string[]; limit?: number } = {},
): Promise<Map<string, PurchaseSums>> {
  if (options.keys?.length === 0) return new Map();
  const only = options.keys ? Prisma.sql`AND ${COLUMNS[by]} IN (${Prisma.join(options.keys)})` : Prisma.empty;
  const limit = options.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${options.limit}`;
  const rows = await prisma.$queryRaw<SumsRow[]>`
    SELECT ${COLUMNS[by]} AS "key", ${SUMS}
      FROM "OfferAttribution"
     WHERE ${linesIn(shop, window)} ${only}
     GROUP BY 1
     ORDER BY "net" DESC, "lines" DESC, "key" ASC
     ${limit}`;
  return new Map(rows.map((row) => [row.key, purchaseSums(row)]));
}

// The day in the zone of `processedAt` shifted by a whole number of minutes.
function zonedDay(offsetMinutes: number): Prisma.Sql {
  if (!Number.isSafeInteger(offsetMinutes)) throw new RangeError(`offset must be whole minutes, got ${offsetMinutes}`);
  const sign = offsetMinutes < 0 ? "-" : "+";
  return databaseProvider === "sqlite"
    ? Prisma.raw(`date("processedAt", '${sign}${Math.abs(offsetMinutes)} minutes')`)
    : Prisma.raw(`to_char("processedAt" + INTERVAL '${offsetMinutes} minutes', 'YYYY-MM-DD')`);
}

/**
 * The attributed lines per day in the shop's zone: one aggregate per stretch of constant offset
 * (a range has one, or a few around clock changes), each line on the day its order was processed.
 */
export async function purchasesByDay(shop: string, segments: OffsetSegment[]): Promise<Map<string, PurchaseSums>> {
  const days = new Map<string, PurchaseSums>();
  const parts = await Promise.all(
    segments.map(
      (segment) => prisma.$queryRaw<SumsRow[]>`
        SELECT ${zonedDay(segment.offsetMinutes)} AS "key", ${SUMS}
          FROM "OfferAttribution"
         WHERE ${linesIn(shop, segment)}
         GROUP BY 1`,
    ),
  );
  for (const row of parts.flat()) {
    const sums = purchaseSums(row);
    const before = days.get(row.key);
    days.set(row.key, before ? addPurchases(before, sums) : sums);
  }
  return days;
}

/** Two groups of lines together (no order is in both: a day's orders were processed that day). */
export function addPurchases(a: PurchaseSums, b: PurchaseSums): PurchaseSums {
  return {
    purchases: a.purchases + b.purchases,
    units: a.units + b.units,
    orders: a.orders + b.orders,
    netRevenueMinor: a.netRevenueMinor + b.netRevenueMinor,
    grossRevenueMinor: a.grossRevenueMinor + b.grossRevenueMinor,
  };
}

/** The names of the shop's rules among `ids` (a deleted rule has none). */
export async function ruleNames(shop: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.offerRule.findMany({ where: { shop, id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The names of all the shop's personas (a shop has a handful). */
export async function personaNames(shop: string): Promise<Map<string, string>> {
  const rows = await prisma.persona.findMany({ where: { shop }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The titles of the shop's products among `ids`. */
export async function productTitles(shop: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.product.findMany({ where: { shop, id: { in: ids } }, select: { id: true, title: true } });
  return new Map(rows.map((row) => [row.id, row.title]));
}
