import { afterEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { AdminApiError } from "../../app/adapters/admin-bulk.server";
import { prisma } from "../../app/db.server";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { ensureBackendMetafield, resyncBackendMetafields } from "../../app/services/backend-metafield.server";
import { unauthenticated } from "../../app/shopify.server";
import { installShop, uniqueShop, webhookRequest } from "../factories/shopify";
import { useAdminApiMock } from "../mocks/admin-api";
import { mockAppMetafieldsApi, type AppMetafieldsFailure } from "../mocks/app-metafields-api";

useAdminApiMock();
// A failed write in the resync warns (console.warn): the tests that cause one expect it, and keep it quiet.
let warnings: MockInstance<typeof console.warn> | undefined;
const quietWarnings = () => (warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined));
afterEach(() => {
  warnings?.mockRestore();
  warnings = undefined;
});

const APP_URL = "https://cartlift.example.com";
const BACKEND = { namespace: "$app:cartlift", key: "backend", type: "url" };

const args = (request: Request) => ({ request, params: {}, context: {} });

/** An installed shop (offline session and row), its metafields answered by the mock. */
async function installed(shop = uniqueShop()) {
  await installShop(shop);
  return { shop, api: mockAppMetafieldsApi(shop) };
}

/** The shop's offline Admin API client, as an auth or the resync has one. */
const adminOf = async (shop: string) => (await unauthenticated.admin(shop)).admin;
const recorded = async (shop: string) =>
  (await prisma.shop.findUniqueOrThrow({ where: { domain: shop }, select: { backendUrl: true } })).backendUrl;
const writes = (api: ReturnType<typeof mockAppMetafieldsApi>) =>
  api.calls.filter((call) => call.operation === "CartliftBackendMetafieldSet");

describe("writing the app's URL where the checkout extension finds it", () => {
  it("writes the shop's $app:cartlift/backend metafield with the shop's GID as owner, and records the URL", async () => {
    const { shop, api } = await installed();

    expect(await ensureBackendMetafield(shop, await adminOf(shop), APP_URL)).toBe("written");

    expect(api.calls).toEqual([
      { operation: "CartliftShopId", variables: {} },
      {
        operation: "CartliftBackendMetafieldSet",
        variables: { metafields: [{ ownerId: api.shopId, ...BACKEND, value: APP_URL }] },
      },
    ]);
    expect(api.values.get("$app:cartlift/backend")).toBe(APP_URL);
    expect(await recorded(shop)).toBe(APP_URL);
  });

  it("makes no request when the shop holds the app's URL already (a trailing slash is the same URL)", async () => {
    const { shop, api } = await installed();
    const admin = await adminOf(shop);
    await ensureBackendMetafield(shop, admin, APP_URL);

    expect(await ensureBackendMetafield(shop, admin, APP_URL)).toBe("unchanged");
    expect(await ensureBackendMetafield(shop, admin, `${APP_URL}/`)).toBe("unchanged");

    expect(api.calls).toHaveLength(2);
  });

  it("writes again when the app's URL changed, as the extension reads it: origin and path, no trailing slash", async () => {
    const { shop, api } = await installed();
    const admin = await adminOf(shop);
    await ensureBackendMetafield(shop, admin, APP_URL);

    expect(await ensureBackendMetafield(shop, admin, "https://apps.example.com/cartlift/?from=toml")).toBe("written");

    expect(writes(api).map((call) => call.variables.metafields?.[0]?.value)).toEqual([
      APP_URL,
      "https://apps.example.com/cartlift",
    ]);
    expect(api.values.get("$app:cartlift/backend")).toBe("https://apps.example.com/cartlift");
    expect(await recorded(shop)).toBe("https://apps.example.com/cartlift");
  });

  it.each<[AppMetafieldsFailure, RegExp]>([
    [
      "refused",
      /^Shopify refused the backend metafield: Access to this namespace .* \(metafields\.0\.namespace\) \[APP_NOT_AUTHORIZED\]$/,
    ],
    ["http_500", /^Shopify answered HTTP 500$/],
  ])(
    "throws AdminApiError when the write fails (%s), records nothing, and the next ensure writes",
    async (failure, message) => {
      const { shop, api } = await installed();
      const admin = await adminOf(shop);
      api.failNext(failure);

      const error = await ensureBackendMetafield(shop, admin, APP_URL).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AdminApiError);
      expect((error as AdminApiError).message).toMatch(message);
      expect(await recorded(shop)).toBeNull();
      expect(await ensureBackendMetafield(shop, admin, APP_URL)).toBe("written");
      expect(writes(api)).toHaveLength(2);
      expect(await recorded(shop)).toBe(APP_URL);
    },
  );

  it("forgets the URL when the app is uninstalled (Shopify drops the metafield), so the reinstall writes it again", async () => {
    const { shop, api } = await installed();
    await ensureBackendMetafield(shop, await adminOf(shop), APP_URL);

    const response = await uninstalled(
      args(webhookRequest("/webhooks/app/uninstalled", "app/uninstalled", shop, { id: 1, domain: shop })),
    );

    expect(response.status).toBe(200);
    expect(await recorded(shop)).toBeNull();

    await installShop(shop);
    expect(await ensureBackendMetafield(shop, await adminOf(shop), APP_URL)).toBe("written");
    expect(writes(api)).toHaveLength(2);
    expect(await recorded(shop)).toBe(APP_URL);
  });
});

describe("the start-up resync", () => {
  it("writes every installed shop that does not hold the app's URL, skips the others, and goes on past a failing shop", async () => {
    const warn = quietWarnings();
    // The other tests' shops in this worker's database hold the URL already.
    await prisma.shop.updateMany({ data: { backendUrl: APP_URL } });
    // Listed first (by domain), so the shops after it show that the resync goes on.
    const failing = await installed(`0-${uniqueShop()}`);
    failing.api.failNext("http_500");
    const current = await installed();
    await ensureBackendMetafield(current.shop, await adminOf(current.shop), APP_URL);
    const moved = await installed();
    await prisma.shop.update({ where: { domain: moved.shop }, data: { backendUrl: "https://old.example.com" } });
    const never = await installed();
    const gone = await installed();
    await prisma.shop.update({ where: { domain: gone.shop }, data: { uninstalledAt: new Date() } });
    const sessionless = await installed();
    await prisma.session.deleteMany({ where: { shop: sessionless.shop } });

    expect(await resyncBackendMetafields(APP_URL)).toEqual({ written: 2, skipped: 1, failed: 1 });

    for (const { api } of [moved, never]) {
      expect(writes(api).map((call) => call.variables.metafields)).toEqual([
        [{ ownerId: api.shopId, ...BACKEND, value: APP_URL }],
      ]);
    }
    expect(await recorded(moved.shop)).toBe(APP_URL);
    expect(await recorded(never.shop)).toBe(APP_URL);
    expect(writes(current.api)).toHaveLength(1);
    expect([...gone.api.calls, ...sessionless.api.calls]).toEqual([]);
    expect(await recorded(sessionless.shop)).toBeNull();
    expect(writes(failing.api)).toHaveLength(1);
    expect(await recorded(failing.shop)).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      `backend metafield for ${failing.shop} not written (Shopify answered HTTP 500); the next start or auth retries`,
    );

    // The next start writes the shop that failed, and only it.
    expect(await resyncBackendMetafields(APP_URL)).toEqual({ written: 1, skipped: 1, failed: 0 });
    expect(await recorded(failing.shop)).toBe(APP_URL);
    expect(writes(moved.api)).toHaveLength(1);
  });
});
