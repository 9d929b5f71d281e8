import { FAMILIES, merchandising, UPGRADE_FEATURES, WARRANTY_VENDOR } from "./catalog-data";
import type { Family, FamilySpec, ItemSpec, Merchandising, Role, Tier } from "./catalog-schema";
import { DESCRIPTIONS } from "./descriptions";
import { createRandom, type Random } from "./random";
import type { DemoProduct, DemoVariant } from "./types";

/** A product plus the merchandising facts the order generator needs but Shopify doesn't model. */
export interface CatalogEntry {
  product: DemoProduct;
  family: Family;
  role: Role;
  tier: Tier | null;
  /** For warranties: main product id → the variant of this plan that covers it. */
  covers: ReadonlyMap<string, string>;
}

export interface Catalog {
  entries: CatalogEntry[];
  byHandle: ReadonlyMap<string, CatalogEntry>;
  byId: ReadonlyMap<string, CatalogEntry>;
}

// Stock levels are part of the catalog, not of an order history, so they use their own
// fixed seed: the same products come out whatever seed the orders are generated from.
const CATALOG_SEED = 0x5eedca7;
// Untracked inventory (digital goods, plans) is modelled as a deep stock level so that
// "available ⇔ quantity > 0" holds for every variant.
const UNTRACKED_STOCK = 10_000;
const STOCK_RANGE: Record<Role, [number, number]> = {
  main: [6, 80],
  accessory: [30, 240],
  consumable: [120, 900],
  warranty: [UNTRACKED_STOCK, UNTRACKED_STOCK],
  digital: [UNTRACKED_STOCK, UNTRACKED_STOCK],
};
const ROLE_COLLECTION: Record<Role, string | null> = {
  main: null,
  accessory: "accessories",
  consumable: "refills-and-supplies",
  warranty: "protection-plans",
  digital: "digital",
};

/** FNV-1a, so an id depends on the handle alone and survives reordering the table. */
function stableNumber(key: string, base: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  }
  return base + hash;
}

function productGid(handle: string): string {
  return `gid://shopify/Product/${stableNumber(handle, 8_000_000_000)}`;
}

function variantGid(handle: string, title: string): string {
  const n = stableNumber(`${handle}/${title}`, 45_000_000_000);
  return `gid://shopify/ProductVariant/${n}`;
}

function inventoryItemGid(handle: string, title: string): string {
  return `gid://shopify/InventoryItem/${stableNumber(`${handle}/${title}`, 47_000_000_000)}`;
}

/** A collection's id, from its handle alone (the demo's collections are the handles its products list). */
export function collectionGid(handle: string): string {
  return `gid://shopify/Collection/${stableNumber(handle, 400_000_000_000)}`;
}

/** Where the demo storefront (and the demo admin) serve a product's photo: a stable, shop-relative URL. */
export function productImageUrl(handle: string): string {
  return `/cdn/shop/files/${handle}.svg`;
}

function skuCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, "");
}

function stockLevel(rng: Random, role: Role, soldOut: boolean): number {
  if (soldOut) return 0;
  const [min, max] = STOCK_RANGE[role];
  return rng.int(min, max);
}

function buildVariant(
  handle: string,
  [title, priceMinor]: [string, number],
  role: Role,
  merch: Merchandising,
  rng: Random,
): DemoVariant {
  const inventoryQuantity = stockLevel(rng, role, merch.soldOut.includes(title));
  const suffix = title === "Default Title" ? "" : `-${skuCode(title)}`;
  return {
    id: variantGid(handle, title),
    title,
    sku: `${handle.toUpperCase()}${suffix}`,
    priceMinor,
    compareAtPriceMinor: merch.compareAt,
    inventoryQuantity,
    availableForSale: inventoryQuantity > 0,
    inventoryItemId: inventoryItemGid(handle, title),
  };
}

function variantSpecs(item: ItemSpec): [string, number][] {
  if (item.variants.length === 0) return [["Default Title", item.priceMinor]];
  return item.variants.map((v) => (typeof v === "string" ? [v, item.priceMinor] : v));
}

function collectionsFor(family: FamilySpec, role: Role, merch: Merchandising): string[] {
  const extra = [ROLE_COLLECTION[role], merch.bestSeller ? "best-sellers" : null];
  const all = [...family.collections, ...extra.filter((c): c is string => c !== null)];
  return [...new Set(all)];
}

function tagsFor(family: Family, role: Role, tier: Tier | null, merch: Merchandising): string[] {
  const tags: string[] = [family];
  if (role !== "main") tags.push(role);
  if (tier) tags.push(`tier:${tier}`);
  if (merch.bestSeller) tags.push("best-seller");
  if (merch.compareAt !== null) tags.push("sale");
  return tags;
}

function itemEntry(family: FamilySpec, item: ItemSpec, rng: Random): CatalogEntry {
  const description = DESCRIPTIONS[item.handle];
  if (!description) throw new Error(`No description for ${item.handle}`);
  const merch = merchandising(item.handle);
  const product: DemoProduct = {
    id: productGid(item.handle),
    handle: item.handle,
    title: item.title,
    productType: item.productType ?? family.mainType,
    vendor: merch.vendor ?? family.vendor,
    tags: tagsFor(family.family, item.role, item.tier, merch),
    collections: collectionsFor(family, item.role, merch),
    imageUrl: productImageUrl(item.handle),
    description,
    upgradeFeatures: UPGRADE_FEATURES[item.handle] ?? [],
    variants: variantSpecs(item).map((v) => buildVariant(item.handle, v, item.role, merch, rng)),
  };
  return {
    product,
    family: family.family,
    role: item.role,
    tier: item.tier,
    covers: new Map(),
  };
}

/** Plans are priced at ~12.5% of the item, rounded to a .99 price point. */
export function warrantyPrice(itemPriceMinor: number): number {
  return Math.round((itemPriceMinor * 0.125) / 100) * 100 - 1;
}

function warrantyEntry(family: FamilySpec, mains: CatalogEntry[], rng: Random): CatalogEntry {
  const handle = `${family.family}-protection-plan`;
  const merch = merchandising(handle);
  const title = `2-Year Protection Plan for ${family.mainType}`;
  const variants = mains.map((m) => {
    const price = warrantyPrice(m.product.variants[0]?.priceMinor ?? 0);
    return buildVariant(handle, [`For ${m.product.title}`, price], "warranty", merch, rng);
  });
  const product: DemoProduct = {
    id: productGid(handle),
    handle,
    title,
    productType: "Warranty",
    vendor: WARRANTY_VENDOR,
    tags: [...tagsFor(family.family, "warranty", null, merch), "protection-plan"],
    collections: collectionsFor(family, "warranty", merch),
    imageUrl: productImageUrl(handle),
    description:
      `Adds two years of breakdown and accidental-damage cover to ` +
      `${family.vendor} ${family.mainType.toLowerCase()}.`,
    upgradeFeatures: [],
    variants,
  };
  const covers = new Map(mains.map((m, i) => [m.product.id, variants[i]?.id ?? ""]));
  return {
    product,
    family: family.family,
    role: "warranty",
    tier: null,
    covers,
  };
}

function familyEntries(family: FamilySpec, rng: Random): CatalogEntry[] {
  const entries = family.items.map((item) => itemEntry(family, item, rng));
  if (!family.warranty) return entries;
  const mains = entries.filter((e) => e.role === "main");
  return [...entries, warrantyEntry(family, mains, rng)];
}

export function buildCatalog(): Catalog {
  const rng = createRandom(CATALOG_SEED);
  const entries = FAMILIES.flatMap((family) => familyEntries(family, rng));
  return {
    entries,
    byHandle: new Map(entries.map((e) => [e.product.handle, e])),
    byId: new Map(entries.map((e) => [e.product.id, e])),
  };
}
