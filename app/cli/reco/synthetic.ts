/**
 * Seeded synthetic shop data for benchmarks: Zipf-like product popularity, geometric basket
 * sizes, and planted complements (each product has three fixed partners that often join it).
 */
import type { CatalogProduct } from "../../domain/recommendations/substitutes";
import { createRng } from "../../domain/recommendations/rng";

/** Shape of the synthetic shop. */
export interface SyntheticShop {
  products: number;
  /** Zipf exponent of product popularity. */
  zipf: number;
  /** Mean extra items after the first. */
  meanExtraItems: number;
  /** Chance that an added item is a planted complement of one already in the basket. */
  complementRate: number;
}

/** A 50k-product shop with baskets of about four items. */
export const DEFAULT_SHOP: SyntheticShop = { products: 50_000, zipf: 1.05, meanExtraItems: 3, complementRate: 0.5 };

/** Draws orders one at a time (products as indices into `productIds`). */
export class OrderGenerator {
  readonly productIds: string[];
  private readonly cdf: Float64Array;
  private readonly random: () => number;

  constructor(
    readonly shop: SyntheticShop,
    seed: number,
  ) {
    this.random = createRng(seed);
    this.productIds = Array.from({ length: shop.products }, (_, p) => `p${p}`);
    this.cdf = zipfCdf(shop.products, shop.zipf);
  }

  /** The next order's product indices (may repeat a product, like two lines of one item). */
  next(): number[] {
    const items = [this.popular()];
    const extra = Math.min(geometric(this.random, this.shop.meanExtraItems), 40);
    for (let k = 0; k < extra; k++) {
      if (this.random() < this.shop.complementRate) {
        const from = items[Math.floor(this.random() * items.length)];
        items.push(complementOf(from, Math.floor(this.random() * 3), this.shop.products));
      } else {
        items.push(this.popular());
      }
    }
    return items;
  }

  private popular(): number {
    const u = this.random();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    // Scatter ranks over ids so popular products are not simply the smallest ids.
    return (lo * 7_919) % this.shop.products;
  }
}

/** A catalog for the synthetic shop: 500 product types, prices 1.00–200.00. */
export function syntheticCatalog(shop: SyntheticShop, seed: number): CatalogProduct[] {
  const random = createRng(seed + 1);
  return Array.from({ length: shop.products }, (_, p) => ({
    productId: `p${p}`,
    productType: `type-${p % 500}`,
    price: 100 + Math.floor(random() * 19_900),
  }));
}

/** The k-th planted complement of product p. */
export function complementOf(p: number, k: number, products: number): number {
  return (p * 31 + (k + 1) * 104_729) % products;
}

function zipfCdf(n: number, exponent: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    sum += 1 / Math.pow(r + 1, exponent);
    cdf[r] = sum;
  }
  for (let r = 0; r < n; r++) cdf[r] /= sum;
  return cdf;
}

function geometric(random: () => number, mean: number): number {
  const p = 1 / (mean + 1);
  return Math.floor(Math.log(1 - random()) / Math.log(1 - p));
}
