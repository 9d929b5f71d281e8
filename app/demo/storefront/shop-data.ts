/**
 * The demo shop as its storefront sees it: products by handle and numeric id, variants by
 * numeric id (what the AJAX Cart API and Liquid use), collections, and the seeded customers the
 * "shopping as" switch signs in as. Pure: built once from the generated demo shop.
 */
import { numericId as storefrontId } from "../../schemas/shopify-ids";
import type { DemoCustomer, DemoProduct, DemoShopData, DemoVariant } from "../seed";

export interface StoreVariant {
  id: number;
  gid: string;
  title: string;
  sku: string;
  price: number;
  compareAtPrice: number | null;
  inventory: number;
  available: boolean;
}

export interface StoreProduct {
  id: number;
  gid: string;
  handle: string;
  title: string;
  vendor: string;
  productType: string;
  tags: string[];
  collections: string[];
  description: string;
  image: string;
  variants: StoreVariant[];
}

export interface StoreCollection {
  handle: string;
  title: string;
  products: StoreProduct[];
}

export type ShopperKind = "new" | "returning" | "vip" | "b2b";
export const SHOPPER_KINDS: readonly ShopperKind[] = ["new", "returning", "vip", "b2b"];

export interface StoreCustomer {
  kind: Exclude<ShopperKind, "new">;
  id: number;
  firstName: string;
  tags: string[];
  company: string | null;
  ordersCount: number;
  totalSpent: number;
}

export interface StoreData {
  name: string;
  domain: string;
  currency: string;
  freeShippingThreshold: number;
  products: StoreProduct[];
  productByHandle: ReadonlyMap<string, StoreProduct>;
  variantById: ReadonlyMap<number, { product: StoreProduct; variant: StoreVariant }>;
  collections: ReadonlyMap<string, StoreCollection>;
  customers: ReadonlyMap<ShopperKind, StoreCustomer>;
}

/** The numeric id at the end of a Shopify GID. */
export function numericId(gid: string): number {
  return Number(storefrontId(gid));
}

/** The storefront's stable URL of a product's image (served by the storefront and the demo admin). */
export function productImagePath(handle: string): string {
  return `/cdn/shop/files/${handle}.svg`;
}

const COLLECTION_TITLES: Record<string, string> = {
  "best-sellers": "Best sellers",
  "refills-and-supplies": "Refills & supplies",
  "protection-plans": "Protection plans",
  "smart-home": "Smart home",
  "healthy-living": "Healthy living",
};

function collectionTitle(handle: string): string {
  return COLLECTION_TITLES[handle] ?? handle.charAt(0).toUpperCase() + handle.slice(1).replaceAll("-", " ");
}

function toVariant(v: DemoVariant): StoreVariant {
  return {
    id: numericId(v.id),
    gid: v.id,
    title: v.title,
    sku: v.sku,
    price: v.priceMinor,
    compareAtPrice: v.compareAtPriceMinor,
    inventory: v.inventoryQuantity,
    available: v.availableForSale,
  };
}

function toProduct(p: DemoProduct): StoreProduct {
  return {
    id: numericId(p.id),
    gid: p.id,
    handle: p.handle,
    title: p.title,
    vendor: p.vendor,
    productType: p.productType,
    tags: p.tags,
    collections: p.collections,
    description: p.description,
    image: productImagePath(p.handle),
    variants: p.variants.map(toVariant),
  };
}

function buildCollections(products: StoreProduct[]): Map<string, StoreCollection> {
  const collections = new Map<string, StoreCollection>();
  collections.set("all", { handle: "all", title: "All products", products });
  for (const product of products) {
    for (const handle of product.collections) {
      const collection = collections.get(handle) ?? { handle, title: collectionTitle(handle), products: [] };
      collection.products.push(product);
      collections.set(handle, collection);
    }
  }
  return collections;
}

const FIRST_NAMES: Record<StoreCustomer["kind"], string> = { returning: "Riley", vip: "Morgan", b2b: "Sam" };

/** The customer of each kind with the most orders, so the app finds a real order history. */
function pickCustomers(data: DemoShopData): Map<ShopperKind, StoreCustomer> {
  const orders = new Map<string, { count: number; spent: number }>();
  for (const order of data.orders) {
    if (!order.customerId) continue;
    const seen = orders.get(order.customerId) ?? { count: 0, spent: 0 };
    orders.set(order.customerId, { count: seen.count + 1, spent: seen.spent + order.totalMinor });
  }
  const kindOf = (c: DemoCustomer): StoreCustomer["kind"] | null => {
    if (c.b2bCompany) return "b2b";
    if (c.tags.includes("vip")) return "vip";
    return c.tags.includes("returning") ? "returning" : null;
  };
  const picked = new Map<ShopperKind, StoreCustomer>();
  for (const customer of data.customers) {
    const kind = kindOf(customer);
    const history = orders.get(customer.id);
    if (!kind || !history) continue;
    const current = picked.get(kind);
    if (current && current.ordersCount >= history.count) continue;
    picked.set(kind, {
      kind,
      id: numericId(customer.id),
      firstName: FIRST_NAMES[kind],
      tags: customer.tags,
      company: customer.b2bCompany,
      ordersCount: history.count,
      totalSpent: history.spent,
    });
  }
  return picked;
}

/** The storefront's view of the generated demo shop. */
export function buildStoreData(data: DemoShopData): StoreData {
  const products = data.products.map(toProduct);
  const variantById = new Map<number, { product: StoreProduct; variant: StoreVariant }>();
  for (const product of products)
    for (const variant of product.variants) variantById.set(variant.id, { product, variant });
  return {
    name: data.shop.name,
    domain: data.shop.domain,
    currency: data.shop.currency,
    freeShippingThreshold: data.shop.freeShippingThresholdMinor,
    products,
    productByHandle: new Map(products.map((p) => [p.handle, p])),
    variantById,
    collections: buildCollections(products),
    customers: pickCustomers(data),
  };
}
