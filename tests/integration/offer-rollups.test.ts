/**
 * The daily offer counts (docs/decisions/028-offer-rollups.md), through the real events route with
 * the app proxy's signature: new events add to their day's row, a retried batch adds nothing, and
 * the persona and rule come from the offer's mark.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { action } from "../../app/routes/proxy.events";
import { loader } from "../../app/routes/proxy.offers";
import { forgetAcceptStats } from "../../app/services/accept-stats.server";
import { verifyMark } from "../../app/services/offer-mark.server";
import { signedProxyPost, signedProxyRequest } from "../factories/proxy";
import { uniqueShop } from "../factories/shopify";
import { createStorefrontShop, P } from "../factories/storefront";

const args = (request: Request) => ({ request, params: {}, context: {} });
const SID = "rollup-shopper-0001";

async function shopWithMark() {
  const shop = uniqueShop();
  const { rules } = await createStorefrontShop(shop);
  const query = { sid: SID, surface: "product", product: P.basic.product, variant: P.basic.variant };
  const response = await loader(args(signedProxyRequest("offers", shop, query)));
  const { offers } = (await response.json()) as { offers: { mark: string }[] };
  const key = (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey!;
  const check = verifyMark(key, offers[0]!.mark, new Date());
  if (!check.valid) throw new Error("the offer's mark does not verify");
  return { shop, rules, mark: offers[0]!.mark, payload: check.mark };
}

const post = async (shop: string, events: unknown[]) =>
  (await action(args(signedProxyPost("events", shop, { sid: SID, events })))).status;

const rollups = (shop: string) =>
  prisma.offerDailyRollup.findMany({
    where: { shop },
    orderBy: [{ day: "asc" }],
    omit: { shop: true },
  });

describe("daily offer counts", () => {
  it("count each new event once on its day's row, with the mark's rule and persona", async () => {
    const { shop, rules, mark, payload } = await shopWithMark();
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const batch = [
      { id: randomUUID(), type: "impression", at: at(0), surface: "product", mark },
      { id: randomUUID(), type: "impression", at: at(1000), surface: "product", mark },
      { id: randomUUID(), type: "click", at: at(0), surface: "product", mark },
      { id: randomUUID(), type: "add", at: at(0), surface: "product", mark },
      { id: randomUUID(), type: "view", at: at(0), surface: "product", product: P.basic.product },
    ];

    expect(await post(shop, batch)).toBe(202);
    // The storefront retries the same batch (a lost answer): nothing more is counted.
    expect(await post(shop, batch)).toBe(202);
    expect(await post(shop, [{ id: randomUUID(), type: "decline", at: at(0), surface: "product", mark }])).toBe(202);

    const day = new Date(now).toISOString().slice(0, 10);
    const rows = await rollups(shop);
    // Events stamped in the last second of the day before would land on their own row.
    expect(rows.filter((r) => r.day === day)).toEqual([
      {
        day,
        surface: "product",
        kind: "upsell",
        ruleId: rules.upsell!.id,
        personaId: payload.p ?? "",
        productId: `gid://shopify/Product/${P.plus.product}`,
        impressions: expect.any(Number),
        clicks: 1,
        adds: 1,
        declines: 1,
      },
    ]);
    expect(rows.reduce((sum, r) => sum + r.impressions, 0)).toBe(2);
    expect(await prisma.offerEvent.count({ where: { shop } })).toBe(5);
  });

  it("never adds another shop's events to a shop's rows", async () => {
    const a = await shopWithMark();
    const b = await shopWithMark();

    await post(a.shop, [
      { id: randomUUID(), type: "impression", at: new Date().toISOString(), surface: "product", mark: a.mark },
    ]);

    expect(await rollups(a.shop)).toHaveLength(1);
    expect(await rollups(b.shop)).toEqual([]);
  });

  it("let the engine prefer, for the persona, the offer that converts better, once there is enough data", async () => {
    const shop = uniqueShop();
    await createStorefrontShop(shop);
    const cart = async () => {
      const query = { sid: SID, surface: "cart", lines: `${P.basic.variant}:1` };
      const response = await loader(args(signedProxyRequest("offers", shop, query)));
      return ((await response.json()) as { offers: { product: string; mark: string }[] }).offers;
    };
    const first = await cart();
    expect(first.map((o) => o.product)).toEqual([P.pods.product, P.descaler.product]);
    const key = (await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).offerMarkKey!;
    const check = verifyMark(key, first[0]!.mark, new Date());
    const personaId = check.valid ? (check.mark.p ?? "") : "";
    const seed = (product: string, impressions: number, adds: number) =>
      prisma.offerDailyRollup.create({
        data: {
          shop,
          day: new Date().toISOString().slice(0, 10),
          surface: "cart",
          kind: "cross_sell",
          ruleId: "",
          personaId,
          productId: `gid://shopify/Product/${product}`,
          impressions,
          adds,
        },
      });
    // Below the threshold the merchant's order holds.
    await seed(P.pods.product, 400, 2);
    await seed(P.descaler.product, 400, 80);
    forgetAcceptStats(shop);
    expect((await cart()).map((o) => o.product)).toEqual([P.pods.product, P.descaler.product]);

    await prisma.offerDailyRollup.updateMany({
      where: { shop },
      data: { impressions: { multiply: 5 }, adds: { multiply: 5 } },
    });
    forgetAcceptStats(shop);
    const leaders = [];
    for (let i = 0; i < 20; i++) leaders.push((await cart())[0]!.product);

    // Descaler converts at 20%, pods at 0.5%: the descaler leads nearly always (Thompson draws).
    expect(leaders.filter((p) => p === P.descaler.product).length).toBeGreaterThanOrEqual(18);
  });
});
