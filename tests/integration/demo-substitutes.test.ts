import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import type { RecommendationSource } from "../../app/domain/recommendations/types";
import { generateDemoShop } from "../../app/demo/seed";
import { ACCEPTABLE_SUBSTITUTES } from "../../app/demo/seed/acceptable-substitutes";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { recommendationSourceFor, retrainShop } from "../../app/services/recommendations.server";

// As many as the admin page asks for; the storefront shows fewer.
const LIMIT = 3;

const data = generateDemoShop();
const handleOf = new Map(data.products.map((p) => [p.id, p.handle]));
let source: RecommendationSource;

beforeAll(async () => {
  await seedDemoDatabase(prisma, data, "read_products,read_orders");
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
