/**
 * Storefront events (offer events and shopper behaviour) stored once per client event id: a
 * retried batch finds its ids already there. New offer events also add to their day's counts
 * (OfferDailyRollup, docs/decisions/028-offer-rollups.md). Every query carries the shop.
 */
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server";
import { rollupIncrements } from "../domain/analytics/rollup";

export interface NewOfferEvent {
  clientEventId: string;
  type: string;
  shopperId: string;
  customerId: string | null;
  offerKey: string;
  productId: string;
  variantId: string;
  kind: string;
  surface: string;
  ruleId: string | null;
  /** The persona the offer was chosen for (its mark says; null for marks made before they did). */
  personaId: string | null;
  occurredAt: Date;
}

export interface NewShopperEvent {
  clientEventId: string;
  type: string;
  shopperId: string;
  productId: string;
  variantId: string | null;
  occurredAt: Date;
}

/** The shop's products among these GIDs. */
export async function findShopProducts(shop: string, productIds: string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const rows = await prisma.product.findMany({
    where: { shop, id: { in: [...new Set(productIds)] } },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

/**
 * Stores the events whose ids the shop has not stored yet, all or nothing; returns how many were
 * new. SQLite has no `skipDuplicates`, so known ids are filtered first; a concurrent retry of the
 * same batch loses the unique-index race and is filtered again.
 */
export async function storeEventsOnce(
  shop: string,
  offerEvents: NewOfferEvent[],
  shopperEvents: NewShopperEvent[],
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertNew(shop, offerEvents, shopperEvents);
    } catch (error) {
      const duplicate = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!duplicate || attempt > 0) throw error;
    }
  }
}

async function insertNew(shop: string, offerEvents: NewOfferEvent[], shopperEvents: NewShopperEvent[]) {
  const [knownOffer, knownShopper] = await Promise.all([
    known(
      "offer",
      shop,
      offerEvents.map((e) => e.clientEventId),
    ),
    known(
      "shopper",
      shop,
      shopperEvents.map((e) => e.clientEventId),
    ),
  ]);
  const newOffer = offerEvents.filter((e) => !knownOffer.has(e.clientEventId));
  const newShopper = shopperEvents.filter((e) => !knownShopper.has(e.clientEventId));
  if (newOffer.length + newShopper.length === 0) return 0;
  // The daily counts move in the same transaction as the events: a retried batch adds to neither.
  await prisma.$transaction([
    prisma.offerEvent.createMany({ data: newOffer.map((e) => ({ shop, ...e })) }),
    prisma.shopperEvent.createMany({ data: newShopper.map((e) => ({ shop, ...e })) }),
    ...rollupIncrements(newOffer).map(({ key, counts }) =>
      prisma.offerDailyRollup.upsert({
        where: { shop_day_surface_kind_ruleId_personaId_productId: { shop, ...key } },
        create: { shop, ...key, ...counts },
        update: {
          impressions: { increment: counts.impressions },
          clicks: { increment: counts.clicks },
          adds: { increment: counts.adds },
          declines: { increment: counts.declines },
        },
      }),
    ),
  ]);
  return newOffer.length + newShopper.length;
}

async function known(table: "offer" | "shopper", shop: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const where = { shop, clientEventId: { in: ids } };
  const select = { clientEventId: true } as const;
  const rows =
    table === "offer"
      ? await prisma.offerEvent.findMany({ where, select })
      : await prisma.shopperEvent.findMany({ where, select });
  return new Set(rows.map((row) => row.clientEventId!));
}
