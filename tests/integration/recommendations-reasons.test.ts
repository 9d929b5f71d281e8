import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { generateDemoShop } from "../../app/demo/seed";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { loader } from "../../app/routes/app.recommendations";
import { recommendationSourceFor } from "../../app/services/recommendations.server";
import { adminFetch, installShop, sessionToken } from "../factories/shopify";
import { useAdminApiMock } from "../mocks/admin-api";

useAdminApiMock();

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("the recommendations page's sample substitutes", () => {
  it("carry the model's reason for every upsell and down-sell it shows", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    await seedDemoDatabase(prisma, data, "read_products,read_orders", "http://127.0.0.1:3000");
    await installShop(shop);

    const overview = await loader(args(adminFetch("/app/recommendations", await sessionToken(shop))));

    const source = await recommendationSourceFor(shop);
    const shown = overview.samples.flatMap((s) => {
      const lists = source.recommend({ productId: s.product.id, cartProductIds: [], limit: 3 });
      const reasonOf = new Map([...lists.upsell, ...lists.down_sell].map((c) => [c.productId, c.reason]));
      return [...s.upsell, ...s.downSell].map((item) => ({ item, modelReason: reasonOf.get(item.id) }));
    });
    expect(shown.length).toBeGreaterThan(0);
    for (const { item, modelReason } of shown) {
      expect(item.reason).toBe(modelReason);
      expect(item.reason).not.toBe("");
    }
  });
});
