/** Types and row helpers for the catalog table in catalog-data.ts. */

export type Family =
  "coffee" | "camera" | "headphones" | "notebooks" | "backpacks" | "blenders" | "printers" | "speakers";

export type Role = "main" | "accessory" | "consumable" | "warranty" | "digital";

export type Tier = "good" | "better" | "best";

export const TIERS: readonly Tier[] = ["good", "better", "best"];

/** A variant title, optionally with its own price when it differs from the item's. */
export type VariantSpec = string | [title: string, priceMinor: number];

export interface ItemSpec {
  handle: string;
  title: string;
  role: Exclude<Role, "warranty">;
  tier: Tier | null;
  /** Null for main items, which take their family's type. */
  productType: string | null;
  priceMinor: number;
  variants: VariantSpec[];
}

export interface FamilySpec {
  family: Family;
  mainType: string;
  vendor: string;
  colour: string;
  collections: string[];
  /** Whether a "2-Year Protection Plan" covering the main items is sold. */
  warranty: boolean;
  items: ItemSpec[];
}

/** Merchandising state that changes more often than the items themselves. */
export interface Merchandising {
  bestSeller: boolean;
  compareAt: number | null;
  soldOut: string[];
  vendor: string | null;
}

/** Variant with its own price, for sizes and capacities. */
export const sized = (title: string, priceMinor: number): VariantSpec => [title, priceMinor];

export function main(handle: string, title: string, tier: Tier, priceMinor: number, variants: VariantSpec[]): ItemSpec {
  return {
    handle,
    title,
    role: "main",
    tier,
    productType: null,
    priceMinor,
    variants,
  };
}

/** Row helper for non-main items, fixed to one role and product type. */
export function extra(role: ItemSpec["role"], productType: string) {
  return (handle: string, title: string, priceMinor: number, variants: VariantSpec[] = []): ItemSpec => ({
    handle,
    title,
    role,
    tier: null,
    productType,
    priceMinor,
    variants,
  });
}
