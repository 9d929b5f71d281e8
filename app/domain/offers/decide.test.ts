import { describe, expect, it } from "vitest";
import { createRng } from "../recommendations/rng";
import { decideOffers, decideOffersWithTrace } from "./decide";
import { parseIsoUtc } from "./facts";
import { fnv1a32, isInHoldout } from "./holdout";
import { builtInPersonas } from "./personas";
import { DEFAULT_SETTINGS } from "./settings";
import { NEW_VISITOR, NOW, crossOffer, noRandom, product, recs, rule, shopper, snapshot, trace } from "./test-fixtures";
import type { DecisionTrace, OfferSnapshot, Surface } from "./types";

const EMPTY = (surface: Surface): OfferSnapshot => ({
  surface,
  context: { cartLines: [], cartSubtotalMinor: 0, currency: "USD" },
  shopper: shopper(),
  rules: [],
  personas: [],
  catalog: {},
  recommendations: { upsell: [], cross_sell: [], down_sell: [] },
});
const NOTHING: DecisionTrace = { decisions: [], rejected: [], persona: null, holdout: false, matchedRuleIds: [] };

describe("decideOffers", () => {
  it("the whole decision for a VIP on the product page, from a merchant rule", () => {
    const snap = snapshot({
      ...{ surface: "product", context: { item: { productId: "brew-plus", variantId: "brew-plus-v1" } } },
      shopper: { id: "gid://shopify/Customer/7", customerId: "7", orderCount: 7, totalSpentMinor: 123_400 },
      rules: [
        rule({
          id: "upgrade",
          name: "Coffee machine upgrade",
          kind: "upsell",
          surfaces: ["product"],
          conditions: [{ type: "collection_in_view", handles: ["machines"] }],
          offer: { type: "products", productIds: ["brew-pro"] },
        }),
      ],
      recommendations: recs({ upsell: ["brew-pro:0.42"] }),
    });
    expect(decideOffers(snap, NOW, noRandom)).toEqual([
      {
        offerKey: "upsell:brew-pro",
        kind: "upsell",
        surface: "product",
        productId: "brew-pro",
        variantId: "brew-pro-v1",
        title: "Brew Pro",
        handle: "brew-pro",
        imageUrl: null,
        priceMinor: 36_000,
        compareAtPriceMinor: 39_000,
        finalPriceMinor: 36_000,
        currency: "USD",
        ruleId: "upgrade",
        personaId: "vip",
        reason:
          'Rule "Coffee machine upgrade" (upsell): premium Brew Pro instead of Brew Plus, +$60.00; signal brew-pro; ' +
          "Persona VIP: spent $1,234.00 over 7 orders",
        score: 0.42,
        comparesTo: { productId: "brew-plus", variantId: "brew-plus-v1", priceMinor: 30_000 },
        priceDeltaMinor: 6_000,
      },
    ]);
  });

  it.each<Surface>(["product", "cart", "checkout", "thank_you"])(
    "an empty snapshot on %s decides nothing",
    (surface) => {
      expect(decideOffersWithTrace(EMPTY(surface), NOW, noRandom)).toEqual(NOTHING);
    },
  );

  it("an empty snapshot on cart removal: nothing was removed, so no down-sell", () => {
    expect(decideOffersWithTrace(EMPTY("cart_removal"), NOW, noRandom)).toEqual({
      ...NOTHING,
      rejected: [
        {
          productId: null,
          kind: "down_sell",
          ruleId: null,
          guardrail: "down_sell_timing",
          reason: "Down-sell only after a removal or a declined upsell",
        },
      ],
    });
  });

  it("an empty catalog: every candidate is unknown, nothing is offered", () => {
    expect(trace({ catalog: {}, rules: [rule()], recommendations: recs({ cross_sell: ["mug:1"] }) })).toEqual({
      decisions: [],
      rejected: [
        {
          productId: "pods",
          kind: "cross_sell",
          ruleId: "r1",
          guardrail: "unknown_product",
          reason: "Not in the catalog snapshot",
        },
      ],
    });
  });

  it("formats reasons in the shop's currency", () => {
    const catalog = {
      tea: product("tea", "Sencha", "Tea", 1_200),
      kettle: product("kettle", "Kettle", "Kettle", 9_800),
    };
    const snap = snapshot({
      catalog,
      context: {
        currency: "JPY",
        cartLines: [{ productId: "kettle", variantId: "kettle-v1", quantity: 1, unitPriceMinor: 9_800 }],
        cartSubtotalMinor: 9_800,
      },
      recommendations: {
        upsell: [],
        down_sell: [],
        cross_sell: [{ productId: "tea", score: 34, reason: "Bought together with Kettle in 34 orders" }],
      },
    });
    expect(decideOffers(snap, NOW, noRandom)).toEqual([
      {
        ...crossOffer("tea", "Sencha", 1_200, 34),
        currency: "JPY",
        reason: `Automatic cross-sell: Sencha at ¥1,200; Bought together with Kettle in 34 orders; ${NEW_VISITOR}`,
      },
    ]);
  });

  it("exploration: with a given random, a lower-ranked pick leads, deterministically", () => {
    const draws = [0.01, 0.5];
    const random = () => draws.shift() ?? 0.99;
    const snap = snapshot({
      settings: { explorationPercent: 10, priceCapPercent: 100 },
      recommendations: recs({ cross_sell: ["pods:0.5", "descaler:0.4", "mug:0.3", "warranty:0.2", "brew-mini:0.1"] }),
    });
    // 0.01 < 10%: explore; 1 + floor(0.5 × (5 − 1)) = index 3, the warranty.
    expect(decideOffers(snap, NOW, random)).toEqual([
      {
        ...crossOffer("warranty", "2-year warranty", 4_500, 0.2),
        reason: `Automatic cross-sell: 2-year warranty at $45.00; signal warranty; exploring a lower-ranked pick; ${NEW_VISITOR}`,
      },
      crossOffer("pods", "Brew Pods", 1_200, 0.5),
      crossOffer("descaler", "Descaler", 900, 0.4),
    ]);
    expect(decideOffers(snap, NOW, () => 0.5)).toEqual([
      crossOffer("pods", "Brew Pods", 1_200, 0.5),
      crossOffer("descaler", "Descaler", 900, 0.4),
      crossOffer("mug", "Brew Mug", 1_500, 0.3),
    ]);
  });

  it.each([
    { settings: { priceCapPercent: -1 }, name: "priceCapPercent" },
    { settings: { holdoutPercent: 101 }, name: "holdoutPercent" },
    { settings: { maxOffersPerSurface: { cart: 1.5 } }, name: "maxOffersPerSurface.cart" },
    { settings: { declineCooldownDays: -2 }, name: "declineCooldownDays" },
  ])("refuses bad settings: $name", ({ settings, name }) => {
    expect(() => trace({ settings })).toThrow(expect.objectContaining({ code: "invalid_settings", details: { name } }));
  });

  it("refuses an invalid now", () => {
    expect(() => decideOffers(snapshot(), new Date("nope"), noRandom)).toThrow(
      expect.objectContaining({ code: "invalid_snapshot" }),
    );
  });
});

describe("holdout", () => {
  it("hashes with FNV-1a 32-bit (reference vectors)", () => {
    expect([fnv1a32(""), fnv1a32("a"), fnv1a32("foobar")]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
  });

  it("holds out about 5% of 10,000 shoppers by default, with or without a salt", () => {
    const share = (salt?: string) => {
      let held = 0;
      for (let i = 0; i < 10_000; i++)
        if (isInHoldout(`shopper-${i}`, { ...DEFAULT_SETTINGS, holdoutSalt: salt })) held++;
      return held / 10_000;
    };
    for (const salt of [undefined, "2026-spring"]) {
      expect(share(salt)).toBeGreaterThan(0.04);
      expect(share(salt)).toBeLessThan(0.06);
    }
  });

  it("is deterministic per shopper (a literal list) and the salt reshuffles it", () => {
    const ids = Array.from({ length: 100 }, (_, i) => `shopper-${i}`);
    expect(ids.filter((id) => isInHoldout(id, DEFAULT_SETTINGS))).toEqual([
      "shopper-15",
      "shopper-28",
      "shopper-69",
      "shopper-87",
      "shopper-90",
    ]);
    expect(ids.filter((id) => isInHoldout(id, { ...DEFAULT_SETTINGS, holdoutSalt: "2026-spring" }))).toEqual([
      "shopper-12",
      "shopper-21",
      "shopper-86",
      "shopper-95",
    ]);
  });

  it("a held-out shopper sees nothing on any surface; the persona is still reported for lift per persona", () => {
    const id = "shopper-15";
    for (const surface of ["cart", "checkout", "thank_you"] as const) {
      expect(
        decideOffersWithTrace(
          snapshot({ surface, shopper: { id }, rules: [rule({ surfaces: [surface] })], personas: builtInPersonas() }),
          NOW,
          noRandom,
        ),
      ).toEqual({
        decisions: [],
        rejected: [],
        persona: { personaId: "new_visitor", name: "New visitor", explanation: NEW_VISITOR },
        holdout: true,
        matchedRuleIds: [],
      });
    }
  });

  it("0% holds out nobody, 100% everybody", () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => `s${i}`);
    expect(ids.filter((id) => isInHoldout(id, { holdoutPercent: 0 })).length).toBe(0);
    expect(ids.filter((id) => isInHoldout(id, { holdoutPercent: 100 })).length).toBe(1_000);
  });
});

describe("event times", () => {
  it("the fast ISO parser agrees with Date.parse, including edge cases it hands over", () => {
    const random = createRng(8);
    const samples = [
      "2024-02-29T23:59:59.999Z",
      "2023-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-04-31T00:00:00.000Z",
      "2026-03-10T24:00:00Z",
      "2026-03-10T12:00:00+02:00",
      "2026-03-10",
      "2026-03-1xT12:00:00Z",
      "last tuesday",
      ...Array.from({ length: 500 }, () => new Date(Math.floor(random() * 4e12)).toISOString()),
      ...Array.from({ length: 100 }, () => new Date(Math.floor(random() * 4e12)).toISOString().replace(/\.\d{3}/, "")),
    ];
    expect(samples.map(parseIsoUtc)).toEqual(samples.map((text) => Date.parse(text)));
  });
});
