/**
 * Prisma access for offer attribution (docs/decisions/026-attribution.md): the stored order as
 * attribution reads it, the buyer's recent offer adds, and the order's attribution rows, replaced
 * as a whole. Every query carries the shop.
 */
import type { AttributableLine, AttributableOrder, Attribution, RecentAdd } from "../domain/attribution/attribute";
import { prisma } from "../db.server";

/** The order as attribution reads it: each line with the mark it carries, not yet verified. */
export interface StoredOrderForAttribution extends AttributableOrder {
  lines: (Omit<AttributableLine, "mark"> & { offerMark: string | null })[];
}

export async function findOrderForAttribution(
  shop: string,
  orderId: string,
): Promise<StoredOrderForAttribution | null> {
  const order = await prisma.order.findUnique({
    where: { shop_id: { shop, id: orderId } },
    include: { lines: { orderBy: { id: "asc" } } },
  });
  if (!order) return null;
  return {
    id: order.id,
    processedAt: order.processedAt,
    cancelled: order.cancelledAt !== null,
    currency: order.currency,
    presentmentCurrency: order.presentmentCurrency,
    customerId: order.customerId,
    lines: order.lines.map((line) => ({
      id: line.id,
      productId: line.productId,
      variantId: line.variantId,
      quantity: line.quantity,
      priceMinor: Number(line.priceMinor),
      presentmentPriceMinor: line.presentmentPriceMinor === null ? null : Number(line.presentmentPriceMinor),
      refundedMinor: Number(line.refundedMinor),
      offerMark: line.offerMark,
    })),
  };
}

/**
 * The customer's offer adds of these variants between `from` and `to`: made while logged in, or
 * under an anonymous id later linked to them (docs/decisions/011-shopper-identity.md).
 */
export async function findRecentOfferAdds(
  shop: string,
  customerId: string,
  variantIds: string[],
  from: Date,
  to: Date,
): Promise<RecentAdd[]> {
  if (variantIds.length === 0) return [];
  const keys = await prisma.shopperIdentity.findMany({
    where: { shop, customerId },
    select: { shopperKey: true },
  });
  const linked = keys.length
    ? await prisma.shopperIdentity.findMany({
        where: { shop, shopperKey: { in: [...new Set(keys.map((k) => k.shopperKey))] } },
        select: { id: true },
      })
    : [];
  const events = await prisma.offerEvent.findMany({
    where: {
      shop,
      type: "add",
      variantId: { in: variantIds },
      occurredAt: { gte: from, lte: to },
      OR: [{ customerId }, { shopperId: { in: linked.map((l) => l.id) } }],
    },
    select: { variantId: true, kind: true, surface: true, ruleId: true, occurredAt: true },
    orderBy: { occurredAt: "desc" },
    take: 500,
  });
  return events.flatMap((e) =>
    e.variantId
      ? [{ variantId: e.variantId, kind: e.kind, surface: e.surface, ruleId: e.ruleId, at: e.occurredAt }]
      : [],
  );
}

/** Replaces the order's attribution rows with `rows` (none: the order earns nothing now). */
export async function replaceOrderAttributions(shop: string, orderId: string, rows: Attribution[]): Promise<void> {
  await prisma.$transaction([
    prisma.offerAttribution.deleteMany({ where: { shop, orderId } }),
    prisma.offerAttribution.createMany({
      data: rows.map((row) => ({
        shop,
        ...row,
        revenueMinor: BigInt(row.revenueMinor),
        refundedMinor: BigInt(row.refundedMinor),
        presentmentRevenueMinor: row.presentmentRevenueMinor === null ? null : BigInt(row.presentmentRevenueMinor),
      })),
    }),
  ]);
}
