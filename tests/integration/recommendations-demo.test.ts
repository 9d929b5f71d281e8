import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { SnapshotSource, type RecommendationSnapshot } from "../../app/domain/recommendations/snapshot";
import type { RecommendationSource } from "../../app/domain/recommendations/types";
import { generateDemoShop } from "../../app/demo/seed";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { recommendationSourceFor, retrainShop } from "../../app/services/recommendations.server";

describe("recommendations learned from the demo shop", () => {
  it("follow its seeded co-purchase structure, from memory and from the stored snapshot", async () => {
    const data = generateDemoShop();
    const shop = data.shop.domain;
    await seedDemoDatabase(prisma, data, "read_products,read_orders", "http://127.0.0.1:3000");
    const id = (handle: string) => data.products.find((p) => p.handle === handle)?.id ?? handle;

    const trained = await retrainShop(shop);
    // Figures for the decision record; tests never assert speed.
    console.info(
      `demo shop: ${trained.orderCount} orders, ${trained.productCount} products: load ${trained.loadMs} ms, ` +
        `train ${trained.trainMs} ms, total ${trained.durationMs} ms; snapshot ${trained.snapshotBytes} bytes`,
    );
    const stored = await prisma.recommendationSnapshot.findUniqueOrThrow({ where: { shop } });
    const sources: [string, RecommendationSource][] = [
      ["memory", await recommendationSourceFor(shop)],
      ["snapshot", new SnapshotSource(stored.payload as unknown as RecommendationSnapshot)],
    ];

    expect(trained.orderCount).toBe(data.orders.length);
    for (const [, source] of sources) {
      const offer = (handle: string) => source.recommend({ productId: id(handle), cartProductIds: [], limit: 3 });
      const ids = (list: { productId: string }[]) => list.map((c) => c.productId);
      // Pods go with 55% of coffee machines, SD cards with 60% of cameras, black ink with 60% of printers.
      expect(ids(offer("brew-basic").cross_sell)[0]).toBe(id("coffee-pods"));
      expect(ids(offer("snap-lite").cross_sell)[0]).toBe(id("sd-card"));
      expect(ids(offer("print-home").cross_sell)).toContain(id("black-ink"));
      expect(ids(offer("daily-notebook").cross_sell)).toContain(id("gel-pen-set"));
      // Substitutes stay in the family: the next tier up, the tier below.
      expect(ids(offer("brew-basic").upsell)[0]).toBe(id("brew-plus"));
      expect(ids(offer("snap-plus").down_sell)[0]).toBe(id("snap-lite"));
      expect(offer("brew-basic").cross_sell[0].reason).toMatch(/^bought together in \d+ orders$/);
    }
  });
});
