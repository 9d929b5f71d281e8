import { describe, expect, it } from "vitest";
import {
  NEW_VISITOR,
  autoRejection,
  builtInPersonasWith,
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

// Offers that replace something the shopper has (upsell, down-sell), as the storefront asks for them:
// cart lines with quantities, rule discounts, and the "why" text the merchant reads.

// Three Brew Plus ($300.00 each) in the cart: a $900.00 order; a new visitor who may get upsells there.
const threePlus: SnapshotOverrides = {
  personas: builtInPersonasWith("new_visitor", { cart: ["upsell", "cross_sell"] }),
  context: {
    cartLines: [{ productId: "brew-plus", variantId: "brew-plus-v1", quantity: 3, unitPriceMinor: 30_000 }],
    cartSubtotalMinor: 90_000,
  },
};

const PLUS_LINE = { productId: "brew-plus", variantId: "brew-plus-v1", priceMinor: 30_000 };

const proForThree: OfferDecision = {
  ...proUpsellOnPage({ surface: "cart" }),
  comparesTo: PLUS_LINE,
  reason: `Automatic upsell: premium Brew Pro instead of Brew Plus (×3), +$60.00 each; signal brew-pro; ${NEW_VISITOR}`,
};

describe("the price cap counts every unit an upsell replaces", () => {
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[]; rejected: Rejection[] }>([
    {
      name: "upgrading a ×3 line adds three differences: 3 × $60.00 = $180.00 fits 25% of $900.00 ($225.00)",
      overrides: { ...threePlus, recommendations: recs({ upsell: ["brew-pro:0.7"] }) },
      decisions: [proForThree],
      rejected: [],
    },
    {
      name: "3 × $60.00 = $180.00 is over 10% of $900.00 ($90.00), though one difference would fit",
      overrides: {
        ...threePlus,
        settings: { priceCapPercent: 10 },
        recommendations: recs({ upsell: ["brew-pro:0.7"] }),
      },
      decisions: [],
      rejected: [
        autoRejection(
          "brew-pro",
          "upsell",
          "price_cap",
          "Adds $180.00; offers would add $180.00, over 10% of $900.00 ($90.00)",
        ),
      ],
    },
    {
      name: "the upsell's three differences and a cross-sell share one budget ($180.00 + $45.00 fits, + $12.00 does not)",
      overrides: {
        ...threePlus,
        recommendations: recs({ upsell: ["brew-pro:0.7"], cross_sell: ["warranty:0.9", "pods:0.5"] }),
      },
      decisions: [
        proForThree,
        {
          ...crossOffer("warranty", "2-year warranty", 4_500, 0.9),
          reason: `Automatic cross-sell: 2-year warranty at $45.00; signal warranty; ${NEW_VISITOR}`,
        },
      ],
      rejected: [
        autoRejection(
          "pods",
          "cross_sell",
          "price_cap",
          "Adds $12.00; offers would add $237.00, over 25% of $900.00 ($225.00)",
        ),
      ],
    },
  ])("$name", ({ overrides, decisions, rejected }) => {
    expect(trace(overrides)).toEqual({ decisions, rejected });
  });
});

// Brew Pro is $360.00; Brew Plus in view is $300.00.
const proRule = (discount: NonNullable<Parameters<typeof rule>[0]>["discount"]) =>
  rule({
    kind: "upsell",
    name: "Upgrade",
    surfaces: ["product"],
    discount,
    offer: { type: "products", productIds: ["brew-pro"] },
  });

describe("an upsell costs the shopper more after its discount", () => {
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[]; rejected: Rejection[] }>([
    {
      name: "$60.00 off leaves $300.00: no more than Brew Plus, so not an upsell",
      overrides: { ...onProductPage("brew-plus"), rules: [proRule({ type: "fixed_amount", amountMinor: 6_000 })] },
      decisions: [],
      rejected: [
        {
          productId: "brew-pro",
          kind: "upsell",
          ruleId: "r1",
          guardrail: "not_upgrade",
          reason:
            "Not an upgrade: $300.00 after its discount is not above the price of anything in view or in the cart",
        },
      ],
    },
    {
      name: "50% off leaves $180.00: it would cost the shopper less, so not an upsell (no '+-$120.00')",
      overrides: { ...onProductPage("brew-plus"), rules: [proRule({ type: "percentage", value: 50 })] },
      decisions: [],
      rejected: [
        {
          productId: "brew-pro",
          kind: "upsell",
          ruleId: "r1",
          guardrail: "not_upgrade",
          reason:
            "Not an upgrade: $180.00 after its discount is not above the price of anything in view or in the cart",
        },
      ],
    },
    {
      name: "$59.99 off leaves $300.01: one cent more is still an upsell",
      overrides: { ...onProductPage("brew-plus"), rules: [proRule({ type: "fixed_amount", amountMinor: 5_999 })] },
      decisions: [
        {
          ...proUpsellOnPage(),
          score: 0,
          ruleId: "r1",
          discount: { type: "fixed_amount", amountMinor: 5_999 },
          finalPriceMinor: 30_001,
          priceDeltaMinor: 1,
          reason: `Rule "Upgrade" (upsell): premium Brew Pro instead of Brew Plus, +$0.01 with $59.99 off; ${NEW_VISITOR}`,
        },
      ],
      rejected: [],
    },
  ])("$name", ({ overrides, decisions, rejected }) => {
    expect(trace(overrides)).toEqual({ decisions, rejected });
  });
});

// Brew Max ($900.00) removed; Brew Pro ($360.00) is the cheaper alternative.
const maxRemoved: SnapshotOverrides = {
  surface: "cart_removal",
  context: {
    item: { productId: "brew-max", variantId: "brew-max-v1", unitPriceMinor: 90_000 },
    cartLines: [],
    cartSubtotalMinor: 0,
  },
};

describe("the reason never shows a negative amount", () => {
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[] }>([
    {
      name: "a down-sell says what it saves",
      overrides: {
        surface: "cart_removal",
        context: { item: { productId: "brew-pro", variantId: "brew-pro-v1" }, cartLines: [], cartSubtotalMinor: 0 },
        recommendations: recs({ down_sell: ["brew-plus:0.7"] }),
      },
      decisions: [plusDownSellOnRemoval()],
    },
    {
      name: "a discounted down-sell saves the difference after its discount",
      overrides: {
        ...maxRemoved,
        rules: [
          rule({
            kind: "down_sell",
            name: "Cheaper",
            surfaces: ["cart_removal"],
            discount: { type: "percentage", value: 10 },
            offer: { type: "products", productIds: ["brew-pro"] },
          }),
        ],
      },
      decisions: [
        {
          ...offerBase("cart_removal"),
          offerKey: "down_sell:brew-pro",
          kind: "down_sell",
          productId: "brew-pro",
          variantId: "brew-pro-v1",
          title: "Brew Pro",
          handle: "brew-pro",
          priceMinor: 36_000,
          compareAtPriceMinor: 39_000,
          discount: { type: "percentage", value: 10 },
          finalPriceMinor: 32_400,
          ruleId: "r1",
          comparesTo: { productId: "brew-max", variantId: "brew-max-v1", priceMinor: 90_000 },
          priceDeltaMinor: -57_600,
          reason: `Rule "Cheaper" (down-sell): Brew Pro instead of Brew Max, saves $576.00 with 10% off; ${NEW_VISITOR}`,
        },
      ],
    },
    {
      name: "an upsell says what it adds",
      overrides: { ...onProductPage("brew-plus"), recommendations: recs({ upsell: ["brew-pro:0.7"] }) },
      decisions: [proUpsellOnPage()],
    },
  ])("$name", ({ overrides, decisions }) => {
    const { decisions: decided } = trace(overrides);
    expect(decided).toEqual(decisions);
    expect(decided.map((d) => d.reason).filter((reason) => /-\s*\$|\$-/.test(reason))).toEqual([]);
  });
});

describe("a learned cross-sell is a complement, not an alternative to what the shopper has", () => {
  const plusInCart: SnapshotOverrides = {
    context: {
      cartLines: [{ productId: "brew-plus", variantId: "brew-plus-v1", quantity: 1, unitPriceMinor: 30_000 }],
      cartSubtotalMinor: 30_000,
    },
  };
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[]; rejected: Rejection[] }>([
    {
      name: "another coffee machine beside the one in the cart is turned away; pods are offered",
      overrides: { ...plusInCart, recommendations: recs({ cross_sell: ["brew-mini:0.9", "pods:0.8"] }) },
      decisions: [crossOffer("pods", "Brew Pods", 1_200, 0.8)],
      rejected: [
        autoRejection(
          "brew-mini",
          "cross_sell",
          "substitute",
          "An alternative to Brew Plus (both Coffee machine), not a complement",
        ),
      ],
    },
    {
      name: "a machine the merchant names in a cross-sell rule is offered all the same",
      overrides: {
        ...plusInCart,
        settings: { priceCapPercent: 100 },
        rules: [rule({ name: "Second machine", offer: { type: "products", productIds: ["brew-mini"] } })],
      },
      decisions: [
        {
          ...crossOffer("brew-mini", "Brew Mini", 20_000, 0),
          ruleId: "r1",
          reason: `Rule "Second machine" (cross-sell): Brew Mini at $200.00; ${NEW_VISITOR}`,
        },
      ],
      rejected: [],
    },
  ])("$name", ({ overrides, decisions, rejected }) => {
    expect(trace(overrides)).toEqual({ decisions, rejected });
  });
});

describe("a rule for one technique leaves the others to the recommendations", () => {
  it("a bought-together rule on the product page keeps the automatic upgrade beside it", () => {
    const { decisions } = trace({
      ...onProductPage("brew-plus"),
      personas: builtInPersonasWith("new_visitor", { product: ["upsell", "cross_sell"] }),
      settings: { priceCapPercent: 100 },
      rules: [
        rule({ name: "Pods with machines", surfaces: ["product"], offer: { type: "products", productIds: ["pods"] } }),
      ],
      recommendations: recs({ upsell: ["brew-pro:0.7"], cross_sell: ["mug:0.5"] }),
    });
    expect(decisions.map((d) => `${d.kind}:${d.productId}:${d.ruleId ?? "auto"}`)).toEqual([
      "cross_sell:pods:r1",
      "upsell:brew-pro:auto",
    ]);
  });
});
