/**
 * Per-decision facts computed once from the snapshot, so that evaluating hundreds of rule
 * conditions is a handful of set lookups each, with no allocation per rule.
 */
import { DomainError } from "./errors";
import type { CatalogProduct, CatalogVariant, ContextItem, Instant, OfferSnapshot } from "./types";

/** Attributes of a group of products (the one in view, or the cart's), for "any of" lookups. */
export interface ProductSet {
  productIds: Set<string>;
  variantIds: Set<string>;
  collections: Set<string>;
  /** Lower-cased: Shopify treats tags case-insensitively. */
  tags: Set<string>;
  productTypes: Set<string>;
  vendors: Set<string>;
}

/** A product the shopper has or is looking at, priced. */
export interface PricedItem {
  productId: string;
  variantId: string | null;
  priceMinor: number;
  /** How many the shopper has: the cart line's quantity, 1 for an item in view, removed or declined. */
  quantity: number;
  title: string;
  productType: string | null;
}

/** Everything the conditions, personas and guardrails read. */
export interface SnapshotFacts {
  snapshot: OfferSnapshot;
  nowMs: number;
  view: ProductSet;
  cart: ProductSet;
  customerTags: Set<string>;
  /** The product in view (or removed), when known. */
  viewItem: PricedItem | null;
  /** What a down-sell must undercut: the declined upsell, else the removed item on cart removal. */
  rejectedItem: PricedItem | null;
  cartItems: PricedItem[];
  /** The item itself and the declined upsell: never offered back. */
  selfIds: Set<string>;
  /** Latest decline time by offer key (`${kind}:${productId}`), split into kind then product id. */
  lastDeclineMs: Map<string, Map<string, number>>;
  /** Impressions in the 24 hours before now, by kind then product id. */
  impressionsLastDay: Map<string, Map<string, number>>;
}

const DAY_MS = 86_400_000;

/** Builds the facts for one decision. */
export function buildFacts(snapshot: OfferSnapshot, now: Date): SnapshotFacts {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new DomainError("invalid_snapshot", "now is not a valid date");
  const { context, shopper, catalog } = snapshot;
  const viewItem = context.item ? priceItem(context.item, snapshot) : null;
  const removed = snapshot.surface === "cart_removal" ? viewItem : null;
  const declined = context.declinedUpsell ? priceItem(context.declinedUpsell, snapshot) : null;
  const cartItems: PricedItem[] = [];
  for (const line of context.cartLines) {
    const item = priceItem(line, snapshot, line.quantity);
    if (item) cartItems.push(item);
  }
  return {
    snapshot,
    nowMs,
    view: describeProducts(context.item ? [context.item] : [], catalog),
    cart: describeProducts(context.cartLines, catalog),
    customerTags: new Set(shopper.tags.map((tag) => tag.toLowerCase())),
    viewItem,
    rejectedItem: declined ?? removed,
    cartItems,
    selfIds: new Set([context.item?.productId, context.declinedUpsell?.productId].filter(isString)),
    lastDeclineMs: latestByKey(shopper.declines),
    impressionsLastDay: countSince(shopper.impressions, nowMs - DAY_MS),
  };
}

/** The catalog entry for a product, if the snapshot has one. */
export function lookupProduct(snapshot: OfferSnapshot, productId: string): CatalogProduct | undefined {
  return Object.prototype.hasOwnProperty.call(snapshot.catalog, productId) ? snapshot.catalog[productId] : undefined;
}

/** The cheapest variant for sale (first listed on ties), or null when none is. */
export function cheapestAvailable(product: CatalogProduct): CatalogVariant | null {
  let best: CatalogVariant | null = null;
  for (const variant of product.variants) {
    if (variant.availableForSale && (!best || variant.priceMinor < best.priceMinor)) best = variant;
  }
  return best;
}

function cheapest(product: CatalogProduct): CatalogVariant | null {
  let best: CatalogVariant | null = null;
  for (const variant of product.variants) if (!best || variant.priceMinor < best.priceMinor) best = variant;
  return best;
}

/** Milliseconds since the epoch of an adapter-supplied time; throws on garbage. */
export function toMs(at: Instant, what: string, of = ""): number {
  const ms = at instanceof Date ? at.getTime() : parseIsoUtc(at);
  if (!Number.isFinite(ms)) {
    throw new DomainError("invalid_snapshot", `${what}${of ? ` of ${of}` : ""} is not a valid time: ${String(at)}`);
  }
  return ms;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `Date.parse`, with a fast path for the exact form `toISOString` writes ("2026-03-10T12:00:00.000Z",
 * milliseconds optional): snapshots carry dozens of event times and this is most of their cost.
 */
export function parseIsoUtc(text: string): number {
  const n = text.length;
  const shaped =
    (n === 20 || (n === 24 && text[19] === ".")) &&
    text[4] === "-" &&
    text[7] === "-" &&
    text[10] === "T" &&
    text[13] === ":" &&
    text[16] === ":" &&
    text[n - 1] === "Z";
  if (!shaped) return Date.parse(text);
  const [year, month, day] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
  const [hour, minute, second] = [digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2)];
  const millis = n === 24 ? digits(text, 20, 3) : 0;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  // Anything unusual (NaN fields, out-of-range values) is left to Date.parse, so results never differ.
  const plain =
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= DAYS_IN_MONTH[month - 1] + leap &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    millis >= 0;
  return plain ? Date.UTC(year, month - 1, day, hour, minute, second, millis) : Date.parse(text);
}

// The number in text[from, from + count), or NaN if any character is not a digit.
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

// Price: what the shopper saw, else the chosen variant, else the cheapest for sale, else the
// cheapest at all (a sold-out item in view can still be upgraded from).
function priceItem(item: ContextItem, snapshot: OfferSnapshot, quantity = 1): PricedItem | null {
  const product = lookupProduct(snapshot, item.productId);
  const variant = product
    ? (product.variants.find((v) => v.id === item.variantId) ?? cheapestAvailable(product) ?? cheapest(product))
    : null;
  const priceMinor = item.unitPriceMinor ?? variant?.priceMinor;
  if (priceMinor === undefined) return null;
  return {
    productId: item.productId,
    variantId: item.variantId ?? variant?.id ?? null,
    priceMinor,
    quantity,
    title: product?.title ?? item.productId,
    productType: product?.productType ?? null,
  };
}

function describeProducts(items: { productId: string; variantId?: string }[], catalog: OfferSnapshot["catalog"]) {
  const set: ProductSet = {
    productIds: new Set(),
    variantIds: new Set(),
    collections: new Set(),
    tags: new Set(),
    productTypes: new Set(),
    vendors: new Set(),
  };
  for (const item of items) {
    set.productIds.add(item.productId);
    if (item.variantId) set.variantIds.add(item.variantId);
    const product = Object.prototype.hasOwnProperty.call(catalog, item.productId) ? catalog[item.productId] : null;
    if (!product) continue;
    for (const handle of product.collections) set.collections.add(handle);
    for (const tag of product.tags) set.tags.add(tag.toLowerCase());
    set.productTypes.add(product.productType);
    set.vendors.add(product.vendor);
  }
  return set;
}

function latestByKey(events: { offerKey: string; at: Instant }[]): Map<string, Map<string, number>> {
  const latest = new Map<string, Map<string, number>>();
  for (const event of events) {
    const ms = toMs(event.at, "decline", event.offerKey);
    const [kind, productId] = splitOfferKey(event.offerKey);
    let byProduct = latest.get(kind);
    if (!byProduct) latest.set(kind, (byProduct = new Map()));
    if (ms > (byProduct.get(productId) ?? -Infinity)) byProduct.set(productId, ms);
  }
  return latest;
}

function countSince(events: { offerKey: string; at: Instant }[], sinceMs: number): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const event of events) {
    if (toMs(event.at, "impression", event.offerKey) <= sinceMs) continue;
    const [kind, productId] = splitOfferKey(event.offerKey);
    let byProduct = counts.get(kind);
    if (!byProduct) counts.set(kind, (byProduct = new Map()));
    byProduct.set(productId, (byProduct.get(productId) ?? 0) + 1);
  }
  return counts;
}

// Offer keys are `${kind}:${productId}`; product ids (Shopify GIDs) may contain colons, kinds never do.
function splitOfferKey(offerKey: string): [string, string] {
  const at = offerKey.indexOf(":");
  return at < 0 ? ["", offerKey] : [offerKey.slice(0, at), offerKey.slice(at + 1)];
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
