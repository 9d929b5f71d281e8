import { describe, expect, it } from "vitest";
import { loader as homeLoader } from "../../app/routes/app._index";
import { adminDocument, adminFetch, installShop, sessionToken, thrownResponse, uniqueShop } from "../factories/shopify";
import { createShopWithCatalog } from "../factories/catalog";

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("authenticate.admin on the admin home page", () => {
  it("accepts a valid session token on an App Bridge fetch and answers with the shop's own data", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await createShopWithCatalog(shop, { products: 3, orders: 2 });

    const overview = await homeLoader(args(adminFetch("/app", await sessionToken(shop))));

    expect(overview).toMatchObject({ shop, products: 3, variants: 3, orders: 2, currency: "USD" });
  });

  it("accepts the id_token Shopify puts on the embedded document request", async () => {
    const shop = uniqueShop();
    await installShop(shop);

    const overview = await homeLoader(args(adminDocument("/app", shop, await sessionToken(shop))));

    expect(overview).toMatchObject({ shop, products: 0, orders: 0 });
  });

  it.each([
    ["forged (wrong secret)", { secret: "not-the-app-secret" }],
    ["expired", { exp: Math.floor(Date.now() / 1000) - 120 }],
  ])("rejects a %s session token with 401 and no data", async (_name, options) => {
    const shop = uniqueShop();
    await installShop(shop);
    await createShopWithCatalog(shop);

    const token = await sessionToken(shop, options);

    const response = await thrownResponse(() => homeLoader(args(adminFetch("/app", token))));

    expect(response.status).toBe(401);
    expect(response.headers.get("X-Shopify-Retry-Invalid-Session-Request")).toBe("1");
  });

  it("never shows another shop's data: the token's shop decides", async () => {
    const mine = uniqueShop();
    const theirs = uniqueShop();
    await installShop(mine);
    await createShopWithCatalog(theirs, { products: 5, orders: 4 });

    const overview = await homeLoader(args(adminFetch(`/app?shop=${theirs}`, await sessionToken(mine))));

    expect(overview).toMatchObject({ shop: mine, products: 0, orders: 0 });
  });
});
