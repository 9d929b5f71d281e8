import { describe, expect, it } from "vitest";
import { buildOfferDiscountConfig, DISCOUNT_CONFIG_MAX_BYTES, serializeOfferDiscountConfig } from "./discount-config";
import type { Rule } from "./types";

const KEY = "a".repeat(43);

function rule(id: string, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `Rule ${id}`,
    active: true,
    priority: 0,
    kind: "cross_sell",
    surfaces: ["cart"],
    conditions: [],
    offer: { type: "automatic" },
    ...extra,
  };
}

describe("buildOfferDiscountConfig", () => {
  it("lists every active rule with a discount, fixed amounts as decimals in the shop's currency", () => {
    const rules = [
      rule("pct", { discount: { type: "percentage", value: 12.5 } }),
      rule("fixed", { discount: { type: "fixed_amount", amountMinor: 500 } }),
      rule("none"),
      rule("off", { active: false, discount: { type: "percentage", value: 50 } }),
    ];
    expect(buildOfferDiscountConfig(KEY, rules, "USD")).toEqual({
      v: 1,
      key: KEY,
      rules: {
        pct: { type: "percentage", value: 12.5, message: "Offer: 12.5% off" },
        fixed: { type: "fixed", amount: "5.00", message: "Offer: $5.00 off" },
      },
    });
  });

  it.each([
    ["JPY", 756, "756"],
    ["KWD", 1250, "1.250"],
    ["USD", 5, "0.05"],
  ])("writes %s %i minor units as %s", (currency, amountMinor, amount) => {
    const config = buildOfferDiscountConfig(
      KEY,
      [rule("f", { discount: { type: "fixed_amount", amountMinor } })],
      currency,
    );
    expect(config.rules.f).toMatchObject({ type: "fixed", amount });
  });

  it("refuses a configuration over Shopify's metafield limit instead of writing it", () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      rule(`rule-${"x".repeat(20)}-${i}`, { discount: { type: "percentage", value: 10 } }),
    );
    expect(() => buildOfferDiscountConfig(KEY, many, "USD")).toThrow(/over Shopify's 10,000/);
    const fits = many.slice(0, 50);
    expect(JSON.stringify(buildOfferDiscountConfig(KEY, fits, "USD")).length).toBeLessThan(DISCOUNT_CONFIG_MAX_BYTES);
  });
});

describe("serializeOfferDiscountConfig", () => {
  it("writes the same bytes for the same rules in any order, and parses back to the configuration", () => {
    const a = rule("a", { discount: { type: "percentage", value: 10 } });
    const b = rule("b", { discount: { type: "fixed_amount", amountMinor: 250 } });
    const config = buildOfferDiscountConfig(KEY, [b, a], "EUR");

    const value = serializeOfferDiscountConfig(config);

    expect(value).toBe(serializeOfferDiscountConfig(buildOfferDiscountConfig(KEY, [a, b], "EUR")));
    expect(value).toBe(
      `{"v":1,"key":"${KEY}","rules":{"a":{"type":"percentage","value":10,"message":"Offer: 10% off"},` +
        `"b":{"type":"fixed","amount":"2.50","message":"Offer: €2.50 off"}}}`,
    );
    expect(JSON.parse(value)).toEqual(config);
  });
});
