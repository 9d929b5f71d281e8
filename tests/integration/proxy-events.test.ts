import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { action } from "../../app/routes/proxy.events";
import { loader } from "../../app/routes/proxy.offers";
import { MARK_LIFETIME_S, signMark } from "../../app/services/offer-mark.server";
import { signedProxyPost, signedProxyRequest, type ProxySigning } from "../factories/proxy";
import { uniqueShop } from "../factories/shopify";
import { createStorefrontShop, P, storedFor } from "../factories/storefront";

const args = (request: Request) => ({ request, params: {}, context: {} });
const SID = "anon-shopper-0002";
const at = () => new Date().toISOString();

async function setUp() {
  const shop = uniqueShop();
  const { rules } = await createStorefrontShop(shop);
  const response = await loader(
    args(
      signedProxyRequest("offers", shop, {
        sid: SID,
        surface: "product",
        product: P.basic.product,
        variant: P.basic.variant,
      }),
    ),
  );
  const { offers } = (await response.json()) as { offers: { mark: string }[] };
  return { shop, rules, mark: offers[0]!.mark };
}

async function post(shop: string, body: unknown, options: ProxySigning & { raw?: string } = {}) {
  const response = await action(args(signedProxyPost("events", shop, body, options)));
  return {
    status: response.status,
    cache: response.headers.get("Cache-Control"),
    body: (await response.json()) as { accepted?: number; errors: Record<string, string> },
  };
}

describe("POST /apps/cartlift/events", () => {
  it("stores offer events with what the mark says and behaviour as shopper events: 202", async () => {
    const { shop, rules, mark } = await setUp();
    const events = [
      { id: randomUUID(), type: "impression", at: at(), surface: "product", mark },
      { id: randomUUID(), type: "click", at: at(), surface: "product", mark },
      {
        id: randomUUID(),
        type: "view",
        at: at(),
        surface: "product",
        product: P.basic.product,
        variant: P.basic.variant,
      },
    ];

    const answer = await post(shop, { sid: SID, events });

    expect(answer).toEqual({ status: 202, cache: "private, no-store", body: { accepted: 3 } });
    const stored = await prisma.offerEvent.findMany({ where: { shop }, orderBy: { type: "asc" } });
    expect(
      stored.map((e) => [e.type, e.shopperId, e.offerKey, e.variantId, e.ruleId, e.kind, e.surface, e.clientEventId]),
    ).toEqual([
      [
        "click",
        SID,
        `upsell:gid://shopify/Product/${P.plus.product}`,
        `gid://shopify/ProductVariant/${P.plus.variant}`,
        rules.upsell!.id,
        "upsell",
        "product",
        events[1]!.id,
      ],
      [
        "impression",
        SID,
        `upsell:gid://shopify/Product/${P.plus.product}`,
        `gid://shopify/ProductVariant/${P.plus.variant}`,
        rules.upsell!.id,
        "upsell",
        "product",
        events[0]!.id,
      ],
    ]);
    const views = await prisma.shopperEvent.findMany({ where: { shop } });
    expect(views.map((e) => [e.type, e.shopperId, e.productId, e.variantId])).toEqual([
      ["view", SID, `gid://shopify/Product/${P.basic.product}`, `gid://shopify/ProductVariant/${P.basic.variant}`],
    ]);
  });

  it("stores a retried batch once", async () => {
    const { shop, mark } = await setUp();
    const batch = {
      sid: SID,
      events: [
        { id: randomUUID(), type: "impression", at: at(), surface: "product", mark },
        { id: randomUUID(), type: "remove", at: at(), surface: "cart", product: P.basic.product },
      ],
    };

    const first = await post(shop, batch);
    const retry = await post(shop, batch);
    const overlapping = await post(shop, {
      sid: SID,
      events: [...batch.events, { ...batch.events[0]!, id: randomUUID() }],
    });

    expect([first.status, retry.status, overlapping.status]).toEqual([202, 202, 202]);
    expect(await storedFor(shop)).toMatchObject({ offerEvents: 2, shopperEvents: 1 });
  });

  it("stores logged-in events under the customer and links the anonymous id", async () => {
    const { shop, mark } = await setUp();

    await post(
      shop,
      { sid: SID, events: [{ id: randomUUID(), type: "decline", at: at(), surface: "product", mark }] },
      { logged_in_customer_id: "5001" },
    );

    const [event] = await prisma.offerEvent.findMany({ where: { shop } });
    expect([event!.shopperId, event!.customerId]).toEqual([
      "gid://shopify/Customer/5001",
      "gid://shopify/Customer/5001",
    ]);
    expect(await storedFor(shop)).toMatchObject({ identities: 2 });
  });

  it.each([
    ["a tampered mark", (mark: string) => ({ type: "impression", mark: `${mark.slice(0, -2)}xx` })],
    ["an expired mark", () => ({ type: "impression", mark: "EXPIRED" })],
    ["another shop's mark", () => ({ type: "impression", mark: "OTHER" })],
    ["a mark-less offer event", () => ({ type: "add" })],
    ["an unknown type", (mark: string) => ({ type: "purchase", mark })],
    ["another shop's product", () => ({ type: "view", product: "8999999999999" })],
    ["a bad date", (mark: string) => ({ type: "click", mark, at: "yesterday" })],
  ] as const)("rejects a batch with %s (400) and stores nothing of it", async (_name, make) => {
    const { shop, mark } = await setUp();
    const key = (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey!;
    const other = await setUp();
    let event: Record<string, string> = { id: randomUUID(), at: at(), surface: "product", ...make(mark) };
    if (event.mark === "EXPIRED") {
      event = {
        ...event,
        mark: signMark(key, {
          v: 1,
          r: null,
          k: "upsell",
          o: P.plus.variant,
          t: null,
          x: Math.floor(Date.now() / 1000) - 1,
        }),
      };
    }
    if (event.mark === "OTHER") event = { ...event, mark: other.mark };

    const answer = await post(
      shop,
      {
        sid: SID,
        events: [{ id: randomUUID(), type: "impression", at: at(), surface: "product", mark }, event],
      },
      { logged_in_customer_id: "5002" },
    );

    expect(answer.status).toBe(400);
    expect(answer.cache).toBe("private, no-store");
    expect(Object.keys(answer.body.errors)[0]).toMatch(/^events\.1/);
    expect(await storedFor(shop)).toMatchObject({ offerEvents: 0, shopperEvents: 0, identities: 0 });
    expect(MARK_LIFETIME_S).toBeGreaterThan(0);
  });

  it.each([
    ["a body that is not JSON", 400, { raw: "{not json" }],
    ["an empty batch", 400, { body: { sid: SID, events: [] } }],
    ["more than 50 events", 400, { body: "MANY" }],
    ["a body over 32 KB", 413, { raw: JSON.stringify({ sid: SID, events: [], pad: "x".repeat(33 * 1024) }) }],
    ["a tampered signature", 400, { body: "VALID", signing: { append: "logged_in_customer_id=1" } }],
    ["a stale timestamp", 400, { body: "VALID", signing: { timestamp: Math.floor(Date.now() / 1000) - 120 } }],
    ["a missing shop", 400, { body: "VALID", signing: { withoutShop: true } }],
    ["a duplicated shop", 400, { body: "VALID", signing: { append: "shop=other.myshopify.com" } }],
  ] as const)("answers %s with %i and stores nothing", async (_name, status, request) => {
    const { shop, mark } = await setUp();
    const valid = { sid: SID, events: [{ id: randomUUID(), type: "impression", at: at(), surface: "product", mark }] };
    const many = {
      sid: SID,
      events: Array.from({ length: 51 }, () => ({
        id: randomUUID(),
        type: "impression",
        at: at(),
        surface: "product",
        mark,
      })),
    };
    const body =
      "body" in request
        ? request.body === "VALID"
          ? valid
          : request.body === "MANY"
            ? many
            : request.body
        : undefined;
    const signing = "signing" in request ? request.signing : {};

    const answer = await post(shop, body, { ...signing, ...("raw" in request ? { raw: request.raw } : {}) });

    expect(answer.status).toBe(status);
    expect(answer.cache).toBe("private, no-store");
    expect(await storedFor(shop)).toMatchObject({ offerEvents: 0, shopperEvents: 0, identities: 0 });
  });
});
