/**
 * A logged-in customer's own orders re-rank the substitutes the storefront offers them
 * (app/domain/recommendations/shopper-purchases.ts): read from the stored orders in the offers
 * endpoint's one-query history, and by the ORM path, with cancelled orders and refunded lines out.
 */
import { describe, expect, it } from "vitest";
import { loadShopperHistory } from "../../app/adapters/shopper-history.server";
import { loadShopperSignals } from "../../app/adapters/shopper-signals.server";
import { prisma } from "../../app/db.server";
import { loader } from "../../app/routes/proxy.offers";
import { ensureBuiltInPersonas } from "../../app/services/personas.server";
import { retrainShop } from "../../app/services/recommendations.server";
import { invalidateStorefrontShop } from "../../app/services/storefront-shop.server";
import { createFixtureShop, numberedOrderPayload, orderCreatedPayload } from "../factories/orders";
import { signedProxyRequest } from "../factories/proxy";
import { installShop, uniqueShop } from "../factories/shopify";
import { deliverWebhook, orderCancelledPayload, refundCreatedPayload } from "../factories/webhooks";

const WINDOWS = { offerHistorySince: new Date(0), sessionSince: new Date(0) };
const gid = (n: number) => `gid://shopify/Product/${n}`;

// One order of `products` by customer `customer` on day `day` (numeric product ids).
function orderOf(n: number, customer: number, day: number, products: number[]): Record<string, unknown> {
  const base = numberedOrderPayload(n, products);
  const at = new Date(Date.UTC(2026, 9, 1 + day, 12)).toISOString();
  return {
    ...base,
    customer: {
      ...(base.customer as Record<string, unknown>),
      id: customer,
      admin_graphql_api_id: `gid://shopify/Customer/${customer}`,
    },
    created_at: at,
    processed_at: at,
    updated_at: at,
  };
}

describe("a customer's recent purchases", () => {
  it("leave out cancelled orders and wholly refunded lines, the same on both read paths", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    // #1011 (customer 6004): Brew Plus, the descaler (refunded below) and an SD card.
    await deliverWebhook("orders/create", shop, orderCreatedPayload());
    await deliverWebhook("orders/create", shop, orderOf(1, 6004, 5, [7002, 7003]));
    const cancelled = orderOf(2, 6004, 6, [7003, 7005]);
    await deliverWebhook("orders/create", shop, cancelled);
    await deliverWebhook("orders/cancelled", shop, orderCancelledPayload(cancelled, "2026-10-08T08:00:00Z"));
    await deliverWebhook("refunds/create", shop, refundCreatedPayload());
    await deliverWebhook("orders/create", shop, orderOf(3, 6005, 5, [7001]));

    const customer = "gid://shopify/Customer/6004";
    const history = await loadShopperHistory(shop, ["anon-1"], customer, WINDOWS);
    const signals = await loadShopperSignals(shop, ["anon-1"], customer, WINDOWS);

    const expected = new Map([
      [gid(7002), 2],
      [gid(7003), 1],
      [gid(7006), 1],
    ]);
    expect(history.signals.purchasedProducts).toEqual(expected);
    expect(signals.purchasedProducts).toEqual(expected);
    expect((await loadShopperHistory(shop, ["anon-1"], null, WINDOWS)).signals.purchasedProducts).toEqual(new Map());
  });
});

describe("GET /apps/cartlift/offers for a known customer", () => {
  // A spreads shelf: the brand, the house brand and a generic, one need as the family tag states.
  const SPREADS = [
    { n: 7101, title: "Parkay Stick", price: 600 },
    { n: 7102, title: "House Brand Stick", price: 460 },
    { n: 7103, title: "Generic Stick", price: 350 },
  ];

  async function spreadsShop(): Promise<string> {
    const shop = uniqueShop();
    await installShop(shop, { name: shop, currency: "USD" });
    await prisma.shopSettings.create({
      data: { shop, priceCapPercent: 100, holdoutPercent: 0, explorationPercent: 0 },
    });
    await ensureBuiltInPersonas(shop);
    for (const s of SPREADS) {
      await prisma.product.create({
        data: {
          shop,
          id: gid(s.n),
          title: s.title,
          handle: s.title.toLowerCase().replaceAll(" ", "-"),
          productType: "Margarine",
          vendor: "Panel Foods",
          tags: ["family:stick-margarine"],
          collections: ["spreads"],
          variants: {
            create: [
              {
                id: `gid://shopify/ProductVariant/${s.n + 1000}`,
                title: "Default Title",
                priceMinor: BigInt(s.price),
                currency: "USD",
              },
            ],
          },
        },
      });
    }
    // Most customers who leave Parkay take the house brand; customer 6100 keeps coming back to
    // the generic, which others rebuy too.
    let n = 0;
    for (const customer of [6001, 6002, 6003])
      for (const [day, product] of [7101, 7102, 7101, 7102].entries())
        await deliverWebhook("orders/create", shop, orderOf(++n, customer, day, [product]));
    for (const [day, product] of [7103, 7103].entries())
      await deliverWebhook("orders/create", shop, orderOf(++n, 6004, day, [product]));
    for (const [day, product] of [7103, 7103, 7101].entries())
      await deliverWebhook("orders/create", shop, orderOf(++n, 6100, day, [product]));
    await retrainShop(shop);
    invalidateStorefrontShop(shop);
    return shop;
  }

  async function downSell(shop: string, customer: string): Promise<{ product: string; reason: string }[]> {
    const params = { sid: `anon-${customer || "guest"}`, surface: "cart_removal", removed: "8101:1", lines: "" };
    const request = signedProxyRequest("offers", shop, params, { logged_in_customer_id: customer });
    const response = await loader({ request, params: {}, context: {} });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { offers: { kind: string; product: string; reason: string }[] };
    return body.offers.filter((o) => o.kind === "down_sell");
  }

  it("offers the customer's own alternative first, and a guest the one most customers switch to", async () => {
    const shop = await spreadsShop();
    expect((await downSell(shop, "")).map((o) => o.product)[0]).toBe("7102");
    expect((await downSell(shop, "6100")).map((o) => o.product)[0]).toBe("7103");
    // A customer whose last switch was to the house brand keeps getting it.
    expect((await downSell(shop, "6001")).map((o) => o.product)[0]).toBe("7102");
  });
});
