import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { loader } from "../../app/routes/proxy.offers";
import { verifyMark } from "../../app/services/offer-mark.server";
import { signedProxyRequest, type ProxySigning } from "../factories/proxy";
import { uniqueShop } from "../factories/shopify";
import { createStorefrontShop, imageOf, P, storedFor, type StorefrontShopOptions } from "../factories/storefront";

const args = (request: Request) => ({ request, params: {}, context: {} });
const SID = "anon-shopper-0001";

interface OfferJson {
  kind: string;
  title: string;
  variantTitle: string;
  features: string[];
  product: string;
  price: number;
  compareAt: number | null;
  reason: string;
  mark: string;
}
interface OffersBody {
  offers: OfferJson[];
  freeShipping: unknown;
}

async function offers(shop: string, params: Record<string, string>, signing: ProxySigning = {}) {
  const response = await loader(args(signedProxyRequest("offers", shop, { sid: SID, ...params }, signing)));
  return { status: response.status, headers: response.headers, body: (await response.json()) as OffersBody };
}

async function shopWithCatalog(options?: StorefrontShopOptions) {
  const shop = uniqueShop();
  const setup = await createStorefrontShop(shop, options);
  const key = (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey;
  return { shop, ...setup, key };
}

describe("GET /apps/cartlift/offers", () => {
  it("offers the premium item on the product page, as the contract's JSON, private and unstored", async () => {
    const { shop, rules } = await shopWithCatalog();

    const answer = await offers(shop, { surface: "product", product: P.basic.product, variant: P.basic.variant });

    expect(answer.status).toBe(200);
    expect(answer.headers.get("Cache-Control")).toBe("private, no-store");
    expect(answer.headers.get("Content-Type")).toContain("application/json");
    expect(answer.body).toEqual({
      offers: [
        {
          kind: "upsell",
          surface: "product",
          product: P.plus.product,
          variant: P.plus.variant,
          handle: "brew-plus",
          title: "Brew Plus",
          variantTitle: "Default Title",
          image: imageOf("plus"),
          price: 24900,
          compareAt: null,
          currency: "USD",
          reason: "rule",
          features: ["Milk frother", "2-year warranty"],
          replaces: { product: P.basic.product, variant: P.basic.variant, price: 12900 },
          mark: expect.any(String),
        },
        {
          // The upsell rule leaves bought-together to the recommendations (new visitors get both).
          kind: "cross_sell",
          surface: "product",
          product: "8000000000004",
          variant: "9000000000004",
          handle: "descaler",
          title: "Descaler",
          variantTitle: "Default Title",
          image: "https://cdn.example.com/descaler.png",
          price: 900,
          compareAt: null,
          currency: "USD",
          reason: "bought_together",
          features: [],
          mark: expect.any(String),
        },
      ],
      freeShipping: { thresholdMinor: 7500, subtotalMinor: 0, currency: "USD" },
    });
    const key = (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey!;
    const check = verifyMark(key, answer.body.offers[0].mark, new Date());
    expect(check).toEqual({
      valid: true,
      mark: {
        v: 1,
        r: rules.upsell!.id,
        k: "upsell",
        o: P.plus.variant,
        t: P.basic.variant,
        x: expect.any(Number),
        s: "product",
        p: expect.any(String),
      },
    });
    // No event; the one thing an answer stores is the shopper's exposure for the week (the lift's unit).
    expect(await storedFor(shop)).toEqual({ offerEvents: 0, shopperEvents: 0, identities: 0, exposures: 1 });
  });

  it("lists what the premium adds from its cartlift.upgrade_features metafield ahead of its feature tags", async () => {
    const { shop } = await shopWithCatalog();
    await prisma.product.update({
      where: { shop_id: { shop, id: `gid://shopify/Product/${P.plus.product}` } },
      data: { upgradeFeatures: [" Steam wand ", "15-bar pump", "steam wand", "Programmable timer"] },
    });

    const answer = await offers(shop, { surface: "product", product: P.basic.product, variant: P.basic.variant });

    expect(answer.body.offers.filter((o) => o.kind === "upsell").map((o) => [o.kind, o.product, o.features])).toEqual([
      ["upsell", P.plus.product, ["Steam wand", "15-bar pump", "Programmable timer"]],
    ]);
  });

  it("falls back to the premium variant's measurable option values that the replaced variant lacks", async () => {
    const { shop } = await shopWithCatalog();
    await prisma.product.update({
      where: { shop_id: { shop, id: `gid://shopify/Product/${P.plus.product}` } },
      data: { tags: ["coffee", "tier:better"] },
    });
    const retitle = (variant: string, title: string) =>
      prisma.variant.update({
        where: { shop_id: { shop, id: `gid://shopify/ProductVariant/${variant}` } },
        data: { title },
      });
    await retitle(P.basic.variant, "Black / 1.2 L");
    await retitle(P.plus.variant, "Silver / 1.8 L");

    const answer = await offers(shop, { surface: "product", product: P.basic.product, variant: P.basic.variant });

    // The colour is a choice, not what the extra buys; the bigger tank is.
    expect(
      answer.body.offers.filter((o) => o.kind === "upsell").map((o) => [o.kind, o.variantTitle, o.features]),
    ).toEqual([["upsell", "Silver / 1.8 L", ["1.8 L"]]]);
  });

  it("lists no features when neither the metafield, the tags nor the options say what the premium adds", async () => {
    const { shop } = await shopWithCatalog();
    await prisma.product.update({
      where: { shop_id: { shop, id: `gid://shopify/Product/${P.plus.product}` } },
      data: { tags: ["coffee", "tier:better"] },
    });

    const answer = await offers(shop, { surface: "product", product: P.basic.product, variant: P.basic.variant });

    expect(answer.body.offers.filter((o) => o.kind === "upsell").map((o) => [o.kind, o.features])).toEqual([
      ["upsell", []],
    ]);
  });

  it("prices the cart from the catalog with its quantities and offers the set-up cross-sells", async () => {
    const { shop } = await shopWithCatalog();

    const answer = await offers(shop, { surface: "cart", lines: `${P.basic.variant}:2` });

    expect(answer.status).toBe(200);
    expect(answer.body.freeShipping).toEqual({ thresholdMinor: 7500, subtotalMinor: 25800, currency: "USD" });
    expect(answer.body.offers.map((o) => [o.kind, o.title, o.price, o.compareAt, o.reason])).toEqual([
      ["cross_sell", "Coffee Pods", 1350, 1500, "rule"],
      ["cross_sell", "Descaler", 810, 900, "rule"],
    ]);
  });

  it("marks a cart cross-sell with the cart line that earned it, so the discount Function can hold it to that line", async () => {
    const { shop, rules } = await shopWithCatalog();

    const answer = await offers(shop, { surface: "cart", lines: `${P.pods.variant}:1,${P.basic.variant}:2` });

    const key = (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey!;
    const marks = answer.body.offers.map((o) => verifyMark(key, o.mark, new Date()));
    // The rule asks for a coffee machine in the cart: the machine earned it, not the pods.
    expect(marks.map((m) => m.valid && [m.mark.r, m.mark.o, m.mark.t])).toEqual([
      [rules.cross_sell!.id, P.descaler.variant, P.basic.variant],
    ]);
  });

  it("suggests a cheaper item after a removal", async () => {
    const { shop } = await shopWithCatalog();

    const answer = await offers(shop, {
      surface: "cart_removal",
      removed: `${P.basic.variant}:1`,
      lines: `${P.pods.variant}:1`,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.offers).toEqual([
      expect.objectContaining({
        kind: "down_sell",
        surface: "cart_removal",
        product: P.mini.product,
        price: 7900,
        reason: "rule",
        features: [],
        replaces: { product: P.basic.product, variant: P.basic.variant, price: 12900 },
      }),
    ]);
  });

  it("suggests a cheaper item after a declined upsell", async () => {
    const { shop } = await shopWithCatalog();

    const answer = await offers(shop, { surface: "cart_removal", declined: P.plus.variant, lines: "" });

    expect(answer.status).toBe(200);
    expect(answer.body.offers.map((o) => [o.kind, o.product])).toEqual([["down_sell", P.mini.product]]);
  });

  it("shows a B2B buyer no impulse cross-sell, and trusts b2b only when logged in", async () => {
    const { shop } = await shopWithCatalog();
    const cart = { surface: "cart", lines: `${P.basic.variant}:1`, b2b: "1" };

    const b2b = await offers(shop, cart, { logged_in_customer_id: "7001" });
    const anonymous = await offers(shop, cart);

    expect(b2b.status).toBe(200);
    expect(b2b.body.offers).toEqual([]);
    expect(anonymous.body.offers.map((o) => o.kind)).toEqual(["cross_sell", "cross_sell"]);
  });

  it("converts prices to the presentment currency and rounds to its minor units", async () => {
    const { shop } = await shopWithCatalog();

    const eur = await offers(shop, { surface: "product", product: P.basic.product, currency: "EUR", rate: "0.9134" });
    const jpy = await offers(shop, { surface: "product", product: P.basic.product, currency: "JPY", rate: "151.37" });

    expect(eur.body.offers[0]).toMatchObject({ currency: "EUR", price: 22744, replaces: { price: 11783 } });
    expect(eur.body.freeShipping).toEqual({ thresholdMinor: 6851, subtotalMinor: 0, currency: "EUR" });
    // 249.00 USD × 151.37 = 37,691.13 JPY → ¥37,691 (no minor digits).
    expect(jpy.body.offers[0]).toMatchObject({ currency: "JPY", price: 37691, replaces: { price: 19527 } });
  });

  it("converts from a zero-decimal shop currency", async () => {
    const { shop } = await shopWithCatalog({ currency: "JPY", priceFactor: 1 });

    const usd = await offers(shop, { surface: "product", product: P.basic.product, currency: "USD", rate: "0.0066" });

    // ¥24,900 × 0.0066 = $164.34
    expect(usd.body.offers[0]).toMatchObject({ currency: "USD", price: 16434 });
  });

  it("answers 404 for another shop's products and records nothing", async () => {
    const { shop } = await shopWithCatalog();
    const other = await shopWithCatalog();
    await prisma.product.updateMany({ where: { shop: other.shop }, data: { title: "Other shop's" } });
    await prisma.variant.deleteMany({ where: { shop, id: `gid://shopify/ProductVariant/${P.mini.variant}` } });
    await prisma.product.deleteMany({ where: { shop, id: `gid://shopify/Product/${P.mini.product}` } });

    const product = await offers(shop, { surface: "product", product: P.mini.product });
    const cart = await offers(
      shop,
      { surface: "cart", lines: `${P.mini.variant}:1` },
      { logged_in_customer_id: "7002" },
    );

    expect([product.status, cart.status]).toEqual([404, 404]);
    expect(JSON.stringify([product.body, cart.body])).not.toContain("Other shop");
    expect(await storedFor(shop)).toEqual({ offerEvents: 0, shopperEvents: 0, identities: 0, exposures: 0 });
  });

  it.each([
    ["a tampered signature", { surface: "product", product: P.basic.product }, { append: "" }, "tamper"],
    [
      "a stale timestamp",
      { surface: "product", product: P.basic.product },
      { timestamp: Math.floor(Date.now() / 1000) - 300 },
      null,
    ],
    ["another secret", { surface: "product", product: P.basic.product }, { secret: "not-the-secret" }, null],
    ["a missing shop", { surface: "product", product: P.basic.product }, { withoutShop: true }, null],
    [
      "a duplicated shop",
      { surface: "product", product: P.basic.product },
      { append: "shop=evil.myshopify.com" },
      null,
    ],
    [
      "a duplicated timestamp",
      { surface: "product", product: P.basic.product },
      { append: `timestamp=${Math.floor(Date.now() / 1000)}` },
      null,
    ],
    [
      "a duplicated product",
      { surface: "product", product: P.basic.product },
      { append: `product=${P.plus.product}` },
      null,
    ],
    ["an unknown surface", { surface: "checkout" }, {}, null],
    ["a product page without its product", { surface: "product" }, {}, null],
    ["a malformed cart", { surface: "cart", lines: "abc" }, {}, null],
    ["a bad shopper id", { surface: "cart", lines: "", sid: "x" }, {}, null],
    ["a bad rate", { surface: "cart", lines: "", currency: "EUR", rate: "-1" }, {}, null],
  ] as const)("answers 400 to %s and records nothing", async (_name, params, signing, special) => {
    const { shop } = await shopWithCatalog();
    let request = signedProxyRequest(
      "offers",
      shop,
      { sid: SID, ...params },
      { ...signing, logged_in_customer_id: "7003" },
    );
    if (special === "tamper") {
      const url = new URL(request.url);
      url.searchParams.set("logged_in_customer_id", "7004");
      request = new Request(url, { headers: request.headers });
    }

    const response = await loader(args(request));

    expect(response.status).toBe(400);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await response.json()).toEqual(expect.any(Object));
    expect(await storedFor(shop)).toEqual({ offerEvents: 0, shopperEvents: 0, identities: 0, exposures: 0 });
  });

  it("answers 404 for a shop Cartlift does not know", async () => {
    const answer = await offers(uniqueShop(), { surface: "cart", lines: "" });

    expect(answer.status).toBe(404);
  });

  it("gives holdout shoppers nothing", async () => {
    const { shop } = await shopWithCatalog({ holdoutPercent: 100 });

    const answer = await offers(shop, { surface: "product", product: P.basic.product });

    expect(answer.body.offers).toEqual([]);
  });
});
