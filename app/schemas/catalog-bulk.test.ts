import { describe, expect, it } from "vitest";
import { catalogBulkRowParser, parseUpgradeFeatures } from "./catalog-bulk";

const PRODUCT = {
  id: "gid://shopify/Product/8001",
  title: "Café crème — 抹茶",
  handle: "cafe-creme-matcha",
  status: "ACTIVE",
  productType: "Tea",
  vendor: "Kyoto Leaf",
  tags: ["tier:best", "feature:Stone-ground"],
  updatedAt: "2026-11-20T09:15:00Z",
  onlineStoreUrl: "https://kyoto-leaf.example/products/cafe-creme-matcha",
  featuredMedia: { preview: { image: { url: "https://cdn.shopify.com/s/files/1/0001/matcha.jpg" } } },
  options: [{ name: "Size", values: ["30 g", "100 g"] }],
  metafield: { value: '["Stone-ground","First harvest"]' },
};

const VARIANT = {
  id: "gid://shopify/ProductVariant/9001",
  title: "30 g",
  sku: "MATCHA-30",
  price: "1500.000",
  compareAtPrice: "1800",
  position: 1,
  inventoryQuantity: 12,
  availableForSale: true,
  selectedOptions: [{ name: "Size", value: "30 g" }],
  inventoryItem: { id: "gid://shopify/InventoryItem/7001" },
  __parentId: "gid://shopify/Product/8001",
};

const line = (row: object) => JSON.stringify(row);

describe("catalogBulkRowParser", () => {
  const parse = catalogBulkRowParser("JPY");

  it("reads a product row, unicode title as it is, status in lower case", () => {
    expect(parse(line(PRODUCT))).toEqual({
      kind: "product",
      product: {
        id: "gid://shopify/Product/8001",
        title: "Café crème — 抹茶",
        handle: "cafe-creme-matcha",
        status: "active",
        publishedOnline: true,
        productType: "Tea",
        vendor: "Kyoto Leaf",
        tags: ["tier:best", "feature:Stone-ground"],
        collections: [],
        imageUrl: "https://cdn.shopify.com/s/files/1/0001/matcha.jpg",
        upgradeFeatures: ["Stone-ground", "First harvest"],
        options: [{ name: "Size", values: ["30 g", "100 g"] }],
        shopifyUpdatedAt: new Date("2026-11-20T09:15:00Z"),
        variants: [],
      },
    });
  });

  it.each([
    ["not published to the Online Store", { onlineStoreUrl: null }, { publishedOnline: false }],
    ["a draft", { status: "DRAFT" }, { status: "draft" }],
    ["archived", { status: "ARCHIVED" }, { status: "archived" }],
    ["unlisted (a direct link only, kept out of recommendations)", { status: "UNLISTED" }, { status: "unlisted" }],
    ["no featured media", { featuredMedia: null }, { imageUrl: null }],
    ["media whose preview is not ready", { featuredMedia: { preview: { image: null } } }, { imageUrl: null }],
    ["no metafield", { metafield: null }, { upgradeFeatures: null }],
    ["an unparseable metafield", { metafield: { value: "Stone-ground" } }, { upgradeFeatures: null }],
    ["no product type or vendor", { productType: null, vendor: null }, { productType: "", vendor: "" }],
  ])("a product %s", (_, overrides, expected) => {
    expect(parse(line({ ...PRODUCT, ...overrides }))).toMatchObject({ kind: "product", product: expected });
  });

  it("reads a variant row: three decimals in a zero-decimal currency are fine", () => {
    expect(parse(line(VARIANT))).toEqual({
      kind: "variant",
      productId: "gid://shopify/Product/8001",
      variant: {
        id: "gid://shopify/ProductVariant/9001",
        title: "30 g",
        sku: "MATCHA-30",
        priceMinor: 1500,
        compareAtPriceMinor: 1800,
        inventoryQuantity: 12,
        availableForSale: true,
        position: 1,
        selectedOptions: [{ name: "Size", value: "30 g" }],
        inventoryItemId: "gid://shopify/InventoryItem/7001",
      },
    });
  });

  it("reads cents in a two-decimal currency, and a variant without sku, compare-at price or tracking", () => {
    const usd = catalogBulkRowParser("USD");
    const row = { ...VARIANT, price: "19.99", compareAtPrice: null, sku: "", inventoryQuantity: null };
    expect(usd(line({ ...row, inventoryItem: null }))).toMatchObject({
      variant: {
        priceMinor: 1999,
        compareAtPriceMinor: null,
        sku: null,
        inventoryQuantity: null,
        inventoryItemId: null,
      },
    });
  });

  it("reads a collection row", () => {
    const row = {
      id: "gid://shopify/Collection/501",
      handle: "tea",
      title: "Tea",
      updatedAt: "2026-10-01T00:00:00Z",
      __parentId: "gid://shopify/Product/8001",
    };
    expect(parse(line(row))).toEqual({
      kind: "collection",
      productId: "gid://shopify/Product/8001",
      collection: { id: row.id, handle: "tea", title: "Tea", shopifyUpdatedAt: new Date("2026-10-01T00:00:00Z") },
    });
  });

  const OWNER = "gid://shopify/Product/8001";
  it.each([
    [
      "a fraction the currency cannot hold",
      { ...VARIANT, price: "1500.5" },
      "price: 1500.5 is not a JPY amount",
      OWNER,
    ],
    ["a negative price", { ...VARIANT, price: "-1" }, "price: must be a decimal string", OWNER],
    ["an unknown status", { ...PRODUCT, status: "PENDING" }, "status:", OWNER],
    ["a product without a handle", { ...PRODUCT, handle: "" }, "handle:", OWNER],
    ["a row of another type", { id: "gid://shopify/Metafield/1" }, "not a product, variant or collection", null],
  ])("rejects %s, naming its product when it can", (_, row, reason, productId) => {
    const rejected = parse(line(row));
    expect(rejected).toEqual({ reason: expect.stringContaining(reason), productId });
  });

  it("rejects a line that is not JSON, without a product", () => {
    expect(parse('{"id":"gid://shopify/Product/1",')).toEqual({ reason: "not JSON", productId: null });
  });
});

describe("parseUpgradeFeatures", () => {
  it.each([
    ['["Quieter","Bigger tank"]', ["Quieter", "Bigger tank"]],
    ["[]", []],
    ["Quieter", null],
    ["[1,2]", null],
    ['{"a":1}', null],
    [null, null],
  ])("%s → %j", (value, expected) => {
    expect(parseUpgradeFeatures(value)).toEqual(expected);
  });
});
