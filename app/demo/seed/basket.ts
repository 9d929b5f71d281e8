/**
 * One order under construction, and how it turns into a priced DemoOrder. Keyed by
 * product id, which is what keeps a product from appearing twice in one order.
 */
import type { Segment } from "./affinity";
import type { CatalogEntry } from "./catalog";
import type { Random } from "./random";
import type { DemoOrder, DemoOrderLine, DemoVariant } from "./types";

export const FREE_SHIPPING_THRESHOLD_MINOR = 7_500;
export const FLAT_SHIPPING_MINOR = 799;
const ORDER_ID_BASE = 5_600_000_000;
const LINE_ID_BASE = 14_100_000_000;
const FIRST_ORDER_NUMBER = 1001;

export interface LineDraft {
  entry: CatalogEntry;
  variant: DemoVariant;
  quantity: number;
}

export type Basket = Map<string, LineDraft>;

/** Earlier-listed variants are the popular ones (black before colours, small before XL). */
export function pickVariant(rng: Random, item: CatalogEntry): DemoVariant | null {
  const inStock = item.product.variants.filter((v) => v.availableForSale);
  if (inStock.length === 0) return null;
  return rng.weightedPick(
    inStock,
    inStock.map((_, i) => 1 / (i + 1)),
  );
}

/** Ignores sold-out picks (null) and products already in the basket. */
export function addLine(basket: Basket, item: CatalogEntry, variant: DemoVariant | null, quantity: number): void {
  if (!variant || basket.has(item.product.id)) return;
  basket.set(item.product.id, { entry: item, variant, quantity });
}

export function consumableQuantity(rng: Random, segment: Segment): number {
  if (segment === "b2b") return rng.int(4, 16);
  return rng.weightedPick([1, 2, 3, 4], [62, 24, 9, 5]);
}

export function mainQuantity(rng: Random, segment: Segment): number {
  if (segment === "b2b") return rng.int(2, 8);
  return rng.chance(0.03) ? 2 : 1;
}

export function complementQuantity(rng: Random, item: CatalogEntry, segment: Segment, mainQty: number): number {
  if (item.role === "consumable") return consumableQuantity(rng, segment);
  // Businesses kit out every unit they buy, and a plan has to cover each unit.
  if (item.role === "warranty" || segment === "b2b") return mainQty;
  return 1;
}

export function shippingFor(subtotalMinor: number, hasPhysicalGoods: boolean): number {
  if (!hasPhysicalGoods) return 0;
  return subtotalMinor >= FREE_SHIPPING_THRESHOLD_MINOR ? 0 : FLAT_SHIPPING_MINOR;
}

function lineTitle({ entry, variant }: LineDraft): string {
  if (variant.title === "Default Title") return entry.product.title;
  return `${entry.product.title} - ${variant.title}`;
}

export interface OrderMeta {
  index: number;
  processedAtMs: number;
  customerId: string | null;
  /** Shared across orders so line ids stay unique shop-wide. */
  lineCounter: { next: number };
}

export function toOrder(basket: Basket, meta: OrderMeta): DemoOrder {
  const drafts = [...basket.values()];
  const lines: DemoOrderLine[] = drafts.map((draft) => ({
    id: `gid://shopify/LineItem/${LINE_ID_BASE + meta.lineCounter.next++}`,
    productId: draft.entry.product.id,
    variantId: draft.variant.id,
    title: lineTitle(draft),
    quantity: draft.quantity,
    priceMinor: draft.variant.priceMinor,
  }));
  const subtotalMinor = lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
  const physical = drafts.some((d) => d.entry.role !== "digital" && d.entry.role !== "warranty");
  const shippingMinor = shippingFor(subtotalMinor, physical);
  return {
    id: `gid://shopify/Order/${ORDER_ID_BASE + meta.index + 1}`,
    name: `#${FIRST_ORDER_NUMBER + meta.index}`,
    processedAt: new Date(meta.processedAtMs).toISOString(),
    currency: "USD",
    customerId: meta.customerId,
    lines,
    subtotalMinor,
    shippingMinor,
    totalMinor: subtotalMinor + shippingMinor,
  };
}
