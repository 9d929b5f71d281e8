/**
 * Reads of the daily offer counts (OfferDailyRollup, docs/decisions/028-offer-rollups.md). Every
 * query carries the shop; events add to the rows in app/adapters/storefront-events.server.ts.
 */
import { prisma } from "../db.server";

export interface PersonaProductCounts {
  personaId: string;
  productId: string;
  impressions: number;
  adds: number;
}

/** Impressions and adds per persona and product on one surface since `sinceDay` (YYYY-MM-DD, inclusive). */
export async function acceptCountsBySurface(
  shop: string,
  surface: string,
  sinceDay: string,
): Promise<PersonaProductCounts[]> {
  const rows = await prisma.offerDailyRollup.groupBy({
    by: ["personaId", "productId"],
    where: { shop, surface, day: { gte: sinceDay } },
    _sum: { impressions: true, adds: true },
  });
  return rows.map((row) => ({
    personaId: row.personaId,
    productId: row.productId,
    impressions: row._sum.impressions ?? 0,
    adds: row._sum.adds ?? 0,
  }));
}
