import { describe, expect, it } from "vitest";
import { createRng, randomInt } from "../recommendations/rng";
import { buildFacts } from "./facts";
import { indexRules } from "./rule-index";
import { selectRules } from "./rules";
import { NOW, cartOf, rule, snapshot } from "./test-fixtures";
import type { Condition, Rule, Surface } from "./types";

const SURFACES: Surface[] = ["product", "cart", "cart_removal", "checkout", "thank_you"];
const PRODUCTS = ["brew-mini", "brew-plus", "brew-pro", "pods", "descaler", "mug", "warranty"];

function randomCondition(random: () => number): Condition {
  const some = <T>(values: T[]): T[] => values.filter(() => random() < 0.3);
  switch (randomInt(random, 9)) {
    case 0:
      return { type: "product_in_cart", productIds: some(PRODUCTS) };
    case 1:
      return { type: "product_in_view", productIds: some(PRODUCTS) };
    case 2:
      return { type: "collection_in_cart", handles: some(["machines", "pods", "care"]) };
    case 3:
      return { type: "tag_in_view", tags: some(["MACHINE", "refill"]) };
    case 4:
      return { type: "product_type_in_cart", productTypes: some(["Coffee machine", "Mug", "Care"]) };
    case 5:
      return { type: "vendor_in_view", vendors: some(["Brewco", "Podco"]) };
    case 6:
      return { type: "persona", personaIds: some(["vip", "new_visitor", "returning"]) };
    case 7:
      return { type: "customer_tag", tags: some(["Wholesale", "vip"]) };
    default:
      return { type: "cart_subtotal", minMinor: randomInt(random, 40_000) };
  }
}

function randomRules(random: () => number, count: number): Rule[] {
  return Array.from({ length: count }, (_, i) =>
    rule({
      id: `r${i}`,
      active: random() < 0.9,
      priority: randomInt(random, 4),
      surfaces: SURFACES.filter(() => random() < 0.5),
      conditions: Array.from({ length: randomInt(random, 3) }, () => randomCondition(random)),
    }),
  );
}

describe("rule index", () => {
  it("selects exactly the rules a full scan selects, on random rules and contexts", () => {
    const random = createRng(11);
    let matched = 0;
    for (let round = 0; round < 200; round++) {
      const rules = randomRules(random, 40);
      const index = indexRules(rules);
      const snap = snapshot({
        surface: SURFACES[round % SURFACES.length],
        rules,
        context: { item: { productId: PRODUCTS[randomInt(random, PRODUCTS.length)] }, ...cartOf("pods", "brew-plus") },
        shopper: { tags: round % 2 ? ["wholesale"] : [], orderCount: round % 3 },
      });
      const facts = buildFacts(snap, NOW);
      const personaId = round % 3 ? "returning" : "new_visitor";
      const scanned = selectRules(rules, facts, personaId).map((r) => r.id);
      expect(selectRules(rules, facts, personaId, index).map((r) => r.id)).toEqual(scanned);
      matched += scanned.length;
    }
    // Not vacuous: a fair share of the random rules match.
    expect(matched).toBeGreaterThan(400);
  });

  it("files rules without a lookup condition where every decision evaluates them", () => {
    const rules = [
      rule({ id: "none" }),
      rule({ id: "subtotal", conditions: [{ type: "cart_subtotal", minMinor: 1 }] }),
      rule({ id: "inactive", active: false }),
      rule({ id: "pods", conditions: [{ type: "product_in_cart", productIds: ["pods"] }] }),
    ];
    const index = indexRules(rules);
    expect(index.bySurface.cart.always.map((r) => r.id)).toEqual(["none", "subtotal"]);
    expect([...index.bySurface.cart.byField.keys()]).toEqual(["cart_product"]);
    expect(index.bySurface.checkout.always).toEqual([]);
  });

  it("refuses an index built from another rules array", () => {
    const rules = [rule()];
    const snap = snapshot({ rules, ruleIndex: indexRules([...rules]) });
    expect(() => selectRules(rules, buildFacts(snap, NOW), null, snap.ruleIndex)).toThrow(
      expect.objectContaining({ code: "invalid_snapshot" }),
    );
  });
});
