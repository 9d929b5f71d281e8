import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { action, loader } from "../../app/routes/app.recommendations";
import { modelStatus, retrainShop } from "../../app/services/recommendations.server";
import { createShopWithCatalog } from "../factories/catalog";
import { createFixtureShop, orderCreatedPayload } from "../factories/orders";
import {
  adminFetch,
  installShop,
  sessionToken,
  thrownResponse,
  uniqueShop,
  webhookRequest,
} from "../factories/shopify";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { mockAdminApiUnreachable, mockBulkExport, useAdminApiMock } from "../mocks/admin-api";

useAdminApiMock();

const args = (request: Request) => ({ request, params: {}, context: {} });
const page = async (shop: string) => loader(args(adminFetch("/app/recommendations", await sessionToken(shop))));
const press = async (shop: string, body: BodyInit) =>
  action(args(adminFetch("/app/recommendations", await sessionToken(shop), { method: "POST", body })));

/** Two orders of the fixture shop, through the real webhook. */
async function placeOrders(shop: string) {
  const payloads = [
    orderCreatedPayload(),
    orderCreatedPayload({
      id: 5012,
      admin_graphql_api_id: "gid://shopify/Order/5012",
      name: "#1012",
      line_items: [
        { id: 9031, product_id: 7005, variant_id: 8005, title: "Snap Camera", quantity: 1, price: "399.00" },
        { id: 9032, product_id: 7006, variant_id: 8006, title: "SD Card 128 GB", quantity: 1, price: "19.99" },
      ],
    }),
  ];
  for (const payload of payloads) {
    await ordersCreate(args(webhookRequest("/webhooks/orders/create", "orders/create", shop, payload)));
  }
}

describe("the recommendations admin page", () => {
  it("shows the token's shop's model and samples, and nothing of another shop", async () => {
    const [mine, theirs] = [uniqueShop(), uniqueShop()];
    await installShop(mine);
    await createFixtureShop(mine);
    await placeOrders(mine);
    await createShopWithCatalog(theirs, { products: 4, orders: 3 });

    const overview = await page(mine);

    expect(overview).toMatchObject({
      shop: mine,
      model: { origin: "trained", state: "idle", orderCount: 2, trainedAt: expect.any(String) },
      import: null,
    });
    expect(overview.samples.map((s) => s.product.title)).toEqual(
      expect.arrayContaining(["Brew Plus", "Snap Camera", "SD Card 128 GB", "Descaling Solution"]),
    );
    const camera = overview.samples.find((s) => s.product.title === "Snap Camera");
    expect(camera?.crossSell[0]).toEqual({
      id: "gid://shopify/Product/7006",
      title: "SD Card 128 GB",
      reason: "bought together in 1 order",
    });
    const everyId = overview.samples.flatMap((s) => [s.product, ...s.crossSell, ...s.upsell, ...s.downSell]);
    expect(everyId.every((p) => p.id.startsWith("gid://shopify/Product/7"))).toBe(true);
    expect(modelStatus(theirs)).toMatchObject({ origin: null, orderCount: 0 });
  });

  it("checks any product of the shop by its GID, says so for another shop's, and refuses a malformed id", async () => {
    const [mine, theirs] = [uniqueShop(), uniqueShop()];
    await installShop(mine);
    await createFixtureShop(mine);
    await placeOrders(mine);
    await createShopWithCatalog(theirs, { products: 4, orders: 3 });
    const theirProduct = (await prisma.product.findFirstOrThrow({ where: { shop: theirs } })).id;
    const token = await sessionToken(mine);
    const check = (product: string) =>
      loader(args(adminFetch(`/app/recommendations?product=${encodeURIComponent(product)}`, token)));

    const camera = await check("gid://shopify/Product/7005");
    expect(camera.checked).toMatchObject({
      product: { id: "gid://shopify/Product/7005", title: "Snap Camera" },
    });
    expect((camera.checked as { crossSell: unknown[] }).crossSell[0]).toEqual({
      id: "gid://shopify/Product/7006",
      title: "SD Card 128 GB",
      reason: "bought together in 1 order",
    });
    expect((await page(mine)).checked).toBeNull();
    expect((await check(theirProduct)).checked).toEqual({ missing: theirProduct });

    const response = await thrownResponse(() => check("7005"));
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toMatchObject({ errors: { product: expect.stringMatching(/Product GID/) } });
  });

  it("rejects a forged session token with 401", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const token = await sessionToken(shop, { secret: "not-the-app-secret" });

    const response = await thrownResponse(() => loader(args(adminFetch("/app/recommendations", token))));

    expect(response.status).toBe(401);
  });

  it.each([
    ["an unknown intent", new URLSearchParams({ intent: "explode" })],
    ["no intent", new URLSearchParams({})],
    ["a JSON body", JSON.stringify({ intent: "retrain" })],
  ])("answers %s with 400 and field errors", async (_name, body) => {
    const shop = uniqueShop();
    await installShop(shop);

    const result = await press(shop, body);

    expect(result).toMatchObject({ init: { status: 400 }, data: { errors: { intent: expect.any(String) } } });
  });

  it("retrains in the background when asked", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    await placeOrders(shop);

    const result = await press(shop, new URLSearchParams({ intent: "retrain" }));
    const trained = await retrainShop(shop);

    expect(result).toEqual({ intent: "retrain", error: null });
    expect(trained).toMatchObject({ shop, orderCount: 2, productCount: 7 });
    expect(await prisma.recommendationSnapshot.findUnique({ where: { shop } })).toMatchObject({ orderCount: 2 });
  });

  it("starts an import and shows it running", async () => {
    const shop = uniqueShop();
    // No shop row yet (the install bootstrap could not reach Shopify): the import reads the shop first.
    await installShop(shop, null);
    const exported = mockBulkExport({ shop, result: "", status: "RUNNING" });

    const result = await press(shop, new URLSearchParams({ intent: "import" }));
    const overview = await page(shop);

    expect(result).toEqual({ intent: "import", error: null });
    expect(exported.calls).toEqual(["CartliftShopDetails", "CartliftOrdersExport"]);
    expect(overview.import).toMatchObject({ status: "running", ordersImported: 0, linesProcessed: 0, error: null });
    expect(await prisma.shop.findUnique({ where: { domain: shop } })).toMatchObject({
      name: "Fixture Coffee & Cameras",
    });

    // Pressing again while Shopify still exports only asks how it is going.
    await press(shop, new URLSearchParams({ intent: "import" }));
    expect(exported.calls).toEqual(["CartliftShopDetails", "CartliftOrdersExport", "CartliftBulkOperation"]);
  });

  it("shows why an import failed when Shopify cannot be reached (as in the offline demo)", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    mockAdminApiUnreachable(shop);

    const result = await press(shop, new URLSearchParams({ intent: "import" }));
    const overview = await page(shop);

    expect(result).toEqual({ intent: "import", error: expect.stringMatching(/^Could not reach Shopify's Admin API/) });
    expect(overview.import).toMatchObject({ status: "failed", error: result && "error" in result ? result.error : "" });
  });
});
