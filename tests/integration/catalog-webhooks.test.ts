import { readFileSync } from "node:fs";
import path from "node:path";
import { API_SECRET_KEY, getHmac } from "@shopify/shopify-api/test-helpers";
import { graphql, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db.server";
import { loader as productsLoader } from "../../app/routes/app.api.products";
import { action as previewAction } from "../../app/routes/app.preview";
import { action as collectionsCreate } from "../../app/routes/webhooks.collections.create";
import { action as collectionsDelete } from "../../app/routes/webhooks.collections.delete";
import { action as collectionsUpdate } from "../../app/routes/webhooks.collections.update";
import { action as inventoryLevelsUpdate } from "../../app/routes/webhooks.inventory_levels.update";
import { action as productsCreate } from "../../app/routes/webhooks.products.create";
import { action as productsDelete } from "../../app/routes/webhooks.products.delete";
import { action as productsUpdate } from "../../app/routes/webhooks.products.update";
import { loader as offersLoader } from "../../app/routes/proxy.offers";
import { invalidateStorefrontShop } from "../../app/services/storefront-shop.server";
import { signedProxyRequest } from "../factories/proxy";
import { adminFetch, installShop, sessionToken, uniqueShop, webhookRequest } from "../factories/shopify";
import { createStorefrontShop, P } from "../factories/storefront";
import { adminGraphqlUrl, server, useAdminApiMock } from "../mocks/admin-api";

useAdminApiMock();

type Body = Record<string, unknown>;
// The catalog topics' routes (tests/factories/webhooks.ts has the order lifecycle's).
const ROUTES: Record<string, typeof productsCreate> = {
  "products/create": productsCreate,
  "products/update": productsUpdate,
  "products/delete": productsDelete,
  "collections/create": collectionsCreate,
  "collections/update": collectionsUpdate,
  "collections/delete": collectionsDelete,
  "inventory_levels/update": inventoryLevelsUpdate,
};

const fixture = (name: string): Body =>
  JSON.parse(readFileSync(path.resolve("tests/fixtures/webhooks", name), "utf8")) as Body;

/** Delivers a body to the topic's real route, signed as Shopify signs it. */
function deliver(topic: string, shop: string, body: unknown): Promise<Response> {
  const request = webhookRequest(`/webhooks/${topic}`, topic, shop, body);
  return ROUTES[topic]!({ request, params: {}, context: {} });
}

const PRO = "gid://shopify/Product/8901234500011";
const variantGid = (id: number) => `gid://shopify/ProductVariant/${id}`;

/** Answers CartliftVariantsForSale from `forSale` (variant GID → for sale), recording what was asked. */
function answerVariantsForSale(shop: string, forSale: Record<string, boolean>): string[][] {
  const asked: string[][] = [];
  server.use(
    graphql.link(adminGraphqlUrl(shop)).query("CartliftVariantsForSale", ({ variables }) => {
      const ids = variables.ids as string[];
      asked.push(ids);
      return HttpResponse.json({
        data: { nodes: ids.map((id) => (id in forSale ? { id, availableForSale: forSale[id] } : null)) },
      });
    }),
  );
  return asked;
}

/** The shop's stored catalog, without the columns every write changes. */
async function storedCatalog(shop: string) {
  const products = await prisma.product.findMany({
    where: { shop },
    orderBy: { id: "asc" },
    omit: { updatedAt: true },
    include: { variants: { orderBy: { position: "asc" }, omit: { updatedAt: true } } },
  });
  return products;
}

describe("webhooks: products/create and products/update", () => {
  it("create stores the product as Shopify has it (an untracked-or-not variant is asked of Shopify)", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const asked = answerVariantsForSale(shop, { [variantGid(45012345600023)]: false });

    const response = await deliver("products/create", shop, fixture("products-create.json"));

    expect(response.status).toBe(200);
    // Only Red (no stock, "deny") is undecidable from the body: Black has stock, Silver sells on.
    expect(asked).toEqual([[variantGid(45012345600023)]]);
    const variant = (id: number, title: string, price: bigint, position: number, more: object) => ({
      shop,
      id: variantGid(id),
      productId: PRO,
      title,
      priceMinor: price,
      currency: "USD",
      position,
      selectedOptions: [{ name: "Color", value: title }],
      inventoryItemId: `gid://shopify/InventoryItem/${id + 1_000_000_000}`,
      ...more,
    });
    expect(await storedCatalog(shop)).toEqual([
      {
        shop,
        id: PRO,
        title: "Brew Pro",
        handle: "brew-pro",
        productType: "Coffee Machines",
        vendor: "Brewline",
        tags: ["coffee", "espresso", "tier:best"],
        collections: [],
        imageUrl: "https://cdn.shopify.com/s/files/1/0712/4425/0563/files/brew-pro.jpg?v=1730556960",
        upgradeFeatures: null,
        options: [{ name: "Color", values: ["Black", "Silver", "Red"] }],
        status: "active",
        publishedOnline: true,
        shopifyUpdatedAt: new Date("2026-11-02T14:15:00Z"),
        variants: [
          variant(45012345600021, "Black", 34900n, 1, {
            sku: "BREW-PRO-BLK",
            compareAtPriceMinor: 39900n,
            inventoryQuantity: 12,
            availableForSale: true,
          }),
          variant(45012345600022, "Silver", 34900n, 2, {
            sku: "BREW-PRO-SLV",
            compareAtPriceMinor: 39900n,
            inventoryQuantity: 0,
            availableForSale: true,
          }),
          variant(45012345600023, "Red", 36900n, 3, {
            sku: "BREW-PRO-RED",
            compareAtPriceMinor: null,
            inventoryQuantity: 0,
            availableForSale: false,
          }),
        ],
      },
    ]);
  });

  it("stores a product with 100 variants, in Shopify's order, each with its two options", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    expect((await deliver("products/create", shop, fixture("products-100-variants.json"))).status).toBe(200);

    const [product] = await storedCatalog(shop);
    expect(product!.variants).toHaveLength(100);
    expect(product!.variants.map((v) => v.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(product!.variants[37]).toMatchObject({
      title: "300 g / City",
      priceMinor: 1170n,
      selectedOptions: [
        { name: "Size", value: "300 g" },
        { name: "Roast", value: "City" },
      ],
      availableForSale: true,
    });
  });

  it("stores a JPY price Shopify writes with three decimals as whole yen", async () => {
    const shop = uniqueShop();
    await installShop(shop, { currency: "JPY" });

    expect((await deliver("products/create", shop, fixture("products-jpy.json"))).status).toBe(200);

    const [product] = await storedCatalog(shop);
    expect(product!.variants.map((v) => [v.priceMinor, v.compareAtPriceMinor, v.currency])).toEqual([
      [1500n, 1800n, "JPY"],
    ]);
  });

  it("keeps a unicode title, vendor and tags as they are, and a product without an image has none", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    await deliver("products/create", shop, fixture("products-unicode.json"));
    await deliver("products/create", shop, fixture("products-no-image.json"));

    const products = await storedCatalog(shop);
    expect(products.map((p) => [p.title, p.vendor, p.tags, p.imageUrl])).toEqual([
      [
        "抹茶ラテ・Crème brûlée ☕ セット",
        "Kyōto Tea Co.",
        ["gift", "抹茶", "Café"],
        expect.stringContaining("matcha"),
      ],
      ["Cleaning Tablets", "Brewline", ["care"], null],
    ]);
  });

  it("an update without a variant removes that variant", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    answerVariantsForSale(shop, { [variantGid(45012345600023)]: false });

    await deliver("products/create", shop, fixture("products-create.json"));
    await deliver("products/update", shop, fixture("products-update-variant-deleted.json"));

    const [product] = await storedCatalog(shop);
    expect(product!.options).toEqual([{ name: "Color", values: ["Black", "Red"] }]);
    expect(product!.variants.map((v) => [v.title, v.priceMinor, v.position])).toEqual([
      ["Black", 32900n, 1],
      ["Red", 36900n, 2],
    ]);
    expect(await prisma.variant.count({ where: { shop, id: variantGid(45012345600022) } })).toBe(0);
  });

  it("a redelivery (the same body twice) leaves the same rows", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    answerVariantsForSale(shop, { [variantGid(45012345600023)]: false });

    await deliver("products/update", shop, fixture("products-update-variant-deleted.json"));
    const once = await storedCatalog(shop);
    const again = await deliver("products/update", shop, fixture("products-update-variant-deleted.json"));

    expect(again.status).toBe(200);
    expect(await storedCatalog(shop)).toEqual(once);
  });

  it("out of order (the newer update first, the older create second) keeps the newer state", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    answerVariantsForSale(shop, { [variantGid(45012345600023)]: false });

    await deliver("products/update", shop, fixture("products-update-variant-deleted.json"));
    const newer = await storedCatalog(shop);
    const late = await deliver("products/create", shop, fixture("products-create.json"));

    expect(late.status).toBe(200);
    expect(await storedCatalog(shop)).toEqual(newer);
    expect(newer[0]!.variants).toHaveLength(2);
  });

  it("keeps the stored upgrade-features metafield and collections, which the body does not carry", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    answerVariantsForSale(shop, { [variantGid(45012345600023)]: false });
    await deliver("products/create", shop, fixture("products-create.json"));
    await prisma.product.update({
      where: { shop_id: { shop, id: PRO } },
      data: { upgradeFeatures: ["Dual boiler"], collections: ["espresso"] },
    });

    await deliver("products/update", shop, fixture("products-update-variant-deleted.json"));

    expect(await prisma.product.findUnique({ where: { shop_id: { shop, id: PRO } } })).toMatchObject({
      upgradeFeatures: ["Dual boiler"],
      collections: ["espresso"],
      shopifyUpdatedAt: new Date("2026-11-20T15:00:00Z"),
    });
  });

  it("acknowledges a product of a shop Cartlift has no row for, and stores nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop, null);

    expect((await deliver("products/create", shop, fixture("products-no-image.json"))).status).toBe(200);
    expect(await prisma.product.count({ where: { shop } })).toBe(0);
  });
});

describe("webhooks: products/delete", () => {
  it("removes the product and its variants, and a late update does not bring it back", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    answerVariantsForSale(shop, { [variantGid(45012345600023)]: false });
    await deliver("products/create", shop, fixture("products-create.json"));

    expect((await deliver("products/delete", shop, fixture("products-delete.json"))).status).toBe(200);
    expect((await deliver("products/delete", shop, fixture("products-delete.json"))).status).toBe(200);
    expect((await deliver("products/update", shop, fixture("products-update-variant-deleted.json"))).status).toBe(200);

    expect(await prisma.product.count({ where: { shop } })).toBe(0);
    expect(await prisma.variant.count({ where: { shop } })).toBe(0);
    expect(await prisma.catalogTombstone.findMany({ where: { shop }, select: { id: true } })).toEqual([{ id: PRO }]);
  });

  it("a delete that arrives before its create still wins", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    await deliver("products/delete", shop, fixture("products-delete.json"));
    await deliver("products/create", shop, fixture("products-create.json"));

    expect(await prisma.product.count({ where: { shop } })).toBe(0);
  });
});

describe("webhooks: collections", () => {
  const COLLECTION = "gid://shopify/Collection/482109866211";

  async function shopWithCollection() {
    const shop = uniqueShop();
    await installShop(shop);
    await deliver("products/create", shop, fixture("products-jpy.json"));
    await deliver("products/create", shop, fixture("products-no-image.json"));
    await deliver("products/create", shop, fixture("products-unicode.json"));
    await prisma.collection.create({
      data: { shop, id: COLLECTION, handle: "espresso", title: "Espresso", shopifyUpdatedAt: new Date("2026-11-01") },
    });
    const set = (id: string, collections: string[]) =>
      prisma.product.update({ where: { shop_id: { shop, id } }, data: { collections } });
    await set("gid://shopify/Product/8901234500211", ["espresso", "coffee"]);
    await set("gid://shopify/Product/8901234500411", ["espresso"]);
    await set("gid://shopify/Product/8901234500311", ["gifts"]);
    return shop;
  }

  async function handles(shop: string) {
    const rows = await prisma.product.findMany({ where: { shop }, orderBy: { id: "asc" } });
    return rows.map((r) => [r.id.split("/").pop(), r.collections]);
  }

  function answerCollectionProducts(shop: string, pages: string[][] | null): number {
    let calls = 0;
    server.use(
      graphql.link(adminGraphqlUrl(shop)).query("CartliftCollectionProducts", ({ variables }) => {
        calls += 1;
        if (!pages) return HttpResponse.json({ data: { collection: null } });
        const page = variables.after ? Number(variables.after) : 0;
        return HttpResponse.json({
          data: {
            collection: {
              id: COLLECTION,
              products: {
                nodes: pages[page]!.map((id) => ({ id })),
                pageInfo: { hasNextPage: page + 1 < pages.length, endCursor: String(page + 1) },
              },
            },
          },
        });
      }),
    );
    return calls;
  }

  it("a rename moves every product to the new handle, and membership becomes Shopify's (paginated)", async () => {
    const shop = await shopWithCollection();
    answerCollectionProducts(shop, [["gid://shopify/Product/8901234500211"], ["gid://shopify/Product/8901234500311"]]);

    expect((await deliver("collections/update", shop, fixture("collections-update.json"))).status).toBe(200);

    expect(await handles(shop)).toEqual([
      ["8901234500211", ["espresso-machines", "coffee"]],
      ["8901234500311", ["gifts", "espresso-machines"]],
      ["8901234500411", []],
    ]);
    expect(await prisma.collection.findUnique({ where: { shop_id: { shop, id: COLLECTION } } })).toMatchObject({
      handle: "espresso-machines",
      title: "Espresso machines",
      shopifyUpdatedAt: new Date("2026-11-21T13:30:00Z"),
    });
  });

  it("a new collection (collections/create) is stored with its members, as Shopify lists them", async () => {
    const shop = await shopWithCollection();
    await prisma.collection.deleteMany({ where: { shop } });
    await prisma.product.updateMany({ where: { shop }, data: { collections: [] } });
    answerCollectionProducts(shop, [["gid://shopify/Product/8901234500411"]]);

    expect((await deliver("collections/create", shop, fixture("collections-update.json"))).status).toBe(200);

    expect(await handles(shop)).toEqual([
      ["8901234500211", []],
      ["8901234500311", []],
      ["8901234500411", ["espresso-machines"]],
    ]);
    expect(await prisma.collection.count({ where: { shop, handle: "espresso-machines" } })).toBe(1);
  });

  it("an older update than the stored collection changes nothing", async () => {
    const shop = await shopWithCollection();
    await prisma.collection.update({
      where: { shop_id: { shop, id: COLLECTION } },
      data: { shopifyUpdatedAt: new Date("2026-12-01") },
    });
    const before = await handles(shop);

    expect((await deliver("collections/update", shop, fixture("collections-update.json"))).status).toBe(200);

    expect(await handles(shop)).toEqual(before);
    expect(await prisma.collection.findUnique({ where: { shop_id: { shop, id: COLLECTION } } })).toMatchObject({
      handle: "espresso",
    });
  });

  it("a delete removes the handle from every product and forgets the collection", async () => {
    const shop = await shopWithCollection();

    expect((await deliver("collections/delete", shop, fixture("collections-delete.json"))).status).toBe(200);
    expect((await deliver("collections/delete", shop, fixture("collections-delete.json"))).status).toBe(200);

    expect(await handles(shop)).toEqual([
      ["8901234500211", ["coffee"]],
      ["8901234500311", ["gifts"]],
      ["8901234500411", []],
    ]);
    expect(await prisma.collection.count({ where: { shop } })).toBe(0);
  });

  it("an update Shopify no longer knows the collection for (after its delete) removes it", async () => {
    const shop = await shopWithCollection();
    answerCollectionProducts(shop, null);

    await deliver("collections/update", shop, fixture("collections-update.json"));

    expect(await handles(shop)).toEqual([
      ["8901234500211", ["coffee"]],
      ["8901234500311", ["gifts"]],
      ["8901234500411", []],
    ]);
    expect(await prisma.collection.count({ where: { shop } })).toBe(0);
  });
});

// The storefront's offers, as the theme asks for them through the app proxy.
const SID = "anon-shopper-catalog";
async function offers(shop: string, params: Record<string, string>) {
  const response = await offersLoader({
    request: signedProxyRequest("offers", shop, { sid: SID, ...params }),
    params: {},
    context: {},
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { offers: { product: string; kind: string }[] };
  return body.offers.map((o) => o.product);
}

const SURFACES = {
  product: { surface: "product", product: P.basic.product, variant: P.basic.variant },
  cart: { surface: "cart", lines: `${P.basic.variant}:1` },
  removal: { surface: "cart_removal", removed: `${P.plus.variant}:1`, lines: "" },
};

/** A REST products/update body for one of the storefront factory's products, from a fixture's shape. */
function factoryProductBody(key: keyof typeof P, title: string, type: string, base: string): Body {
  const body = fixture(base);
  const ids = P[key];
  const [variant] = body.variants as Body[];
  return {
    ...body,
    id: Number(ids.product),
    admin_graphql_api_id: `gid://shopify/Product/${ids.product}`,
    title,
    handle: title.toLowerCase().replace(" ", "-"),
    product_type: type,
    updated_at: "2026-11-21T10:00:00-05:00",
    variants: [
      {
        ...variant,
        id: Number(ids.variant),
        admin_graphql_api_id: `gid://shopify/ProductVariant/${ids.variant}`,
        product_id: Number(ids.product),
        price: (ids.price / 100).toFixed(2),
      },
    ],
  };
}

describe("inventory_levels/update", () => {
  it("an offered variant that sells out is no longer offered on the storefront, at once", async () => {
    const shop = uniqueShop();
    await createStorefrontShop(shop);
    const plus = `gid://shopify/ProductVariant/${P.plus.variant}`;
    expect(await offers(shop, SURFACES.product)).toContain(P.plus.product);
    server.use(
      graphql.link(adminGraphqlUrl(shop)).query("CartliftInventoryItemVariants", ({ variables }) =>
        HttpResponse.json({
          data: {
            inventoryItem: {
              id: variables.id,
              variants: {
                nodes: [
                  {
                    id: plus,
                    inventoryQuantity: 0,
                    availableForSale: false,
                    product: { id: `gid://shopify/Product/${P.plus.product}` },
                  },
                ],
              },
            },
          },
        }),
      ),
    );

    expect((await deliver("inventory_levels/update", shop, fixture("inventory-levels-update.json"))).status).toBe(200);

    expect(await prisma.variant.findUnique({ where: { shop_id: { shop, id: plus } } })).toMatchObject({
      inventoryQuantity: 0,
      availableForSale: false,
      inventoryItemId: "gid://shopify/InventoryItem/45013345600021",
    });
    expect(await offers(shop, SURFACES.product)).not.toContain(P.plus.product);
  });
});

describe("catalog webhooks without the shop's Admin API access (no offline session)", () => {
  it("inventory: only stock above zero is proof (the item is for sale again); zero at one location is not", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await deliver("products/create", shop, fixture("products-no-image.json"));
    const variant = { shop_id: { shop, id: variantGid(45012345604001) } };
    await prisma.variant.update({ where: variant, data: { availableForSale: false, inventoryQuantity: 0 } });
    await prisma.session.deleteMany({ where: { shop } });
    const level = (available: number) => ({
      ...fixture("inventory-levels-update.json"),
      inventory_item_id: 45013345604001,
      admin_graphql_api_id: `gid://shopify/InventoryLevel/109123456011?inventory_item_id=45013345604001`,
      available,
    });

    await deliver("inventory_levels/update", shop, level(0));
    expect(await prisma.variant.findUnique({ where: variant })).toMatchObject({ availableForSale: false });
    await deliver("inventory_levels/update", shop, level(3));
    expect(await prisma.variant.findUnique({ where: variant })).toMatchObject({ availableForSale: true });
  });

  it("products: a variant the body cannot decide keeps being for sale only if it was so with no stock (untracked)", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    answerVariantsForSale(shop, { [variantGid(45012345600023)]: true });
    await deliver("products/create", shop, fixture("products-create.json"));
    await prisma.session.deleteMany({ where: { shop } });
    server.resetHandlers(); // Shopify cannot be asked any more: a request would fail the test.
    const update = fixture("products-update-variant-deleted.json");
    const black = (update.variants as Body[])[0]!;
    black.inventory_quantity = 0;

    await deliver("products/update", shop, update);

    const stored = await prisma.variant.findMany({ where: { shop }, orderBy: { position: "asc" } });
    // Black sold out (it was stocked, so it is tracked); Red was for sale with no stock: untracked.
    expect(stored.map((v) => [v.title, v.availableForSale])).toEqual([
      ["Black", false],
      ["Red", true],
    ]);
  });
});

describe("a draft or archived product is never offered", () => {
  async function shopWithHiddenProducts() {
    const shop = uniqueShop();
    const { rules } = await createStorefrontShop(shop);
    const seen = {
      product: await offers(shop, SURFACES.product),
      cart: await offers(shop, SURFACES.cart),
      removal: await offers(shop, SURFACES.removal),
    };
    // The rules name them, so before the change they are offered on each surface.
    expect(seen.product).toContain(P.plus.product);
    expect(seen.cart).toContain(P.pods.product);
    expect(seen.removal).toContain(P.mini.product);
    const hide = async (key: keyof typeof P, title: string, type: string, base: string) =>
      expect((await deliver("products/update", shop, factoryProductBody(key, title, type, base))).status).toBe(200);
    await hide("plus", "Brew Plus", "Coffee Machines", "products-draft.json");
    await hide("pods", "Coffee Pods", "Consumables", "products-archived.json");
    await hide("descaler", "Descaler", "Care", "products-draft.json");
    await hide("mini", "Brew Mini", "Coffee Machines", "products-archived.json");
    return { shop, rules };
  }

  const hidden: string[] = [P.plus.product, P.pods.product, P.descaler.product, P.mini.product];

  it("on the product page, the cart and after a removal: not by a rule naming it, not automatically", async () => {
    const { shop } = await shopWithHiddenProducts();

    for (const surface of Object.values(SURFACES)) {
      const offered = await offers(shop, surface);
      expect(offered.filter((id) => hidden.includes(id))).toEqual([]);
    }
    // Automatic offers alone (no rules): still none of them.
    await prisma.offerRule.updateMany({ where: { shop }, data: { active: false } });
    invalidateStorefrontShop(shop);
    for (const surface of Object.values(SURFACES)) {
      const offered = await offers(shop, surface);
      expect(offered.filter((id) => hidden.includes(id))).toEqual([]);
    }
  });

  it("a cart line of a draft product still counts: its facts meet the rules' conditions", async () => {
    const shop = uniqueShop();
    await createStorefrontShop(shop);
    const draft = factoryProductBody("plus", "Brew Plus", "Coffee Machines", "products-draft.json");
    await deliver("products/update", shop, draft);

    // "Complete the set-up" offers pods when a coffee machine is in the cart: the draft is one.
    const offered = await offers(shop, { surface: "cart", lines: `${P.plus.variant}:1` });

    expect(offered).toContain(P.pods.product);
    expect(offered).not.toContain(P.plus.product);
  });

  it("in the admin preview, and the rules' product picker does not list them", async () => {
    const { shop } = await shopWithHiddenProducts();
    const token = await sessionToken(shop);
    const preview = async (body: unknown) => {
      const request = adminFetch("/app/preview", token, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });
      const answer = await previewAction({ request, params: {}, context: {} });
      if (!("result" in answer) || !answer.result) throw new Error(`preview failed: ${JSON.stringify(answer)}`);
      return answer.result.trace;
    };
    const gid = (key: keyof typeof P) => `gid://shopify/Product/${P[key].product}`;
    const hiddenGids = hidden.map((id) => `gid://shopify/Product/${id}`);

    const traces = [
      await preview({ surface: "product", as: { type: "visitor" }, productId: gid("basic"), cartProductIds: [] }),
      await preview({ surface: "cart", as: { type: "visitor" }, cartProductIds: [gid("basic")] }),
      await preview({ surface: "cart_removal", as: { type: "visitor" }, productId: gid("plus"), cartProductIds: [] }),
    ];

    for (const trace of traces) expect(trace.decisions.filter((d) => hiddenGids.includes(d.productId))).toEqual([]);
    // The preview says why: the rules named them, the guardrail refused them.
    expect(
      traces
        .flatMap((t) => t.rejected)
        .filter((r) => r.guardrail === "not_for_sale")
        .map((r) => r.productId),
    ).toEqual(expect.arrayContaining([gid("plus"), gid("pods"), gid("descaler"), gid("mini")]));
    const picked = await productsLoader({
      request: adminFetch("/app/api/products?q=", token),
      params: {},
      context: {},
    });
    const listed = ((await picked.json()) as { products: { id: string }[] }).products.map((p) => p.id);
    expect(listed.sort()).toEqual([gid("basic")]);
  });
});

describe("bodies Shopify should not send", () => {
  it("an invalid product body is answered 200, kept as a dead letter, and nothing is written", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const body = fixture("products-jpy.json");

    const response = await deliver("products/update", shop, { ...body, variants: [{ price: "abc" }] });

    expect(response.status).toBe(200);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`products/update for ${shop} kept as a dead letter`));
    expect(await prisma.product.count({ where: { shop } })).toBe(0);
    expect(await prisma.webhookDeadLetter.findMany({ where: { shop }, select: { topic: true, error: true } })).toEqual([
      { topic: "products/update", error: expect.stringContaining("variants.0") },
    ]);
    warn.mockRestore();
  });

  it.each(["products/delete", "collections/update", "collections/delete", "inventory_levels/update"])(
    "an invalid %s body is kept as a dead letter and changes nothing",
    async (topic) => {
      const shop = uniqueShop();
      await installShop(shop);
      await deliver("products/create", shop, fixture("products-no-image.json"));
      const before = await storedCatalog(shop);
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

      const response = await deliver(topic, shop, { id: "not-a-number", handle: 7 });

      expect(response.status).toBe(200);
      expect(await storedCatalog(shop)).toEqual(before);
      expect(await prisma.webhookDeadLetter.count({ where: { shop, topic } })).toBe(1);
      warn.mockRestore();
    },
  );

  it("a correctly signed body that is not JSON gets a 400 and writes nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const raw = "{not json";
    const signed = webhookRequest("/webhooks/products/update", "products/update", shop, {});
    const headers = new Headers(signed.headers);
    headers.set("X-Shopify-Hmac-Sha256", getHmac(raw, API_SECRET_KEY));

    const response = await productsUpdate({
      request: new Request(signed.url, { method: "POST", body: raw, headers }),
      params: {},
      context: {},
    });

    expect(response.status).toBe(400);
    expect(await prisma.webhookDeadLetter.count({ where: { shop } })).toBe(0);
    expect(await prisma.product.count({ where: { shop } })).toBe(0);
  });
});
