/**
 * The demo shop's analytics history (issue 11, item 5): twenty-six weeks of shopper exposures up to the
 * seed's day, in both groups, with a planted lift; attributed orders of the last twelve weeks; and
 * daily offer counts of the last ninety days. Reproducible from the seed (the dates follow the day
 * the demo database is created, so the analytics page's default range has data). Pure.
 *
 * The planted lift: exposed shoppers convert at 6.6% against the holdout's 6.0%, with the same order
 * value, so revenue per visitor is 10% higher. The daily counts stay under the engine's threshold
 * for its accept rates (app/services/accept-stats.server.ts), so the demo's offers keep their order.
 */
import type { RollupCounts, RollupKey } from "../../domain/analytics/rollup";
import { createRandom, type Random } from "./random";
import type { DemoOrder, DemoProduct, DemoShopData } from "./types";

export const PLANTED_RPV_LIFT = 0.1;
/** The names of the orders this history adds (the seed's check for a current database skips them). */
export const DEMO_ANALYTICS_ORDER_PREFIX = "#DA";
const WEEKS = 26;
const SHOPPERS_PER_WEEK = 6_000;
const HOLDOUT_CONVERSION = 0.06;
const EXPOSED_CONVERSION = HOLDOUT_CONVERSION * (1 + PLANTED_RPV_LIFT);
/** Orders the history adds (each with one offer line). */
export const ATTRIBUTED_ORDERS = 320;
const ROLLUP_DAYS = 90;
const DAY_MS = 86_400_000;

export interface DemoExposure {
  period: string;
  shopperKey: string;
  holdout: boolean;
  surface: string;
  firstSeenAt: Date;
  orders: number;
  revenueMinor: number;
}

/** One day's counts for one offer, as the events would have left them. */
export type DemoRollup = RollupKey & RollupCounts;

export interface DemoAttribution {
  orderId: string;
  lineId: string;
  kind: string;
  surface: string;
  ruleId: string | null;
  personaId: string | null;
}

export interface DemoAnalytics {
  exposures: DemoExposure[];
  orders: DemoOrder[];
  attributions: DemoAttribution[];
  rollups: DemoRollup[];
}

export interface DemoAnalyticsContext {
  /** The cross-sell rules the demo's offers come from (id), and the personas shoppers match (ids). */
  crossSellRuleIds: string[];
  personaIds: string[];
  /** The engine's holdout test for a shopper key, with the demo shop's settings. */
  inHoldout: (shopperKey: string) => boolean;
  now: Date;
  seed?: number;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function mondayOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
}

// An order's value around $80 (minor units), never under $15.
const orderValue = (rng: Random) => Math.max(1_500, Math.round(rng.normal(8_000, 2_400)));

function exposures(rng: Random, ctx: DemoAnalyticsContext): DemoExposure[] {
  const now = ctx.now.getTime();
  const thisWeek = mondayOf(now);
  const result: DemoExposure[] = [];
  for (let w = WEEKS - 1; w >= 0; w--) {
    const start = thisWeek - w * 7 * DAY_MS;
    const span = Math.min(7 * DAY_MS, now - start);
    for (let i = 0; i < SHOPPERS_PER_WEEK; i++) {
      // Keyed by how many weeks ago, not by date: the groups, and so the lift, are the same whatever
      // day the demo database is created.
      const shopperKey = `demo-shopper-w${w}-${String(i).padStart(4, "0")}`;
      const holdout = ctx.inHoldout(shopperKey);
      const converts = rng.chance(holdout ? HOLDOUT_CONVERSION : EXPOSED_CONVERSION);
      const orders = converts ? (rng.chance(0.1) ? 2 : 1) : 0;
      let revenueMinor = 0;
      for (let o = 0; o < orders; o++) revenueMinor += orderValue(rng);
      result.push({
        period: isoDay(start),
        shopperKey,
        holdout,
        surface: rng.weightedPick(["product", "cart", "checkout"], [6, 3, 1]),
        firstSeenAt: new Date(start + Math.floor(rng.next() * span)),
        orders,
        revenueMinor,
      });
    }
  }
  return result;
}

function attributedOrders(rng: Random, data: DemoShopData, ctx: DemoAnalyticsContext) {
  const mains = data.products.filter((p) => p.productType === "Coffee Machines" || p.tags.includes("tier:good"));
  const extras = data.products.filter((p) => !mains.includes(p) && p.variants[0]!.priceMinor < 6_000);
  const orders: DemoOrder[] = [];
  const attributions: DemoAttribution[] = [];
  const now = ctx.now.getTime();
  for (let n = 0; n < ATTRIBUTED_ORDERS; n++) {
    const main = rng.pick(mains.length > 0 ? mains : data.products);
    const extra: DemoProduct = rng.pick(extras.length > 0 ? extras : data.products);
    const id = 9_000_000 + n;
    const lines = [main, extra].map((product, i) => {
      const variant = rng.pick(product.variants);
      return {
        id: `gid://shopify/LineItem/${id * 10 + i}`,
        productId: product.id,
        variantId: variant.id,
        title: product.title,
        quantity: i === 1 && rng.chance(0.2) ? 2 : 1,
        priceMinor: variant.priceMinor,
      };
    });
    const subtotalMinor = lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
    orders.push({
      id: `gid://shopify/Order/${id}`,
      name: `${DEMO_ANALYTICS_ORDER_PREFIX}${n + 1}`,
      processedAt: new Date(now - Math.floor(rng.next() * 12 * 7 * DAY_MS)).toISOString(),
      currency: "USD",
      customerId: null,
      lines,
      subtotalMinor,
      shippingMinor: 0,
      totalMinor: subtotalMinor,
    });
    attributions.push({
      orderId: `gid://shopify/Order/${id}`,
      lineId: lines[1]!.id,
      kind: "cross_sell",
      surface: rng.weightedPick(["cart", "checkout", "product"], [5, 3, 2]),
      ruleId: ctx.crossSellRuleIds.length > 0 ? rng.pick(ctx.crossSellRuleIds) : null,
      personaId: ctx.personaIds.length > 0 ? rng.pick(ctx.personaIds) : null,
    });
  }
  return { orders, attributions };
}

/**
 * The daily counts that would have led to these orders: each attributed line's offer was seen,
 * clicked and added on its day (its surface, rule, persona and product), plus the offers seen
 * without a purchase. So the funnel never shows more purchases than adds, nor a bought offer that
 * nobody saw.
 */
function rollups(
  rng: Random,
  data: DemoShopData,
  ctx: DemoAnalyticsContext,
  orders: readonly DemoOrder[],
  attributions: readonly DemoAttribution[],
): DemoRollup[] {
  const rows = new Map<string, DemoRollup>();
  const add = (key: RollupKey, counts: Partial<RollupCounts>) => {
    const id = [key.day, key.surface, key.kind, key.ruleId, key.personaId, key.productId].join("\n");
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { ...key, impressions: 0, clicks: 0, adds: 0, declines: 0 }));
    row.impressions += counts.impressions ?? 0;
    row.clicks += counts.clicks ?? 0;
    row.adds += counts.adds ?? 0;
    row.declines += counts.declines ?? 0;
  };
  const since = Math.floor(ctx.now.getTime() / DAY_MS) * DAY_MS - (ROLLUP_DAYS - 1) * DAY_MS;
  const byId = new Map(orders.map((o) => [o.id, o]));
  const offered = new Set<string>();
  for (const a of attributions) {
    const order = byId.get(a.orderId)!;
    const at = new Date(order.processedAt).getTime();
    const line = order.lines.find((l) => l.id === a.lineId)!;
    offered.add(line.productId);
    if (at < since) continue;
    const key = {
      day: isoDay(at),
      surface: a.surface,
      kind: a.kind,
      ruleId: a.ruleId ?? "",
      personaId: a.personaId ?? "",
      productId: line.productId,
    };
    // Roughly one purchase in 11 impressions, one in 2.5 clicks, one in 1.3 adds.
    add(key, { impressions: rng.int(8, 14), clicks: rng.int(2, 3), adds: rng.chance(0.3) ? 2 : 1 });
  }
  const products = data.products.filter((p) => offered.has(p.id));
  const personas = ctx.personaIds.length > 0 ? ctx.personaIds : [""];
  const rule = ctx.crossSellRuleIds[0] ?? "";
  for (let d = 0; d < ROLLUP_DAYS; d++) {
    const day = isoDay(since + d * DAY_MS);
    for (const surface of ["product", "cart", "checkout"]) {
      for (const personaId of personas) {
        // Offers seen without a purchase: about 3 a day per surface and persona.
        const impressions = rng.int(1, 5);
        const key = {
          day,
          surface,
          kind: surface === "product" && rng.chance(0.4) ? "upsell" : "cross_sell",
          ruleId: rule,
          personaId,
          productId: rng.pick(products.length > 0 ? products : data.products).id,
        };
        add(key, {
          impressions,
          clicks: rng.chance(0.3) ? 1 : 0,
          declines: surface === "cart" && rng.chance(0.3) ? 1 : 0,
        });
      }
    }
  }
  return [...rows.values()];
}

export function generateDemoAnalytics(data: DemoShopData, ctx: DemoAnalyticsContext): DemoAnalytics {
  const rng = createRandom(ctx.seed ?? 20_261_207);
  const { orders, attributions } = attributedOrders(rng, data, ctx);
  return {
    exposures: exposures(rng, ctx),
    orders,
    attributions,
    rollups: rollups(rng, data, ctx, orders, attributions),
  };
}
