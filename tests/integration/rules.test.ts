import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { action as editorAction, loader as editorLoader } from "../../app/routes/app.rules.$id";
import { loader as productsLoader } from "../../app/routes/app.api.products";
import { loader as listLoader } from "../../app/routes/app.rules._index";
import { createShopWithCatalog } from "../factories/catalog";
import { adminFetch, installShop, sessionToken, thrownResponse, uniqueShop } from "../factories/shopify";

const PRODUCT_1 = "gid://shopify/Product/1";
const PRODUCT_2 = "gid://shopify/Product/2";

const validRule = {
  name: "Complete the set",
  active: true,
  priority: "5",
  kind: "cross_sell",
  surfaces: ["cart", "checkout"],
  conditions: [
    { type: "product_in_cart", productIds: [PRODUCT_1] },
    { type: "cart_subtotal", min: "25.00", max: "" },
  ],
  offer: { type: "products", productIds: [PRODUCT_2] },
  discount: { type: "percentage", value: "10" },
  startsAt: "",
  endsAt: "",
};

async function merchant() {
  const shop = uniqueShop();
  await installShop(shop);
  await createShopWithCatalog(shop, { products: 2 });
  const token = await sessionToken(shop);
  const post = (id: string, body: unknown) =>
    editorAction({
      request: adminFetch(`/app/rules/${id}`, token, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      }),
      params: { id },
      context: {},
    });
  const load = (id: string) =>
    editorLoader({ request: adminFetch(`/app/rules/${id}`, token), params: { id }, context: {} });
  const list = () => listLoader({ request: adminFetch("/app/rules", token), params: {}, context: {} });
  return { shop, post, load, list };
}

async function ruleIdFrom(response: unknown): Promise<string> {
  const location = (response as Response).headers.get("Location") ?? "";
  return decodeURIComponent(location.replace(/^\/app\/rules\//, "").replace(/\?.*$/, ""));
}

describe("rules through the editor's action", () => {
  it("creates a rule, stores money in minor units, and lists it", async () => {
    const { shop, post, list } = await merchant();

    const response = await post("new", validRule);

    expect((response as Response).status).toBe(302);
    const stored = await prisma.offerRule.findFirstOrThrow({ where: { shop } });
    expect(stored).toMatchObject({ name: "Complete the set", kind: "cross_sell", priority: 5, active: true });
    expect(stored.conditions).toEqual([
      { type: "product_in_cart", productIds: [PRODUCT_1] },
      { type: "cart_subtotal", minMinor: 2500 },
    ]);
    expect(stored.discount).toEqual({ type: "percentage", value: 10 });
    const { rules } = await list();
    expect(rules.map((r) => [r.rule.name, r.offered])).toEqual([["Complete the set", "Product 2"]]);
  });

  it("edits and then deletes the rule", async () => {
    const { shop, post, load } = await merchant();
    const id = await ruleIdFrom(await post("new", validRule));

    await post(id, { ...validRule, name: "Renamed", active: false, discount: { type: "none" } });
    const edited = await load(id);
    expect(edited.rule).toMatchObject({ id, name: "Renamed", active: false });
    expect(edited.rule?.discount).toBeUndefined();
    expect(edited.selectedProducts.map((p) => p.title).sort()).toEqual(["Product 1", "Product 2"]);

    const deleted = await post(id, { intent: "delete" });
    expect((deleted as Response).headers.get("Location")).toBe("/app/rules");
    expect(await prisma.offerRule.count({ where: { shop } })).toBe(0);
  });

  it.each([
    ["an empty name", { name: " " }, "name"],
    ["no surface", { surfaces: [] }, "surfaces"],
    ["an unknown condition", { conditions: [{ type: "moon_phase" }] }, "conditions.0.type"],
    ["a bad money amount", { conditions: [{ type: "cart_subtotal", min: "12,50" }] }, "conditions.0.min"],
    ["min above max", { conditions: [{ type: "cart_subtotal", min: "50", max: "10" }] }, "conditions.0.max"],
    ["no offered product", { offer: { type: "products", productIds: [] } }, "offer.productIds"],
    ["a 150% discount", { discount: { type: "percentage", value: "150" } }, "discount.value"],
    ["a schedule ending first", { startsAt: "2026-12-02T00:00:00Z", endsAt: "2026-12-01T00:00:00Z" }, "endsAt"],
  ])("refuses %s with a field error and stores nothing", async (_name, change, field) => {
    const { shop, post } = await merchant();

    const response = (await post("new", { ...validRule, ...change })) as {
      data: { errors: Record<string, string> };
      init: ResponseInit;
    };

    expect(response.init.status).toBe(400);
    expect(Object.keys(response.data.errors)).toContain(field);
    expect(await prisma.offerRule.count({ where: { shop } })).toBe(0);
  });

  it("refuses a body that is not JSON with a 400", async () => {
    const { shop, post } = await merchant();

    const response = (await post("new", "not json at all")) as { init: ResponseInit };

    expect(response.init.status).toBe(400);
    expect(await prisma.offerRule.count({ where: { shop } })).toBe(0);
  });

  it("answers 404 for another shop's rule, on load, edit and delete, and leaves it alone", async () => {
    const owner = await merchant();
    const id = await ruleIdFrom(await owner.post("new", validRule));
    const other = await merchant();

    expect((await thrownResponse(() => other.load(id))).status).toBe(404);
    expect((await thrownResponse(() => other.post(id, { ...validRule, name: "Hijacked" }))).status).toBe(404);
    expect((await thrownResponse(() => other.post(id, { intent: "delete" }))).status).toBe(404);
    expect(await prisma.offerRule.findUniqueOrThrow({ where: { id } })).toMatchObject({
      shop: owner.shop,
      name: "Complete the set",
    });
  });
});

describe("the product picker's search", () => {
  it("finds products by title, type or vendor whatever the case, and only the shop's own", async () => {
    const { shop } = await merchant();
    const other = await merchant();
    const token = await sessionToken(shop);
    const search = async (q: string) => {
      const response = await productsLoader({
        request: adminFetch(`/app/api/products?q=${encodeURIComponent(q)}`, token),
        params: {},
        context: {},
      });
      return ((await response.json()) as { products: { title: string }[] }).products.map((p) => p.title);
    };

    expect(await search("product 2")).toEqual(["Product 2"]);
    expect(await search("COFFEE")).toEqual(["Product 1", "Product 2"]);
    expect(await search("")).toEqual(["Product 1", "Product 2"]);
    expect(other.shop).not.toBe(shop);
  });

  it("refuses an over-long query with a JSON 400 naming the field", async () => {
    const { shop } = await merchant();
    const token = await sessionToken(shop);
    const response = await thrownResponse(() =>
      productsLoader({
        request: adminFetch(`/app/api/products?q=${"x".repeat(101)}`, token),
        params: {},
        context: {},
      }),
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { q: "q must be at most 100 characters" } });
  });
});
