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
  /**
   * Logged in: the products of their last `PURCHASE_HISTORY_ORDERS` orders (not cancelled, lines
   * not wholly refunded), with how many of those orders held each. Re-ranks substitutes only.
   */
  purchasedProducts: Map<string, number>;
}

/** How many of a customer's latest orders the substitutes' re-rank reads. */
export const PURCHASE_HISTORY_ORDERS = 50;

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
  const [offerEvents, behaviour, orders, purchasedProducts] = await Promise.all([
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
    customerId ? recentPurchases(shop, customerId) : new Map<string, number>(),
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
    purchasedProducts,
  };
}

// The ORM twin of the purchases branch of shopper-history.server.ts's one-query read.
async function recentPurchases(shop: string, customerId: string): Promise<Map<string, number>> {
  const recent = await prisma.order.findMany({
    where: { shop, customerId, cancelledAt: null },
    orderBy: { processedAt: "desc" },
    take: PURCHASE_HISTORY_ORDERS,
    select: { id: true },
  });
  const lines = await prisma.orderLine.findMany({
    where: { shop, orderId: { in: recent.map((o) => o.id) }, productId: { not: null } },
    select: { orderId: true, productId: true, quantity: true, refundedQuantity: true },
  });
  return ordersPerProduct(
    lines.filter((l) => l.quantity > l.refundedQuantity).map((l) => ({ orderId: l.orderId, productId: l.productId! })),
  );
}

/** Product id → how many distinct orders held it. */
function ordersPerProduct(lines: readonly { orderId: string; productId: string }[]): Map<string, number> {
  const orders = new Map<string, Set<string>>();
  for (const { orderId, productId } of lines) {
    const set = orders.get(productId) ?? new Set<string>();
    set.add(orderId);
    orders.set(productId, set);
  }
  return new Map([...orders].map(([id, set]) => [id, set.size]));
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
