import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server";
import { generateDemoShop, type DemoShopData } from "../../app/demo/seed";
import { seedDemoDatabase } from "../../app/demo/seed-database.server";
import { seedDemoOffers } from "../../app/demo/seed-offers.server";
import { isInHoldout } from "../../app/domain/offers";
import { loader } from "../../app/routes/proxy.offers";
import { retrainShop } from "../../app/services/recommendations.server";
import { signedProxyRequest } from "../factories/proxy";

let data: DemoShopData;
const numeric = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
const product = (handle: string) => data.products.find((p) => p.handle === handle)!;
const variantOf = (handle: string) => numeric(product(handle).variants[0]!.id);
// A shopper outside the demo's 5% holdout.
const SID = Array.from({ length: 50 }, (_, i) => `demo-shopper-${i}`).find(
  (id) => !isInHoldout(id, { holdoutPercent: 5 }),
)!;

beforeAll(async () => {
  data = generateDemoShop();
  await prisma.shop.deleteMany({ where: { domain: data.shop.domain } });
  await seedDemoDatabase(prisma, data, "read_products", "http://127.0.0.1:3000");
  await retrainShop(data.shop.domain);
  await seedDemoOffers(data);
});

async function offers(params: Record<string, string>) {
  const response = await loader({
    request: signedProxyRequest("offers", data.shop.domain, { sid: SID, ...params }),
    params: {},
    context: {},
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { offers: { kind: string; handle: string; reason: string; features: string[] }[] })
    .offers;
}

describe("the demo storefront's offers, through the app proxy", () => {
  it("upgrades Brew Basic to Brew Plus on its product page, saying what Brew Plus adds", async () => {
    const found = await offers({
      surface: "product",
      product: numeric(product("brew-basic").id),
      variant: variantOf("brew-basic"),
    });

    expect(found.filter((o) => o.kind === "upsell").map((o) => [o.handle, o.reason, o.features])).toEqual([
      ["brew-plus", "rule", ["15-bar espresso pump", "Steam wand for lattes and cappuccinos"]],
    ]);
  });

  it("offers cross-sells for a coffee machine in the cart", async () => {
    const found = await offers({ surface: "cart", lines: `${variantOf("brew-plus")}:1` });

    expect(found.length).toBeGreaterThan(0);
    expect(found.every((o) => o.kind === "cross_sell")).toBe(true);
  });

  it("suggests a cheaper alternative after a removal", async () => {
    const found = await offers({
      surface: "cart_removal",
      removed: `${variantOf("brew-plus")}:1`,
      lines: `${variantOf("descaler")}:1`,
    });

    expect(found.map((o) => o.kind)).toEqual(["down_sell"]);
  });
});
