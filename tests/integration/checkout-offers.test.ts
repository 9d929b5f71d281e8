import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import type { CheckoutOffer } from "../../app/schemas/checkout";
import { action as eventsAction, loader as eventsLoader } from "../../app/routes/api.checkout.events";
import { action as offersAction, loader as offersLoader } from "../../app/routes/api.checkout.offers";
import { loader as nextLoader } from "../../app/routes/proxy.next";
import { verifyMark } from "../../app/services/offer-mark.server";
import { saveRule } from "../../app/services/offer-rules.server";
import { invalidateStorefrontShop } from "../../app/services/storefront-shop.server";
import { checkoutRequest, type CheckoutSigning } from "../factories/checkout";
import { signedProxyRequest } from "../factories/proxy";
import { installShop, uniqueShop } from "../factories/shopify";
import { createStorefrontShop, P, storedFor } from "../factories/storefront";

const args = (request: Request) => ({ request, params: {}, context: {} });
const SID = "checkout-shopper-01";
const gid = (key: keyof typeof P) => `gid://shopify/ProductVariant/${P[key].variant}`;
const productGid = (key: keyof typeof P) => `gid://shopify/Product/${P[key].product}`;

/** The coffee shop with a discounted checkout cross-sell for machines. */
async function checkoutShop(options: { currency?: string } = {}) {
  const shop = uniqueShop();
  await createStorefrontShop(shop, options);
  const rule = await saveRule(shop, null, {
    name: "At the tills",
    active: true,
    priority: 30,
    kind: "cross_sell",
    surfaces: ["checkout", "thank_you"],
    conditions: [{ type: "product_type_in_cart", productTypes: ["Coffee Machines"] }],
    offer: { type: "products", productIds: [productGid("pods"), productGid("descaler")] },
    discount: { type: "percentage", value: "10" },
  });
  invalidateStorefrontShop(shop);
  // The key is made on the shop's first offers request.
  const markKey = async () => (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey!;
  return { shop, rule, markKey };
}

const machineCart = (amount = "258.00", discounted = false) => [
  { variant: gid("basic"), quantity: 2, amount, discounted },
];

async function offers(shop: string, body: unknown, signing: CheckoutSigning = {}) {
  const response = await offersAction(args(checkoutRequest("offers", shop, body, signing)));
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as {
      offers: CheckoutOffer[];
      errors?: Record<string, string>;
      error?: string;
    },
  };
}

describe("POST /api/checkout/offers", () => {
  it("offers the rule's cross-sells at the discounted price, marked with the machine as their trigger", async () => {
    const { shop, rule, markKey } = await checkoutShop();

    const answer = await offers(shop, { surface: "checkout", sid: SID, currency: "USD", lines: machineCart() });

    expect(answer.status).toBe(200);
    expect(answer.headers.get("Cache-Control")).toBe("private, no-store");
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(
      answer.body.offers.map((o) => [o.kind, o.variant, o.title, o.price, o.compareAt, o.currency, o.reason]),
    ).toEqual([
      ["cross_sell", gid("pods"), "Coffee Pods", "13.50", "15.00", "USD", "rule"],
      ["cross_sell", gid("descaler"), "Descaler", "8.10", "9.00", "USD", "rule"],
    ]);
    expect(answer.body.offers[0]!.url).toBeUndefined();
    expect(verifyMark(await markKey(), answer.body.offers[0]!.mark, new Date())).toEqual({
      valid: true,
      mark: {
        v: 1,
        r: rule.id,
        k: "cross_sell",
        o: P.pods.variant,
        t: P.basic.variant,
        x: expect.any(Number),
        // For attribution: where it was offered and the persona the shopper matched.
        s: "checkout",
        p: expect.any(String),
      },
    });
    // No event; the one thing an answer stores is the shopper's exposure for the week (the lift's unit).
    expect(await storedFor(shop)).toEqual({ offerEvents: 0, shopperEvents: 0, identities: 0, exposures: 1 });
  });

  it("prices offers in the checkout's currency at the rate its undiscounted lines imply", async () => {
    const { shop } = await checkoutShop();
    // 2 × $129.00 shown as €232.20: 0.9 euro per dollar.
    const lines = [...machineCart("232.20"), { variant: gid("mini"), quantity: 1, amount: "1.00", discounted: true }];

    const answer = await offers(shop, { surface: "checkout", sid: SID, currency: "EUR", lines });

    expect(answer.body.offers.map((o) => [o.title, o.price, o.compareAt, o.currency])).toEqual([
      ["Coffee Pods", "12.15", "13.50", "EUR"],
      ["Descaler", "7.29", "8.10", "EUR"],
    ]);
  });

  it("rounds to a zero-decimal checkout currency", async () => {
    const { shop } = await checkoutShop();

    const answer = await offers(shop, { surface: "checkout", sid: SID, currency: "JPY", lines: machineCart("38700") });

    // 150 yen per dollar: $13.50 → ¥2025, $15.00 → ¥2250.
    expect(answer.body.offers.map((o) => [o.price, o.compareAt, o.currency])[0]).toEqual(["2025", "2250", "JPY"]);
  });

  it("offers nothing in another currency when no undiscounted line shows the rate", async () => {
    const { shop } = await checkoutShop();

    const answer = await offers(shop, {
      surface: "checkout",
      sid: SID,
      currency: "EUR",
      lines: machineCart("200.00", true),
    });

    expect(answer).toMatchObject({ status: 200, body: { offers: [] } });
  });

  it("offers the next order on the thank-you page as a link, at the price the new cart will charge", async () => {
    const { shop, markKey } = await checkoutShop();

    const answer = await offers(shop, { surface: "thank_you", sid: SID, currency: "USD", lines: machineCart() });

    expect(answer.status).toBe(200);
    const first = answer.body.offers[0]!;
    expect([first.title, first.price, first.compareAt]).toEqual(["Coffee Pods", "15.00", null]);
    expect(first.url).toBe(`https://${shop}/apps/cartlift/next?m=${encodeURIComponent(first.mark)}`);
    const check = verifyMark(await markKey(), first.mark, new Date());
    expect(check.valid && check.mark.t).toBeNull();
    expect(check.valid && check.mark.x - Date.now() / 1000).toBeGreaterThan(13 * 86_400);
  });

  it("leaves out lines the shop's catalog does not know: another shop's variant earns nothing", async () => {
    const { shop } = await checkoutShop();
    const other = uniqueShop();
    await installShop(other);
    await prisma.product.create({
      data: {
        shop: other,
        id: "gid://shopify/Product/8100000000001",
        title: "Other shop machine",
        handle: "other",
        productType: "Coffee Machines",
        vendor: "Other",
        tags: [],
        collections: [],
        variants: {
          create: [
            {
              id: "gid://shopify/ProductVariant/9100000000001",
              title: "Default Title",
              priceMinor: 50000n,
              currency: "USD",
            },
          ],
        },
      },
    });
    const lines = [
      { variant: "gid://shopify/ProductVariant/9100000000001", quantity: 1, amount: "500.00", discounted: false },
    ];

    const answer = await offers(shop, { surface: "checkout", sid: SID, currency: "USD", lines });

    expect(answer).toMatchObject({ status: 200, body: { offers: [] } });
  });

  it("answers the CORS preflight without a token (Remix routes OPTIONS to the loader)", async () => {
    const { shop } = await checkoutShop();

    const response = await offersLoader(
      args(checkoutRequest("offers", shop, null, { withoutToken: true }, { method: "OPTIONS" })),
    );

    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
  });

  it("answers the events preflight too, and a GET to either route with a 405", async () => {
    const { shop } = await checkoutShop();

    const preflight = await eventsLoader(
      args(checkoutRequest("events", shop, null, { withoutToken: true }, { method: "OPTIONS" })),
    );
    const gets = await Promise.all(
      [offersLoader, eventsLoader].map((loader) =>
        loader(args(checkoutRequest("offers", shop, null, {}, { method: "GET" }))),
      ),
    );

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(gets.map((response) => [response.status, response.headers.get("Allow")])).toEqual([
      [405, "POST, OPTIONS"],
      [405, "POST, OPTIONS"],
    ]);
  });

  it.each<[string, (shop: string) => CheckoutSigning]>([
    ["no token", () => ({ withoutToken: true })],
    ["a token signed with another secret", () => ({ secret: "not-the-app-secret" })],
    ["an expired token", () => ({ issuedAgo: 900, ttlSeconds: 300 })],
    ["a token for another app", () => ({ apiKey: "someone-elses-app" })],
    ["a token that is not a JWT", () => ({ authorization: "Bearer not.a.jwt" })],
  ])("refuses %s with a 401 and stores nothing", async (_name, signing) => {
    const { shop } = await checkoutShop();

    const answer = await offers(
      shop,
      { surface: "checkout", sid: SID, currency: "USD", lines: machineCart() },
      signing(shop),
    );

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "invalid session token" });
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await storedFor(shop)).toEqual({ offerEvents: 0, shopperEvents: 0, identities: 0, exposures: 0 });
  });

  it("refuses a valid token for a shop where the app is not installed", async () => {
    const shop = uniqueShop();

    const answer = await offers(shop, { surface: "checkout", sid: SID, currency: "USD", lines: machineCart() });

    expect(answer.status).toBe(401);
  });

  it.each<[string, unknown, string]>([
    ["an unknown surface", { surface: "cart", sid: SID, currency: "USD", lines: [] }, "surface"],
    ["a bad shopper id", { surface: "checkout", sid: "x", currency: "USD", lines: [] }, "sid"],
    [
      "a numeric variant id",
      {
        surface: "checkout",
        sid: SID,
        currency: "USD",
        lines: [{ variant: "1", quantity: 1, amount: "1.00", discounted: false }],
      },
      "lines.0.variant",
    ],
    [
      "a zero quantity",
      { surface: "checkout", sid: SID, currency: "USD", lines: [{ ...machineCart()[0], quantity: 0 }] },
      "lines.0.quantity",
    ],
    [
      "a negative amount",
      { surface: "checkout", sid: SID, currency: "USD", lines: [{ ...machineCart()[0], amount: "-1" }] },
      "lines.0.amount",
    ],
    ["a lower-case currency", { surface: "checkout", sid: SID, currency: "usd", lines: [] }, "currency"],
  ])("answers %s with a 400 naming the field", async (_name, body, field) => {
    const { shop } = await checkoutShop();

    const answer = await offers(shop, body);

    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors ?? {})).toContain(field);
    expect(await storedFor(shop)).toEqual({ offerEvents: 0, shopperEvents: 0, identities: 0, exposures: 0 });
  });

  it("links a logged-in buyer (the token's sub) to the shopper id, as the storefront does", async () => {
    const { shop } = await checkoutShop();

    const answer = await offers(
      shop,
      { surface: "checkout", sid: SID, currency: "USD", lines: machineCart() },
      { customerId: "gid://shopify/Customer/7001" },
    );

    expect(answer.status).toBe(200);
    const identities = await prisma.shopperIdentity.findMany({ where: { shop }, orderBy: { id: "asc" } });
    expect(identities.map((i) => i.id).sort()).toEqual(["gid://shopify/Customer/7001", SID].sort());
  });
});

describe("POST /api/checkout/events", () => {
  async function withOffer() {
    const setup = await checkoutShop();
    const answer = await offers(setup.shop, { surface: "checkout", sid: SID, currency: "USD", lines: machineCart() });
    return { ...setup, mark: answer.body.offers[0]!.mark };
  }
  const post = async (shop: string, body: unknown, signing: CheckoutSigning = {}) => {
    const response = await eventsAction(args(checkoutRequest("events", shop, body, signing)));
    return {
      status: response.status,
      body: (await response.json()) as { accepted?: number; errors?: Record<string, string> },
    };
  };

  it("stores the checkout's offer events once per id, with what the mark says", async () => {
    const { shop, rule, mark } = await withOffer();
    const events = [
      { id: randomUUID(), type: "impression", at: new Date().toISOString(), surface: "checkout", mark },
      { id: randomUUID(), type: "add", at: new Date().toISOString(), surface: "checkout", mark },
    ];

    const first = await post(shop, { sid: SID, events });
    const retried = await post(shop, { sid: SID, events });

    expect([first, retried]).toEqual([
      { status: 202, body: { accepted: 2 } },
      { status: 202, body: { accepted: 2 } },
    ]);
    const stored = await prisma.offerEvent.findMany({ where: { shop }, orderBy: { type: "asc" } });
    expect(stored.map((e) => [e.type, e.surface, e.kind, e.ruleId, e.variantId, e.shopperId])).toEqual([
      ["add", "checkout", "cross_sell", rule.id, gid("pods"), SID],
      ["impression", "checkout", "cross_sell", rule.id, gid("pods"), SID],
    ]);
  });

  it("rejects the whole batch for one forged mark, and a bad token before reading it", async () => {
    const { shop, mark } = await withOffer();
    const event = (m: string) => ({
      id: randomUUID(),
      type: "click",
      at: new Date().toISOString(),
      surface: "checkout",
      mark: m,
    });

    const forged = await post(shop, { sid: SID, events: [event(mark), event(`${mark.split(".")[0]}.AAAA`)] });
    const unsigned = await post(shop, { sid: SID, events: [event(mark)] }, { secret: "wrong" });
    const storefrontSurface = await post(shop, { sid: SID, events: [{ ...event(mark), surface: "cart" }] });

    expect(forged).toEqual({ status: 400, body: { errors: { "events.1.mark": "offer mark invalid" } } });
    expect(unsigned.status).toBe(401);
    expect(storefrontSurface.status).toBe(400);
    expect(await prisma.offerEvent.count({ where: { shop } })).toBe(0);
  });
});

describe("GET /apps/cartlift/next (the thank-you page's link)", () => {
  it("answers a Liquid page that adds the marked offer to the cart; a forged mark adds nothing", async () => {
    const { shop } = await checkoutShop();
    const answer = await offers(shop, { surface: "thank_you", sid: SID, currency: "USD", lines: machineCart() });
    const mark = answer.body.offers[0]!.mark;

    const page = await nextLoader(args(signedProxyRequest("next", shop, { m: mark })));
    const forged = await nextLoader(args(signedProxyRequest("next", shop, { m: `${mark.split(".")[0]}.AAAA` })));
    const unsigned = await nextLoader(args(signedProxyRequest("next", shop, { m: mark }, { secret: "wrong" })));

    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toContain("application/liquid");
    const html = await page.text();
    expect(html).toContain("cart/add.js");
    // The request body, as the JSON string literal the script sends.
    const body = { items: [{ id: Number(P.pods.variant), quantity: 1, properties: { _cartlift: mark } }] };
    expect(html).toContain(`body: ${JSON.stringify(JSON.stringify(body))}`);
    const forgedHtml = await forged.text();
    expect(forgedHtml).toContain("This offer link is not valid.");
    expect(forgedHtml).not.toContain("cart/add.js");
    expect(unsigned.status).toBe(400);
  });
});
