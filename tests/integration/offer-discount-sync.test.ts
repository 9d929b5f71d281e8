import { createHash } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { listRules } from "../../app/adapters/offer-rules.server";
import { prisma } from "../../app/db.server";
import { buildOfferDiscountConfig } from "../../app/domain/offers/discount-config";
import type { Rule } from "../../app/domain/offers";
import * as ruleEditor from "../../app/routes/app.rules.$id";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import {
  resyncAllOfferDiscounts,
  scheduledOfferDiscountRetry,
  stopOfferDiscountRetries,
  syncOfferDiscount,
  whenOfferDiscountIdle,
} from "../../app/services/offer-discount-sync.server";
import { createShopWithCatalog } from "../factories/catalog";
import { answerOf, postJson } from "../factories/personas";
import { installShop, sessionToken, uniqueShop, webhookRequest } from "../factories/shopify";
import { useAdminApiMock } from "../mocks/admin-api";
import { mockOfferDiscountApi, type OfferDiscountFailure } from "../mocks/offer-discount-api";

useAdminApiMock();
// A failed write warns (console.warn): the tests that cause one expect it, and keep it quiet.
let warnings: MockInstance<typeof console.warn> | undefined;
const quietWarnings = () => (warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined));
afterEach(() => {
  warnings?.mockRestore();
  warnings = undefined;
});
afterAll(() => stopOfferDiscountRetries());

const SCOPES = ["read_products", "read_orders", "write_app_proxy", "write_discounts"];
const METAFIELD = { namespace: "$app", key: "function-configuration", type: "json" };

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

function ruleForm(overrides: Record<string, unknown> = {}) {
  return {
    name: "Complete the set",
    active: true,
    priority: "5",
    kind: "cross_sell",
    surfaces: ["cart", "checkout"],
    conditions: [{ type: "product_in_cart", productIds: ["gid://shopify/Product/1"] }],
    offer: { type: "products", productIds: ["gid://shopify/Product/2"] },
    discount: { type: "percentage", value: "10" },
    startsAt: "",
    endsAt: "",
    ...overrides,
  };
}

/** An installed shop with a catalog, its discount API answered, and the rule editor's action. */
async function merchant(currency = "USD") {
  const shop = uniqueShop();
  await installShop(shop, { currency });
  await createShopWithCatalog(shop, { products: 2 });
  const api = mockOfferDiscountApi(shop);
  const token = await sessionToken(shop);
  const save = (id: string, form: unknown) =>
    answerOf(() => ruleEditor.action(args(postJson(`/app/rules/${id}`, token, form), { id })));
  const create = async (form: unknown) => {
    const saved = await save("new", form);
    expect(saved.status).toBe(302);
    return decodeURIComponent(saved.location!.replace(/^\/app\/rules\//, "").replace(/\?.*$/, ""));
  };
  return { shop, api, save, create };
}

/** The merchant approves the scopes (app/scopes_update), write_discounts among them. */
async function grantScopes(shop: string, current = SCOPES) {
  const payload = { id: 1, previous: ["read_products"], current };
  const response = await scopesUpdate(
    args(webhookRequest("/webhooks/app/scopes_update", "app/scopes_update", shop, payload)),
  );
  expect(response.status).toBe(200);
  await whenOfferDiscountIdle(shop);
}

/** What the Function must read for the shop's rules now. */
async function expectedConfig(shop: string, currency = "USD") {
  const { offerMarkKey } = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
  return buildOfferDiscountConfig(offerMarkKey!, await listRules(shop), currency);
}

const storedSync = (shop: string) => prisma.offerDiscount.findUniqueOrThrow({ where: { shop } });
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

describe("writing the offer discount's configuration to Shopify", () => {
  it("saves rules without a request to Shopify while the shop has not granted write_discounts (the demo shop)", async () => {
    const { shop, api, create } = await merchant();

    await create(ruleForm());
    await grantScopes(shop, ["read_products", "read_orders"]);

    expect(api.calls).toEqual([]);
    expect(await syncOfferDiscount(shop)).toEqual({ status: "no_access" });
    expect(await prisma.offerDiscount.count({ where: { shop } })).toBe(0);
  });

  it("creates the discount once write_discounts is granted: the Function's handle, and the whole configuration as its $app metafield", async () => {
    const { shop, api, create } = await merchant("EUR");
    await create(ruleForm());
    await create(ruleForm({ name: "Bigger pack", kind: "upsell", discount: { type: "fixed_amount", amount: "2.50" } }));
    await create(ruleForm({ name: "No discount", discount: { type: "none" } }));
    const before = Date.now();

    await grantScopes(shop);

    expect(api.calls).toEqual([
      {
        operation: "CartliftOfferDiscountCreate",
        variables: {
          discount: {
            title: "Cartlift offers",
            functionHandle: "cartlift-discount",
            discountClasses: ["PRODUCT"],
            combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: true },
            startsAt: expect.any(String),
            metafields: [{ ...METAFIELD, value: expect.any(String) }],
          },
        },
      },
    ]);
    const { startsAt, metafields } = api.calls[0]!.variables.discount;
    expect(Date.parse(startsAt!)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(startsAt!)).toBeLessThanOrEqual(Date.now());
    const config = JSON.parse(metafields[0].value);
    expect(config).toEqual(await expectedConfig(shop, "EUR"));
    expect(Object.values(config.rules)).toEqual(
      expect.arrayContaining([
        { type: "percentage", value: 10, message: "Offer: 10% off" },
        { type: "fixed", amount: "2.50", message: "Offer: €2.50 off" },
      ]),
    );
    const [id] = [...api.discounts.keys()];
    expect(await storedSync(shop)).toMatchObject({
      discountId: id,
      configHash: sha256(metafields[0].value),
      state: "ok",
      error: null,
      failures: 0,
      retryAt: null,
      syncedAt: expect.any(Date),
    });
  });

  it("makes no request when nothing changed: a second sync, or saving a rule without a discount twice", async () => {
    const { shop, api, create, save } = await merchant();
    await create(ruleForm());
    await grantScopes(shop);
    expect(api.calls).toHaveLength(1);

    expect(await syncOfferDiscount(shop)).toEqual({ status: "unchanged" });
    const plain = await create(ruleForm({ name: "Just a suggestion", discount: { type: "none" } }));
    expect((await save(plain, ruleForm({ name: "Still a suggestion", discount: { type: "none" } }))).status).toBe(302);
    expect((await save(plain, ruleForm({ name: "Still a suggestion", discount: { type: "none" } }))).status).toBe(302);

    expect(api.calls).toHaveLength(1);
    expect(await storedSync(shop)).toMatchObject({ state: "ok" });
  });

  it("updates the stored discount by its id when a discount changes, is paused or is deleted", async () => {
    const { shop, api, create, save } = await merchant();
    const ruleId = await create(ruleForm());
    await grantScopes(shop);
    const { discountId } = await storedSync(shop);

    await save(ruleId, ruleForm({ discount: { type: "percentage", value: "15" } }));
    const changed = api.calls[1]!;
    expect(changed).toEqual({
      operation: "CartliftOfferDiscountUpdate",
      variables: { id: discountId, discount: { metafields: [{ ...METAFIELD, value: expect.any(String) }] } },
    });
    expect(JSON.parse(changed.variables.discount.metafields[0].value).rules).toEqual({
      [ruleId]: { type: "percentage", value: 15, message: "Offer: 15% off" },
    });

    await save(ruleId, ruleForm({ active: false, discount: { type: "percentage", value: "15" } }));
    await save(ruleId, ruleForm({ discount: { type: "percentage", value: "15" } }));
    expect((await save(ruleId, { intent: "delete" })).status).toBe(302);

    const rulesWritten = api.calls.map((call) => JSON.parse(call.variables.discount.metafields[0].value).rules);
    expect(rulesWritten.slice(2)).toEqual([{}, { [ruleId]: expect.anything() }, {}]);
    expect(api.calls.slice(1).every((call) => call.variables.id === discountId)).toBe(true);
    expect(api.discounts.get(discountId!)).toBe(api.calls.at(-1)!.variables.discount.metafields[0].value);
    expect(await storedSync(shop)).toMatchObject({ discountId, state: "ok" });
  });

  it("creates a new discount when the merchant deleted the stored one", async () => {
    const { shop, api, create, save } = await merchant();
    const ruleId = await create(ruleForm());
    await grantScopes(shop);
    const { discountId: deleted } = await storedSync(shop);
    api.discounts.delete(deleted!);

    await save(ruleId, ruleForm({ discount: { type: "percentage", value: "20" } }));

    expect(api.calls.map((call) => call.operation)).toEqual([
      "CartliftOfferDiscountCreate",
      "CartliftOfferDiscountUpdate",
      "CartliftOfferDiscountCreate",
    ]);
    const [recreated] = [...api.discounts.keys()];
    expect(recreated).not.toBe(deleted);
    expect(JSON.parse(api.discounts.get(recreated!)!)).toEqual(await expectedConfig(shop));
    expect(await storedSync(shop)).toMatchObject({ discountId: recreated, state: "ok" });
  });

  it.each<[OfferDiscountFailure, RegExp]>([
    ["http_500", /^Shopify answered HTTP 500$/],
    ["throttled", /Throttled/],
    ["refused", /^Shopify refused the offer discount: .*\[MAX_APP_DISCOUNTS\]$/],
    ["unreachable", /^Could not reach Shopify's Admin API/],
  ])(
    "keeps the rule when the write fails (%s), records it as pending, and the resync writes it",
    async (failure, error) => {
      const warn = quietWarnings();
      const { shop, api, create, save } = await merchant();
      const ruleId = await create(ruleForm());
      await grantScopes(shop);
      api.failNext(failure);
      const before = Date.now();

      const saved = await save(ruleId, ruleForm({ name: "Renamed", discount: { type: "percentage", value: "12.5" } }));

      expect(saved.status).toBe(302);
      expect(await prisma.offerRule.findUniqueOrThrow({ where: { id: ruleId } })).toMatchObject({
        name: "Renamed",
        discount: { type: "percentage", value: 12.5 },
      });
      const pending = await storedSync(shop);
      expect(pending).toMatchObject({ state: "pending", error: expect.stringMatching(error), failures: 1 });
      expect(pending.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 60_000);
      expect(pending.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(scheduledOfferDiscountRetry(shop)).toEqual(pending.retryAt);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`offer discount for ${shop} not written`));

      const resync = await resyncAllOfferDiscounts();

      expect(resync.written).toBeGreaterThanOrEqual(1);
      expect(await storedSync(shop)).toMatchObject({ state: "ok", error: null, failures: 0, retryAt: null });
      expect(scheduledOfferDiscountRetry(shop)).toBeNull();
      expect(JSON.parse(api.discounts.get(pending.discountId!)!)).toEqual(await expectedConfig(shop));
    },
  );

  it("retries the first write too: a refused create leaves no discount id, and the resync creates it", async () => {
    quietWarnings();
    const { shop, api, create } = await merchant();
    await create(ruleForm());
    api.failNext("refused");

    await grantScopes(shop);

    expect(await storedSync(shop)).toMatchObject({ state: "pending", discountId: null, failures: 1 });
    await resyncAllOfferDiscounts();
    const [id] = [...api.discounts.keys()];
    expect(await storedSync(shop)).toMatchObject({ state: "ok", discountId: id });
  });

  it("writes only the shop's own rules and key, never another shop's", async () => {
    const first = await merchant();
    const second = await merchant();
    const firstRule = await first.create(ruleForm({ name: "First's" }));
    const secondRule = await second.create(
      ruleForm({ name: "Second's", discount: { type: "percentage", value: "30" } }),
    );

    await grantScopes(first.shop);
    await grantScopes(second.shop);

    const firstConfig = JSON.parse([...first.api.discounts.values()][0]!);
    const secondConfig = JSON.parse([...second.api.discounts.values()][0]!);
    expect(Object.keys(firstConfig.rules)).toEqual([firstRule]);
    expect(Object.keys(secondConfig.rules)).toEqual([secondRule]);
    expect(firstConfig.key).not.toBe(secondConfig.key);
    expect(firstConfig).toEqual(await expectedConfig(first.shop));
  });

  it("uninstalling stops the writes and the timed retry, until the next grant", async () => {
    quietWarnings();
    const { shop, api, create, save } = await merchant();
    const ruleId = await create(ruleForm());
    await grantScopes(shop);
    api.failNext("http_500");
    await save(ruleId, ruleForm({ discount: { type: "percentage", value: "25" } }));
    expect(scheduledOfferDiscountRetry(shop)).not.toBeNull();

    await uninstalled(
      args(webhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, { id: 1, domain: shop })),
    );

    expect(scheduledOfferDiscountRetry(shop)).toBeNull();
    expect(await storedSync(shop)).toMatchObject({ state: "no_access", retryAt: null });
    expect(await resyncAllOfferDiscounts()).toMatchObject({ written: 0 });
    expect(api.calls).toHaveLength(2);

    // Installed again: the grant writes the current rules to the discount Cartlift knows.
    await installShop(shop);
    await grantScopes(shop);

    const { discountId } = await storedSync(shop);
    expect(api.calls.map((call) => [call.operation, call.variables.id])).toEqual([
      ["CartliftOfferDiscountCreate", undefined],
      ["CartliftOfferDiscountUpdate", discountId],
      ["CartliftOfferDiscountUpdate", discountId],
    ]);
    expect(JSON.parse(api.discounts.get(discountId!)!)).toEqual(await expectedConfig(shop));
    expect(await storedSync(shop)).toMatchObject({ state: "ok", failures: 0 });
  });
});

describe("the configuration's size limit", () => {
  /** Discounted rules whose configuration fills Shopify's limit to within one more rule. */
  async function fillToLimit(shop: string): Promise<number> {
    const { offerMarkKey } = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    const rows: Rule[] = [];
    const fits = (rules: Rule[]) => {
      try {
        return buildOfferDiscountConfig(offerMarkKey!, rules, "USD") !== null;
      } catch {
        return false;
      }
    };
    const next = (i: number): Rule => ({
      id: `c${String(i).padStart(24, "0")}`,
      name: `Rule ${i}`,
      active: true,
      priority: 0,
      kind: "cross_sell",
      surfaces: ["cart"],
      conditions: [],
      offer: { type: "automatic" },
      discount: { type: "percentage", value: 10 },
    });
    while (fits([...rows, next(rows.length)])) rows.push(next(rows.length));
    await prisma.offerRule.createMany({
      data: rows.map((r) => ({
        id: r.id,
        shop,
        name: r.name,
        kind: r.kind,
        surfaces: r.surfaces,
        conditions: [],
        offer: r.offer,
        discount: r.discount,
      })),
    });
    return rows.length;
  }

  it("refuses with a 400 on the discount field a rule whose discount would take it over 10,000 bytes, and stores nothing", async () => {
    const { shop, api, save } = await merchant();
    await grantScopes(shop);
    const stored = await fillToLimit(shop);
    const callsBefore = api.calls.length;

    const refused = await save("new", ruleForm({ name: "One too many" }));

    expect(refused).toMatchObject({
      status: 400,
      body: { errors: { "discount.value": expect.stringMatching(/over Shopify's limit of 10,000/) } },
    });
    expect(await prisma.offerRule.count({ where: { shop } })).toBe(stored);
    expect(api.calls).toHaveLength(callsBefore);
    // Editing a stored rule keeps the size, and a rule without a discount adds nothing: both are saved.
    const [first] = await listRules(shop);
    expect((await save(first!.id, ruleForm({ name: "Edited" }))).status).toBe(302);
    expect((await save("new", ruleForm({ name: "One too many", discount: { type: "none" } }))).status).toBe(302);
  });
});
