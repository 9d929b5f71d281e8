/**
 * Products bulk exports shaped exactly as Shopify writes them for the query in
 * app/adapters/admin-catalog.server.ts: one JSON object per line, GIDs, decimal price strings in
 * the shop's currency, and each variant and collection on a line of its own naming its product in
 * `__parentId` (an ungrouped export, the default since API 2026-01: children may come after later
 * products). Lines are generated one at a time, so a 50,000-product file is written without
 * being held in memory (`writeCatalogBulkJsonl`, used by `npm run bench`).
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";

export interface CatalogBulkOptions {
  products: number;
  /** Variants per product (Shopify allows up to 2,048). */
  variantsPerProduct?: number;
  /** Numbers products from here (product n has the GID gid://shopify/Product/<1_000_000 + n>). */
  firstProduct?: number;
  /** Minor-unit digits of the shop's currency: 2 writes "19.99", 0 writes "1980.0" as Shopify does. */
  currencyDigits?: 0 | 2;
  /**
   * Every this many products, the previous product's variants are listed after the next product's
   * row (an ungrouped export); 0 keeps every child right after its product.
   */
  ungroupEvery?: number;
  /** updatedAt of every product (ISO). */
  updatedAt?: string;
}

export const CATALOG_COLLECTIONS = [
  { id: "gid://shopify/Collection/41001", handle: "coffee", title: "Coffee", updatedAt: "2026-09-01T08:00:00Z" },
  { id: "gid://shopify/Collection/41002", handle: "tea", title: "Tea", updatedAt: "2026-09-01T08:00:00Z" },
  { id: "gid://shopify/Collection/41003", handle: "gifts", title: "Gifts", updatedAt: "2026-09-02T08:00:00Z" },
];

const TYPES = ["Coffee", "Tea", "Grinders", "Kettles", "Mugs"];
const SIZES = ["Small", "Medium", "Large", "XL"];

export const productGidOf = (n: number) => `gid://shopify/Product/${1_000_000 + n}`;
export const variantGidOf = (n: number, k: number) => `gid://shopify/ProductVariant/${5_000_000_000 + n * 1000 + k}`;

/** The decimal string Shopify writes for minor units (Money scalar). */
export function moneyString(minor: number, digits: 0 | 2): string {
  if (digits === 0) return `${minor}.0`;
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/** The product row of product n. */
export function productRow(n: number, options: CatalogBulkOptions): Record<string, unknown> {
  const variants = options.variantsPerProduct ?? 3;
  const handle = `product-${1_000_000 + n}`;
  return {
    id: productGidOf(n),
    title: `Product ${n}`,
    handle,
    status: "ACTIVE",
    productType: TYPES[n % TYPES.length],
    vendor: `Vendor ${n % 7}`,
    tags: [`tier:${["good", "better", "best"][n % 3]}`, `batch-${n % 10}`],
    updatedAt: options.updatedAt ?? "2026-11-01T09:00:00Z",
    onlineStoreUrl: `https://fixture-shop.example/products/${handle}`,
    featuredMedia: { preview: { image: { url: `https://cdn.shopify.com/s/files/1/0700/0001/files/p${n}.jpg` } } },
    options: [{ name: "Size", values: Array.from({ length: variants }, (_, k) => sizeName(k)) }],
    metafield: n % 5 === 0 ? { value: JSON.stringify([`Feature ${n}`, "Quieter"]) } : null,
  };
}

/** The variant rows of product n. */
export function variantRows(n: number, options: CatalogBulkOptions): Record<string, unknown>[] {
  const digits = options.currencyDigits ?? 2;
  return Array.from({ length: options.variantsPerProduct ?? 3 }, (_, k) => {
    const minor = 1000 + (n % 50) * 100 + k * 250;
    return {
      id: variantGidOf(n, k),
      title: sizeName(k),
      sku: `SKU-${n}-${k}`,
      price: moneyString(minor, digits),
      compareAtPrice: k === 0 && n % 4 === 0 ? moneyString(minor + 500, digits) : null,
      position: k + 1,
      inventoryQuantity: (n + k) % 9,
      availableForSale: (n + k) % 9 !== 0,
      selectedOptions: [{ name: "Size", value: sizeName(k) }],
      inventoryItem: { id: `gid://shopify/InventoryItem/${7_000_000_000 + n * 1000 + k}` },
      __parentId: productGidOf(n),
    };
  });
}

/** The collection rows of product n (one or two of CATALOG_COLLECTIONS). */
export function collectionRows(n: number): Record<string, unknown>[] {
  const picked = n % 3 === 0 ? [CATALOG_COLLECTIONS[n % 2], CATALOG_COLLECTIONS[2]] : [CATALOG_COLLECTIONS[n % 2]];
  return picked.map((c) => ({ ...c, __parentId: productGidOf(n) }));
}

/** The export's lines, one at a time, without line ends. */
export function* catalogBulkLines(options: CatalogBulkOptions): Generator<string> {
  const first = options.firstProduct ?? 1;
  let held: Record<string, unknown>[] = [];
  for (let n = first; n < first + options.products; n++) {
    yield JSON.stringify(productRow(n, options));
    for (const row of held) yield JSON.stringify(row);
    held = [];
    const children = [...variantRows(n, options), ...collectionRows(n)];
    const ungroup = options.ungroupEvery && (n - first) % options.ungroupEvery === options.ungroupEvery - 1;
    if (ungroup && n < first + options.products - 1) held = children;
    else for (const row of children) yield JSON.stringify(row);
  }
}

/** The whole export as text (for tests: small files). */
export function catalogBulkJsonl(options: CatalogBulkOptions): string {
  let text = "";
  for (const line of catalogBulkLines(options)) text += `${line}\n`;
  return text;
}

/**
 * Writes the export to a file path or a stream, line by line with backpressure (memory stays flat
 * whatever the size). Resolves with the number of lines written; a path's file is closed first.
 */
export async function writeCatalogBulkJsonl(target: string | Writable, options: CatalogBulkOptions): Promise<number> {
  const stream = typeof target === "string" ? createWriteStream(target) : target;
  let lines = 0;
  for (const line of catalogBulkLines(options)) {
    lines += 1;
    if (!stream.write(`${line}\n`)) await once(stream, "drain");
  }
  if (typeof target === "string") {
    stream.end();
    await once(stream, "finish");
  }
  return lines;
}

function sizeName(k: number): string {
  return k < SIZES.length ? SIZES[k] : `Size ${k + 1}`;
}
