import { describe, expect, it } from "vitest";
import { saveProducts } from "../../app/adapters/catalog-store.server";
import { prisma } from "../../app/db.server";
import { action as bulkFinish } from "../../app/routes/webhooks.bulk_operations.finish";
import {
  catalogImportProgress,
  processCatalogImport,
  requestCatalogImport,
  whenCatalogImportIdle,
} from "../../app/services/catalog-import.server";
import { whenOrderImportIdle } from "../../app/services/order-import.server";
import { unauthenticated } from "../../app/shopify.server";
import { catalogBulkJsonl, productGidOf } from "../factories/catalog-bulk";
import { bulkFinishPayload, BASE_EXPORT, createFixtureShop } from "../factories/orders";
import { installShop, uniqueShop, webhookRequest } from "../factories/shopify";
import { brokenDownload, jsonlResponse, mockBulkExport, useAdminApiMock } from "../mocks/admin-api";
import { AWKWARD_EXPORT, mockCatalogExport } from "../mocks/catalog-api";

useAdminApiMock();

const args = (request: Request) => ({ request, params: {}, context: {} });
const GENERATED = catalogBulkJsonl({ products: 500, currencyDigits: 0, ungroupEvery: 7 });
/** 507 products (500 generated, 7 awkward), 1,607 variants, 4 collections; a JPY shop's. */
const FULL_EXPORT = GENERATED + AWKWARD_EXPORT;
const FULL_LINES = FULL_EXPORT.trim().split("\n").length;

async function jpyShop(): Promise<string> {
  const shop = uniqueShop();
  await installShop(shop, { name: "Kyoto Leaf", currency: "JPY", timezone: "Asia/Tokyo" });
  return shop;
}

const finishWebhook = (shop: string, operationId: string, status = "completed") =>
  bulkFinish(
    args(
      webhookRequest(
        "/webhooks/bulk_operations/finish",
        "bulk_operations/finish",
        shop,
        bulkFinishPayload(operationId, status),
      ),
    ),
  );

/** What afterAuth does, then Shopify's signed bulk_operations/finish through the real route. */
async function importOnInstall(shop: string, result: string | (() => Response)) {
  const exported = mockCatalogExport({ shop, result });
  const { admin } = await unauthenticated.admin(shop);
  const requested = await requestCatalogImport(shop, admin);
  expect(requested).toMatchObject({ error: null, import: { status: "running", productsTotal: 507 } });
  expect((await finishWebhook(shop, exported.operationId)).status).toBe(200);
  const stats = await whenCatalogImportIdle(shop);
  return { stats, exported };
}

/** A second import of the shop (the first completed): where the finish webhook leaves one. */
async function importAgain(shop: string, result: string | (() => Response), options = {}) {
  const { operationId, resultUrl } = mockCatalogExport({ shop, result });
  const row = await prisma.catalogImport.create({
    data: { shop, status: "downloading", bulkOperationId: operationId, resultUrl },
  });
  return { id: row.id, stats: await processCatalogImport(shop, row.id, options) };
}

/** Everything the catalog holds for the shop, without bookkeeping columns, in a stable order. */
async function storedCatalog(shop: string) {
  const products = await prisma.product.findMany({
    where: { shop },
    orderBy: { id: "asc" },
    include: { variants: { orderBy: { id: "asc" }, omit: { updatedAt: true, shop: true } } },
    omit: { updatedAt: true, shop: true },
  });
  const collections = await prisma.collection.findMany({
    where: { shop },
    orderBy: { id: "asc" },
    omit: { updatedAt: true, shop: true },
  });
  return { products, collections };
}

const product = (shop: string, id: string) =>
  prisma.product.findUnique({
    where: { shop_id: { shop, id } },
    include: { variants: { orderBy: { position: "asc" } } },
  });

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 10_000) throw new Error("timed out waiting for the import to store a batch");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the catalog import started at install", () => {
  it("imports a 507-product export through the finish webhook, awkward rows included", async () => {
    const shop = await jpyShop();

    const { stats, exported } = await importOnInstall(shop, FULL_EXPORT);

    expect(exported.calls).toEqual([
      "CartliftProductsCount",
      "CartliftCatalogExport",
      "CartliftBulkOperation",
      "download",
    ]);
    expect(stats).toMatchObject({
      linesRead: FULL_LINES,
      rowsRejected: 0,
      productsWritten: 507,
      productsStale: 0,
      productsRemoved: 0,
    });
    expect(await prisma.product.count({ where: { shop } })).toBe(507);
    expect(await prisma.variant.count({ where: { shop } })).toBe(1607);
    expect(await prisma.collection.count({ where: { shop } })).toBe(4);
    expect(await catalogImportProgress(shop)).toMatchObject({
      status: "completed",
      productsImported: 507,
      productsTotal: 507,
      error: null,
      finishedAt: expect.any(String),
    });

    // Unicode kept, three decimals in a zero-decimal currency read as yen, children listed after a
    // later product attached to theirs, collections and the upgrade metafield stored.
    expect(await product(shop, "gid://shopify/Product/8001")).toMatchObject({
      title: "Café crème — 抹茶",
      status: "active",
      publishedOnline: true,
      collections: ["tea", "gifts"],
      upgradeFeatures: ["Stone-ground", "First harvest"],
      imageUrl: "https://cdn.shopify.com/s/files/1/0700/0002/files/cafe-creme-matcha.jpg",
      options: [{ name: "Size", values: ["30 g", "100 g"] }],
      shopifyUpdatedAt: new Date("2026-11-20T09:15:00Z"),
      variants: [
        expect.objectContaining({ title: "30 g", priceMinor: 1500n, compareAtPriceMinor: 1800n, currency: "JPY" }),
        expect.objectContaining({ title: "100 g", priceMinor: 4200n, availableForSale: false, inventoryQuantity: 0 }),
      ],
    });
    const grinder = await product(shop, "gid://shopify/Product/8002");
    expect(grinder?.variants).toHaveLength(100);
    expect(grinder?.variants.at(-1)).toMatchObject({
      title: "Setting 100",
      priceMinor: 13000n,
      selectedOptions: [{ name: "Grind", value: "Setting 100" }],
      inventoryItemId: "gid://shopify/InventoryItem/109200",
    });
    expect(await product(shop, "gid://shopify/Product/8003")).toMatchObject({
      title: "Кофе по-турецки",
      imageUrl: null,
    });
    expect(await product(shop, "gid://shopify/Product/8004")).toMatchObject({ status: "draft", imageUrl: null });
    expect(await product(shop, "gid://shopify/Product/8005")).toMatchObject({ status: "archived" });
    expect(await product(shop, "gid://shopify/Product/8006")).toMatchObject({
      status: "active",
      publishedOnline: false,
      upgradeFeatures: null,
      variants: [expect.objectContaining({ sku: null, inventoryItemId: null, inventoryQuantity: null })],
    });
    // A variant listed before its product's row.
    expect(await product(shop, "gid://shopify/Product/8007")).toMatchObject({
      title: "Hōjicha 🍵 50 g",
      variants: [expect.objectContaining({ priceMinor: 640n })],
    });
    // A generated product whose variants came after the next product (ungrouped).
    expect((await product(shop, productGidOf(7)))?.variants.map((v) => v.title)).toEqual(["Small", "Medium", "Large"]);
  });

  it("a later auth starts no second import, and Shopify's refusal is reported, not thrown", async () => {
    const shop = await jpyShop();
    await importOnInstall(shop, AWKWARD_EXPORT);
    const { admin } = await unauthenticated.admin(shop);

    expect(await requestCatalogImport(shop, admin)).toMatchObject({ error: null, import: { status: "completed" } });
    expect(await prisma.catalogImport.count({ where: { shop } })).toBe(1);

    const refusing = await jpyShop();
    mockCatalogExport({
      shop: refusing,
      result: "",
      refuse: "A bulk query operation for this app and shop is already in progress",
    });
    const { admin: refusingAdmin } = await unauthenticated.admin(refusing);
    const [first, second] = await Promise.all([
      requestCatalogImport(refusing, refusingAdmin),
      requestCatalogImport(refusing, refusingAdmin),
    ]);
    expect(first).toBe(second);
    expect(first).toMatchObject({
      import: { status: "failed" },
      error: expect.stringContaining("already in progress"),
    });
    expect(await prisma.catalogImport.count({ where: { shop: refusing } })).toBe(1);
  });

  it("runs beside an order import: each finish webhook drives its own import", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createFixtureShop(shop);
    const orders = mockBulkExport({ shop, result: BASE_EXPORT });
    const catalog = mockCatalogExport({ shop, result: catalogBulkJsonl({ products: 5 }) });
    const { admin } = await unauthenticated.admin(shop);
    await requestCatalogImport(shop, admin);
    await prisma.orderImport.create({ data: { shop, status: "running", bulkOperationId: orders.operationId } });

    // Both downloads run at once: each finish is answered before its download ends.
    expect((await finishWebhook(shop, orders.operationId)).status).toBe(200);
    const ordersDone = whenOrderImportIdle(shop);
    expect((await finishWebhook(shop, catalog.operationId)).status).toBe(200);
    const [orderStats, catalogStats] = await Promise.all([ordersDone, whenCatalogImportIdle(shop)]);

    expect(orderStats).toMatchObject({ ordersInserted: 10, rowsRejected: 0 });
    expect(catalogStats).toMatchObject({ productsWritten: 5, rowsRejected: 0 });
    expect(orders.calls).toEqual(["CartliftBulkOperation", "download"]);
    expect(catalog.calls.slice(-2)).toEqual(["CartliftBulkOperation", "download"]);
  });

  it("a failed export is recorded on the import", async () => {
    const shop = await jpyShop();
    const exported = mockCatalogExport({ shop, result: "" });
    const { admin } = await unauthenticated.admin(shop);
    await requestCatalogImport(shop, admin);

    expect((await finishWebhook(shop, exported.operationId, "failed")).status).toBe(200);

    expect(await catalogImportProgress(shop)).toMatchObject({ status: "failed", error: "Shopify's export failed" });
    expect(await prisma.product.count({ where: { shop } })).toBe(0);
  });
});

describe("re-running and resuming", () => {
  it("an import interrupted mid-download resumes from its committed line and ends as an uninterrupted one", async () => {
    const [crashed, clean] = [await jpyShop(), await jpyShop()];
    await importOnInstall(clean, FULL_EXPORT);
    let downloads = 0;
    const stored = () => until(async () => (await prisma.product.count({ where: { shop: crashed } })) > 0);
    const { operationId, resultUrl } = mockCatalogExport({
      shop: crashed,
      result: () => (++downloads === 1 ? brokenDownload(FULL_EXPORT, 1200, stored) : jsonlResponse(FULL_EXPORT)),
    });
    const row = await prisma.catalogImport.create({
      data: { shop: crashed, status: "downloading", bulkOperationId: operationId, resultUrl, productsTotal: 507 },
    });

    await expect(processCatalogImport(crashed, row.id, { batchProducts: 50 })).rejects.toThrow(/connection reset/);
    const failed = await prisma.catalogImport.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed.status).toBe("failed");
    expect(failed.linesProcessed).toBeGreaterThan(0);
    expect(failed.linesProcessed).toBeLessThan(1200);
    expect(failed.productsImported).toBe(await prisma.product.count({ where: { shop: crashed } }));

    // The next auth resumes it.
    const { admin } = await unauthenticated.admin(crashed);
    expect(await requestCatalogImport(crashed, admin)).toMatchObject({
      error: null,
      import: { status: "downloading" },
    });
    const resumed = await whenCatalogImportIdle(crashed);

    expect(resumed).toMatchObject({
      linesSkipped: failed.linesProcessed,
      linesRead: FULL_LINES - failed.linesProcessed,
      rowsRejected: 0,
    });
    expect(await prisma.catalogImport.findUnique({ where: { id: row.id } })).toMatchObject({
      status: "completed",
      linesProcessed: FULL_LINES,
      productsImported: 507,
    });
    expect(await storedCatalog(crashed)).toEqual(await storedCatalog(clean));
  });

  it("re-running the import creates no duplicates and leaves the rows identical", async () => {
    const shop = await jpyShop();
    await importOnInstall(shop, FULL_EXPORT);
    const first = await storedCatalog(shop);

    const again = await importAgain(shop, FULL_EXPORT, { batchProducts: 97 });

    expect(again.stats).toMatchObject({ productsWritten: 507, productsRemoved: 0, rowsRejected: 0 });
    expect(await storedCatalog(shop)).toEqual(first);
  });

  it("a product deleted between two imports is removed and tombstoned", async () => {
    const shop = await jpyShop();
    await importOnInstall(shop, AWKWARD_EXPORT);
    const withoutHojicha = AWKWARD_EXPORT.split("\n")
      .filter((line) => !line.includes("gid://shopify/Product/8007"))
      .join("\n");

    const again = await importAgain(shop, withoutHojicha);

    expect(again.stats).toMatchObject({ productsWritten: 6, productsRemoved: 1 });
    expect(await product(shop, "gid://shopify/Product/8007")).toBeNull();
    expect(await prisma.variant.count({ where: { shop, productId: "gid://shopify/Product/8007" } })).toBe(0);
    expect(await prisma.catalogTombstone.findMany({ where: { shop }, select: { id: true } })).toEqual([
      { id: "gid://shopify/Product/8007" },
    ]);
    // An old snapshot still listing it never brings it back.
    expect((await importAgain(shop, AWKWARD_EXPORT)).stats).toMatchObject({ productsDeleted: 1, productsRemoved: 0 });
    expect(await product(shop, "gid://shopify/Product/8007")).toBeNull();
  });

  it("keeps a stored product newer than the export's row, and does not sweep it", async () => {
    const shop = await jpyShop();
    await saveProducts(shop, [
      {
        id: "gid://shopify/Product/8003",
        title: "Turkish coffee (renamed after the export)",
        handle: "kofe-po-turecki",
        status: "active",
        publishedOnline: true,
        productType: "Coffee",
        vendor: "Kyoto Leaf",
        tags: [],
        collections: null,
        imageUrl: null,
        upgradeFeatures: null,
        options: [],
        shopifyUpdatedAt: new Date("2026-12-01T00:00:00Z"),
        variants: [],
      },
    ]);

    const { stats } = await importOnInstall(shop, AWKWARD_EXPORT);

    expect(stats).toMatchObject({ productsWritten: 6, productsStale: 1, productsRemoved: 0 });
    expect(await product(shop, "gid://shopify/Product/8003")).toMatchObject({
      title: "Turkish coffee (renamed after the export)",
      variants: [],
    });
    expect(await catalogImportProgress(shop)).toMatchObject({ productsImported: 7 });
  });
});

describe("rows that cannot be read", () => {
  it("are counted and skipped without stopping the import; their product is left as it was", async () => {
    const shop = await jpyShop();
    const lines = AWKWARD_EXPORT.trim().split("\n");
    // Half a yen (JPY has no minor unit) on the draft's variant, and a line that is not JSON at all.
    const broken = lines.map((line) => line.replace('"price":"1200.0"', '"price":"1200.5"'));
    broken.splice(3, 0, '{"id":"gid://shopify/ProductVariant/1",');

    const { stats } = await importOnInstall(shop, broken.join("\n") + "\n");

    expect(stats).toMatchObject({ rowsRejected: 2, productsWritten: 6, productsRemoved: null });
    expect(await product(shop, "gid://shopify/Product/8004")).toBeNull();
    expect(await prisma.product.count({ where: { shop } })).toBe(6);
    const progress = await catalogImportProgress(shop);
    expect(progress).toMatchObject({ status: "completed", productsImported: 6 });
    expect(progress?.error).toMatch(
      /^2 rows could not be read \(first: line 4: not JSON\); products no longer in Shopify were kept$/,
    );
  });

  it("a rejected variant keeps the product's stored state and spares it from the sweep", async () => {
    const shop = await jpyShop();
    await importOnInstall(shop, AWKWARD_EXPORT);
    const badGrind = AWKWARD_EXPORT.replace('"price":"12500.0"', '"price":"12500.25"');

    const again = await importAgain(shop, badGrind);

    expect(again.stats).toMatchObject({ rowsRejected: 1, productsWritten: 6, productsRemoved: 0 });
    expect((await product(shop, "gid://shopify/Product/8002"))?.variants).toHaveLength(100);
  });
});
