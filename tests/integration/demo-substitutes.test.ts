import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import type { RecommendationSource } from "../../app/domain/recommendations/types";
import { generateDemoShop } from "../../app/demo/seed";
import { ACCEPTABLE_SUBSTITUTES } from "../../app/demo/seed/acceptable-substitutes";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { seedDemoOffers } from "../../app/demo/seed-offers.server";
import { getShopSettings } from "../../app/services/shop-settings.server";
import { decideForShopper } from "../../app/services/offer-decisions.server";
import { recommendationSourceFor, retrainShop } from "../../app/services/recommendations.server";

// As many as the admin page asks for; the storefront shows fewer.
const LIMIT = 3;

const data = generateDemoShop();
const handleOf = new Map(data.products.map((p) => [p.id, p.handle]));
let source: RecommendationSource;

beforeAll(async () => {
  await seedDemoDatabase(prisma, data, "read_products,read_orders", "http://127.0.0.1:3000");
  await seedDemoOffers(data);
  await retrainShop(data.shop.domain);
  source = await recommendationSourceFor(data.shop.domain);
});

describe("the demo shop's upsells and down-sells, judged by a merchant", () => {
  it.each(data.products.map((p) => [p.handle, p.id]))("%s gets only substitutes a merchant accepts", (handle, id) => {
    const offered = source.recommend({ productId: id, cartProductIds: [], limit: LIMIT });
    const handles = (list: { productId: string }[]) => list.map((c) => handleOf.get(c.productId) ?? c.productId);
    const acceptable = ACCEPTABLE_SUBSTITUTES[handle];
    const outside = {
      up: handles(offered.upsell).filter((h) => !acceptable.up.includes(h)),
      down: handles(offered.down_sell).filter((h) => !acceptable.down.includes(h)),
    };

    expect(outside).toEqual({ up: [], down: [] });
    // Where a next tier exists it comes first: the upgrade block shows the first candidate.
    if (acceptable.up.length > 0) expect(handles(offered.upsell)[0]).toBe(acceptable.up[0]);
    if (acceptable.down.length > 0) expect(handles(offered.down_sell)[0]).toBe(acceptable.down[0]);
  });
});

describe("the demo's product pages, on the guardrails a new merchant gets", () => {
  const tiered = data.products.flatMap((p) => {
    const next = ACCEPTABLE_SUBSTITUTES[p.handle]?.up[0];
    return next ? [[p.handle, p.id, next] as const] : [];
  });

  it("keeps the default price cap (25%)", async () => {
    expect((await getShopSettings(data.shop.domain)).settings.priceCapPercent).toBe(25);
  });

  it.each(tiered)("%s offers its next tier (%s), within that cap", async (handle, id, next) => {
    const { trace } = await decideForShopper(
      data.shop.domain,
      // The preview's new visitor: no holdout, nothing stored about them.
      {
        surface: "product",
        shopper: { shopperId: `judge-${handle}`, tags: [] },
        cartLines: [],
        item: { productId: id },
        preview: {},
      },
      new Date(),
      () => 0.5,
    );
    const upsell = trace.decisions.find((d) => d.kind === "upsell");
    expect(upsell && handleOf.get(upsell.productId)).toBe(next);
    expect(trace.rejected.filter((r) => r.guardrail === "price_cap" && r.kind === "upsell")).toEqual([]);
  });
});
