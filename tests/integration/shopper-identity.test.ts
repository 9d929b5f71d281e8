import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isInHoldout } from "../../app/domain/offers";
import { action } from "../../app/routes/proxy.events";
import { loader } from "../../app/routes/proxy.offers";
import { signedProxyPost, signedProxyRequest } from "../factories/proxy";
import { uniqueShop } from "../factories/shopify";
import { createStorefrontShop, P, type StorefrontShopOptions } from "../factories/storefront";

const args = (request: Request) => ({ request, params: {}, context: {} });
type Offer = { kind: string; product: string; mark: string };

async function offers(shop: string, sid: string, customer: string, params: Record<string, string>): Promise<Offer[]> {
  const request = signedProxyRequest("offers", shop, { sid, ...params }, { logged_in_customer_id: customer });
  const response = await loader(args(request));
  expect(response.status).toBe(200);
  // These flows follow the upgrade and the down-sell; bought-together beside the upgrade is not theirs.
  return ((await response.json()) as { offers: Offer[] }).offers.filter((o) => o.kind !== "cross_sell");
}

async function send(shop: string, sid: string, customer: string, type: string, offer: Offer, surface: string) {
  const body = { sid, events: [{ id: randomUUID(), type, at: new Date().toISOString(), surface, mark: offer.mark }] };
  const response = await action(args(signedProxyPost("events", shop, body, { logged_in_customer_id: customer })));
  expect(response.status).toBe(202);
}

async function setUp(options?: StorefrontShopOptions) {
  const shop = uniqueShop();
  await createStorefrontShop(shop, options);
  return shop;
}

const productPage = { surface: "product", product: P.basic.product, variant: P.basic.variant };
const removal = { surface: "cart_removal", removed: `${P.basic.variant}:1`, lines: "" };

describe("one shopper across login", () => {
  it("keeps declined offers when the shopper logs in, logs out, and logs in on another device", async () => {
    const shop = await setUp();
    const [upsell] = await offers(shop, "device-one-0001", "", productPage);
    expect(upsell!.kind).toBe("upsell");

    await send(shop, "device-one-0001", "", "decline", upsell!, "product");

    expect(await offers(shop, "device-one-0001", "", productPage)).toEqual([]);
    expect(await offers(shop, "device-one-0001", "6001", productPage)).toEqual([]);
    expect(await offers(shop, "device-one-0001", "", productPage)).toEqual([]);
    expect(await offers(shop, "device-two-0002", "6001", productPage)).toEqual([]);
    // Someone else on another device still gets the offer.
    expect((await offers(shop, "device-three-03", "", productPage)).map((o) => o.kind)).toEqual(["upsell"]);
  });

  it("records a declined down-sell and respects the cooldown on the next removal", async () => {
    const shop = await setUp();
    const [downSell] = await offers(shop, "remover-00001", "6002", removal);
    expect(downSell!.kind).toBe("down_sell");

    await send(shop, "remover-00001", "6002", "decline", downSell!, "cart_removal");

    expect(await offers(shop, "remover-00001", "6002", removal)).toEqual([]);
    expect(await offers(shop, "remover-00001", "", removal)).toEqual([]);
  });

  it("keeps the holdout group the shopper had before logging in", async () => {
    const settings = { holdoutPercent: 50 };
    // An anonymous id in the holdout whose customer id, hashed alone, would not be.
    const sid = Array.from({ length: 200 }, (_, i) => `holdout-sid-${i}`).find((id) => isInHoldout(id, settings))!;
    const customer = Array.from({ length: 200 }, (_, i) => String(7000 + i)).find(
      (id) => !isInHoldout(`gid://shopify/Customer/${id}`, settings),
    )!;
    const shop = await setUp(settings);

    expect(await offers(shop, sid, "", productPage)).toEqual([]);
    expect(await offers(shop, sid, customer, productPage)).toEqual([]);
    expect(await offers(shop, sid, "", productPage)).toEqual([]);
    // The customer's other devices join the same group.
    expect(await offers(shop, "another-device-1", customer, productPage)).toEqual([]);
  });

  it("counts impressions from before the login against the daily cap", async () => {
    const shop = await setUp();
    for (let i = 0; i < 3; i++) {
      const [upsell] = await offers(shop, "impressed-0001", "", productPage);
      await send(shop, "impressed-0001", "", "impression", upsell!, "product");
    }

    expect(await offers(shop, "impressed-0001", "6003", productPage)).toEqual([]);
  });
});

describe("customers/redact", () => {
  it("forgets which storefront ids were the customer's", async () => {
    const { handleComplianceWebhook } = await import("../../app/services/shop-lifecycle.server");
    const { prisma } = await import("../../app/db.server");
    const shop = await setUp();
    await offers(shop, "redacted-0001", "6100", productPage);
    expect(await prisma.shopperIdentity.count({ where: { shop } })).toBe(2);

    await handleComplianceWebhook("CUSTOMERS_REDACT", shop, {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 6100, email: "a@example.com", phone: null },
      orders_to_redact: [],
    });

    expect(await prisma.shopperIdentity.count({ where: { shop } })).toBe(0);
  });
});
