import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db.server";
import { builtInPersonas } from "../../app/domain/offers";
import { loader as homeLoader } from "../../app/routes/app._index";
import * as personaEditor from "../../app/routes/app.personas.$id";
import * as personaList from "../../app/routes/app.personas._index";
import { loader as previewLoader } from "../../app/routes/app.preview";
import * as ruleEditor from "../../app/routes/app.rules.$id";
import { action as settingsAction } from "../../app/routes/app.settings";
import { env } from "../../app/shopify.server";
import { renderAdminPage } from "../factories/admin-page";
import { answerOf, personaForm, postJson, settingsForm } from "../factories/personas";
import { adminFetch, installShop, sessionToken, uniqueShop } from "../factories/shopify";
import { mockAppMetafieldsApi } from "../mocks/app-metafields-api";
import { mockCatalogExport } from "../mocks/catalog-api";
import { mockOfferDiscountApi } from "../mocks/offer-discount-api";
import {
  mockAdminApiUnreachable,
  mockShopDetails,
  server,
  useAdminApiMock,
  type ShopDetailsFixture,
} from "../mocks/admin-api";

useAdminApiMock();

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** A yen shop in Tokyo, as CartliftShopDetails describes it. */
const TOKYO: Partial<ShopDetailsFixture> = {
  name: "Kissa Tokyo",
  currencyCode: "JPY",
  enabledPresentmentCurrencies: ["JPY", "USD"],
  ianaTimezone: "Asia/Tokyo",
  currencyFormats: { moneyFormat: "¥{{amount_no_decimals}}" },
  primaryDomain: { host: "kissa.example.jp" },
  plan: { partnerDevelopment: true, publicDisplayName: "Development" },
};

/** Shopify's answer to the token exchange an install (or a re-auth) makes, for one shop. */
function answerTokenExchange(shop: string): { exchanges: () => number } {
  let exchanges = 0;
  server.use(
    http.post(`https://${shop}/admin/oauth/access_token`, () => {
      exchanges += 1;
      return HttpResponse.json({
        access_token: `shpat_${exchanges}`,
        scope: env.SCOPES,
        expires_in: 3600,
        refresh_token: `shprt_${exchanges}`,
        refresh_token_expires_in: 7_776_000,
      });
    }),
  );
  return { exchanges: () => exchanges };
}

/** Opens the app's home page with a fresh session token: the first time, that is the install. */
async function openApp(shop: string, exp?: number) {
  const token = await sessionToken(shop, exp === undefined ? {} : { exp });
  return { token, home: await homeLoader(args(adminFetch("/app", token))) };
}

/** A re-auth: the session is gone (e.g. the token was revoked) and a new session token arrives. */
async function reauth(shop: string) {
  await prisma.session.deleteMany({ where: { shop } });
  return openApp(shop, Math.floor(Date.now() / 1000) + 90);
}

const storedShop = (shop: string) => prisma.shop.findUnique({ where: { domain: shop } });

describe("installing the app", () => {
  it("stores the shop as Shopify describes it: a yen shop in Tokyo keeps JPY and Asia/Tokyo", async () => {
    const shop = uniqueShop();
    const shopify = answerTokenExchange(shop);
    const details = mockShopDetails(shop, TOKYO);
    const catalog = mockCatalogExport({ shop, result: "", status: "RUNNING" });
    const discounts = mockOfferDiscountApi(shop);
    const metafields = mockAppMetafieldsApi(shop);

    const { home } = await openApp(shop);

    expect(shopify.exchanges()).toBe(1);
    expect(details.calls()).toBe(1);
    // …writes where the checkout extension finds the app: the app's URL, on the shop…
    expect(metafields.calls.map((call) => call.operation)).toEqual(["CartliftShopId", "CartliftBackendMetafieldSet"]);
    expect(metafields.calls[1]!.variables.metafields).toEqual([
      {
        ownerId: metafields.shopId,
        namespace: "$app:cartlift",
        key: "backend",
        type: "url",
        value: env.SHOPIFY_APP_URL,
      },
    ]);
    // …creates the checkout discount the offers' marks earn, with the shop's mark key in it…
    expect(discounts.calls.map((call) => call.operation)).toEqual(["CartliftOfferDiscountCreate"]);
    const { offerMarkKey } = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(JSON.parse([...discounts.discounts.values()][0]!)).toEqual({ v: 1, key: offerMarkKey, rules: {} });
    expect(await prisma.offerDiscount.findUnique({ where: { shop } })).toMatchObject({
      discountId: [...discounts.discounts.keys()][0],
      state: "ok",
    });
    // …and then starts the catalog import, once the row it hangs off exists.
    expect(catalog.calls).toContain("CartliftCatalogExport");
    expect(await prisma.catalogImport.findMany({ where: { shop } })).toMatchObject([{ status: "running" }]);
    expect(home).toMatchObject({ name: "Kissa Tokyo", currency: "JPY" });
    expect(await storedShop(shop)).toMatchObject({
      name: "Kissa Tokyo",
      currency: "JPY",
      presentmentCurrencies: ["JPY", "USD"],
      timezone: "Asia/Tokyo",
      moneyFormat: "¥{{amount_no_decimals}}",
      primaryDomain: "kissa.example.jp",
      planName: "Development",
      developmentStore: true,
      detailsSyncedAt: expect.any(Date),
      uninstalledAt: null,
      backendUrl: env.SHOPIFY_APP_URL,
    });
  });

  it("refreshes the same row on every re-auth, and a re-install clears uninstalledAt", async () => {
    const shop = uniqueShop();
    const shopify = answerTokenExchange(shop);
    mockShopDetails(shop, TOKYO);
    mockCatalogExport({ shop, result: "", status: "RUNNING" });
    const discounts = mockOfferDiscountApi(shop);
    const metafields = mockAppMetafieldsApi(shop);
    await openApp(shop);
    const first = await storedShop(shop);
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: new Date() } });

    // Meanwhile the merchant left the development plan and enabled euros.
    const details = mockShopDetails(shop, {
      ...TOKYO,
      enabledPresentmentCurrencies: ["USD", "EUR", "JPY"],
      plan: { partnerDevelopment: false, publicDisplayName: "Basic" },
    });
    await reauth(shop);

    expect(shopify.exchanges()).toBe(2);
    expect(details.calls()).toBe(1);
    expect(await prisma.shop.count({ where: { domain: shop } })).toBe(1);
    const again = await storedShop(shop);
    expect(again).toMatchObject({
      currency: "JPY",
      timezone: "Asia/Tokyo",
      presentmentCurrencies: ["JPY", "USD", "EUR"],
      planName: "Basic",
      developmentStore: false,
      uninstalledAt: null,
      installedAt: first!.installedAt,
      offerMarkKey: first!.offerMarkKey,
    });
    expect(again!.detailsSyncedAt!.getTime()).toBeGreaterThanOrEqual(first!.detailsSyncedAt!.getTime());
    // The running catalog import is checked on, not started again.
    expect(await prisma.catalogImport.count({ where: { shop } })).toBe(1);
    // The discount is written again by its id: one the merchant deleted meanwhile would come back.
    expect(discounts.calls.map((call) => call.operation)).toEqual([
      "CartliftOfferDiscountCreate",
      "CartliftOfferDiscountUpdate",
    ]);
    expect(discounts.discounts.size).toBe(1);
    // The backend metafield holds the app's URL already (only app/uninstalled forgets it): not written again.
    expect(metafields.calls.filter((call) => call.operation === "CartliftBackendMetafieldSet")).toHaveLength(1);
    expect(again!.backendUrl).toBe(env.SHOPIFY_APP_URL);
  });

  it("seeds the shipped personas once: at install, not again on a re-auth", async () => {
    const shop = uniqueShop();
    const shopify = answerTokenExchange(shop);
    mockShopDetails(shop);
    mockCatalogExport({ shop, result: "", status: "RUNNING" });
    mockOfferDiscountApi(shop);
    mockAppMetafieldsApi(shop);

    await openApp(shop);
    const installed = await prisma.persona.findMany({ where: { shop }, orderBy: { position: "asc" } });

    expect(shopify.exchanges()).toBe(1);
    expect(installed.map((p) => p.builtInKey)).toEqual(builtInPersonas().map((p) => p.id));

    await reauth(shop);

    expect(shopify.exchanges()).toBe(2);
    expect(await prisma.persona.findMany({ where: { shop }, orderBy: { position: "asc" } })).toEqual(installed);
  });

  it("leaves the pages that read personas read-only, even for a shop the hook never seeded", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const token = await sessionToken(shop);

    await personaList.loader(args(adminFetch("/app/personas", token)));
    await previewLoader(args(adminFetch("/app/preview", token)));
    await ruleEditor.loader(args(adminFetch("/app/rules/new", token), { id: "new" }));

    expect(await prisma.persona.count({ where: { shop } })).toBe(0);
  });
});

describe("a yen shop in Tokyo in the admin", () => {
  async function installTokyo() {
    const shop = uniqueShop();
    answerTokenExchange(shop);
    mockShopDetails(shop, TOKYO);
    mockCatalogExport({ shop, result: "", status: "RUNNING" });
    mockOfferDiscountApi(shop);
    mockAppMetafieldsApi(shop);
    const { token } = await openApp(shop);
    return { shop, token };
  }

  it("shows amounts as yen without decimals", async () => {
    const { token } = await installTokyo();
    const persona = personaForm({ name: "Regulars", conditions: [{ type: "total_spent", min: "1500", max: "" }] });

    const saved = await answerOf(() =>
      personaEditor.action(args(postJson("/app/personas/new", token, { intent: "save", persona }), { id: "new" })),
    );
    const page = await renderAdminPage(personaList, "personas", adminFetch("/app/personas", token));

    expect(saved.status).toBe(302);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Spent ¥1,500 or more");
    // The shipped VIP persona's threshold, in yen as well.
    expect(page.text).toContain("Spent ¥100,000 or more");
    expect(page.text).not.toMatch(/\$|¥1,500\.00|USD/);
  });

  it("refuses yen amounts with decimals", async () => {
    const { shop, token } = await installTokyo();
    const persona = personaForm({ name: "Regulars", conditions: [{ type: "total_spent", min: "1500.50", max: "" }] });

    const saved = await answerOf(() =>
      personaEditor.action(args(postJson("/app/personas/new", token, { intent: "save", persona }), { id: "new" })),
    );

    expect(saved.status).toBe(400);
    expect(await prisma.persona.count({ where: { shop, builtInKey: null } })).toBe(0);
  });

  it("takes a rule's schedule in the shop's timezone and shows it back in it", async () => {
    const { shop, token } = await installTokyo();
    const rule = {
      name: "Christmas Eve",
      active: true,
      priority: "0",
      kind: "cross_sell",
      surfaces: ["cart"],
      conditions: [],
      offer: { type: "automatic", limit: "3" },
      discount: { type: "none" },
      startsAt: "2026-12-24T10:00",
      endsAt: "2026-12-25T00:00",
    };

    const saved = await answerOf(() => ruleEditor.action(args(postJson("/app/rules/new", token, rule), { id: "new" })));
    const stored = await prisma.offerRule.findFirstOrThrow({ where: { shop } });
    const page = await renderAdminPage(ruleEditor, "rules/:id", adminFetch(`/app/rules/${stored.id}`, token));

    expect(saved.status).toBe(302);
    expect(stored.startsAt?.toISOString()).toBe("2026-12-24T01:00:00.000Z");
    expect(stored.endsAt?.toISOString()).toBe("2026-12-24T15:00:00.000Z");
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="2026-12-24T10:00"');
    expect(page.html).toContain('value="2026-12-25T00:00"');
    expect(page.text).toContain("Times are in Asia/Tokyo (GMT+9).");
  });

  it("refuses a time the shop's clocks skip, and stores nothing", async () => {
    const shop = uniqueShop();
    answerTokenExchange(shop);
    mockShopDetails(shop, { ianaTimezone: "America/New_York" });
    mockCatalogExport({ shop, result: "", status: "RUNNING" });
    mockOfferDiscountApi(shop);
    mockAppMetafieldsApi(shop);
    const { token } = await openApp(shop);
    const rule = {
      name: "Spring forward",
      active: true,
      priority: "0",
      kind: "cross_sell",
      surfaces: ["cart"],
      conditions: [],
      offer: { type: "automatic", limit: "3" },
      discount: { type: "none" },
      startsAt: "2026-03-08T02:30",
      endsAt: "",
    };

    const saved = await answerOf(() => ruleEditor.action(args(postJson("/app/rules/new", token, rule), { id: "new" })));

    expect(saved).toMatchObject({
      status: 400,
      body: { errors: { startsAt: "2026-03-08 02:30 does not exist in America/New_York (the clocks skip it)" } },
    });
    expect(await prisma.offerRule.count({ where: { shop } })).toBe(0);
  });
});

describe("installing while Shopify's Admin API cannot be reached", () => {
  it("still loads the page, guesses no currency, and the next auth stores the shop", async () => {
    const shop = uniqueShop();
    answerTokenExchange(shop);
    mockAdminApiUnreachable(shop);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const { token, home } = await openApp(shop);

    expect(home).toMatchObject({ shop, currency: null, products: 0 });
    expect(await storedShop(shop)).toBeNull();
    expect(await prisma.persona.count({ where: { shop } })).toBe(0);
    expect(await prisma.catalogImport.count({ where: { shop } })).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`afterAuth for ${shop}: reading the shop failed`));
    warn.mockRestore();
    // Nothing creates the row with a guessed currency meanwhile, not even saving the settings.
    const saved = await answerOf(() => settingsAction(args(postJson("/app/settings", token, settingsForm()))));
    expect(saved).toMatchObject({ status: 404, body: { error: "shop not found" } });
    expect(await storedShop(shop)).toBeNull();
    expect(await prisma.shopSettings.count({ where: { shop } })).toBe(0);

    mockShopDetails(shop, TOKYO);
    mockCatalogExport({ shop, result: "", status: "RUNNING" });
    const discounts = mockOfferDiscountApi(shop);
    const metafields = mockAppMetafieldsApi(shop);
    await reauth(shop);

    expect(await storedShop(shop)).toMatchObject({ currency: "JPY", timezone: "Asia/Tokyo" });
    expect(await prisma.catalogImport.findMany({ where: { shop } })).toMatchObject([{ status: "running" }]);
    expect(await prisma.persona.count({ where: { shop } })).toBe(builtInPersonas().length);
    // The checkout discount, which needs the row too, waited for it.
    expect(discounts.calls.map((call) => call.operation)).toEqual(["CartliftOfferDiscountCreate"]);
    expect(await storedShop(shop)).toMatchObject({ backendUrl: env.SHOPIFY_APP_URL });
    expect(metafields.values.get("$app:cartlift/backend")).toBe(env.SHOPIFY_APP_URL);
  });
});

describe("installing while Shopify refuses the backend metafield", () => {
  it("still installs, records no URL, and the next auth writes it", async () => {
    const shop = uniqueShop();
    answerTokenExchange(shop);
    mockShopDetails(shop);
    mockCatalogExport({ shop, result: "", status: "RUNNING" });
    mockOfferDiscountApi(shop);
    const metafields = mockAppMetafieldsApi(shop);
    metafields.failNext("refused");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const { home } = await openApp(shop);

    expect(home).toMatchObject({ shop, currency: "USD" });
    expect(await storedShop(shop)).toMatchObject({ backendUrl: null });
    expect(await prisma.catalogImport.count({ where: { shop } })).toBe(1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`afterAuth for ${shop}: writing the backend metafield failed (Shopify refused`),
    );
    warn.mockRestore();

    await reauth(shop);

    expect(await storedShop(shop)).toMatchObject({ backendUrl: env.SHOPIFY_APP_URL });
    expect(metafields.values.get("$app:cartlift/backend")).toBe(env.SHOPIFY_APP_URL);
  });
});
