/**
 * Writes the demo shop's analytics history (app/demo/seed/analytics.ts) once: exposures in both
 * groups with the planted lift, the attributed orders (their offer lines carrying signed marks,
 * stored as the order webhooks store them, then attributed by the app's own derivation), and the
 * daily offer counts. A database that has them
 * keeps them.
 */
import { Prisma } from "@prisma/client";
import { insertNewOrders } from "../adapters/orders.server";
import { prisma } from "../db.server";
import { isInHoldout } from "../domain/offers";
import { getShopSettings } from "../services/shop-settings.server";
import { generateDemoAnalytics } from "./seed/analytics";
import type { DemoShopData } from "./seed";
import { toIncomingOrder } from "./seed-database.server";
import { numericId } from "../schemas/shopify-ids";
import { attributeStoredOrder } from "../services/attribution.server";
import { signMark, type OfferMark } from "../services/offer-mark.server";
import { ensureOfferMarkKey } from "../services/offer-mark-keys.server";

// Rows per INSERT: 9 parameters each, under SQLite's 32,766.
const CHUNK = 3_000;

export interface AnalyticsSeed {
  seeded: boolean;
  exposures: number;
  attributedOrders: number;
  rollups: number;
}

export async function seedDemoAnalytics(data: DemoShopData, now: Date): Promise<AnalyticsSeed> {
  const shop = data.shop.domain;
  const existing = await prisma.shopperExposure.count({ where: { shop } });
  if (existing > 0) return { seeded: false, exposures: existing, attributedOrders: 0, rollups: 0 };
  const [{ settings }, rules, personas] = await Promise.all([
    getShopSettings(shop),
    prisma.offerRule.findMany({ where: { shop, kind: "cross_sell" }, select: { id: true }, orderBy: { id: "asc" } }),
    prisma.persona.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } }),
  ]);
  const history = generateDemoAnalytics(data, {
    crossSellRuleIds: rules.map((r) => r.id),
    personaIds: personas.map((p) => p.id),
    inHoldout: (key) => isInHoldout(key, settings),
    now,
  });
  // One multi-row INSERT per chunk: Prisma's createMany takes some thirty seconds for these rows.
  const stamped = new Date();
  for (let i = 0; i < history.exposures.length; i += CHUNK) {
    const rows = history.exposures
      .slice(i, i + CHUNK)
      .map(
        (e) =>
          Prisma.sql`(${shop}, ${e.period}, ${e.shopperKey}, ${e.holdout}, ${e.surface}, ${e.firstSeenAt}, ${e.orders}, ${BigInt(e.revenueMinor)}, ${stamped})`,
      );
    await prisma.$executeRaw`INSERT INTO "ShopperExposure" ("shop", "period", "shopperKey", "holdout", "surface", "firstSeenAt", "orders", "revenueMinor", "updatedAt") VALUES ${Prisma.join(rows)}`;
  }
  // The attributed line carries the offer's signed mark, as the storefront puts it on the cart line;
  // the orders are stored as the order webhooks store them, then attributed by the same derivation.
  const key = (await ensureOfferMarkKey(shop))!;
  const marks = new Map(history.attributions.map((a) => [a.lineId, a]));
  const orders = history.orders.map((order) => {
    const incoming = toIncomingOrder(order);
    const placed = Math.floor(new Date(order.processedAt).getTime() / 1000);
    incoming.lines = incoming.lines.map((line) => {
      const offer = marks.get(line.id);
      if (!offer || !line.variantId) return line;
      const mark = signMark(key, {
        v: 1,
        r: offer.ruleId,
        k: offer.kind as OfferMark["k"],
        o: String(numericId(line.variantId)),
        t: null,
        x: placed + 3_600,
        s: offer.surface as OfferMark["s"],
        p: offer.personaId,
      });
      return { ...line, offerMark: mark };
    });
    return incoming;
  });
  await prisma.$transaction((tx) => insertNewOrders(tx, shop, orders, []));
  for (const order of orders) await attributeStoredOrder(shop, order.id);
  await prisma.offerDailyRollup.createMany({ data: history.rollups.map((r) => ({ shop, ...r })) });
  return {
    seeded: true,
    exposures: history.exposures.length,
    attributedOrders: history.orders.length,
    rollups: history.rollups.length,
  };
}
