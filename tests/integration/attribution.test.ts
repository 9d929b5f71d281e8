/**
 * Offer attribution from the order webhooks (docs/decisions/026-attribution.md), through the real
 * webhook routes with Shopify's HMAC: marked lines are attributed once however often the webhook
 * comes, refunds lower the revenue, a cancellation removes it, forged, expired or other shops'
 * marks earn nothing, and a logged-in buyer's recent offer add counts without a mark.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { signMark, type OfferMark } from "../../app/services/offer-mark.server";
import { ensureOfferMarkKey } from "../../app/services/offer-mark-keys.server";
import { createFixtureShop, orderCreatedPayload } from "../factories/orders";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { installShop, uniqueShop, webhookRequest } from "../factories/shopify";
import { deliverWebhook, orderCancelledPayload, orderUpdatedPayload, refundOf } from "../factories/webhooks";

// Order #1011 (id 5011, tests/fixtures/webhooks/orders-create.json): Brew Plus (line 9023, variant 8002),
// descaler (9024, variant 8004, $11.99), SD card (9025, variant 8006), processed 2026-10-02 13:30 UTC.
const PROCESSED_S = Date.parse("2026-10-02T13:30:00Z") / 1000;
const ORDER_ID = "gid://shopify/Order/5011";

async function markedShop() {
  const shop = uniqueShop();
  await installShop(shop);
  await createFixtureShop(shop);
  const key = (await ensureOfferMarkKey(shop))!;
  return { shop, key };
}

function descalerMark(key: string, overrides: Partial<OfferMark> = {}): string {
  return signMark(key, {
    v: 1,
    r: "rule-set-up",
    k: "cross_sell",
    o: "8004",
    t: "8002",
    x: PROCESSED_S + 3600,
    s: "checkout",
    p: "persona-vip",
    ...overrides,
  });
}

/** Order #1011 with the descaler line carrying `mark`, paid in euros. */
function orderWithMark(mark: string | null) {
  const body = orderCreatedPayload({ presentment_currency: "EUR" });
  body.line_items = (body.line_items as Record<string, unknown>[]).map((line) =>
    line.id === 9024
      ? {
          ...line,
          properties: mark ? [{ name: "_cartlift", value: mark }] : [],
          price_set: {
            shop_money: { amount: "11.99", currency_code: "USD" },
            presentment_money: { amount: "10.99", currency_code: "EUR" },
          },
        }
      : line,
  );
  return body;
}

const rows = (shop: string) => prisma.offerAttribution.findMany({ where: { shop }, orderBy: { lineId: "asc" } });

describe("offer attribution", () => {
  it("attributes a marked line once, however often orders/create and orders/updated arrive", async () => {
    const { shop, key } = await markedShop();
    const body = orderWithMark(descalerMark(key));

    for (let i = 0; i < 3; i++) expect((await deliverWebhook("orders/create", shop, body)).status).toBe(200);
    await deliverWebhook("orders/updated", shop, orderUpdatedPayload(body, "2026-10-02T10:00:00-04:00"));

    expect(await rows(shop)).toMatchObject([
      {
        lineId: "gid://shopify/LineItem/9024",
        orderId: ORDER_ID,
        source: "mark",
        kind: "cross_sell",
        surface: "checkout",
        ruleId: "rule-set-up",
        personaId: "persona-vip",
        productId: "gid://shopify/Product/7004",
        variantId: "gid://shopify/ProductVariant/8004",
        customerId: "gid://shopify/Customer/6004",
        quantity: 1,
        revenueMinor: 1199n,
        refundedMinor: 0n,
        currency: "USD",
        presentmentCurrency: "EUR",
        presentmentRevenueMinor: 1099n,
      },
    ]);
    expect(await rows(shop)).toHaveLength(1);
  });

  it("lowers the attributed revenue by a refund of the line, once however often it is delivered", async () => {
    const { shop, key } = await markedShop();
    await deliverWebhook("orders/create", shop, orderWithMark(descalerMark(key)));
    const refund = refundOf(7801, 5011, [[9024, 1, "11.99"]]);

    await deliverWebhook("refunds/create", shop, refund);
    await deliverWebhook("refunds/create", shop, refund);

    expect((await rows(shop)).map((r) => [r.revenueMinor, r.refundedMinor])).toEqual([[1199n, 1199n]]);
  });

  it("removes what a cancelled order earned", async () => {
    const { shop, key } = await markedShop();
    const body = orderWithMark(descalerMark(key));
    await deliverWebhook("orders/create", shop, body);
    expect(await rows(shop)).toHaveLength(1);

    await deliverWebhook("orders/cancelled", shop, orderCancelledPayload(body, "2026-10-03T08:00:00Z"));
    // A late orders/create of the same order changes nothing.
    await deliverWebhook("orders/create", shop, body);

    expect(await rows(shop)).toEqual([]);
  });

  it.each([
    ["a mark signed with another key", (key: string) => descalerMark(`${key.slice(0, -4)}AAAA`)],
    ["a mark that had expired when the order was placed", (key: string) => descalerMark(key, { x: PROCESSED_S - 1 })],
    ["a mark for another variant", (key: string) => descalerMark(key, { o: "8006" })],
    ["text a buyer typed", () => "free-descaler"],
  ])("attributes nothing for %s", async (_name, markOf) => {
    const { shop, key } = await markedShop();

    expect((await deliverWebhook("orders/create", shop, orderWithMark(markOf(key)))).status).toBe(200);

    expect(await rows(shop)).toEqual([]);
  });

  it("never attributes one shop's mark in another shop, nor shows one shop's rows to another", async () => {
    const a = await markedShop();
    const b = await markedShop();
    await deliverWebhook("orders/create", a.shop, orderWithMark(descalerMark(a.key)));

    await deliverWebhook("orders/create", b.shop, orderWithMark(descalerMark(a.key)));

    expect(await rows(a.shop)).toHaveLength(1);
    expect(await rows(b.shop)).toEqual([]);
  });

  it("attributes an unmarked line the logged-in buyer added from an offer in the week before", async () => {
    const { shop } = await markedShop();
    const event = (variant: string, hoursBefore: number, ruleId: string) => ({
      shop,
      type: "add",
      shopperId: "gid://shopify/Customer/6004",
      customerId: "gid://shopify/Customer/6004",
      offerKey: `cross_sell:gid://shopify/Product/7004`,
      productId: "gid://shopify/Product/7004",
      variantId: variant,
      kind: "cross_sell",
      surface: "cart",
      ruleId,
      occurredAt: new Date((PROCESSED_S - hoursBefore * 3600) * 1000),
    });
    await prisma.offerEvent.createMany({
      data: [
        event("gid://shopify/ProductVariant/8004", 2, "rule-recent"),
        event("gid://shopify/ProductVariant/8004", 24 * 8, "rule-too-old"),
      ],
    });

    await deliverWebhook("orders/create", shop, orderWithMark(null));

    expect((await rows(shop)).map((r) => [r.lineId, r.source, r.ruleId, r.surface, r.personaId])).toEqual([
      ["gid://shopify/LineItem/9024", "recent_add", "rule-recent", "cart", null],
    ]);
  });

  it("keeps what a redacted customer's orders earned, no longer as theirs", async () => {
    const { shop, key } = await markedShop();
    await deliverWebhook("orders/create", shop, orderWithMark(descalerMark(key)));
    const payload = { shop_id: 1, shop_domain: shop, customer: { id: 6004 }, orders_to_redact: [5011] };

    const response = await compliance({
      request: webhookRequest("/webhooks/compliance", "customers/redact", shop, payload),
      params: {},
      context: {},
    });

    expect(response.status).toBe(200);
    expect((await rows(shop)).map((r) => [r.lineId, r.customerId, r.revenueMinor])).toEqual([
      ["gid://shopify/LineItem/9024", null, 1199n],
    ]);
  });
});
