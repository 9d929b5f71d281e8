import { describe, expect, it } from "vitest";
import { validateRule } from "./rules";
import {
  NEW_VISITOR,
  NOW,
  coffeeCatalog,
  crossOffer,
  offerBase,
  onProductPage,
  product,
  proUpsellOnPage,
  recs,
  rule,
  trace,
  variant,
} from "./test-fixtures";
import type { Discount, OfferDecision, Rule, Schedule } from "./types";

const at = (ms: number) => new Date(NOW.getTime() + ms);
const fromRule = (
  d: OfferDecision,
  name: string,
  ruleId = "r1",
  extra: Partial<OfferDecision> = {},
): OfferDecision => ({
  ...d,
  ruleId,
  score: 0,
  reason: d.reason.replace(/^Automatic cross-sell/, `Rule "${name}" (cross-sell)`).replace(/; signal [\w-]+/, ""),
  ...extra,
});
const PODS_RULE = fromRule(crossOffer("pods", "Brew Pods", 1_200, 0), "Pods with machines");

describe("schedule", () => {
  it.each<{ name: string; schedule: Schedule | undefined; shown: boolean }>([
    { name: "no schedule", schedule: undefined, shown: true },
    { name: "starts now (inclusive)", schedule: { startsAt: NOW }, shown: true },
    { name: "starts in 1 ms", schedule: { startsAt: at(1) }, shown: false },
    { name: "ends now (exclusive)", schedule: { endsAt: NOW.toISOString() }, shown: false },
    { name: "ends in 1 ms", schedule: { endsAt: at(1).toISOString() }, shown: true },
    {
      name: "window around now",
      schedule: { startsAt: "2026-03-01T00:00:00Z", endsAt: "2026-04-01T00:00:00Z" },
      shown: true,
    },
    {
      name: "window in the past",
      schedule: { startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z" },
      shown: false,
    },
  ])("$name → shown: $shown", ({ schedule, shown }) => {
    expect(trace({ rules: [rule({ schedule })] })).toEqual({ decisions: shown ? [PODS_RULE] : [], rejected: [] });
  });
});

describe("rule selection", () => {
  it("skips inactive rules and rules for other surfaces", () => {
    expect(trace({ rules: [rule({ active: false }), rule({ id: "r2", surfaces: ["checkout", "product"] })] })).toEqual({
      decisions: [],
      rejected: [],
    });
  });

  it("orders by priority, then rule id, whatever the input order", () => {
    const rules: Rule[] = [
      rule({ id: "low", name: "Low", priority: 1, offer: { type: "products", productIds: ["mug"] } }),
      rule({ id: "b", name: "B", priority: 3, offer: { type: "products", productIds: ["warranty"] } }),
      rule({ id: "high", name: "High", priority: 5, offer: { type: "products", productIds: ["pods"] } }),
      rule({ id: "a", name: "A", priority: 3, offer: { type: "products", productIds: ["descaler"] } }),
    ];
    const settings = { priceCapPercent: 100, maxOffersPerSurface: { cart: 4 } };
    expect(trace({ rules, settings }).decisions).toEqual([
      fromRule(crossOffer("pods", "Brew Pods", 1_200, 0), "High", "high"),
      fromRule(crossOffer("descaler", "Descaler", 900, 0), "A", "a"),
      fromRule(crossOffer("warranty", "2-year warranty", 4_500, 0), "B", "b"),
      fromRule(crossOffer("mug", "Brew Mug", 1_500, 0), "Low", "low"),
    ]);
  });

  it("a matching rule replaces the automatic fallback", () => {
    expect(trace({ rules: [rule()], recommendations: recs({ cross_sell: ["mug:0.9"] }) }).decisions).toEqual([
      PODS_RULE,
    ]);
  });

  it("rule products carry the recommendation score and signal when the list has them", () => {
    expect(trace({ rules: [rule()], recommendations: recs({ cross_sell: ["pods:0.8"] }) }).decisions).toEqual([
      {
        ...PODS_RULE,
        score: 0.8,
        reason: `Rule "Pods with machines" (cross-sell): Brew Pods at $12.00; signal pods; ${NEW_VISITOR}`,
      },
    ]);
  });

  it("automatic rules walk the recommendation list past rejected candidates, up to their limit", () => {
    const auto = (limit?: number) => rule({ name: "Auto", offer: { type: "automatic", limit } });
    const lists = recs({ cross_sell: ["brew-plus:0.9", "pods:0.8", "mug:0.7"] });
    const viaRule = (d: OfferDecision) => ({
      ...d,
      ruleId: "r1",
      reason: d.reason.replace("Automatic cross-sell", 'Rule "Auto" (cross-sell, automatic)'),
    });
    const inCart = {
      productId: "brew-plus",
      kind: "cross_sell",
      ruleId: "r1",
      guardrail: "in_cart",
      reason: "Already in the cart",
    };
    expect(trace({ rules: [auto(1)], recommendations: lists })).toEqual({
      decisions: [viaRule(crossOffer("pods", "Brew Pods", 1_200, 0.8))],
      rejected: [inCart],
    });
    expect(trace({ rules: [auto()], recommendations: lists })).toEqual({
      decisions: [
        viaRule(crossOffer("pods", "Brew Pods", 1_200, 0.8)),
        viaRule(crossOffer("mug", "Brew Mug", 1_500, 0.7)),
      ],
      rejected: [inCart],
    });
  });

  it("automatic lists: equal scores go by product id, and an unsorted list is ranked", () => {
    expect(trace({ recommendations: recs({ cross_sell: ["pods:0.5", "mug:0.5", "descaler:0.5"] }) }).decisions).toEqual(
      [
        crossOffer("descaler", "Descaler", 900, 0.5),
        crossOffer("mug", "Brew Mug", 1_500, 0.5),
        crossOffer("pods", "Brew Pods", 1_200, 0.5),
      ],
    );
    expect(trace({ recommendations: recs({ cross_sell: ["mug:0.1", "pods:0.9"] }) }).decisions).toEqual([
      crossOffer("pods", "Brew Pods", 1_200, 0.9),
      crossOffer("mug", "Brew Mug", 1_500, 0.1),
    ]);
  });

  it("pinned variants: the rule's variant is offered; sold out means out of stock", () => {
    const catalog = {
      ...coffeeCatalog(),
      pods: product("pods", "Brew Pods", "Coffee pods", 1_200, {
        variants: [
          variant("pods-v1", 1_200),
          variant("pods-xl", 2_000),
          variant("pods-gone", 900, { availableForSale: false }),
        ],
      }),
    };
    const pinned = (variantIds: string[]) => rule({ offer: { type: "products", productIds: ["pods"], variantIds } });
    expect(trace({ catalog, rules: [pinned(["pods-xl", "mug-v1"])] }).decisions).toEqual([
      {
        ...PODS_RULE,
        variantId: "pods-xl",
        priceMinor: 2_000,
        finalPriceMinor: 2_000,
        reason: `Rule "Pods with machines" (cross-sell): Brew Pods at $20.00; ${NEW_VISITOR}`,
      },
    ]);
    expect(trace({ catalog, rules: [pinned(["pods-gone"])] })).toEqual({
      decisions: [],
      rejected: [
        {
          productId: "pods",
          kind: "cross_sell",
          ruleId: "r1",
          guardrail: "out_of_stock",
          reason: "No variant is available for sale",
        },
      ],
    });
  });
});

describe("discounts", () => {
  const catalog = {
    ...coffeeCatalog(),
    odd: product("odd", "Odd", "Extra", 999),
    big: product("big", "Big", "Extra", 8_000),
  };
  const deal = (productId: string, discount: Discount) =>
    rule({ name: "Deal", discount, offer: { type: "products", productIds: [productId] } });
  const expected = (
    id: string,
    title: string,
    priceMinor: number,
    discount: Discount,
    finalPriceMinor: number,
    text: string,
  ) => ({
    ...offerBase(),
    offerKey: `cross_sell:${id}`,
    kind: "cross_sell",
    productId: id,
    variantId: `${id}-v1`,
    title,
    handle: id,
    priceMinor,
    discount,
    finalPriceMinor,
    ruleId: "r1",
    reason: `Rule "Deal" (cross-sell): ${title} at ${text}; ${NEW_VISITOR}`,
  });

  it.each<{ id: string; title: string; price: number; discount: Discount; final: number; text: string }>([
    {
      id: "odd",
      title: "Odd",
      price: 999,
      discount: { type: "percentage", value: 50 },
      final: 500,
      text: "$5.00 with 50% off",
    },
    {
      id: "pods",
      title: "Brew Pods",
      price: 1_200,
      discount: { type: "percentage", value: 15 },
      final: 1_020,
      text: "$10.20 with 15% off",
    },
    {
      id: "mug",
      title: "Brew Mug",
      price: 1_500,
      discount: { type: "percentage", value: 33.33 },
      final: 1_000,
      text: "$10.00 with 33.33% off",
    },
    {
      id: "pods",
      title: "Brew Pods",
      price: 1_200,
      discount: { type: "fixed_amount", amountMinor: 200 },
      final: 1_000,
      text: "$10.00 with $2.00 off",
    },
    // The cap counts the discounted price: $72.00 fits under $75.00 where $80.00 would not.
    {
      id: "big",
      title: "Big",
      price: 8_000,
      discount: { type: "percentage", value: 10 },
      final: 7_200,
      text: "$72.00 with 10% off",
    },
  ])("$id with $discount → $final", ({ id, title, price, discount, final, text }) => {
    expect(trace({ catalog, rules: [deal(id, discount)] })).toEqual({
      decisions: [expected(id, title, price, discount, final, text)],
      rejected: [],
    });
  });

  it("an upsell's delta is what the shopper pays extra after the discount", () => {
    const upsell = rule({
      kind: "upsell",
      name: "Upgrade",
      surfaces: ["product"],
      discount: { type: "percentage", value: 10 },
      offer: { type: "products", productIds: ["brew-pro"] },
    });
    expect(trace({ ...onProductPage("brew-plus"), rules: [upsell] }).decisions).toEqual([
      {
        ...proUpsellOnPage(),
        score: 0,
        ruleId: "r1",
        discount: { type: "percentage", value: 10 },
        finalPriceMinor: 32_400,
        priceDeltaMinor: 2_400,
        reason: `Rule "Upgrade" (upsell): premium Brew Pro instead of Brew Plus, +$24.00 with 10% off; ${NEW_VISITOR}`,
      },
    ]);
  });
});

describe("invalid rules", () => {
  // The engine validates the rules it selects; a rule that cannot match now is caught on save.
  it.each<{ name: string; patch: Partial<Rule>; selected: boolean }>([
    { name: "percentage 0", patch: { discount: { type: "percentage", value: 0 } }, selected: true },
    { name: "percentage over 100", patch: { discount: { type: "percentage", value: 150 } }, selected: true },
    { name: "fixed amount 0", patch: { discount: { type: "fixed_amount", amountMinor: 0 } }, selected: true },
    { name: "automatic limit 0", patch: { offer: { type: "automatic", limit: 0 } }, selected: true },
    { name: "no products", patch: { offer: { type: "products", productIds: [] } }, selected: true },
    { name: "unreadable schedule", patch: { schedule: { startsAt: "soon" } }, selected: true },
    { name: "unknown kind", patch: { kind: "bundle" as Rule["kind"] }, selected: true },
    {
      name: "subtotal range upside down",
      patch: { conditions: [{ type: "cart_subtotal", minMinor: 10, maxMinor: 5 }] },
      selected: false,
    },
    {
      name: "schedule ends before it starts",
      patch: { schedule: { startsAt: at(-1), endsAt: at(-2) } },
      selected: false,
    },
  ])("$name → invalid_rule", ({ patch, selected }) => {
    const bad = rule(patch);
    const error = expect.objectContaining({ code: "invalid_rule", details: { ruleId: "r1" } });
    expect(() => validateRule(bad)).toThrow(error);
    if (selected) expect(() => trace({ rules: [bad] })).toThrow(error);
    else expect(trace({ rules: [bad] })).toEqual({ decisions: [], rejected: [] });
  });
});
