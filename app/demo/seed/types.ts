/**
 * Shapes of the generated demo shop. They mirror the subset of Shopify's Admin API
 * objects that Cartlift reads, so the demo can stand in for a real shop's sync.
 * All money is integer minor units (cents, USD).
 */

export interface DemoVariant {
  id: string;
  title: string;
  sku: string;
  priceMinor: number;
  compareAtPriceMinor: number | null;
  inventoryQuantity: number;
  availableForSale: boolean;
  /** The variant's inventory item (inventory_levels/update names the item, not the variant). */
  inventoryItemId: string;
}

export interface DemoProduct {
  id: string;
  handle: string;
  title: string;
  productType: string;
  vendor: string;
  tags: string[];
  collections: string[];
  imageUrl: string;
  description: string;
  /** The `cartlift.upgrade_features` metafield: what a better or best item adds; empty when unset. */
  upgradeFeatures: string[];
  variants: DemoVariant[];
}

export interface DemoCustomer {
  id: string;
  tags: string[];
  country: string;
  b2bCompany: string | null;
}

export interface DemoOrderLine {
  id: string;
  productId: string;
  variantId: string;
  title: string;
  quantity: number;
  /** Unit price at the time of the order. */
  priceMinor: number;
}

export interface DemoOrder {
  id: string;
  name: string;
  processedAt: string;
  currency: "USD";
  customerId: string | null;
  lines: DemoOrderLine[];
  subtotalMinor: number;
  shippingMinor: number;
  totalMinor: number;
}

export interface DemoShopInfo {
  domain: string;
  name: string;
  currency: "USD";
  freeShippingThresholdMinor: number;
}

export interface DemoShopData {
  shop: DemoShopInfo;
  products: DemoProduct[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
}

export interface DemoShopOptions {
  seed?: number;
  orderCount?: number;
  /** ISO timestamp; orders fall in the 365 days before it. */
  anchorDate?: string;
}
