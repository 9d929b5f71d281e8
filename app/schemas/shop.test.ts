import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shopDetailsResponse } from "./shop";

const recorded = JSON.parse(readFileSync(path.resolve("tests/fixtures/admin-api/shop-details.json"), "utf8"));

function withShop(overrides: Record<string, unknown>) {
  return { ...recorded, data: { shop: { ...recorded.data.shop, ...overrides } } };
}

describe("shopDetailsResponse", () => {
  it("reads the recorded answer into what the Shop row stores", () => {
    expect(shopDetailsResponse.parse(recorded)).toEqual({
      name: "Fixture Coffee & Cameras",
      currency: "USD",
      presentmentCurrencies: ["USD", "CAD", "EUR"],
      timezone: "America/New_York",
      moneyFormat: "${{amount}}",
      primaryDomain: "fixture-coffee.example.com",
      planName: "Development",
      developmentStore: true,
    });
  });

  it("puts the shop's own currency first among the presentment currencies, once", () => {
    const body = withShop({ currencyCode: "JPY", enabledPresentmentCurrencies: ["USD", "JPY", "EUR", "USD"] });

    expect(shopDetailsResponse.parse(body).presentmentCurrencies).toEqual(["JPY", "USD", "EUR"]);
  });

  it("adds the shop's currency when Shopify lists only the others", () => {
    const body = withShop({ currencyCode: "EUR", enabledPresentmentCurrencies: ["USD"] });

    expect(shopDetailsResponse.parse(body).presentmentCurrencies).toEqual(["EUR", "USD"]);
  });

  it.each([
    ["no currency", { currencyCode: undefined }],
    ["a currency that is not ISO 4217", { currencyCode: "yen" }],
    ["a time zone this server does not know", { ianaTimezone: "Mars/Olympus_Mons" }],
    ["no plan", { plan: null }],
    ["the deprecated plan name only", { plan: { partnerDevelopment: false, displayName: "Basic" } }],
    ["no primary domain", { primaryDomain: null }],
  ])("refuses an answer with %s", (_case, overrides) => {
    expect(shopDetailsResponse.safeParse(withShop(overrides)).success).toBe(false);
  });

  it("refuses an answer with errors and no data (e.g. a missing scope)", () => {
    const body = { errors: [{ message: "Access denied for shop field." }], data: null };

    expect(shopDetailsResponse.safeParse(body).success).toBe(false);
  });
});
