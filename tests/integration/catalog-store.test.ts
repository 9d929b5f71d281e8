import { describe, expect, it } from "vitest";
import {
  addProductCollections,
  displacedHandle,
  removeProductsNotSeenSince,
  saveCollections,
  saveDetachedVariants,
  saveProducts,
  touchProducts,
} from "../../app/adapters/catalog-store.server";
import { prisma } from "../../app/db.server";
import type { IncomingProduct, IncomingVariant } from "../../app/schemas/catalog";
import { uniqueShop } from "../factories/shopify";

const T1 = new Date("2026-11-01T10:00:00Z");
const T2 = new Date("2026-11-02T10:00:00Z");

function variant(n: number, overrides: Partial<IncomingVariant> = {}): IncomingVariant {
  return {
    id: `gid://shopify/ProductVariant/${n}`,
    title: `Size ${n}`,
    sku: `SKU-${n}`,
    priceMinor: 1500,
    compareAtPriceMinor: null,
    inventoryQuantity: 3,
    availableForSale: true,
    position: 1,
    selectedOptions: [{ name: "Size", value: String(n) }],
    inventoryItemId: `gid://shopify/InventoryItem/${n}`,
    ...overrides,
  };
}

function product(n: number, overrides: Partial<IncomingProduct> = {}): IncomingProduct {
  return {
    id: `gid://shopify/Product/${n}`,
    title: `Product ${n}`,
    handle: `product-${n}`,
    status: "active",
    publishedOnline: true,
    productType: "Tea",
    vendor: "Cartlift",
    tags: ["tier:good"],
    collections: ["tea"],
    imageUrl: null,
    upgradeFeatures: null,
    options: [{ name: "Size", values: [String(n * 10), String(n * 10 + 1)] }],
    shopifyUpdatedAt: T1,
    variants: [variant(n * 10), variant(n * 10 + 1, { position: 2 })],
    ...overrides,
  };
}

async function newShop(currency = "JPY") {
  const shop = uniqueShop();
  await prisma.shop.create({ data: { domain: shop, name: "Store test", currency } });
  return shop;
}

const storedProduct = (shop: string, n: number) =>
  prisma.product.findUnique({
    where: { shop_id: { shop, id: `gid://shopify/Product/${n}` } },
    include: { variants: { orderBy: { position: "asc" } } },
  });

describe("saveProducts", () => {
  it("stores products with their variants in the shop's currency", async () => {
    const shop = await newShop("JPY");
    const result = await saveProducts(shop, [product(1), product(2)]);
    expect(result).toEqual({
      written: ["gid://shopify/Product/1", "gid://shopify/Product/2"],
      stale: [],
      deleted: [],
    });
    const row = await storedProduct(shop, 1);
    expect(row).toMatchObject({
      title: "Product 1",
      handle: "product-1",
      collections: ["tea"],
      upgradeFeatures: null,
      shopifyUpdatedAt: T1,
    });
    expect(row?.variants.map((v) => [v.id, v.priceMinor, v.currency, v.inventoryItemId])).toEqual([
      ["gid://shopify/ProductVariant/10", 1500n, "JPY", "gid://shopify/InventoryItem/10"],
      ["gid://shopify/ProductVariant/11", 1500n, "JPY", "gid://shopify/InventoryItem/11"],
    ]);
  });

  it("replaces the full variant set: a variant missing from the new state is deleted", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1)]);
    await saveProducts(shop, [product(1, { shopifyUpdatedAt: T2, variants: [variant(11, { priceMinor: 900 })] })]);
    const row = await storedProduct(shop, 1);
    expect(row?.variants.map((v) => [v.id, v.priceMinor])).toEqual([["gid://shopify/ProductVariant/11", 900n]]);
    expect(await prisma.variant.count({ where: { shop } })).toBe(1);
  });

  it("keeps a stored product newer than the incoming state, and writes an equal one again", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1, { shopifyUpdatedAt: T2, title: "New" })]);
    expect(await saveProducts(shop, [product(1, { title: "Old" })])).toMatchObject({
      written: [],
      stale: ["gid://shopify/Product/1"],
    });
    expect(await saveProducts(shop, [product(1, { shopifyUpdatedAt: T2, title: "New" })])).toMatchObject({
      written: ["gid://shopify/Product/1"],
    });
    expect((await storedProduct(shop, 1))?.title).toBe("New");
  });

  it("never re-creates a product with a tombstone", async () => {
    const shop = await newShop();
    await prisma.catalogTombstone.create({ data: { shop, id: "gid://shopify/Product/1", deletedAt: T1 } });
    expect(await saveProducts(shop, [product(1, { shopifyUpdatedAt: T2 })])).toEqual({
      written: [],
      stale: [],
      deleted: ["gid://shopify/Product/1"],
    });
    expect(await storedProduct(shop, 1)).toBeNull();
  });

  it("keeps the stored collection handles when the source does not say (null)", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1, { collections: ["tea", "gifts"] })]);
    await saveProducts(shop, [product(1, { shopifyUpdatedAt: T2, collections: null, title: "Renamed" })]);
    expect(await storedProduct(shop, 1)).toMatchObject({ title: "Renamed", collections: ["tea", "gifts"] });
  });

  it("a handle that moved to another product does not fail the write; the newer state keeps it", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1, { handle: "matcha" })]);
    await saveProducts(shop, [product(2, { handle: "matcha", shopifyUpdatedAt: T2 })]);
    expect((await storedProduct(shop, 2))?.handle).toBe("matcha");
    expect((await storedProduct(shop, 1))?.handle).toBe(displacedHandle("gid://shopify/Product/1"));
    // An older state claiming a handle a newer product holds gets the placeholder instead.
    await saveProducts(shop, [product(3, { handle: "matcha", shopifyUpdatedAt: T1 })]);
    expect((await storedProduct(shop, 2))?.handle).toBe("matcha");
    expect((await storedProduct(shop, 3))?.handle).toBe(displacedHandle("gid://shopify/Product/3"));
  });

  it("refuses a shop Cartlift has no row for", async () => {
    await expect(saveProducts(uniqueShop(), [product(1)])).rejects.toThrow(/No Shop row/);
  });
});

describe("saveDetachedVariants", () => {
  it("adds variants of stored products only, unless the product's stored state is newer", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1, { variants: [variant(10)] }), product(2, { shopifyUpdatedAt: T2 })]);
    const written = await saveDetachedVariants(shop, [
      { productId: "gid://shopify/Product/1", variant: variant(12, { position: 3 }), productUpdatedAt: T1 },
      { productId: "gid://shopify/Product/1", variant: variant(10, { priceMinor: 100 }) },
      { productId: "gid://shopify/Product/2", variant: variant(29), productUpdatedAt: T1 },
      { productId: "gid://shopify/Product/9", variant: variant(90) },
    ]);
    expect(written).toBe(2);
    const row = await storedProduct(shop, 1);
    expect(row?.variants.map((v) => [v.id, v.priceMinor])).toEqual([
      ["gid://shopify/ProductVariant/10", 100n],
      ["gid://shopify/ProductVariant/12", 1500n],
    ]);
    expect(await prisma.variant.count({ where: { shop, productId: "gid://shopify/Product/2" } })).toBe(2);
  });
});

describe("addProductCollections", () => {
  it("adds handles to stored products, unless their stored state is newer than the row's", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1, { collections: ["tea"] }), product(2, { shopifyUpdatedAt: T2 })]);
    const changed = await addProductCollections(shop, [
      { productId: "gid://shopify/Product/1", handle: "gifts", productUpdatedAt: T1 },
      { productId: "gid://shopify/Product/1", handle: "tea", productUpdatedAt: T1 },
      { productId: "gid://shopify/Product/2", handle: "gifts", productUpdatedAt: T1 },
      { productId: "gid://shopify/Product/9", handle: "gifts" },
    ]);
    expect(changed).toBe(1);
    expect((await storedProduct(shop, 1))?.collections).toEqual(["tea", "gifts"]);
    expect((await storedProduct(shop, 2))?.collections).toEqual(["tea"]);
  });
});

describe("saveCollections", () => {
  it("creates and updates collections, never with an older state", async () => {
    const shop = await newShop();
    const id = "gid://shopify/Collection/1";
    await saveCollections(shop, [{ id, handle: "tea", title: "Tea", shopifyUpdatedAt: T2 }]);
    await saveCollections(shop, [{ id, handle: "old", title: "Old", shopifyUpdatedAt: T1 }]);
    await saveCollections(shop, [
      { id: "gid://shopify/Collection/2", handle: "gifts", title: "Gifts", shopifyUpdatedAt: null },
    ]);
    const rows = await prisma.collection.findMany({ where: { shop }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.handle, r.title])).toEqual([
      [id, "tea", "Tea"],
      ["gid://shopify/Collection/2", "gifts", "Gifts"],
    ]);
  });
});

describe("the sweep after a complete import", () => {
  it("removes and tombstones products neither written nor touched since the import started", async () => {
    const shop = await newShop();
    await saveProducts(shop, [product(1), product(2), product(3)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    await saveProducts(shop, [product(1)]);
    await touchProducts(shop, ["gid://shopify/Product/2"]);

    expect(await removeProductsNotSeenSince(shop, since)).toBe(1);

    expect((await prisma.product.findMany({ where: { shop }, select: { id: true } })).map((r) => r.id).sort()).toEqual([
      "gid://shopify/Product/1",
      "gid://shopify/Product/2",
    ]);
    expect(await prisma.variant.count({ where: { shop, productId: "gid://shopify/Product/3" } })).toBe(0);
    expect(await prisma.catalogTombstone.findMany({ where: { shop }, select: { id: true } })).toEqual([
      { id: "gid://shopify/Product/3" },
    ]);
  });
});
