import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { RecommendationModel } from "../../app/domain/recommendations/model";
import { SnapshotSource } from "../../app/domain/recommendations/snapshot";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import {
  forgetShopModel,
  modelStatus,
  recommendationSourceFor,
  retrainShop,
} from "../../app/services/recommendations.server";
import { createFixtureShop, numberedOrderPayload } from "../factories/orders";
import { installShop, uniqueShop, webhookRequest } from "../factories/shopify";

const args = (request: Request) => ({ request, params: {}, context: {} });
const deliver = (shop: string, payload: unknown) =>
  ordersCreate(args(webhookRequest("/webhooks/orders/create", "orders/create", shop, payload)));
const BASKETS = [
  [7001, 7003],
  [7001, 7003, 7004],
  [7005, 7006],
  [7005, 7006, 7007],
  [7002, 7003],
];

async function shopWithOrders(count: number): Promise<string> {
  const shop = uniqueShop();
  await installShop(shop);
  await createFixtureShop(shop);
  for (let n = 0; n < count; n++) await deliver(shop, numberedOrderPayload(n, BASKETS[n % BASKETS.length]));
  return shop;
}

describe("serving recommendations", () => {
  it("a shop without a model in memory is served its stored snapshot, and a new order brings the model back", async () => {
    const shop = await shopWithOrders(6);
    const model = await recommendationSourceFor(shop);
    forgetShopModel(shop);

    const cold = await recommendationSourceFor(shop);
    const query = { productId: "gid://shopify/Product/7005", cartProductIds: [], limit: 3 };

    expect(model).toBeInstanceOf(RecommendationModel);
    expect(cold).toBeInstanceOf(SnapshotSource);
    expect(modelStatus(shop)).toMatchObject({ origin: "snapshot", orderCount: 6 });
    expect(cold.recommend(query).cross_sell.map((c) => c.productId)).toEqual(
      model.recommend(query).cross_sell.map((c) => c.productId),
    );

    await deliver(shop, numberedOrderPayload(6, [7005, 7006]));
    await retrainShop(shop);
    expect(await recommendationSourceFor(shop)).toBeInstanceOf(RecommendationModel);
    expect(modelStatus(shop)).toMatchObject({ origin: "trained", orderCount: 7 });
  });

  it("orders arriving while the shop trains are learned exactly once", async () => {
    const shop = await shopWithOrders(5);
    await retrainShop(shop);

    const training = retrainShop(shop);
    for (let n = 5; n < 15; n++) await deliver(shop, numberedOrderPayload(n, BASKETS[n % BASKETS.length]));
    await training;
    const learned = modelStatus(shop).orderCount;
    const reference = await retrainShop(shop);

    expect(await prisma.order.count({ where: { shop } })).toBe(15);
    expect(learned).toBe(15);
    expect(reference.orderCount).toBe(15);
  });

  it("concurrent cold requests share one training", async () => {
    const shop = await shopWithOrders(3);

    const sources = await Promise.all([1, 2, 3, 4].map(() => recommendationSourceFor(shop)));

    expect(new Set(sources).size).toBe(1);
    expect(await prisma.recommendationSnapshot.findUnique({ where: { shop } })).toMatchObject({ orderCount: 3 });
  });
});
