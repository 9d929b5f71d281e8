import { describe, expect, it } from "vitest";
import { decideOffersWithTrace } from "./decide";
import { buildFacts } from "./facts";
import { builtInPersonas, matchPersona } from "./personas";
import {
  NOW,
  cartOf,
  noRandom,
  offerBase,
  proUpsellOnPage,
  recs,
  snapshot,
  type SnapshotOverrides,
} from "./test-fixtures";
import type { OfferDecision, Persona, PersonaCondition } from "./types";

function personaOf(overrides: SnapshotOverrides) {
  const snap = snapshot(overrides);
  return matchPersona(snap.personas, buildFacts(snap, NOW))?.match ?? null;
}

describe("built-in personas", () => {
  it.each<{ name: string; overrides: SnapshotOverrides; expected: string }>([
    {
      name: "B2B",
      overrides: { shopper: { b2bCompany: "Acme Ltd" } },
      expected: "b2b: Persona B2B buyer: buys for Acme Ltd",
    },
    {
      name: "B2B before VIP",
      overrides: { shopper: { b2bCompany: "Acme Ltd", totalSpentMinor: 500_000, orderCount: 9 } },
      expected: "b2b: Persona B2B buyer: buys for Acme Ltd",
    },
    {
      name: "VIP",
      overrides: { shopper: { totalSpentMinor: 123_400, orderCount: 7 } },
      expected: "vip: Persona VIP: spent $1,234.00 over 7 orders",
    },
    {
      name: "VIP at exactly 100,000 minor",
      overrides: { shopper: { totalSpentMinor: 100_000, orderCount: 1 } },
      expected: "vip: Persona VIP: spent $1,000.00 over 1 order",
    },
    {
      name: "VIP before bargain hunter",
      overrides: { shopper: { totalSpentMinor: 150_000, orderCount: 2, removedProductIds: ["mug"] } },
      expected: "vip: Persona VIP: spent $1,500.00 over 2 orders",
    },
    {
      name: "bargain hunter (removed items) before returning customer",
      overrides: { shopper: { orderCount: 2, totalSpentMinor: 5_000, removedProductIds: ["mug", "pods"] } },
      expected: "bargain_hunter: Persona Bargain hunter: removed 2 items this session",
    },
    {
      name: "bargain hunter (browsed a cheaper machine than the one in view)",
      overrides: {
        context: { item: { productId: "brew-plus" } },
        shopper: { recentlyViewedProductIds: ["brew-mini"] },
      },
      expected: "bargain_hunter: Persona Bargain hunter: viewed the cheaper Brew Mini after Brew Plus",
    },
    {
      name: "bargain hunter (browsed a cheaper machine than the one in the cart)",
      overrides: { shopper: { recentlyViewedProductIds: ["descaler", "brew-mini"] } },
      expected: "bargain_hunter: Persona Bargain hunter: viewed the cheaper Brew Mini after Brew Plus",
    },
    {
      name: "not a bargain hunter: viewed a pricier machine and another type",
      overrides: { shopper: { recentlyViewedProductIds: ["brew-pro", "descaler", "unknown"] } },
      expected: "new_visitor: Persona New visitor: no earlier persona matched",
    },
    {
      name: "returning customer",
      overrides: { shopper: { customerId: "c1", orderCount: 3, totalSpentMinor: 99_999 } },
      expected: "returning: Persona Returning customer: 3 orders",
    },
    {
      name: "new visitor (fallback), also for an account with no orders",
      overrides: { shopper: { customerId: "c1" } },
      expected: "new_visitor: Persona New visitor: no earlier persona matched",
    },
  ])("$name", ({ overrides, expected }) => {
    const match = personaOf(overrides);
    expect(match && `${match.personaId}: ${match.explanation}`).toBe(expected);
  });
});

describe("persona conditions and order", () => {
  const everyone: Persona = { ...builtInPersonas()[4], id: "everyone", name: "Everyone", builtIn: false };
  const custom = (conditions: PersonaCondition[]): Persona[] => [
    { ...everyone, id: "custom", name: "Custom", conditions },
    everyone,
  ];

  it.each<{ conditions: PersonaCondition[]; overrides?: SnapshotOverrides; expected: string }>([
    {
      conditions: [{ type: "customer_tag", tags: ["x", "VIP"] }],
      overrides: { shopper: { tags: ["vip"] } },
      expected: 'custom: Persona Custom: tagged "VIP"',
    },
    { conditions: [{ type: "customer_tag", tags: ["vip"] }], expected: "everyone" },
    {
      conditions: [{ type: "order_count", min: 2, max: 4 }],
      overrides: { shopper: { orderCount: 4 } },
      expected: "custom: Persona Custom: 4 orders",
    },
    {
      conditions: [{ type: "order_count", min: 2, max: 4 }],
      overrides: { shopper: { orderCount: 5 } },
      expected: "everyone",
    },
    {
      conditions: [{ type: "total_spent", maxMinor: 5_000 }],
      overrides: { shopper: { totalSpentMinor: 5_000, orderCount: 2 } },
      expected: "custom: Persona Custom: spent $50.00 over 2 orders",
    },
    {
      conditions: [{ type: "total_spent", minMinor: 5_001 }],
      overrides: { shopper: { totalSpentMinor: 5_000 } },
      expected: "everyone",
    },
    {
      conditions: [{ type: "b2b" }],
      overrides: { shopper: { b2bCompany: "Acme" } },
      expected: "custom: Persona Custom: buys for Acme",
    },
    { conditions: [{ type: "b2b" }], overrides: { shopper: { b2bCompany: null } }, expected: "everyone" },
    {
      conditions: [{ type: "country", countries: ["CA", "US"] }],
      overrides: { shopper: { country: "CA" } },
      expected: "custom: Persona Custom: in CA",
    },
    {
      conditions: [{ type: "country", countries: ["CA"] }],
      overrides: { shopper: { country: "FR" } },
      expected: "everyone",
    },
    { conditions: [{ type: "country", countries: ["CA"] }], expected: "everyone" },
    {
      conditions: [{ type: "cart_value", minMinor: 30_000, maxMinor: 30_000 }],
      expected: "custom: Persona Custom: cart at $300.00",
    },
    { conditions: [{ type: "cart_value", minMinor: 30_001 }], expected: "everyone" },
    {
      conditions: [{ type: "behaviour", anyOf: ["browsed_cheaper", "removed_items"] }],
      overrides: { shopper: { removedProductIds: ["mug"] } },
      expected: "custom: Persona Custom: removed 1 item this session",
    },
    { conditions: [{ type: "behaviour", anyOf: ["removed_items"] }], expected: "everyone" },
    { conditions: [{ type: "new_visitor" }], expected: "custom: Persona Custom: no account and no orders" },
    { conditions: [{ type: "new_visitor" }], overrides: { shopper: { customerId: "c1" } }, expected: "everyone" },
    {
      conditions: [{ type: "new_visitor" }, { type: "country", countries: ["CA"] }],
      overrides: { shopper: { country: "CA" } },
      expected: "custom: Persona Custom: no account and no orders, in CA",
    },
    { conditions: [{ type: "new_visitor" }, { type: "country", countries: ["CA"] }], expected: "everyone" },
  ])("$conditions → $expected", ({ conditions, overrides, expected }) => {
    const match = personaOf({ ...overrides, personas: custom(conditions) });
    expect(match?.personaId === "custom" ? `custom: ${match.explanation}` : match?.personaId).toBe(expected);
  });

  it("first match wins: a merchant persona placed before the built-ins takes precedence", () => {
    const canada: Persona = {
      ...everyone,
      id: "canada",
      name: "Canada",
      conditions: [{ type: "country", countries: ["CA"] }],
    };
    const shopper = { country: "CA", b2bCompany: "Acme" };
    expect(personaOf({ shopper, personas: [canada, ...builtInPersonas()] })?.personaId).toBe("canada");
    expect(personaOf({ shopper, personas: [...builtInPersonas(), canada] })?.personaId).toBe("b2b");
  });

  it("no personas: nobody matches and the new-visitor techniques apply", () => {
    const trace = decideOffersWithTrace(
      snapshot({ personas: [], recommendations: recs({ cross_sell: ["pods:1"], upsell: ["brew-pro:1"] }) }),
      NOW,
      noRandom,
    );
    expect(trace.persona).toBeNull();
    expect(trace.decisions).toEqual([
      {
        ...offerBase(),
        personaId: null,
        offerKey: "cross_sell:pods",
        kind: "cross_sell",
        productId: "pods",
        variantId: "pods-v1",
        title: "Brew Pods",
        handle: "pods",
        priceMinor: 1_200,
        finalPriceMinor: 1_200,
        score: 1,
        reason: "Automatic cross-sell: Brew Pods at $12.00; signal pods",
      },
    ]);
  });

  it("refuses an unknown persona condition with invalid_persona", () => {
    const broken = custom([{ type: "zodiac" } as unknown as PersonaCondition]);
    expect(() => personaOf({ personas: broken })).toThrow(expect.objectContaining({ code: "invalid_persona" }));
  });
});

describe("persona techniques on the cart", () => {
  const lists = recs({ upsell: ["brew-pro:0.9"], cross_sell: ["pods:0.8"], down_sell: ["brew-mini:0.7"] });
  const proUpsell = (personaId: string, explanation: string): OfferDecision =>
    proUpsellOnPage({ surface: "cart", score: 0.9, personaId, explanation });
  const pods = (personaId: string, explanation: string): OfferDecision => ({
    ...offerBase(),
    personaId,
    offerKey: "cross_sell:pods",
    kind: "cross_sell",
    productId: "pods",
    variantId: "pods-v1",
    title: "Brew Pods",
    handle: "pods",
    priceMinor: 1_200,
    finalPriceMinor: 1_200,
    score: 0.8,
    reason: `Automatic cross-sell: Brew Pods at $12.00; signal pods; ${explanation}`,
  });

  it.each<{ name: string; overrides: SnapshotOverrides; expected: OfferDecision[] }>([
    {
      name: "new visitor: cross-sell only",
      overrides: {},
      expected: [pods("new_visitor", "Persona New visitor: no earlier persona matched")],
    },
    {
      name: "B2B buyer: upsell only",
      overrides: { shopper: { b2bCompany: "Acme" } },
      expected: [proUpsell("b2b", "Persona B2B buyer: buys for Acme")],
    },
    {
      name: "VIP: upsell first, then cross-sell",
      overrides: { shopper: { totalSpentMinor: 200_000, orderCount: 4 } },
      expected: [
        proUpsell("vip", "Persona VIP: spent $2,000.00 over 4 orders"),
        pods("vip", "Persona VIP: spent $2,000.00 over 4 orders"),
      ],
    },
    {
      name: "returning customer: cross-sell first, then upsell",
      overrides: { shopper: { orderCount: 1, totalSpentMinor: 30_000 } },
      expected: [
        pods("returning", "Persona Returning customer: 1 order"),
        proUpsell("returning", "Persona Returning customer: 1 order"),
      ],
    },
    {
      name: "bargain hunter: no upsell; no down-sell before a rejection",
      overrides: { context: cartOf("brew-plus"), shopper: { removedProductIds: ["mug"] } },
      expected: [pods("bargain_hunter", "Persona Bargain hunter: removed 1 item this session")],
    },
  ])("$name", ({ overrides, expected }) => {
    expect(decideOffersWithTrace(snapshot({ ...overrides, recommendations: lists }), NOW, noRandom).decisions).toEqual(
      expected,
    );
  });
});
