import type { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import * as home from "../../app/routes/app._index";
import { whenCatalogImportIdle } from "../../app/services/catalog-import.server";
import { renderAdminPage } from "../factories/admin-page";
import { adminFetch, installShop, sessionToken, thrownResponse, uniqueShop } from "../factories/shopify";
import { useAdminApiMock } from "../mocks/admin-api";
import { mockCatalogExport } from "../mocks/catalog-api";

useAdminApiMock();

const args = (request: Request) => ({ request, params: {}, context: {} });
const overview = async (shop: string) => home.loader(args(adminFetch("/app", await sessionToken(shop))));
const render = async (shop: string) => renderAdminPage(home, "", adminFetch("/app", await sessionToken(shop)));
const press = async (shop: string, body: BodyInit) =>
  home.action(args(adminFetch("/app", await sessionToken(shop), { method: "POST", body })));

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

function catalogImport(
  shop: string,
  data: Omit<Prisma.CatalogImportUncheckedCreateInput, "shop" | "status"> & { status?: string },
) {
  return prisma.catalogImport.create({ data: { shop, status: "downloading", ...data } });
}

function deadLetter(shop: string, webhookId: string, replayedAt: Date | null = null) {
  return prisma.webhookDeadLetter.create({
    data: { shop, topic: "products/update", webhookId, payload: "{}", error: "id: Required", replayedAt },
  });
}

describe("the home page's catalog import card", () => {
  it("shows a running import's progress: products imported of what Shopify counted", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await catalogImport(shop, { productsTotal: 5000, productsImported: 1234, linesProcessed: 4100 });

    const data = await overview(shop);
    const page = await render(shop);

    expect(data.catalogImport).toMatchObject({
      status: "downloading",
      productsImported: 1234,
      productsTotal: 5000,
      error: null,
      finishedAt: null,
    });
    expect(page.text).toContain("Importing your catalog: 1,234 of 5,000 products");
    expect(page.html).toMatch(/Polaris-ProgressBar/);
    expect(page.html).toMatch(/<progress[^>]*value="25"/);
  });

  it("says how many products are in so far when Shopify could not count them", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await catalogImport(shop, { productsTotal: null, productsImported: 80 });

    const page = await render(shop);

    expect(page.text).toContain("Importing your catalog: 80 products so far");
    expect(page.html).not.toMatch(/Polaris-ProgressBar/);
  });

  it("shows a completed import's count and date, in the shop's timezone", async () => {
    const shop = uniqueShop();
    await installShop(shop, { timezone: "Asia/Tokyo" });
    // 20:30 UTC on the 1st is already the 2nd in Tokyo.
    await catalogImport(shop, {
      status: "completed",
      productsTotal: 5000,
      productsImported: 5000,
      startedAt: new Date("2026-12-01T20:00:00Z"),
      finishedAt: new Date("2026-12-01T20:30:00Z"),
    });

    const page = await render(shop);

    expect(page.text).toContain("Catalog up to date: 5,000 products, imported Dec 2, 2026");
    expect(page.html).not.toMatch(/Polaris-ProgressBar/);
  });

  it("shows the latest import of the token's shop only", async () => {
    const [mine, theirs, fresh] = [uniqueShop(), uniqueShop(), uniqueShop()];
    for (const shop of [mine, theirs, fresh]) await installShop(shop);
    await catalogImport(mine, { status: "completed", productsImported: 12, startedAt: new Date("2026-11-01") });
    await catalogImport(mine, { productsTotal: 40, productsImported: 4, startedAt: new Date("2026-11-20") });
    await catalogImport(theirs, { productsTotal: 9, productsImported: 9, startedAt: new Date("2026-11-30") });

    expect((await overview(mine)).catalogImport).toMatchObject({ productsImported: 4, productsTotal: 40 });
    expect((await overview(fresh)).catalogImport).toBeNull();
  });

  it("offers to import a catalog that was never imported", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    const page = await render(shop);

    expect((await overview(shop)).catalogImport).toBeNull();
    expect(page.text).toContain("Cartlift has not imported your catalog yet");
    expect(page.text).toContain("Import catalog");
  });

  it("shows a failed import's error with Try again, which starts a new import", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await catalogImport(shop, {
      status: "failed",
      productsTotal: 300,
      error: "Shopify could not finish the export (ACCESS_DENIED)",
      startedAt: new Date(Date.now() - 60_000),
    });
    const failedPage = await render(shop);
    const exported = mockCatalogExport({ shop, result: "", productsCount: 300, status: "RUNNING" });

    const answer = await press(shop, form({ intent: "import_catalog" }));

    expect(failedPage.text).toContain("The catalog import did not complete");
    expect(failedPage.text).toContain("Shopify could not finish the export (ACCESS_DENIED)");
    expect(failedPage.text).toContain("Try again");
    expect(answer).toEqual({ error: null });
    expect(exported.calls).toEqual(expect.arrayContaining(["CartliftProductsCount", "CartliftCatalogExport"]));
    expect((await overview(shop)).catalogImport).toMatchObject({ status: "running", productsTotal: 300 });
    expect(await prisma.catalogImport.count({ where: { shop } })).toBe(2);
    await whenCatalogImportIdle(shop);
  });

  it("reports Shopify's refusal to start the export to the merchant, not as a server error", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    mockCatalogExport({
      shop,
      result: "",
      refuse: "A bulk query operation for this app and shop is already in progress",
    });

    const answer = await press(shop, form({ intent: "import_catalog" }));

    expect(answer).toMatchObject({ error: expect.stringContaining("already in progress") });
    expect((await overview(shop)).catalogImport).toMatchObject({ status: "failed" });
  });

  it("answers a press without the intent with 400 and starts nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    const answers = [await press(shop, form({ intent: "delete_everything" })), await press(shop, "not a form")];

    for (const answer of answers) {
      expect(answer).toMatchObject({ init: { status: 400 }, data: { errors: { intent: expect.any(String) } } });
    }
    expect(await prisma.catalogImport.count({ where: { shop } })).toBe(0);
  });

  it("rejects a forged session token with 401", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const token = await sessionToken(shop, { secret: "not-the-app-secret" });

    const response = await thrownResponse(() => home.loader(args(adminFetch("/app", token))));

    expect(response.status).toBe(401);
  });
});

describe("the home page's dead-letter notice", () => {
  it("counts the shop's deliveries waiting for a replay, and links to them", async () => {
    const [mine, theirs] = [uniqueShop(), uniqueShop()];
    await installShop(mine);
    for (const id of ["w-1", "w-2", "w-3"]) await deadLetter(mine, id);
    await deadLetter(mine, "w-4", new Date());
    await deadLetter(theirs, "w-5");

    const data = await overview(mine);
    const page = await render(mine);

    expect(data.deadLetters).toBe(3);
    expect(page.text).toContain("3 webhook deliveries could not be read");
    expect(page.html).toContain('href="/app/webhooks"');
  });

  it("shows nothing when every delivery was read or replayed", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await deadLetter(shop, "w-1", new Date());

    const page = await render(shop);

    expect((await overview(shop)).deadLetters).toBe(0);
    expect(page.text).not.toContain("could not be read");
  });
});
