/**
 * The analytics benchmark's worker (app/cli/analytics-bench.ts), in its own process so that its
 * DATABASE_URL decides the database: writes a year of one shop's analytics (daily offer counts for
 * at least five million events, a year of shopper-weeks, attributed orders), then times the home
 * page's loader and the rollup maintenance, and prints one JSON line. Asserts nothing.
 */
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server";
import { storeEventsOnce, type NewOfferEvent } from "../adapters/storefront-events.server";
import { loadAnalytics } from "../services/analytics.server";
import { createRandom } from "../demo/seed/random";

const SHOP = "bench-analytics.myshopify.com";
const DAYS = 365;
const SURFACES = ["product", "cart", "cart_removal", "checkout", "thank_you"];
const PERSONAS = ["", "persona-new", "persona-returning", "persona-vip", "persona-b2b"];
const PRODUCTS = 120;
const ROWS_PER_DAY = 1_600;
const WEEKS = 52;
const SHOPPERS_PER_WEEK = 10_000;
const ORDERS = 20_000;
const RUNS = 5;

export interface AnalyticsBenchResult {
  provider: string;
  events: number;
  rollupRows: number;
  exposures: number;
  attributions: number;
  writeSeconds: number;
  loader30: number[];
  loader365: number[];
  reference: number[];
  eventsPerBatch: number;
  batches: number;
  withRollupsMs: number;
  withoutRollupsMs: number;
}

const day = (n: number) => new Date(Date.UTC(2026, 11, 7) - n * 86_400_000).toISOString().slice(0, 10);

async function insertRows(table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.floor(30_000 / columns.length);
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((row) => Prisma.sql`(${Prisma.join(row)})`);
    await prisma.$executeRaw`${head}${Prisma.join(values)}`;
  }
}

async function writeYear(): Promise<{ events: number; rollupRows: number; exposures: number; attributions: number }> {
  const rng = createRandom(5_000_000);
  await prisma.shop.create({ data: { domain: SHOP, name: "Bench", currency: "USD", timezone: "America/New_York" } });
  const rollups: unknown[][] = [];
  let events = 0;
  for (let d = 0; d < DAYS; d++) {
    const seen = new Set<string>();
    for (let r = 0; r < ROWS_PER_DAY; r++) {
      const surface = rng.pick(SURFACES);
      const persona = rng.pick(PERSONAS);
      const product = `gid://shopify/Product/${1 + rng.int(0, PRODUCTS - 1)}`;
      const rule = rng.chance(0.5) ? `rule-${rng.int(1, 8)}` : "";
      const kind = rng.pick(["upsell", "cross_sell", "down_sell"]);
      const key = `${surface}|${persona}|${product}|${rule}|${kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const impressions = rng.int(3, 12);
      const clicks = rng.int(0, 2);
      const adds = rng.int(0, 1);
      const declines = rng.chance(0.1) ? 1 : 0;
      events += impressions + clicks + adds + declines;
      rollups.push([SHOP, day(d), surface, kind, rule, persona, product, impressions, clicks, adds, declines]);
    }
  }
  await insertRows(
    "OfferDailyRollup",
    ["shop", "day", "surface", "kind", "ruleId", "personaId", "productId", "impressions", "clicks", "adds", "declines"],
    rollups,
  );
  const stamped = new Date();
  const exposures: unknown[][] = [];
  for (let w = 0; w < WEEKS; w++) {
    const period = day(w * 7 + ((new Date(Date.UTC(2026, 11, 7)).getUTCDay() + 6) % 7));
    for (let i = 0; i < SHOPPERS_PER_WEEK; i++) {
      const holdout = rng.chance(0.05);
      const orders = rng.chance(holdout ? 0.06 : 0.066) ? 1 : 0;
      exposures.push([
        SHOP,
        period,
        `s-${w}-${i}`,
        holdout,
        "product",
        new Date(`${period}T12:00:00Z`),
        orders,
        BigInt(orders * rng.int(2_000, 15_000)),
        stamped,
      ]);
    }
  }
  await insertRows(
    "ShopperExposure",
    ["shop", "period", "shopperKey", "holdout", "surface", "firstSeenAt", "orders", "revenueMinor", "updatedAt"],
    exposures,
  );
  const orders: unknown[][] = [];
  const lines: unknown[][] = [];
  const attributions: unknown[][] = [];
  for (let n = 0; n < ORDERS; n++) {
    const at = new Date(Date.UTC(2026, 11, 7) - rng.int(0, DAYS * 86_400 - 1) * 1000);
    const id = `gid://shopify/Order/${n + 1}`;
    const line = `gid://shopify/LineItem/${n + 1}`;
    const price = BigInt(rng.int(900, 6_000));
    orders.push([SHOP, id, `#${n + 1}`, at, "USD", price, price, stamped]);
    lines.push([SHOP, line, id, `gid://shopify/Product/${1 + rng.int(0, PRODUCTS - 1)}`, "v", "Offer", 1, price]);
    attributions.push([
      SHOP,
      line,
      id,
      at,
      "mark",
      "cross_sell",
      rng.pick(SURFACES),
      `rule-${rng.int(1, 8)}`,
      rng.pick(PERSONAS) || null,
      `gid://shopify/Product/${1 + rng.int(0, PRODUCTS - 1)}`,
      "gid://shopify/ProductVariant/1",
      1,
      price,
      0n,
      "USD",
      stamped,
    ]);
  }
  await insertRows(
    "Order",
    ["shop", "id", "name", "processedAt", "currency", "subtotalMinor", "totalMinor", "createdAt"],
    orders,
  );
  await insertRows(
    "OrderLine",
    ["shop", "id", "orderId", "productId", "variantId", "title", "quantity", "priceMinor"],
    lines,
  );
  await insertRows(
    "OfferAttribution",
    [
      "shop",
      "lineId",
      "orderId",
      "processedAt",
      "source",
      "kind",
      "surface",
      "ruleId",
      "personaId",
      "productId",
      "variantId",
      "quantity",
      "revenueMinor",
      "refundedMinor",
      "currency",
      "attributedAt",
    ],
    attributions,
  );
  return { events, rollupRows: rollups.length, exposures: exposures.length, attributions: attributions.length };
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Batches of offer events stored with their rollups, and the same events inserted alone (the reference). */
async function rollupMaintenance(batches: number, perBatch: number) {
  const rng = createRandom(7);
  const batch = (b: number, tag: string): NewOfferEvent[] =>
    Array.from({ length: perBatch }, (_, i) => ({
      clientEventId: `${tag}-${b}-${i}`,
      type: rng.pick(["impression", "impression", "impression", "click", "add"]),
      shopperId: `shopper-${b}`,
      customerId: null,
      offerKey: "cross_sell:p",
      productId: `gid://shopify/Product/${1 + rng.int(0, PRODUCTS - 1)}`,
      variantId: "gid://shopify/ProductVariant/1",
      kind: "cross_sell",
      surface: rng.pick(SURFACES),
      ruleId: "rule-1",
      personaId: rng.pick(PERSONAS) || null,
      occurredAt: new Date(),
    }));
  const withRollupsMs = await time(async () => {
    for (let b = 0; b < batches; b++) await storeEventsOnce(SHOP, batch(b, "with"), []);
  });
  const withoutRollupsMs = await time(async () => {
    for (let b = 0; b < batches; b++)
      await prisma.offerEvent.createMany({ data: batch(b, "without").map((e) => ({ shop: SHOP, ...e })) });
  });
  return { withRollupsMs, withoutRollupsMs };
}

async function main(): Promise<void> {
  const started = performance.now();
  const written = await writeYear();
  const writeSeconds = (performance.now() - started) / 1000;
  const now = new Date(Date.UTC(2026, 11, 7, 18));
  const loader30: number[] = [];
  const loader365: number[] = [];
  const reference: number[] = [];
  await loadAnalytics(SHOP, null, now);
  for (let i = 0; i < RUNS; i++) {
    loader30.push(await time(() => loadAnalytics(SHOP, null, now)));
    loader365.push(await time(() => loadAnalytics(SHOP, { from: "2025-12-08", to: "2026-12-07" }, now)));
    reference.push(await time(() => prisma.shop.findUnique({ where: { domain: SHOP } })));
  }
  const eventsPerBatch = 10;
  const batches = 500;
  const maintenance = await rollupMaintenance(batches, eventsPerBatch);
  const result: AnalyticsBenchResult = {
    provider: process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite",
    ...written,
    writeSeconds,
    loader30,
    loader365,
    reference,
    eventsPerBatch,
    batches,
    ...maintenance,
  };
  console.log(JSON.stringify(result));
  await prisma.$disconnect();
}

await main();
