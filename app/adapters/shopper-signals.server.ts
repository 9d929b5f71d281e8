/** What Cartlift has seen of one shopper in one shop: offer history, storefront behaviour, orders. */
import { prisma } from "../db.server";
import type { Decline, Impression, Surface } from "../domain/offers";

export interface StoredShopperSignals {
  impressions: Impression[];
  declines: Decline[];
  recentlyViewedProductIds: string[];
  removedProductIds: string[];
  orderCount: number;
  totalSpentMinor: number;
}

export interface SignalWindows {
  /** Offer history older than this is irrelevant to fatigue caps. */
  offerHistorySince: Date;
  /** Storefront behaviour older than this is no longer "this session". */
  sessionSince: Date;
}

/** How many recently viewed products the engine gets. */
export const RECENT_VIEWS = 20;

/**
 * Loads the shopper's signals across every id they are known by (anonymous and customer ids, see
 * docs/decisions/011-shopper-identity.md); `customerId` adds their order history.
 */
export async function loadShopperSignals(
  shop: string,
  shopperIds: string[],
  customerId: string | null,
  windows: SignalWindows,
): Promise<StoredShopperSignals> {
  const [offerEvents, behaviour, orders] = await Promise.all([
    prisma.offerEvent.findMany({
      where: {
        shop,
        shopperId: { in: shopperIds },
        type: { in: ["impression", "decline"] },
        occurredAt: { gte: windows.offerHistorySince },
      },
      select: { type: true, offerKey: true, surface: true, occurredAt: true },
    }),
    prisma.shopperEvent.findMany({
      where: {
        shop,
        shopperId: { in: shopperIds },
        type: { in: ["view", "remove"] },
        occurredAt: { gte: windows.sessionSince },
      },
      select: { type: true, productId: true },
      orderBy: { occurredAt: "desc" },
      take: 200,
    }),
    customerId
      ? prisma.order.aggregate({
          // A cancelled order was never bought: it counts neither as an order nor as spend, and
          // what refunds took back was not spent either (same rule as shopper-history.server.ts).
          where: { shop, customerId, cancelledAt: null },
          _count: { _all: true },
          _sum: { totalMinor: true, refundedMinor: true },
        })
      : null,
  ]);
  return {
    impressions: offerEvents
      .filter((e) => e.type === "impression")
      .map((e) => ({ offerKey: e.offerKey, at: e.occurredAt, surface: e.surface as Surface })),
    declines: offerEvents.filter((e) => e.type === "decline").map((e) => ({ offerKey: e.offerKey, at: e.occurredAt })),
    recentlyViewedProductIds: unique(behaviour.filter((e) => e.type === "view").map((e) => e.productId)).slice(
      0,
      RECENT_VIEWS,
    ),
    removedProductIds: unique(behaviour.filter((e) => e.type === "remove").map((e) => e.productId)),
    orderCount: orders?._count._all ?? 0,
    totalSpentMinor: Number((orders?._sum.totalMinor ?? 0n) - (orders?._sum.refundedMinor ?? 0n)),
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
