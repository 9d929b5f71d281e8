import { describe, expect, it } from "vitest";
import {
  NOW,
  NEW_VISITOR,
  autoRejection as auto,
  builtInPersonasWith,
  cartOf,
  crossOffer,
  offerBase,
  onProductPage,
  plusDownSellOnRemoval,
  proUpsellOnPage,
  recs,
  rule,
  trace,
  type SnapshotOverrides,
} from "./test-fixtures";
import type { OfferDecision, Rejection } from "./types";

const PODS = crossOffer("pods", "Brew Pods", 1_200, 0.5);
const DESCALER = crossOffer("descaler", "Descaler", 900, 0.4);
const MUG = crossOffer("mug", "Brew Mug", 1_500, 0.3);
const COMPLEMENT_IDS = ["pods:0.5", "descaler:0.4", "mug:0.3", "warranty:0.2"];
const COMPLEMENTS = recs({ cross_sell: COMPLEMENT_IDS });
const RETURNING = "Persona Returning customer: 1 order";
const on = (surface: OfferDecision["surface"], d: OfferDecision, persona = NEW_VISITOR): OfferDecision => ({
  ...d,
  surface,
  reason: d.reason.replace(NEW_VISITOR, persona),
  personaId: persona === NEW_VISITOR ? "new_visitor" : "returning",
});
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 86_400_000;

describe("offers per surface", () => {
  // A generous price cap isolates the slot limits.
  const roomy = { priceCapPercent: 100 };
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[]; rejected: Rejection[] }>([
    { name: "cart: 3", overrides: { settings: roomy }, decisions: [PODS, DESCALER, MUG], rejected: [] },
    {
      name: "checkout: 2",
      overrides: { surface: "checkout", settings: roomy },
      decisions: [on("checkout", PODS), on("checkout", DESCALER)],
      rejected: [],
    },
    {
      name: "thank-you page: 2",
      overrides: { surface: "thank_you", settings: roomy },
      decisions: [on("thank_you", PODS), on("thank_you", DESCALER)],
      rejected: [],
    },
    {
      name: "merchant's own cap: cart 1",
      overrides: { settings: { ...roomy, maxOffersPerSurface: { cart: 1 } } },
      decisions: [PODS],
      rejected: [],
    },
    {
      name: "product page: 1 upsell plus 2 bought together",
      overrides: {
        ...onProductPage("brew-plus"),
        shopper: { orderCount: 1 },
        settings: roomy,
        recommendations: recs({ cross_sell: COMPLEMENT_IDS, upsell: ["brew-pro:0.7", "brew-max:0.6"] }),
      },
      decisions: [
        on("product", proUpsellOnPage(), RETURNING),
        on("product", PODS, RETURNING),
        on("product", DESCALER, RETURNING),
      ],
      rejected: [auto(null, "down_sell", "down_sell_timing", "Down-sell only after a removal or a declined upsell")],
    },
  ])("$name", ({ overrides, decisions, rejected }) => {
    expect(trace({ recommendations: COMPLEMENTS, ...overrides })).toEqual({ decisions, rejected });
  });

  it("cart removal: 1", () => {
    const { decisions } = trace({
      surface: "cart_removal",
      context: { item: { productId: "brew-pro" }, ...cartOf("pods") },
      recommendations: recs({ down_sell: ["brew-plus:0.7", "brew-mini:0.6"] }),
    });
    expect(decisions).toEqual([plusDownSellOnRemoval()]);
  });

  it("a rule's products beyond the cap are rejected; a later automatic rule gets no slot", () => {
    const rules = [
      rule({
        priority: 2,
        name: "Care",
        offer: { type: "products", productIds: ["pods", "descaler", "mug", "warranty"] },
      }),
      rule({ id: "r2", priority: 1, name: "Auto", offer: { type: "automatic" } }),
    ];
    const ruled = (d: OfferDecision): OfferDecision => ({
      ...d,
      ruleId: "r1",
      score: 0,
      reason: d.reason.replace(/^Automatic cross-sell/, 'Rule "Care" (cross-sell)').replace(/; signal \w+/, ""),
    });
    expect(trace({ rules, settings: { priceCapPercent: 100 } })).toEqual({
      decisions: [ruled(PODS), ruled(DESCALER), ruled(MUG)],
      rejected: [
        {
          productId: "warranty",
          kind: "cross_sell",
          ruleId: "r1",
          guardrail: "surface_cap",
          reason: "The cart has no offer slot left",
        },
        {
          productId: null,
          kind: "cross_sell",
          ruleId: "r2",
          guardrail: "surface_cap",
          reason: "No slot left for this technique",
        },
      ],
    });
  });
});

describe("fatigue", () => {
  it.each<{
    name: string;
    shopper: SnapshotOverrides["shopper"];
    settings?: SnapshotOverrides["settings"];
    rejected: Rejection[];
  }>([
    {
      name: "declined 1 ms short of 7 days ago: still cooling down",
      shopper: { declines: [{ offerKey: "cross_sell:pods", at: ago(7 * DAY - 1).toISOString() }] },
      rejected: [auto("pods", "cross_sell", "declined", "Declined within the last 7 days")],
    },
    {
      name: "declined exactly 7 days ago: shown again",
      shopper: { declines: [{ offerKey: "cross_sell:pods", at: ago(7 * DAY) }] },
      rejected: [],
    },
    {
      name: "a decline of another technique does not count",
      shopper: { declines: [{ offerKey: "upsell:pods", at: ago(1) }] },
      rejected: [],
    },
    {
      name: "the merchant's cooldown applies (1 day)",
      shopper: { declines: [{ offerKey: "cross_sell:pods", at: ago(2 * DAY) }] },
      settings: { declineCooldownDays: 1 },
      rejected: [],
    },
    {
      name: "3 impressions in 24 hours, on any surface: capped",
      shopper: {
        impressions: [
          { offerKey: "cross_sell:pods", at: ago(1_000), surface: "cart" },
          { offerKey: "cross_sell:pods", at: ago(DAY - 1).toISOString(), surface: "product" },
          { offerKey: "cross_sell:pods", at: ago(5 * 3_600_000), surface: "checkout" },
        ],
      },
      rejected: [auto("pods", "cross_sell", "impressions", "Shown 3 times in the last 24 hours (limit 3)")],
    },
    {
      name: "2 impressions in 24 hours and one exactly 24 hours ago: shown",
      shopper: {
        impressions: [
          { offerKey: "cross_sell:pods", at: ago(1_000), surface: "cart" },
          { offerKey: "cross_sell:pods", at: ago(DAY), surface: "cart" },
          { offerKey: "cross_sell:pods", at: ago(2_000), surface: "checkout" },
          { offerKey: "cross_sell:mug", at: ago(3_000), surface: "checkout" },
        ],
      },
      rejected: [],
    },
  ])("$name", ({ shopper, settings, rejected }) => {
    expect(trace({ shopper, settings, recommendations: recs({ cross_sell: ["pods:0.5"] }) })).toEqual({
      decisions: rejected.length > 0 ? [] : [PODS],
      rejected,
    });
  });

  it("refuses an unreadable event time with invalid_snapshot", () => {
    expect(() => trace({ shopper: { declines: [{ offerKey: "cross_sell:pods", at: "last tuesday" }] } })).toThrow(
      expect.objectContaining({ code: "invalid_snapshot" }),
    );
  });
});

describe("technique guardrails", () => {
  const techniqueRefusal = (
    ruleId: string | null,
    kind: Rejection["kind"],
    guardrail: Rejection["guardrail"],
    reason: string,
  ) => ({
    productId: null,
    kind,
    ruleId,
    guardrail,
    reason,
  });

  it("B2B buyers: a cross-sell rule is refused by the persona, and the automatic fallback is upsell only", () => {
    expect(trace({ rules: [rule()], shopper: { b2bCompany: "Acme" }, recommendations: COMPLEMENTS })).toEqual({
      decisions: [],
      rejected: [techniqueRefusal("r1", "cross_sell", "technique", "Persona B2B buyer gets no cross-sell on the cart")],
    });
  });

  it("B2B buyers: no impulse cross-sell at the cart or checkout even if the persona is edited to allow it", () => {
    const personas = builtInPersonasWith("b2b", { cart: ["cross_sell"], thank_you: ["cross_sell"] });
    const b2b = { shopper: { b2bCompany: "Acme" }, personas, recommendations: COMPLEMENTS };
    expect(trace(b2b)).toEqual({
      decisions: [],
      rejected: [techniqueRefusal(null, "cross_sell", "b2b_impulse", "B2B buyers get no impulse cross-sell")],
    });
    const atThankYou = (d: OfferDecision): OfferDecision => ({
      ...d,
      surface: "thank_you",
      personaId: "b2b",
      reason: d.reason.replace(NEW_VISITOR, "Persona B2B buyer: buys for Acme"),
    });
    expect(trace({ ...b2b, surface: "thank_you" })).toEqual({
      decisions: [atThankYou(PODS), atThankYou(DESCALER)],
      rejected: [],
    });
  });

  it("down-sell: never before a rejection; after a declined upsell it undercuts the declined item", () => {
    const rules = [
      rule({ kind: "down_sell", name: "Cheaper machine", offer: { type: "products", productIds: ["brew-mini"] } }),
    ];
    const returning = { rules, shopper: { orderCount: 1 } };
    expect(trace(returning)).toEqual({
      decisions: [],
      rejected: [
        techniqueRefusal("r1", "down_sell", "down_sell_timing", "Down-sell only after a removal or a declined upsell"),
        techniqueRefusal(null, "down_sell", "down_sell_timing", "Down-sell only after a removal or a declined upsell"),
      ],
    });
    expect(trace({ ...returning, context: { declinedUpsell: { productId: "brew-pro" } } })).toEqual({
      decisions: [
        {
          ...offerBase(),
          personaId: "returning",
          offerKey: "down_sell:brew-mini",
          kind: "down_sell",
          productId: "brew-mini",
          variantId: "brew-mini-v1",
          title: "Brew Mini",
          handle: "brew-mini",
          priceMinor: 20_000,
          finalPriceMinor: 20_000,
          ruleId: "r1",
          comparesTo: { productId: "brew-pro", variantId: "brew-pro-v1", priceMinor: 36_000 },
          priceDeltaMinor: -16_000,
          reason: `Rule "Cheaper machine" (down-sell): Brew Mini instead of Brew Pro, saves $160.00; ${RETURNING}`,
        },
      ],
      rejected: [],
    });
  });

  it("a product offered by two rules is shown once", () => {
    const rules = [
      rule({ priority: 1 }),
      rule({ id: "r2", name: "Mugs", offer: { type: "products", productIds: ["pods", "mug"] } }),
    ];
    expect(trace({ rules })).toEqual({
      decisions: [
        {
          ...PODS,
          ruleId: "r1",
          score: 0,
          reason: `Rule "Pods with machines" (cross-sell): Brew Pods at $12.00; ${NEW_VISITOR}`,
        },
        { ...MUG, ruleId: "r2", score: 0, reason: `Rule "Mugs" (cross-sell): Brew Mug at $15.00; ${NEW_VISITOR}` },
      ],
      rejected: [
        {
          productId: "pods",
          kind: "cross_sell",
          ruleId: "r2",
          guardrail: "duplicate",
          reason: "Already offered on this surface",
        },
      ],
    });
  });
});
