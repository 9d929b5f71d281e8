/**
 * Reads ORDERS.csv (order_id, product_id, optional quantity / price / product_type / customer_id /
 * created_at) and CATALOG.csv (product_id, product_type, price, optional title / tags /
 * collections) into the domain's inputs. Prices are decimal amounts in the file and integer minor
 * units (×100) in the domain. Orders with a customer_id become that customer's history (for the
 * switch signal), ordered by created_at (ISO 8601 or a number), else by their order in the file.
 */
import { BasketBuilder, type Baskets } from "../../domain/recommendations/baskets";
import type { CatalogProduct } from "../../domain/recommendations/substitutes";
import type { CustomerPurchase } from "../../domain/recommendations/switches";
import { parseCsvTable } from "./csv";
import { InputError } from "./input-error";

/** Orders as baskets plus whatever catalog facts the order lines carry. */
export interface OrdersFile {
  baskets: Baskets;
  inferredCatalog: CatalogProduct[];
  /** One entry per order that has a customer_id (empty when the column is absent). */
  purchases: CustomerPurchase[];
}

/** Parses the text of an orders CSV. */
export function parseOrdersCsv(text: string, file: string): OrdersFile {
  const builder = new BasketBuilder();
  const facts = new Map<string, { type: string; prices: number[] }>();
  const purchases = new Map<string, CustomerPurchase & { productIds: string[] }>();
  parseCsvTable(text, file, ["order_id", "product_id"], (get, line) => {
    const orderId = get("order_id") ?? "";
    const productId = get("product_id") ?? "";
    if (orderId === "") throw new InputError(file, line, "order_id is empty");
    if (productId === "") throw new InputError(file, line, "product_id is empty");
    const quantity = parseQuantity(get("quantity"), file, line);
    const price = parsePrice(get("price"), file, line, false);
    builder.add(orderId, productId, quantity);
    const customerId = get("customer_id") ?? "";
    if (customerId !== "" && quantity > 0) {
      const at = parseTime(get("created_at"), purchases.size, file, line);
      const purchase = purchases.get(orderId) ?? { customerId, at, productIds: [] };
      purchases.set(orderId, purchase);
      purchase.productIds.push(productId);
    }
    const fact = facts.get(productId) ?? { type: "", prices: [] };
    facts.set(productId, fact);
    if (!fact.type) fact.type = get("product_type") ?? "";
    if (price !== undefined) fact.prices.push(price);
  });
  const inferredCatalog: CatalogProduct[] = [];
  for (const [productId, fact] of facts) {
    if (fact.prices.length > 0) {
      inferredCatalog.push({ productId, productType: fact.type || undefined, price: median(fact.prices) });
    }
  }
  return { baskets: builder.build(), inferredCatalog, purchases: [...purchases.values()] };
}

/** Parses the text of a catalog CSV. */
export function parseCatalogCsv(text: string, file: string): CatalogProduct[] {
  const products: CatalogProduct[] = [];
  const seen = new Set<string>();
  parseCsvTable(text, file, ["product_id", "product_type", "price"], (get, line) => {
    const productId = get("product_id") ?? "";
    if (productId === "") throw new InputError(file, line, "product_id is empty");
    const price = parsePrice(get("price"), file, line, true) as number;
    if (seen.has(productId)) throw new InputError(file, line, `duplicate product_id ${productId}`);
    seen.add(productId);
    products.push({
      productId,
      productType: get("product_type") || undefined,
      price,
      title: get("title") || undefined,
      tags: splitList(get("tags")),
      collections: splitList(get("collections")),
    });
  });
  return products;
}

/** Catalog entries first, then order-inferred facts for products the catalog lacks. */
export function mergeCatalogs(catalog: CatalogProduct[], inferred: CatalogProduct[]): CatalogProduct[] {
  const known = new Set(catalog.map((p) => p.productId));
  return [...catalog, ...inferred.filter((p) => !known.has(p.productId))];
}

// ISO 8601 (or anything Date.parse reads) or a plain number; absent: the order's place in the file.
function parseTime(raw: string | undefined, fallback: number, file: string, line: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value)) throw new InputError(file, line, `created_at is not a date: ${raw}`);
  return value;
}

function parseQuantity(raw: string | undefined, file: string, line: number): number {
  if (raw === undefined || raw === "") return 1;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new InputError(file, line, `quantity is not a number: ${raw}`);
  return value;
}

function parsePrice(raw: string | undefined, file: string, line: number, required: boolean): number | undefined {
  if (raw === undefined || raw === "") {
    if (required) throw new InputError(file, line, "price is empty");
    return undefined;
  }
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new InputError(file, line, `price must be a non-negative number: ${raw}`);
  return Math.round(Number(raw) * 100);
}

function splitList(raw: string | undefined): string[] | undefined {
  if (!raw) return undefined;
  const parts = raw
    .split(/[|;,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return parts.length > 0 ? parts : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
