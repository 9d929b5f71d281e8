/**
 * What the recommendation model learns from (order lines, the catalog, storefront behaviour)
 * and where its trained lists are kept (RecommendationSnapshot). Every query carries the shop.
 */
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { prisma } from "../db.server";
import { OFFERABLE } from "./catalog.server";
import type { OrderLine } from "../domain/recommendations/baskets";
import type { RecommendationSnapshot } from "../domain/recommendations/snapshot";
import type { BehaviourKind, BehaviourSignal, CatalogProduct } from "../domain/recommendations/substitutes";
import type { CustomerPurchase } from "../domain/recommendations/switches";

const LINE_PAGE = 10_000;
const EVENT_PAGE = 20_000;
// Orders per page of customer histories: their ids go into one `IN (…)` for the lines, and
// SQLite builds with the old 999 bound-parameter limit must take it.
const CUSTOMER_ORDER_PAGE = 500;
// A cart swap is one decision; a view only explains a purchase made within the week.
const REMOVE_TO_ADD_MS = 60 * 60 * 1000;
const VIEW_TO_PURCHASE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A shop's order lines that can teach the model, a page at a time (a big shop has millions). A
 * cancelled order teaches nothing: its ids are read first (a few percent of orders) and its lines
 * skipped here, which keeps the page query a plain index range instead of a join per line.
 */
export async function* orderLinePages(shop: string): AsyncGenerator<OrderLine[]> {
  const cancelled = await cancelledOrderIds(shop);
  let after = "";
  for (;;) {
    const rows = await prisma.orderLine.findMany({
      where: { shop, id: { gt: after }, productId: { not: null }, quantity: { gt: 0 } },
      select: { id: true, orderId: true, productId: true, quantity: true },
      orderBy: { id: "asc" },
      take: LINE_PAGE,
    });
    if (rows.length === 0) return;
    yield rows.flatMap((r) =>
      cancelled.has(r.orderId) ? [] : [{ orderId: r.orderId, productId: r.productId ?? "", quantity: r.quantity }],
    );
    after = rows[rows.length - 1].id;
  }
}

/**
 * Orders of known customers with their products, grouped by customer and in time order within a
 * customer (what `SwitchCounts.add` needs), a page at a time. Cancelled orders are skipped here
 * as in `orderLinePages`; so are orders without a customer (a guest checkout has no history).
 */
export async function* customerPurchasePages(shop: string): AsyncGenerator<CustomerPurchase[]> {
  let cursor: string | undefined;
  for (;;) {
    const orders = await prisma.order.findMany({
      where: { shop, customerId: { not: null }, cancelledAt: null },
      select: { id: true, customerId: true, processedAt: true },
      orderBy: [{ customerId: "asc" }, { processedAt: "asc" }, { id: "asc" }],
      take: CUSTOMER_ORDER_PAGE,
      ...(cursor ? { cursor: { shop_id: { shop, id: cursor } }, skip: 1 } : {}),
    });
    if (orders.length === 0) return;
    const lines = await prisma.orderLine.findMany({
      where: { shop, orderId: { in: orders.map((o) => o.id) }, productId: { not: null }, quantity: { gt: 0 } },
      select: { orderId: true, productId: true },
    });
    const products = new Map<string, string[]>();
    for (const line of lines) {
      const list = products.get(line.orderId) ?? [];
      list.push(line.productId ?? "");
      products.set(line.orderId, list);
    }
    yield orders.map((o) => ({
      customerId: o.customerId ?? "",
      at: o.processedAt.getTime(),
      productIds: products.get(o.id) ?? [],
    }));
    cursor = orders[orders.length - 1].id;
  }
}

async function cancelledOrderIds(shop: string): Promise<Set<string>> {
  const rows = await prisma.order.findMany({ where: { shop, cancelledAt: { not: null } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

const stringList = z.array(z.string()).catch([]);
// Stored options are { name, values }[]; same-need reads only the values ("30-pack", "1.5 L").
const optionList = z.array(z.object({ values: z.array(z.string()).catch([]) })).catch([]);

/**
 * Offerable products (active, on the Online Store) with their type, labels and lowest variant
 * price (what a shopper would pay): substitutes are learned among what could be offered.
 */
export async function loadCatalog(shop: string): Promise<CatalogProduct[]> {
  const rows = await prisma.product.findMany({
    where: { shop, ...OFFERABLE },
    select: {
      id: true,
      title: true,
      vendor: true,
      productType: true,
      tags: true,
      collections: true,
      options: true,
      variants: { select: { priceMinor: true }, orderBy: { priceMinor: "asc" }, take: 1 },
    },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((row) =>
    row.variants.length === 0
      ? []
      : [
          {
            productId: row.id,
            title: row.title,
            vendor: row.vendor || undefined,
            productType: row.productType || undefined,
            price: Number(row.variants[0].priceMinor),
            tags: stringList.parse(row.tags),
            collections: stringList.parse(row.collections),
            optionValues: optionList.parse(row.options).flatMap((option) => option.values),
          },
        ],
  );
}

interface EventRow {
  id: string;
  shopperId: string;
  type: string;
  productId: string;
  occurredAt: Date;
}

/**
 * Substitution evidence from storefront events since `since`, counted once per shopper and
 * pair: removed A then added B within the hour; viewed A, then bought B but not A within the
 * week. Only pairs that share a product type or a collection count: a shopper who looked at a
 * coffee machine and bought pods bought a complement, not a replacement.
 */
export async function loadBehaviourSignals(
  shop: string,
  since: Date,
  catalog: readonly CatalogProduct[],
): Promise<BehaviourSignal[]> {
  const related = relatedness(catalog);
  const counts = new Map<string, BehaviourSignal>();
  let shopper: EventRow[] = [];
  for await (const page of shopperEventPages(shop, since)) {
    for (const event of page) {
      if (shopper.length > 0 && shopper[0].shopperId !== event.shopperId) {
        countShopperSignals(shopper, related, counts);
        shopper = [];
      }
      shopper.push(event);
    }
  }
  countShopperSignals(shopper, related, counts);
  return [...counts.values()];
}

async function* shopperEventPages(shop: string, since: Date): AsyncGenerator<EventRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.shopperEvent.findMany({
      where: { shop, occurredAt: { gte: since }, type: { in: ["view", "add", "remove", "purchase"] } },
      select: { id: true, shopperId: true, type: true, productId: true, occurredAt: true },
      orderBy: [{ shopperId: "asc" }, { occurredAt: "asc" }, { id: "asc" }],
      take: EVENT_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = rows[rows.length - 1].id;
  }
}

function countShopperSignals(
  events: EventRow[],
  related: (a: string, b: string) => boolean,
  counts: Map<string, BehaviourSignal>,
): void {
  const bought = new Set(events.filter((e) => e.type === "purchase").map((e) => e.productId));
  const seen = new Set<string>();
  const emit = (kind: BehaviourKind, from: string, to: string): void => {
    const key = `${kind}\u0000${from}\u0000${to}`;
    if (from === to || seen.has(key) || !related(from, to)) return;
    seen.add(key);
    const signal = counts.get(key) ?? { kind, fromProductId: from, toProductId: to, count: 0 };
    signal.count += 1;
    counts.set(key, signal);
  };
  events.forEach((event, i) => {
    if (event.type === "add") {
      for (const e of earlier(events, i, "remove", REMOVE_TO_ADD_MS))
        emit("removed_then_added", e.productId, event.productId);
    } else if (event.type === "purchase") {
      for (const e of earlier(events, i, "view", VIEW_TO_PURCHASE_MS)) {
        if (!bought.has(e.productId)) emit("viewed_then_bought", e.productId, event.productId);
      }
    }
  });
}

// Events of one type within `windowMs` before events[i]; walks back only as far as the window.
function* earlier(events: EventRow[], i: number, type: string, windowMs: number): Generator<EventRow> {
  const until = events[i].occurredAt.getTime() - windowMs;
  for (let j = i - 1; j >= 0 && events[j].occurredAt.getTime() >= until; j--) {
    if (events[j].type === type) yield events[j];
  }
}

function relatedness(catalog: readonly CatalogProduct[]): (a: string, b: string) => boolean {
  const byId = new Map(catalog.map((p) => [p.productId, p]));
  return (a, b) => {
    const pa = byId.get(a);
    const pb = byId.get(b);
    if (!pa || !pb) return false;
    if (pa.productType && pa.productType === pb.productType) return true;
    return (pa.collections ?? []).some((c) => (pb.collections ?? []).includes(c));
  };
}

const entry = z.tuple([z.string(), z.number(), z.string()]);
const lists = z.object({
  cross_sell: z.array(entry).optional(),
  upsell: z.array(entry).optional(),
  down_sell: z.array(entry).optional(),
});
const snapshotPayload = z.object({
  version: z.literal(1),
  k: z.number(),
  orderCount: z.number(),
  popular: z.array(entry),
  products: z.record(z.string(), lists),
});

export interface StoredSnapshot {
  snapshot: RecommendationSnapshot;
  trainedAt: Date;
  orderCount: number;
  durationMs: number;
}

/** The shop's stored snapshot; null when there is none or it has an older shape. */
export async function readSnapshot(shop: string): Promise<StoredSnapshot | null> {
  const row = await prisma.recommendationSnapshot.findUnique({ where: { shop } });
  if (!row) return null;
  const parsed = snapshotPayload.safeParse(row.payload);
  if (!parsed.success) return null;
  return { snapshot: parsed.data, trainedAt: row.trainedAt, orderCount: row.orderCount, durationMs: row.durationMs };
}

/** Replaces the shop's snapshot; false when the shop is gone (redacted while training). */
export async function saveSnapshot(shop: string, stored: StoredSnapshot): Promise<boolean> {
  // exportSnapshot builds plain JSON (strings, numbers, arrays, objects), so this is lossless.
  const payload = stored.snapshot as unknown as Prisma.InputJsonObject;
  const data = {
    version: stored.snapshot.version,
    orderCount: stored.orderCount,
    trainedAt: stored.trainedAt,
    durationMs: stored.durationMs,
    payload,
  };
  return prisma.$transaction(async (tx) => {
    if ((await tx.shop.count({ where: { domain: shop } })) === 0) return false;
    await tx.recommendationSnapshot.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    return true;
  });
}

/** The shop's products in the most order lines, best first (cancelled orders do not count). */
export async function bestSellingProductIds(shop: string, limit: number): Promise<string[]> {
  const rows = await prisma.orderLine.groupBy({
    by: ["productId"],
    where: { shop, productId: { not: null }, quantity: { gt: 0 }, order: { cancelledAt: null } },
    _count: { productId: true },
    orderBy: [{ _count: { productId: "desc" } }, { productId: "asc" }],
    take: limit,
  });
  return rows.flatMap((r) => (r.productId ? [r.productId] : []));
}

/** Titles of the given products (unknown ids are absent). */
export async function productTitles(shop: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.product.findMany({
    where: { shop, id: { in: [...new Set(ids)] } },
    select: { id: true, title: true },
  });
  return new Map(rows.map((r) => [r.id, r.title]));
}
