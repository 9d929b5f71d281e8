/**
 * The storefront's hot read (docs/decisions/011-shopper-identity.md): in one round trip, the identity
 * rows of the shopper's ids and of every id linked to them, their offer history and session
 * behaviour across all those ids, and (logged in) their order count, spend and recent purchases. The ORM would take
 * four queries; on the offers endpoint each one costs more than the engine's decision.
 * Every query carries the shop.
 */
import { Prisma } from "@prisma/client";
import { databaseProvider, prisma } from "../db.server";
import type { Decline, Impression, Surface } from "../domain/offers";
import type { IdentityRow } from "./shopper-identity.server";
import {
  PURCHASE_HISTORY_ORDERS,
  RECENT_VIEWS,
  type SignalWindows,
  type StoredShopperSignals,
} from "./shopper-signals.server";

export interface ShopperHistory {
  /** Identity rows of the given ids and of every id sharing a key with them. */
  identities: IdentityRow[];
  signals: StoredShopperSignals;
}

interface Row {
  src: "i" | "o" | "s" | "c" | "p";
  t: string | null;
  a: string | null;
  b: string | null;
  at: Date | string | null;
}

/** Identities, fatigue and behaviour for the ids (and everything linked to them) in one query. */
export async function loadShopperHistory(
  shop: string,
  ids: string[],
  customerId: string | null,
  windows: SignalWindows,
): Promise<ShopperHistory> {
  const given = Prisma.join(ids);
  const linked = Prisma.sql`SELECT l."id" FROM "ShopperIdentity" g JOIN "ShopperIdentity" l
    ON l."shop" = g."shop" AND l."shopperKey" = g."shopperKey" WHERE g."shop" = ${shop} AND g."id" IN (${given})`;
  const owners = Prisma.sql`("shopperId" IN (${given}) OR "shopperId" IN (${linked}))`;
  const orders = customerId
    ? // Cancelled orders were never bought; refunded amounts were not spent (as in shopper-signals.server.ts).
      Prisma.sql`UNION ALL SELECT 'c', CAST(COUNT(*) AS TEXT), CAST(COALESCE(SUM("totalMinor" - "refundedMinor"), 0) AS TEXT),
        NULL, NULL FROM "Order" WHERE "shop" = ${shop} AND "customerId" = ${customerId} AND "cancelledAt" IS NULL
      UNION ALL SELECT 'p', "productId", CAST(COUNT(DISTINCT "orderId") AS TEXT), NULL, NULL FROM "OrderLine"
        WHERE "shop" = ${shop} AND "productId" IS NOT NULL AND "quantity" > "refundedQuantity" AND "orderId" IN (
          SELECT "id" FROM "Order" WHERE "shop" = ${shop} AND "customerId" = ${customerId} AND "cancelledAt" IS NULL
          ORDER BY "processedAt" DESC LIMIT ${PURCHASE_HISTORY_ORDERS})
        GROUP BY "productId"`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT 'i' AS "src", "id" AS "t", "shopperKey" AS "a", "customerId" AS "b", NULL AS "at"
      FROM "ShopperIdentity" WHERE "shop" = ${shop} AND ("id" IN (${given}) OR "id" IN (${linked}))
    UNION ALL SELECT 'o', "type", "offerKey", "surface", "occurredAt" FROM "OfferEvent"
      WHERE "shop" = ${shop} AND "type" IN ('impression', 'decline') AND "occurredAt" >= ${since(windows.offerHistorySince)}
      AND ${owners}
    UNION ALL SELECT 's', "type", "productId", NULL, "occurredAt" FROM "ShopperEvent"
      WHERE "shop" = ${shop} AND "type" IN ('view', 'remove') AND "occurredAt" >= ${since(windows.sessionSince)}
      AND ${owners}
    ${orders}`;
  return toHistory(rows);
}

// SQLite keeps DateTime as ISO text ("…T12:00:00.000+00:00"), compared as text; PostgreSQL as timestamp.
function since(date: Date): Date | string {
  return databaseProvider === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date;
}

function toHistory(rows: Row[]): ShopperHistory {
  const identities: IdentityRow[] = [];
  const impressions: Impression[] = [];
  const declines: Decline[] = [];
  const behaviour: { type: string; productId: string; at: number }[] = [];
  let orderCount = 0;
  let totalSpentMinor = 0;
  const purchasedProducts = new Map<string, number>();
  for (const row of rows) {
    if (row.src === "i") identities.push({ id: row.t!, shopperKey: row.a!, customerId: row.b });
    else if (row.src === "c") {
      orderCount = Number(row.t);
      totalSpentMinor = Number(row.a);
    } else if (row.src === "p") purchasedProducts.set(row.t!, Number(row.a));
    else if (row.src === "o") {
      const at = new Date(row.at!);
      if (row.t === "impression") impressions.push({ offerKey: row.a!, at, surface: row.b as Surface });
      else declines.push({ offerKey: row.a!, at });
    } else behaviour.push({ type: row.t!, productId: row.a!, at: new Date(row.at!).getTime() });
  }
  behaviour.sort((x, y) => y.at - x.at);
  const productsOf = (type: string) => [...new Set(behaviour.filter((e) => e.type === type).map((e) => e.productId))];
  return {
    identities,
    signals: {
      impressions,
      declines,
      recentlyViewedProductIds: productsOf("view").slice(0, RECENT_VIEWS),
      removedProductIds: productsOf("remove"),
      orderCount,
      totalSpentMinor,
      purchasedProducts,
    },
  };
}
