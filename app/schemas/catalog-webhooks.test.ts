import { describe, expect, it } from "vitest";
import {
  availabilityFromRest,
  collectionDeletePayload,
  collectionWebhookPayload,
  inventoryLevelPayload,
  productDeletePayload,
  productWebhookPayload,
  splitTags,
} from "./catalog-webhooks";

type Body = Record<string, unknown> & { variants: Record<string, unknown>[] };
const json = (text: string) => JSON.parse(text) as Body;

// Shopify's own products/update sample (webhook reference, 2026-07), trimmed of fields Cartlift ignores,
// read as authenticate.webhook reads a body: its ids are above 2^53, so JSON.parse rounds `id` and
// only the GIDs are exact.
const SAMPLE = json(`{
    "admin_graphql_api_id": "gid://shopify/Product/788032119674292922",
    "body_html": "An example T-Shirt",
    "created_at": null,
    "handle": "example-t-shirt",
    "id": 788032119674292922,
    "product_type": "Shirts",
    "published_at": "2021-12-31T19:00:00-05:00",
    "title": "Example T-Shirt",
    "updated_at": "2021-12-31T19:00:00-05:00",
    "vendor": "Acme",
    "status": "active",
    "published_scope": "web",
    "tags": "example, mens, t-shirt",
    "variants": [
      {
        "admin_graphql_api_id": "gid://shopify/ProductVariant/642667041472713922",
        "compare_at_price": "24.99",
        "id": 642667041472713922,
        "inventory_policy": "deny",
        "position": 1,
        "price": "19.99",
        "sku": null,
        "title": "Small",
        "option1": "Small",
        "option2": null,
        "option3": null,
        "inventory_item_id": null,
        "inventory_quantity": 75
      },
      {
        "admin_graphql_api_id": "gid://shopify/ProductVariant/757650484644203962",
        "compare_at_price": "24.99",
        "id": 757650484644203962,
        "inventory_policy": "deny",
        "position": 2,
        "price": "19.99",
        "sku": null,
        "title": "Medium",
        "option1": "Medium",
        "option2": null,
        "option3": null,
        "inventory_item_id": null,
        "inventory_quantity": 50
      }
    ],
    "options": [],
    "images": [],
    "image": null,
    "media": []
}`);

const parseProduct = (body: unknown, currency = "USD") => productWebhookPayload(currency).safeParse(body);
const variant0 = (extra: Record<string, unknown>) => ({ ...SAMPLE, variants: [{ ...SAMPLE.variants[0], ...extra }] });

describe("products/create and products/update bodies", () => {
  it("become an IncomingProduct with GIDs, minor units and Shopify's updated_at", () => {
    expect(parseProduct(SAMPLE)).toEqual({
      success: true,
      data: {
        id: "gid://shopify/Product/788032119674292922",
        title: "Example T-Shirt",
        handle: "example-t-shirt",
        status: "active",
        publishedOnline: true,
        productType: "Shirts",
        vendor: "Acme",
        tags: ["example", "mens", "t-shirt"],
        imageUrl: null,
        options: [],
        shopifyUpdatedAt: new Date("2022-01-01T00:00:00Z"),
        variants: [
          {
            id: "gid://shopify/ProductVariant/642667041472713922",
            title: "Small",
            sku: null,
            priceMinor: 1999,
            compareAtPriceMinor: 2499,
            inventoryQuantity: 75,
            availableForSale: true,
            position: 1,
            selectedOptions: [],
            inventoryItemId: null,
          },
          {
            id: "gid://shopify/ProductVariant/757650484644203962",
            title: "Medium",
            sku: null,
            priceMinor: 1999,
            compareAtPriceMinor: 2499,
            inventoryQuantity: 50,
            availableForSale: true,
            position: 2,
            selectedOptions: [],
            inventoryItemId: null,
          },
        ],
      },
    });
  });

  it.each([
    { name: "draft, not published", extra: { status: "draft", published_at: null }, status: "draft", online: false },
    { name: "archived", extra: { status: "archived" }, status: "archived", online: true },
    { name: "active but not on the Online Store", extra: { published_at: null }, status: "active", online: false },
    { name: "unlisted (direct link only)", extra: { status: "unlisted" }, status: "unlisted", online: true },
  ])("status: $name", ({ extra, status, online }) => {
    const parsed = parseProduct({ ...SAMPLE, ...extra });
    expect(parsed.success && [parsed.data.status, parsed.data.publishedOnline]).toEqual([status, online]);
  });

  it.each([
    { name: "USD", currency: "USD", price: "19.99", minor: 1999 },
    { name: "JPY with Shopify's three decimals", currency: "JPY", price: "1500.000", minor: 1500 },
    { name: "KWD (three-decimal currency)", currency: "KWD", price: "12.345", minor: 12345 },
  ])("price in the shop's currency: $name", ({ currency, price, minor }) => {
    const parsed = parseProduct(variant0({ price, compare_at_price: null }), currency);
    expect(parsed.success && parsed.data.variants[0].priceMinor).toBe(minor);
  });

  it.each([
    {
      name: "a yen amount with a fraction",
      currency: "JPY",
      extra: { price: "1500.5", compare_at_price: null },
      path: "variants.0.price",
    },
    { name: "a price that is a number", currency: "USD", extra: { price: 19.99 }, path: "variants.0.price" },
    { name: "a cent fraction", currency: "USD", extra: { price: "19.999" }, path: "variants.0.price" },
    {
      name: "an unknown policy",
      currency: "USD",
      extra: { inventory_policy: "maybe" },
      path: "variants.0.inventory_policy",
    },
  ])("rejects $name", ({ currency, extra, path }) => {
    const parsed = parseProduct(variant0(extra), currency);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([path]);
  });

  it.each([
    { name: "no GID and an id above 2^53", body: { ...SAMPLE, admin_graphql_api_id: undefined }, path: "id" },
    { name: "no variants list", body: { ...SAMPLE, variants: undefined }, path: "variants" },
    { name: "no updated_at", body: { ...SAMPLE, updated_at: null }, path: "updated_at" },
    { name: "a bad status", body: { ...SAMPLE, status: "ACTIVE" }, path: "status" },
  ])("rejects a body with $name", ({ body, path }) => {
    const parsed = parseProduct(body);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([path]);
  });

  it("keeps unicode titles, vendors and tags as they are", () => {
    const parsed = parseProduct({
      ...SAMPLE,
      title: "抹茶ラテ・Crème brûlée ☕",
      vendor: "Kyōto Tea",
      tags: "抹茶, Café",
    });
    expect(parsed.success && [parsed.data.title, parsed.data.vendor, parsed.data.tags]).toEqual([
      "抹茶ラテ・Crème brûlée ☕",
      "Kyōto Tea",
      ["抹茶", "Café"],
    ]);
  });

  it.each([
    { name: "null image, no images", image: null, images: [], url: null },
    { name: "no image fields at all", image: undefined, images: undefined, url: null },
    {
      name: "the featured image",
      image: { src: "https://cdn.shopify.com/a.jpg" },
      images: [],
      url: "https://cdn.shopify.com/a.jpg",
    },
    {
      name: "only an images list",
      image: null,
      images: [{ src: "https://cdn.shopify.com/b.jpg" }],
      url: "https://cdn.shopify.com/b.jpg",
    },
  ])("image: $name", ({ image, images, url }) => {
    const parsed = parseProduct({ ...SAMPLE, image, images });
    expect(parsed.success && parsed.data.imageUrl).toBe(url);
  });

  it("names each variant's option values after the product's options, in their positions", () => {
    const parsed = parseProduct({
      ...SAMPLE,
      options: [
        { name: "Roast", position: 2, values: ["Dark"] },
        { name: "Size", position: 1, values: ["250 g"] },
      ],
      variants: [{ ...SAMPLE.variants[0], option1: "250 g", option2: "Dark", inventory_item_id: 45013345600021 }],
    });
    expect(parsed.success && parsed.data.options).toEqual([
      { name: "Size", values: ["250 g"] },
      { name: "Roast", values: ["Dark"] },
    ]);
    expect(parsed.success && parsed.data.variants[0]).toMatchObject({
      selectedOptions: [
        { name: "Size", value: "250 g" },
        { name: "Roast", value: "Dark" },
      ],
      inventoryItemId: "gid://shopify/InventoryItem/45013345600021",
    });
  });

  it('reads "0.00" and null as no compare-at price, and an empty SKU as none', () => {
    const parsed = parseProduct(variant0({ compare_at_price: "0.00", sku: "" }));
    expect(parsed.success && parsed.data.variants[0]).toMatchObject({ compareAtPriceMinor: null, sku: null });
  });
});

describe("availabilityFromRest", () => {
  it.each([
    { inventory_policy: "continue", inventory_quantity: 0, inventory_management: undefined, expected: true },
    { inventory_policy: "deny", inventory_quantity: 3, inventory_management: undefined, expected: true },
    { inventory_policy: "deny", inventory_quantity: 0, inventory_management: undefined, expected: null },
    { inventory_policy: "deny", inventory_quantity: -2, inventory_management: undefined, expected: null },
    { inventory_policy: "deny", inventory_quantity: null, inventory_management: undefined, expected: null },
    // Payloads before 2024-07 still say whether Shopify tracks the stock.
    { inventory_policy: "deny", inventory_quantity: 0, inventory_management: null, expected: true },
    { inventory_policy: "deny", inventory_quantity: 0, inventory_management: "shopify", expected: false },
  ] as const)(
    "policy $inventory_policy, quantity $inventory_quantity, management $inventory_management → $expected",
    (row) => {
      expect(availabilityFromRest(row)).toBe(row.expected);
    },
  );
});

describe("splitTags", () => {
  it.each([
    { text: "example, mens, t-shirt", tags: ["example", "mens", "t-shirt"] },
    { text: "", tags: [] },
    { text: " a ,, b ,", tags: ["a", "b"] },
    { text: "Sale, sale, SALE, new", tags: ["Sale", "new"] },
  ])("$text", ({ text, tags }) => {
    expect(splitTags(text)).toEqual(tags);
  });
});

describe("the other catalog bodies", () => {
  it("products/delete: the numeric id as a GID; an id JSON cannot hold exactly is refused", () => {
    expect(productDeletePayload.parse({ id: 8901234500011 })).toEqual({ id: "gid://shopify/Product/8901234500011" });
    expect(productDeletePayload.safeParse(json(`{ "id": 788032119674292922 }`)).success).toBe(false);
    expect(productDeletePayload.safeParse({}).success).toBe(false);
  });

  it("collections/update: Shopify's sample", () => {
    const body = json(`{
      "id": 408372092144951419,
      "handle": "mynewcollection",
      "title": "My New Collection",
      "updated_at": "2021-12-31T19:00:00-05:00",
      "body_html": "<b>Some HTML</b>",
      "published_at": "2021-12-31T16:00:00-05:00",
      "sort_order": null,
      "template_suffix": null,
      "published_scope": "web",
      "admin_graphql_api_id": "gid://shopify/Collection/408372092144951419"
    }`);
    expect(collectionWebhookPayload.parse(body)).toEqual({
      id: "gid://shopify/Collection/408372092144951419",
      handle: "mynewcollection",
      title: "My New Collection",
      shopifyUpdatedAt: new Date("2022-01-01T00:00:00Z"),
    });
  });

  it("collections/delete: Shopify's sample (no handle)", () => {
    const body = json(`{
      "id": 408372092144951419,
      "published_scope": "web",
      "admin_graphql_api_id": "gid://shopify/Collection/408372092144951419"
    }`);
    expect(collectionDeletePayload.parse(body)).toEqual({ id: "gid://shopify/Collection/408372092144951419" });
  });

  it("inventory_levels/update: Shopify's sample; the item's exact id comes from the level's GID", () => {
    const body = json(`{
      "inventory_item_id": 271878346596884015,
      "location_id": 24826418,
      "available": 10,
      "updated_at": "2021-12-31T19:00:00-05:00",
      "admin_graphql_api_id": "gid://shopify/InventoryLevel/24826418?inventory_item_id=271878346596884015"
    }`);
    expect(inventoryLevelPayload.parse(body)).toEqual({
      inventoryItemId: "gid://shopify/InventoryItem/271878346596884015",
      locationId: "gid://shopify/Location/24826418",
      available: 10,
      updatedAt: new Date("2022-01-01T00:00:00Z"),
    });
  });

  it("inventory_levels/update without the level's GID needs an exact numeric item id", () => {
    const body = { inventory_item_id: 45013345600021, location_id: 79123456011, available: null };
    expect(inventoryLevelPayload.parse(body)).toMatchObject({
      inventoryItemId: "gid://shopify/InventoryItem/45013345600021",
      available: null,
      updatedAt: null,
    });
    const rounded = json(`{ "inventory_item_id": 271878346596884015, "location_id": 79123456011 }`);
    expect(inventoryLevelPayload.safeParse(rounded).success).toBe(false);
  });
});
