import { describe, expect, it } from "vitest";
import { decideOffersWithTrace } from "./decide";
import { indexRules } from "./rule-index";
import { NOW, cartOf, noRandom, offerBase, rule, snapshot } from "./test-fixtures";
import type { Condition, OfferDecision } from "./types";

// In view: Brew Plus (Coffee machine, Brewco, collection "machines", tag "Machine").
// In the cart: Brew Pods (Coffee pods, Podco, "pods", tag "refill") and Brew Mug (Mug, Brewco); $27.00.
const base = {
  context: { item: { productId: "brew-plus" }, ...cartOf("pods", "mug") },
  shopper: { tags: ["Wholesale"] },
  settings: { priceCapPercent: 100 },
};

const descaler: OfferDecision = {
  ...offerBase(),
  offerKey: "cross_sell:descaler",
  kind: "cross_sell",
  productId: "descaler",
  variantId: "descaler-v1",
  title: "Descaler",
  handle: "descaler",
  priceMinor: 900,
  finalPriceMinor: 900,
  ruleId: "r1",
  reason: 'Rule "Descaler" (cross-sell): Descaler at $9.00; Persona New visitor: no earlier persona matched',
};

function decide(conditions: Condition[]) {
  const rules = [rule({ name: "Descaler", conditions, offer: { type: "products", productIds: ["descaler"] } })];
  const { decisions, matchedRuleIds } = decideOffersWithTrace(snapshot({ ...base, rules }), NOW, noRandom);
  // The rule index must agree with the full scan on every condition type.
  const indexed = decideOffersWithTrace(snapshot({ ...base, rules, ruleIndex: indexRules(rules) }), NOW, noRandom);
  expect({ decisions: indexed.decisions, matchedRuleIds: indexed.matchedRuleIds }).toEqual({
    decisions,
    matchedRuleIds,
  });
  return { decisions, matchedRuleIds };
}

describe("rule conditions", () => {
  it.each<{ condition: Condition; holds: boolean }>([
    { condition: { type: "product_in_view", productIds: ["x", "brew-plus"] }, holds: true },
    { condition: { type: "product_in_view", productIds: ["pods"] }, holds: false },
    { condition: { type: "product_in_cart", productIds: ["pods"] }, holds: true },
    { condition: { type: "product_in_cart", productIds: ["brew-plus"] }, holds: false },
    { condition: { type: "variant_in_cart", variantIds: ["mug-v1"] }, holds: true },
    { condition: { type: "variant_in_cart", variantIds: ["brew-plus-v1"] }, holds: false },
    { condition: { type: "collection_in_view", handles: ["machines"] }, holds: true },
    { condition: { type: "collection_in_view", handles: ["pods"] }, holds: false },
    { condition: { type: "collection_in_cart", handles: ["pods"] }, holds: true },
    { condition: { type: "collection_in_cart", handles: ["machines"] }, holds: false },
    { condition: { type: "tag_in_view", tags: ["machine"] }, holds: true },
    { condition: { type: "tag_in_view", tags: ["refill"] }, holds: false },
    { condition: { type: "tag_in_cart", tags: ["REFILL"] }, holds: true },
    { condition: { type: "tag_in_cart", tags: ["machine"] }, holds: false },
    { condition: { type: "product_type_in_view", productTypes: ["Coffee machine"] }, holds: true },
    { condition: { type: "product_type_in_view", productTypes: ["Mug"] }, holds: false },
    { condition: { type: "product_type_in_cart", productTypes: ["Mug"] }, holds: true },
    { condition: { type: "product_type_in_cart", productTypes: ["Coffee machine"] }, holds: false },
    { condition: { type: "vendor_in_view", vendors: ["Brewco"] }, holds: true },
    { condition: { type: "vendor_in_view", vendors: ["Podco"] }, holds: false },
    { condition: { type: "vendor_in_cart", vendors: ["Podco"] }, holds: true },
    { condition: { type: "vendor_in_cart", vendors: ["Nobody"] }, holds: false },
    { condition: { type: "cart_subtotal", minMinor: 2_700 }, holds: true },
    { condition: { type: "cart_subtotal", maxMinor: 2_700 }, holds: true },
    { condition: { type: "cart_subtotal", minMinor: 1_000, maxMinor: 3_000 }, holds: true },
    { condition: { type: "cart_subtotal", minMinor: 2_701 }, holds: false },
    { condition: { type: "cart_subtotal", maxMinor: 2_699 }, holds: false },
    { condition: { type: "persona", personaIds: ["new_visitor"] }, holds: true },
    { condition: { type: "persona", personaIds: ["vip", "b2b"] }, holds: false },
    { condition: { type: "customer_tag", tags: ["wholesale"] }, holds: true },
    { condition: { type: "customer_tag", tags: ["vip"] }, holds: false },
  ])("$condition.type $condition → $holds", ({ condition, holds }) => {
    expect(decide([condition])).toEqual(
      holds ? { decisions: [descaler], matchedRuleIds: ["r1"] } : { decisions: [], matchedRuleIds: [] },
    );
  });

  it("needs every condition to hold; none at all always holds", () => {
    const inView: Condition = { type: "product_in_view", productIds: ["brew-plus"] };
    expect(decide([inView, { type: "vendor_in_cart", vendors: ["Nobody"] }])).toEqual({
      decisions: [],
      matchedRuleIds: [],
    });
    expect(decide([inView, { type: "vendor_in_cart", vendors: ["Podco"] }])).toEqual({
      decisions: [descaler],
      matchedRuleIds: ["r1"],
    });
    expect(decide([])).toEqual({ decisions: [descaler], matchedRuleIds: ["r1"] });
  });

  it("nothing is in view without a context item, and an empty cart has nothing in it", () => {
    const rules = [
      rule({ conditions: [{ type: "collection_in_view", handles: ["machines"] }] }),
      rule({ id: "r2", conditions: [{ type: "product_type_in_cart", productTypes: ["Coffee machine"] }] }),
    ];
    const trace = decideOffersWithTrace(
      snapshot({ rules, context: { cartLines: [], cartSubtotalMinor: 0 } }),
      NOW,
      noRandom,
    );
    expect(trace.matchedRuleIds).toEqual([]);
  });

  it("refuses an unknown condition type with invalid_rule", () => {
    const bogus = { type: "moon_phase", phases: ["full"] } as unknown as Condition;
    expect(() => decide([bogus])).toThrow(expect.objectContaining({ code: "invalid_rule" }));
  });
});
