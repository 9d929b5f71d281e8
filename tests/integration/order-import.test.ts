import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { RecommendationModel } from "../../app/domain/recommendations/model";
import type { RecommendationSource } from "../../app/domain/recommendations/types";
import { action as recommendationsAction } from "../../app/routes/app.recommendations";
import { action as bulkFinish } from "../../app/routes/webhooks.bulk_operations.finish";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import {
  nextImportStep,
  processOrderImport,
  requestOrderImport,
  whenOrderImportIdle,
} from "../../app/services/order-import.server";
import { recommendationSourceFor, retrainShop } from "../../app/services/recommendations.server";
import { unauthenticated } from "../../app/shopify.server";
import {
  BASE_EXPORT,
  EXTRA_EXPORT,
  bulkFinishPayload,
  createFixtureShop,
  orderCreatedPayload,
  storedOrders,
} from "../factories/orders";
import { adminFetch, installShop, sessionToken, uniqueShop, webhookRequest } from "../factories/shopify";
import { brokenDownload, jsonlResponse, mockBulkExport, useAdminApiMock } from "../mocks/admin-api";

useAdminApiMock();

const args = (request: Request) => ({ request, params: {}, context: {} });
const PRODUCTS = [7001, 7002, 7003, 7004, 7005, 7006, 7007].map((n) => `gid://shopify/Product/${n}`);
const EXPORT_LINES = BASE_EXPORT.trim().split("\n").length;

/** The merchant presses "Import order history", then Shopify reports the export finished. */
async function importThroughRoutes(shop: string, result: string) {
  const exported = mockBulkExport({ shop, result });
  const body = new URLSearchParams({ intent: "import" });
  const token = await sessionToken(shop);
  const pressed = await recommendationsAction(
    args(adminFetch("/app/recommendations", token, { method: "POST", body })),
  );
  expect(pressed).toEqual({ intent: "import", error: null });
  const finish = webhookRequest(
    "/webhooks/bulk_operations/finish",
    "bulk_operations/finish",
    shop,
    bulkFinishPayload(exported.operationId),
  );
  expect((await bulkFinish(args(finish))).status).toBe(200);
  const stats = await whenOrderImportIdle(shop);
  expect(exported.calls).toEqual(["CartliftOrdersExport", "CartliftBulkOperation", "download"]);
  return stats;
}

const deliverOrder = (shop: string) =>
  ordersCreate(args(webhookRequest("/webhooks/orders/create", "orders/create", shop, orderCreatedPayload())));

/** Everything the co-purchase counts decide: exact, unlike EASE, which only a retrain refreshes. */
function learnedEvidence(source: RecommendationSource) {
  expect(source).toBeInstanceOf(RecommendationModel);
  const model = source as RecommendationModel;
  return {
    orderCount: model.orderCount,
    together: PRODUCTS.map((p) => model.crossSell([p], 100).map((c) => `${c.productId}: ${c.reason}`)),
    substitutes: PRODUCTS.map((p) => {
      const { upsell, down_sell } = model.recommend({ productId: p, cartProductIds: [], limit: 10 });
      return { upsell, down_sell };
    }),
  };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 10_000) throw new Error("timed out waiting for the import to store a batch");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const storedSnapshot = async (shop: string) =>
  (await prisma.recommendationSnapshot.findUnique({ where: { shop } }))?.payload;

describe("order history import and orders/create together", () => {
  it("import then a twice-delivered new order equals importing everything at once", async () => {
    const [incremental, atOnce] = [uniqueShop(), uniqueShop()];
    for (const shop of [incremental, atOnce]) {
      await installShop(shop);
      await createFixtureShop(shop);
    }

    const imported = await importThroughRoutes(incremental, BASE_EXPORT);
    await retrainShop(incremental);
    expect((await deliverOrder(incremental)).status).toBe(200);
    const afterFirst = {
      stored: await storedOrders(incremental),
      model: learnedEvidence(await recommendationSourceFor(incremental)),
    };
    expect((await deliverOrder(incremental)).status).toBe(200);
    const afterSecond = {
      stored: await storedOrders(incremental),
      model: learnedEvidence(await recommendationSourceFor(incremental)),
    };

    await importThroughRoutes(atOnce, BASE_EXPORT + EXTRA_EXPORT);
    await retrainShop(atOnce);
    const reference = {
      stored: await storedOrders(atOnce),
      model: learnedEvidence(await recommendationSourceFor(atOnce)),
    };

    expect(imported).toMatchObject({ linesRead: EXPORT_LINES, ordersInserted: 10, rowsRejected: 0 });
    expect(afterFirst.stored.orders).toHaveLength(11);
    expect(afterFirst.model.orderCount).toBe(11);
    expect(afterSecond).toEqual(afterFirst);
    expect(afterFirst).toEqual(reference);
    await retrainShop(incremental);
    expect(await storedSnapshot(incremental)).toEqual(await storedSnapshot(atOnce));
    expect(await prisma.orderImport.findFirst({ where: { shop: incremental } })).toMatchObject({
      status: "completed",
      linesProcessed: EXPORT_LINES,
      ordersImported: 10,
      error: null,
    });
  });

  it("an order the export shows cancelled is stored as cancelled and teaches nothing", async () => {
    const [withCancelled, without] = [uniqueShop(), uniqueShop()];
    for (const shop of [withCancelled, without]) {
      await installShop(shop);
      await createFixtureShop(shop);
    }
    const cancelled = EXTRA_EXPORT.replace('"cancelledAt":null', '"cancelledAt":"2026-10-02T09:00:00Z"');
    expect(cancelled).not.toEqual(EXTRA_EXPORT);

    await importThroughRoutes(withCancelled, BASE_EXPORT + cancelled);
    await importThroughRoutes(without, BASE_EXPORT);
    await retrainShop(withCancelled);
    await retrainShop(without);

    expect((await storedOrders(withCancelled)).orders).toHaveLength(11);
    expect(await prisma.order.count({ where: { shop: withCancelled, cancelledAt: { not: null } } })).toBe(1);
    expect(learnedEvidence(await recommendationSourceFor(withCancelled))).toEqual(
      learnedEvidence(await recommendationSourceFor(without)),
    );
    expect(await storedSnapshot(withCancelled)).toEqual(await storedSnapshot(without));
  });

  it("re-importing the same history stores nothing twice", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    await importThroughRoutes(shop, BASE_EXPORT);
    const first = await storedOrders(shop);

    const again = await importThroughRoutes(shop, BASE_EXPORT);

    expect(again).toMatchObject({ linesRead: EXPORT_LINES, ordersInserted: 0 });
    expect(await storedOrders(shop)).toEqual(first);
  });
});

describe("a crashed order import", () => {
  it("resumes from linesProcessed, skipping the stored lines, and ends with the same data", async () => {
    const [crashed, clean] = [uniqueShop(), uniqueShop()];
    let downloads = 0;
    const imports: Record<string, string> = {};
    for (const shop of [crashed, clean]) {
      await installShop(shop);
      await createFixtureShop(shop);
      const stored = () => until(async () => (await prisma.order.count({ where: { shop } })) > 0);
      const result = () =>
        shop === crashed && ++downloads === 1 ? brokenDownload(BASE_EXPORT, 20, stored) : jsonlResponse(BASE_EXPORT);
      const { operationId, resultUrl } = mockBulkExport({ shop, result });
      // Where the bulk_operations/finish webhook leaves an import: the export is ready to download.
      const row = await prisma.orderImport.create({
        data: { shop, status: "downloading", bulkOperationId: operationId, resultUrl },
      });
      imports[shop] = row.id;
    }

    // Batches of 4 orders: the connection drops after line 20, when 4 orders (13 lines) are stored.
    await expect(processOrderImport(crashed, imports[crashed], { batchOrders: 4 })).rejects.toThrow(/connection reset/);
    const failed = await prisma.orderImport.findUniqueOrThrow({ where: { id: imports[crashed] } });
    expect(failed).toMatchObject({ status: "failed", linesProcessed: 13, ordersImported: 4 });
    expect(await prisma.order.count({ where: { shop: crashed } })).toBe(4);
    expect(nextImportStep({ ...failed, status: "failed" }, new Date(), false)).toBe("resume");

    // The merchant presses "Import order history" again.
    const { admin } = await unauthenticated.admin(crashed);
    expect(await requestOrderImport(crashed, admin)).toMatchObject({ error: null, import: { status: "downloading" } });
    const resumed = await whenOrderImportIdle(crashed);
    await processOrderImport(clean, imports[clean]);

    expect(resumed).toEqual({ linesSkipped: 13, linesRead: EXPORT_LINES - 13, ordersInserted: 6, rowsRejected: 0 });
    expect(await prisma.orderImport.findUnique({ where: { id: imports[crashed] } })).toMatchObject({
      status: "completed",
      linesProcessed: EXPORT_LINES,
      ordersImported: 10,
    });
    expect(await storedOrders(crashed)).toEqual(await storedOrders(clean));
  });
});
