/**
 * The analytics at the top of the admin home and their CSV (docs/decisions/029-analytics-page.md):
 * numbers summed by hand from a fixture of daily rollups, attributed lines and exposures, for a
 * shop in Tokyo, beside another shop whose rows must never show.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { recordExposureOnce, saveExposureOutcome } from "../../app/adapters/exposures.server";
import { prisma } from "../../app/db.server";
import { buildLiftStats, measureLift, type ShopperPeriodOutcome } from "../../app/domain/analytics";
import * as csvRoute from "../../app/routes/app.analytics[.]csv";
import * as home from "../../app/routes/app._index";
import { utcToZonedInput } from "../../app/schemas/zoned-time";
import { loadAnalytics } from "../../app/services/analytics.server";
import { renderAdminPage } from "../factories/admin-page";
import { adminFetch, installShop, sessionToken, thrownResponse, uniqueShop } from "../factories/shopify";

const args = (request: Request) => ({ request, params: {}, context: {} });
const get = async (shop: string, path: string) => adminFetch(path, await sessionToken(shop));
const analytics = async (shop: string, query = "") =>
  (await home.loader(args(await get(shop, `/app${query}`)))).analytics;
const render = async (shop: string, query = "") => renderAdminPage(home, "", await get(shop, `/app${query}`));
const csv = async (shop: string, query: string) => csvRoute.loader(args(await get(shop, `/app/analytics.csv${query}`)));

const NOVEMBER = "?from=2026-11-01&to=2026-11-30";
const X = "gid://shopify/Product/101";
const Y = "gid://shopify/Product/102";
const Z = "gid://shopify/Product/103";

interface Rollup {
  day: string;
  surface: string;
  kind: string;
  ruleId?: string;
  personaId?: string;
  productId: string;
  counts: [impressions: number, clicks: number, adds: number, declines: number];
}

function rollup(shop: string, { day, surface, kind, ruleId = "", personaId = "", productId, counts }: Rollup) {
  const [impressions, clicks, adds, declines] = counts;
  return prisma.offerDailyRollup.create({
    data: { shop, day, surface, kind, ruleId, personaId, productId, impressions, clicks, adds, declines },
  });
}

interface Line {
  id: string;
  kind: string;
  surface: string | null;
  ruleId?: string | null;
  personaId?: string | null;
  productId: string;
  quantity: number;
  revenueMinor: number;
  refundedMinor?: number;
}

// One order processed at `processedAt` and the lines offers earned in it.
async function attributedOrder(shop: string, id: string, processedAt: string, lines: Line[]) {
  const at = new Date(processedAt);
  const orderId = `gid://shopify/Order/${id}`;
  await prisma.order.create({
    data: { shop, id: orderId, name: `#${id}`, processedAt: at, currency: "USD", subtotalMinor: 0n, totalMinor: 0n },
  });
  for (const line of lines) {
    await prisma.offerAttribution.create({
      data: {
        shop,
        lineId: `gid://shopify/LineItem/${line.id}`,
        orderId,
        processedAt: at,
        source: "mark",
        kind: line.kind,
        surface: line.surface,
        ruleId: line.ruleId ?? null,
        personaId: line.personaId ?? null,
        productId: line.productId,
        variantId: `${line.productId.replace("Product", "ProductVariant")}1`,
        quantity: line.quantity,
        revenueMinor: BigInt(line.revenueMinor),
        refundedMinor: BigInt(line.refundedMinor ?? 0),
        currency: "USD",
      },
    });
  }
}

// `n` shopper-weeks per group in `period`; every other one buys one order, of alternating value.
async function exposures(shop: string, period: string, n: number, values: { exposed: number[]; holdout: number[] }) {
  const outcomes: ShopperPeriodOutcome[] = [];
  for (const group of ["exposed", "holdout"] as const) {
    for (let i = 0; i < n; i++) {
      const buys = i % 2 === 0;
      const revenueMinor = buys ? values[group][(i / 2) % 2]! : 0;
      const shopperKey = `${group}-${period}-${i}`;
      const firstSeenAt = new Date(`${period}T10:00:00Z`);
      await recordExposureOnce(shop, {
        period,
        shopperKey,
        holdout: group === "holdout",
        surface: "cart",
        firstSeenAt,
      });
      await saveExposureOutcome(shop, period, shopperKey, { orders: buys ? 1 : 0, revenueMinor: BigInt(revenueMinor) });
      outcomes.push({ group, orders: buys ? 1 : 0, revenueMinor });
    }
  }
  return outcomes;
}

const mine = uniqueShop();
const theirs = uniqueShop();
const ids = { vip: "", pods: "", bundles: "" };
let inNovember: ShopperPeriodOutcome[] = [];

beforeAll(async () => {
  await installShop(mine, { timezone: "Asia/Tokyo", name: "Tokyo Coffee" });
  await installShop(theirs, { timezone: "UTC" });
  ids.vip = (
    await prisma.persona.create({ data: { shop: mine, name: "VIP", position: 0, conditions: [], techniques: {} } })
  ).id;
  const rule = (name: string, kind: string) =>
    prisma.offerRule.create({
      data: { shop: mine, name, kind, surfaces: ["cart"], conditions: [], offer: { type: "automatic", limit: 1 } },
    });
  ids.pods = (await rule("Pods with machines", "cross_sell")).id;
  ids.bundles = (await rule("=Bundles", "upsell")).id;
  for (const [id, title] of [
    [X, "Espresso machine"],
    [Y, "Coffee pods"],
    [Z, "Milk frother"],
  ]) {
    await prisma.product.create({
      data: { shop: mine, id: id!, title: title!, handle: id!, tags: [], collections: [] },
    });
  }

  // Events (UTC days): three in November, one on each side of it.
  const { vip, pods } = ids;
  await rollup(mine, {
    day: "2026-11-03",
    surface: "product",
    kind: "upsell",
    ruleId: pods,
    personaId: vip,
    productId: X,
    counts: [100, 20, 10, 5],
  });
  await rollup(mine, {
    day: "2026-11-15",
    surface: "cart",
    kind: "cross_sell",
    ruleId: pods,
    productId: Y,
    counts: [200, 30, 12, 8],
  });
  await rollup(mine, {
    day: "2026-11-30",
    surface: "checkout",
    kind: "down_sell",
    personaId: vip,
    productId: X,
    counts: [50, 5, 3, 1],
  });
  await rollup(mine, { day: "2026-10-31", surface: "cart", kind: "upsell", productId: Y, counts: [1000, 100, 50, 0] });
  await rollup(mine, { day: "2026-12-01", surface: "cart", kind: "upsell", productId: Y, counts: [2000, 100, 50, 0] });
  await rollup(theirs, {
    day: "2026-11-15",
    surface: "cart",
    kind: "cross_sell",
    productId: Y,
    counts: [7777, 77, 7, 0],
  });

  // Purchases, by the order's time: November in Tokyo is 2026-10-31T15:00Z … 2026-11-30T15:00Z.
  await attributedOrder(mine, "1", "2026-11-03T01:00:00Z", [
    {
      id: "11",
      kind: "upsell",
      surface: "product",
      ruleId: pods,
      personaId: vip,
      productId: X,
      quantity: 1,
      revenueMinor: 5000,
    },
  ]);
  await attributedOrder(mine, "2", "2026-11-15T12:00:00Z", [
    {
      id: "21",
      kind: "cross_sell",
      surface: "cart",
      ruleId: pods,
      productId: Y,
      quantity: 2,
      revenueMinor: 3000,
      refundedMinor: 1000,
    },
    // Refunded beyond its price (shipping, tax): it earns nothing, and takes nothing from the others.
    {
      id: "22",
      kind: "cross_sell",
      surface: "cart",
      ruleId: pods,
      productId: Y,
      quantity: 1,
      revenueMinor: 1500,
      refundedMinor: 2000,
    },
  ]);
  await attributedOrder(mine, "3", "2026-11-30T14:59:00Z", [
    { id: "31", kind: "down_sell", surface: "checkout", personaId: vip, productId: Z, quantity: 1, revenueMinor: 2000 },
  ]);
  await attributedOrder(mine, "4", "2026-10-31T15:00:00Z", [
    {
      id: "41",
      kind: "upsell",
      surface: "product",
      ruleId: ids.bundles,
      personaId: vip,
      productId: X,
      quantity: 1,
      revenueMinor: 700,
    },
  ]);
  // Already December 1st in Tokyo, and October 31st there.
  await attributedOrder(mine, "5", "2026-11-30T15:00:00Z", [
    { id: "51", kind: "upsell", surface: "cart", productId: Y, quantity: 1, revenueMinor: 90_000 },
  ]);
  await attributedOrder(mine, "6", "2026-10-31T14:59:00Z", [
    { id: "61", kind: "upsell", surface: "cart", productId: Y, quantity: 1, revenueMinor: 80_000 },
  ]);
  await attributedOrder(theirs, "7", "2026-11-15T12:00:00Z", [
    { id: "71", kind: "cross_sell", surface: "cart", productId: Y, quantity: 3, revenueMinor: 66_600 },
  ]);

  // Two November weeks of exposures, and one in December the November lift leaves out.
  inNovember = [
    ...(await exposures(mine, "2026-11-09", 160, { exposed: [5000, 7000], holdout: [4000, 6000] })),
    ...(await exposures(mine, "2026-11-16", 160, { exposed: [5000, 7000], holdout: [4000, 6000] })),
  ];
  await exposures(mine, "2026-12-07", 20, { exposed: [100, 900], holdout: [90_000, 1] });
  await exposures(theirs, "2026-11-09", 40, { exposed: [100, 200], holdout: [300, 400] });
}, 120_000);

const counts = (impressions: number, clicks: number, adds: number, declines: number) => ({
  impressions,
  clicks,
  adds,
  declines,
});

describe("the analytics of the admin home", () => {
  it("sums revenue from offers over the range's days in the shop's zone, net of refunds", async () => {
    const view = (await analytics(mine, NOVEMBER))!;

    expect(view.range).toMatchObject({ from: "2026-11-01", to: "2026-11-30", days: 30, timezone: "Asia/Tokyo" });
    expect(view.range.utcDays).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(view.currency).toBe("USD");
    // 5000 + (3000 − 1000) + 0 + 2000 + 700; refunds 1000 + 1500 (no more than the line's price).
    expect(view.revenue).toMatchObject({
      netRevenueMinor: 9700,
      refundedMinor: 2500,
      purchases: 5,
      units: 6,
      orders: 4,
    });
    expect(view.revenue.byDay).toHaveLength(30);
    expect(view.revenue.byDay.filter((d) => d.purchases > 0)).toEqual([
      { day: "2026-11-01", netRevenueMinor: 700, purchases: 1 },
      { day: "2026-11-03", netRevenueMinor: 5000, purchases: 1 },
      { day: "2026-11-15", netRevenueMinor: 2000, purchases: 2 },
      { day: "2026-11-30", netRevenueMinor: 2000, purchases: 1 },
    ]);
  });

  it("counts the funnel from the rollups by kind, surface and persona, with purchases beside each", async () => {
    const { funnel } = (await analytics(mine, NOVEMBER))!;

    expect(funnel.totals).toEqual({ ...counts(350, 55, 25, 14), purchases: 5, units: 6, netRevenueMinor: 9700 });
    expect(funnel.byKind).toEqual([
      { key: "upsell", label: "Upsell", ...counts(100, 20, 10, 5), purchases: 2, units: 2, netRevenueMinor: 5700 },
      {
        key: "cross_sell",
        label: "Cross-sell",
        ...counts(200, 30, 12, 8),
        purchases: 2,
        units: 3,
        netRevenueMinor: 2000,
      },
      { key: "down_sell", label: "Down-sell", ...counts(50, 5, 3, 1), purchases: 1, units: 1, netRevenueMinor: 2000 },
    ]);
    expect(funnel.bySurface.map((r) => [r.label, r.impressions, r.purchases, r.netRevenueMinor])).toEqual([
      ["Product page", 100, 2, 5700],
      ["Cart", 200, 2, 2000],
      ["Checkout", 50, 1, 2000],
    ]);
    expect(funnel.byPersona).toEqual([
      { key: ids.vip, label: "VIP", ...counts(150, 25, 13, 6), purchases: 3, units: 3, netRevenueMinor: 7700 },
      { key: "", label: "No persona", ...counts(200, 30, 12, 8), purchases: 2, units: 3, netRevenueMinor: 2000 },
    ]);
  });

  it("ranks rules and offers by net revenue, with their names", async () => {
    const view = (await analytics(mine, NOVEMBER))!;

    expect(view.topRules.map((r) => [r.label, r.impressions, r.adds, r.purchases, r.netRevenueMinor])).toEqual([
      ["Pods with machines", 300, 22, 3, 7000],
      ["Automatic offers (no rule)", 50, 3, 1, 2000],
      ["=Bundles", 0, 0, 1, 700],
    ]);
    expect(view.topOffers.map((r) => [r.key, r.label, r.impressions, r.adds, r.purchases, r.netRevenueMinor])).toEqual([
      [X, "Espresso machine", 150, 13, 2, 5700],
      [Y, "Coffee pods", 200, 12, 2, 2000],
      [Z, "Milk frother", 0, 0, 1, 2000],
    ]);
  });

  it("measures the lift on the weeks of the range only", async () => {
    const view = (await analytics(mine, NOVEMBER))!;

    expect(view.range.liftWeeks).toEqual({ from: "2026-10-26", to: "2026-11-30" });
    expect(view.lift).toEqual(measureLift(buildLiftStats(inNovember)));
    // 3000 vs 2500 minor units per shopper-week; the same conversion (a half) in both groups.
    expect(view.lift.revenuePerVisitor).toMatchObject({ status: "ok", exposedMean: 3000, holdoutMean: 2500 });
    expect(view.lift.conversion).toMatchObject({ status: "ok", difference: 0, significant: false });
    expect(view.lift.averageOrderValue).toMatchObject({ status: "ok", exposedMean: 6000, holdoutMean: 5000 });
  });

  it("leaves out what falls outside a narrower range", async () => {
    const view = (await analytics(mine, "?from=2026-11-10&to=2026-11-20"))!;

    expect(view.range.days).toBe(11);
    expect(view.funnel.totals).toEqual({ ...counts(200, 30, 12, 8), purchases: 2, units: 3, netRevenueMinor: 2000 });
    expect(view.revenue).toMatchObject({ netRevenueMinor: 2000, orders: 1 });
    expect(view.topRules.map((r) => r.label)).toEqual(["Pods with machines"]);
    expect(view.topOffers.map((r) => r.label)).toEqual(["Coffee pods"]);
    expect(view.range.liftWeeks).toEqual({ from: "2026-11-09", to: "2026-11-16" });
  });

  it("never shows another shop's rows", async () => {
    const view = (await analytics(theirs, NOVEMBER))!;

    expect(view.funnel.totals).toEqual({ ...counts(7777, 77, 7, 0), purchases: 1, units: 3, netRevenueMinor: 66_600 });
    expect(view.topRules.map((r) => r.label)).toEqual(["Automatic offers (no rule)"]);
    // Its product is not in its catalog: named as such, never by the other shop's title.
    expect(view.topOffers.map((r) => r.label)).toEqual([`Deleted product (${Y})`]);
    expect(view.lift.revenuePerVisitor).toMatchObject({ status: "insufficient", reason: "too_few_units" });
  });

  it("shows the last 30 days in the shop's zone when no range is asked for", async () => {
    const view = (await analytics(mine))!;
    const today = utcToZonedInput(new Date(), "Asia/Tokyo").slice(0, 10);

    expect(view.range).toMatchObject({ to: today, today, days: 30 });
  });

  it("counts, in a range ending today, the events of the UTC day that has begun after the shop's", async () => {
    const shop = uniqueShop();
    await installShop(shop, { timezone: "America/New_York" });
    await rollup(shop, { day: "2026-11-30", surface: "cart", kind: "upsell", productId: Y, counts: [10, 1, 1, 0] });
    // 23:30 on the 30th in New York is already December 1st in UTC.
    await rollup(shop, { day: "2026-12-01", surface: "cart", kind: "upsell", productId: Y, counts: [5, 0, 0, 0] });
    await rollup(shop, { day: "2026-11-01", surface: "cart", kind: "upsell", productId: Y, counts: [900, 0, 0, 0] });
    const lateOnThe30th = new Date("2026-12-01T04:30:00Z");

    const today = (await loadAnalytics(shop, null, lateOnThe30th))!;
    const past = (await loadAnalytics(
      shop,
      { from: "2026-11-02", to: "2026-11-30" },
      new Date("2026-12-05T12:00:00Z"),
    ))!;

    expect(today.range).toMatchObject({ from: "2026-11-01", to: "2026-11-30", today: "2026-11-30" });
    expect(today.range.utcDays).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(today.funnel.totals.impressions).toBe(915);
    expect(past.range.utcDays).toEqual({ from: "2026-11-02", to: "2026-11-30" });
    expect(past.funnel.totals.impressions).toBe(10);
  });

  it("renders the summary, the tables and a fixed-height box for each chart", async () => {
    const page = await render(mine, NOVEMBER);

    expect(page.status).toBe(200);
    expect(page.text).toContain("Analytics Nov 1, 2026 – Nov 30, 2026 (30 days, Asia/Tokyo)");
    expect(page.text).toContain("Revenue from offers $97.00 4 orders, 5 offer lines (6 units) Net of $25.00 refunded");
    expect(page.text).toContain("Lift in revenue per visitor Success Significant +20.0%");
    expect(page.text).toContain("Pods with machines 300 22 3 $70.00");
    expect(page.text).toContain("Espresso machine 150 13 2 $57.00");
    expect(page.html.match(/role="figure"/g)).toHaveLength(3);
    expect(page.html).toMatch(/<div style="height:260px;position:relative" role="figure"/);
    // The overview cards stay below the analytics.
    expect(page.text.indexOf("Products in catalog")).toBeGreaterThan(page.text.indexOf("Top offers"));
  });

  it("says so when nothing was shown in the range, and when the lift has too little data", async () => {
    const page = await render(mine, "?from=2025-01-01&to=2025-01-31");

    expect(page.text).toContain("No offers shown between Jan 1, 2025 and Jan 31, 2025");
    expect(page.text).toContain("Not enough data yet Needs 100 more in the exposed group and 100 more in the holdout");
    expect(page.html).not.toMatch(/role="figure"/);
  });

  it("explains the wait for a shop whose details Cartlift has not read yet", async () => {
    const shop = uniqueShop();
    await installShop(shop, null);

    const page = await render(shop);

    expect(await analytics(shop)).toBeNull();
    expect(page.text).toContain("Analytics appear once Cartlift has read your shop's currency and time zone");
  });
});

describe("a bad range on the page", () => {
  const cases = [
    ["?from=2026-02-30&to=2026-03-01", "from", "Enter the start date as YYYY-MM-DD"],
    ["?from=2026-11-30&to=2026-11-01", "to", "The end date is before the start date"],
    ["?from=2025-01-01&to=2026-01-02", "to", "Choose at most 366 days"],
    ["?from=2026-11-01", "to", "Enter an end date"],
  ] as const;

  it.each(cases)("%s shows the default range and the field error", async (query, field, message) => {
    const data = await home.loader(args(await get(mine, `/app${query}`)));
    const page = await render(mine, query);

    expect(data.rangeErrors).toEqual({ [field]: message });
    expect(data.analytics?.range.days).toBe(30);
    expect(page.status).toBe(200);
    expect(page.text).toContain(message);
  });
});

// The sections of the CSV, by their first cell.
function sections(body: string): Map<string, string[][]> {
  const blocks = body.trimEnd().split("\r\n\r\n");
  return new Map(
    blocks.map((block) => {
      const rows = block.split("\r\n").map((line) => line.split(","));
      return [rows[0]![0]!, rows];
    }),
  );
}

describe("the analytics CSV", () => {
  it("has the page's numbers for the same range, as a private download", async () => {
    const response = await csv(mine, NOVEMBER);
    const body = await response.text();
    const csvSections = sections(body);

    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="cartlift-analytics-2026-11-01-to-2026-11-30.csv"',
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(csvSections.get("Cartlift analytics")).toEqual([
      ["Cartlift analytics", mine],
      ["from", "2026-11-01"],
      ["to", "2026-11-30"],
      ["timezone", "Asia/Tokyo"],
      ["currency", "USD"],
      ["events_utc_days", "2026-11-01 to 2026-11-30"],
      ["lift_weeks", "2026-10-26 to 2026-11-30"],
    ]);
    expect(csvSections.get("summary")).toEqual([
      ["summary", "value"],
      ["net_revenue_from_offers", "97.00"],
      ["refunded", "25.00"],
      ["orders", "4"],
      ["purchases", "5"],
      ["units", "6"],
    ]);
    expect(csvSections.get("funnel")).toEqual([
      ["funnel", "key", "name", "impressions", "clicks", "adds", "declines", "purchases", "units", "net_revenue"],
      ["total", "", "All offers", "350", "55", "25", "14", "5", "6", "97.00"],
      ["kind", "upsell", "Upsell", "100", "20", "10", "5", "2", "2", "57.00"],
      ["kind", "cross_sell", "Cross-sell", "200", "30", "12", "8", "2", "3", "20.00"],
      ["kind", "down_sell", "Down-sell", "50", "5", "3", "1", "1", "1", "20.00"],
      ["surface", "product", "Product page", "100", "20", "10", "5", "2", "2", "57.00"],
      ["surface", "cart", "Cart", "200", "30", "12", "8", "2", "3", "20.00"],
      ["surface", "checkout", "Checkout", "50", "5", "3", "1", "1", "1", "20.00"],
      ["persona", ids.vip, "VIP", "150", "25", "13", "6", "3", "3", "77.00"],
      ["persona", "", "No persona", "200", "30", "12", "8", "2", "3", "20.00"],
    ]);
    expect(csvSections.get("top_rules")?.map((row) => [row[0], row[1], row[2], row[3], row[9]])).toEqual([
      ["top_rules", "rule_id", "name", "impressions", "net_revenue"],
      ["1", ids.pods, "Pods with machines", "300", "70.00"],
      ["2", "", "Automatic offers (no rule)", "50", "20.00"],
      // A rule named like a formula is text in a spreadsheet.
      ["3", ids.bundles, "'=Bundles", "0", "7.00"],
    ]);
    expect(
      csvSections
        .get("top_offers")
        ?.slice(1)
        .map((row) => [row[2], row[9]]),
    ).toEqual([
      ["Espresso machine", "57.00"],
      ["Coffee pods", "20.00"],
      ["Milk frother", "20.00"],
    ]);
    const lift = csvSections.get("lift_95")!;
    expect(lift.map((row) => [row[0], row[1]])).toEqual([
      ["lift_95", "status"],
      ["revenue_per_visitor", "ok"],
      ["conversion", "ok"],
      ["average_order_value", "ok"],
    ]);
    // 30.00 vs 25.00 per shopper-week, in dollars.
    expect(lift[1]!.slice(2, 4)).toEqual(["30.0000", "25.0000"]);
    expect(csvSections.get("revenue_by_day")).toHaveLength(31);
  });

  it("answers a bad range with 400 and its field errors", async () => {
    const bad = [
      "?from=2026-02-30&to=2026-03-01",
      "?from=2026-11-30&to=2026-11-01",
      "?from=2025-01-01&to=2026-01-02",
      "?to=2026-11-01",
    ];
    for (const query of bad) {
      const response = await thrownResponse(() => csv(mine, query));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: expect.any(Object) });
    }
  });

  it("exports the default range without one, and rejects a forged session token with 401", async () => {
    const response = await csv(mine, "");
    const forged = await thrownResponse(async () =>
      csvRoute.loader(
        args(adminFetch("/app/analytics.csv", await sessionToken(mine, { secret: "not-the-app-secret" }))),
      ),
    );

    expect(response.status).toBe(200);
    expect(sections(await response.text()).get("revenue_by_day")).toHaveLength(31);
    expect(forged.status).toBe(401);
  });
});
