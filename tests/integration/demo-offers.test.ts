import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { generateDemoShop, type DemoShopData } from "../../app/demo/seed";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { seedDemoOffers } from "../../app/demo/seed-offers.server";
import { action as previewAction } from "../../app/routes/app.preview";
import { retrainShop } from "../../app/services/recommendations.server";
import { adminFetch, sessionToken } from "../factories/shopify";

let data: DemoShopData;
let token: string;
const id = (handle: string) => data.products.find((p) => p.handle === handle)!.id;

beforeAll(async () => {
  data = generateDemoShop();
  await prisma.shop.deleteMany({ where: { domain: data.shop.domain } });
  await seedDemoDatabase(prisma, data, "read_products", "http://127.0.0.1:3000");
  await retrainShop(data.shop.domain);
  await seedDemoOffers(data);
  token = await sessionToken(data.shop.domain);
});

async function preview(body: unknown) {
  const request = adminFetch("/app/preview", token, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
  const answer = await previewAction({ request, params: {}, context: {} });
  if (!("result" in answer) || !answer.result) throw new Error(`preview failed: ${JSON.stringify(answer)}`);
  return answer.result;
}

describe("the demo shop's offer preview", () => {
  it("shows an upsell for a good-tier product, with the rule as the reason", async () => {
    const result = await preview({
      surface: "product",
      as: { type: "visitor" },
      productId: id("brew-basic"),
      cartProductIds: [],
    });

    expect(result.trace.decisions).toHaveLength(1);
    expect(result.trace.decisions[0]).toMatchObject({
      kind: "upsell",
      productId: id("brew-plus"),
      comparesTo: { productId: id("brew-basic") },
    });
    expect(result.trace.decisions[0]!.reason).toContain("Brew Basic → Brew Plus");
  });

  it("shows cross-sells for a cart with a coffee machine: the merchant's set first, learned complements after", async () => {
    const result = await preview({ surface: "cart", as: { type: "visitor" }, cartProductIds: [id("brew-plus")] });

    const kinds = new Set(result.trace.decisions.map((d) => d.kind));
    expect(kinds).toEqual(new Set(["cross_sell"]));
    expect(result.trace.decisions.length).toBeGreaterThanOrEqual(2);
    expect(result.trace.decisions[0]).toMatchObject({
      productId: id("coffee-pods"),
      discount: { type: "percentage", value: 10 },
    });
    expect(result.trace.decisions.every((d) => d.reason.length > 0)).toBe(true);
  });

  it("shows a cheaper alternative after a removal, and no down-sell before one", async () => {
    const removal = await preview({
      surface: "cart_removal",
      as: { type: "visitor" },
      productId: id("snap-pro"),
      cartProductIds: [id("sd-card")],
    });
    const beforeRemoval = await preview({ surface: "cart", as: { type: "visitor" }, cartProductIds: [id("snap-pro")] });

    expect(removal.trace.decisions).toHaveLength(1);
    const downSell = removal.trace.decisions[0]!;
    expect(downSell.kind).toBe("down_sell");
    expect(data.products.find((p) => p.id === downSell.productId)?.productType).toBe("Cameras");
    expect(downSell.priceDeltaMinor).toBeLessThan(0);
    expect(beforeRemoval.trace.decisions.some((d) => d.kind === "down_sell")).toBe(false);
  });

  it("answers bad questions with field errors", async () => {
    const request = adminFetch("/app/preview", token, {
      method: "POST",
      body: JSON.stringify({ surface: "product", as: { type: "visitor" } }),
    });
    const answer = (await previewAction({ request, params: {}, context: {} })) as unknown as {
      data: { errors: Record<string, string> };
      init: ResponseInit;
    };

    expect(answer.init.status).toBe(400);
    expect(answer.data.errors).toHaveProperty("productId");
  });
});
