import { describe, expect, it } from "vitest";
import {
  autoRejection as auto,
  coffeeCatalog,
  crossOffer,
  onProductPage,
  product,
  proUpsellOnPage,
  recs,
  trace,
  type SnapshotOverrides,
} from "./test-fixtures";
import type { OfferDecision, Rejection } from "./types";

// Brew Plus in the cart: $300.00, so the default 25% allows $75.00 of additions in total.
const priced = (...items: [string, number][]) => ({
  ...coffeeCatalog(),
  ...Object.fromEntries(items.map(([id, price]) => [id, product(id, id.toUpperCase(), "Extra", price)])),
});
const A = crossOffer("a", "A", 5_000, 0.9);

describe("price cap", () => {
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[]; rejected: Rejection[] }>([
    {
      name: "exactly at the cap, cumulatively: $50.00 + $25.00 = $75.00",
      overrides: {
        catalog: priced(["a", 5_000], ["b", 2_500]),
        recommendations: recs({ cross_sell: ["a:0.9", "b:0.8"] }),
      },
      decisions: [A, crossOffer("b", "B", 2_500, 0.8)],
      rejected: [],
    },
    {
      name: "one minor unit over, cumulatively; a later smaller item still fits",
      overrides: {
        catalog: priced(["a", 5_000], ["b", 2_501], ["c", 2_500]),
        recommendations: recs({ cross_sell: ["a:0.9", "b:0.8", "c:0.7"] }),
      },
      decisions: [A, crossOffer("c", "C", 2_500, 0.7)],
      rejected: [
        auto("b", "cross_sell", "price_cap", "Adds $25.01; offers would add $75.01, over 25% of $300.00 ($75.00)"),
      ],
    },
    {
      name: "a single item just over the cap",
      overrides: { catalog: priced(["a", 7_501]), recommendations: recs({ cross_sell: ["a:0.9"] }) },
      decisions: [],
      rejected: [
        auto("a", "cross_sell", "price_cap", "Adds $75.01; offers would add $75.01, over 25% of $300.00 ($75.00)"),
      ],
    },
    {
      name: "a single item exactly at the cap",
      overrides: { catalog: priced(["a", 7_500]), recommendations: recs({ cross_sell: ["a:0.9"] }) },
      decisions: [crossOffer("a", "A", 7_500, 0.9)],
      rejected: [],
    },
    {
      name: "the merchant's percentage applies (10% of $300.00 = $30.00)",
      overrides: {
        settings: { priceCapPercent: 10 },
        recommendations: recs({ cross_sell: ["warranty:0.9", "pods:0.5"] }),
      },
      decisions: [crossOffer("pods", "Brew Pods", 1_200, 0.5)],
      rejected: [
        auto(
          "warranty",
          "cross_sell",
          "price_cap",
          "Adds $45.00; offers would add $45.00, over 10% of $300.00 ($30.00)",
        ),
      ],
    },
    {
      name: "an empty cart leaves no room for cross-sells",
      overrides: {
        context: { cartLines: [], cartSubtotalMinor: 0 },
        recommendations: recs({ cross_sell: ["pods:0.5"] }),
      },
      decisions: [],
      rejected: [
        auto("pods", "cross_sell", "price_cap", "Adds $12.00; offers would add $12.00, over 25% of $0.00 ($0.00)"),
      ],
    },
    {
      name: "product page: the upsell's extra over the item in view counts ($600.00 > $75.00; $60.00 fits)",
      overrides: { ...onProductPage("brew-plus"), recommendations: recs({ upsell: ["brew-max:0.9", "brew-pro:0.7"] }) },
      decisions: [proUpsellOnPage()],
      rejected: [
        auto("brew-max", "upsell", "price_cap", "Adds $600.00; offers would add $600.00, over 25% of $300.00 ($75.00)"),
      ],
    },
    {
      name: "product page: upsell and bought-together share one budget ($60.00 + $12.00 fits, + $9.00 does not)",
      overrides: {
        ...onProductPage("brew-plus"),
        shopper: { orderCount: 1 },
        recommendations: recs({ upsell: ["brew-pro:0.7"], cross_sell: ["pods:0.5", "descaler:0.4", "mug:0.3"] }),
      },
      decisions: [
        {
          ...proUpsellOnPage(),
          personaId: "returning",
          reason: proUpsellOnPage().reason.replace(/Persona .*/, "Persona Returning customer: 1 order"),
        },
        {
          ...crossOffer("pods", "Brew Pods", 1_200, 0.5),
          surface: "product",
          personaId: "returning",
          reason: "Automatic cross-sell: Brew Pods at $12.00; signal pods; Persona Returning customer: 1 order",
        },
      ],
      rejected: [
        auto(
          "descaler",
          "cross_sell",
          "price_cap",
          "Adds $9.00; offers would add $81.00, over 25% of $300.00 ($75.00)",
        ),
        auto("mug", "cross_sell", "price_cap", "Adds $15.00; offers would add $87.00, over 25% of $300.00 ($75.00)"),
        auto(null, "down_sell", "down_sell_timing", "Down-sell only after a removal or a declined upsell"),
      ],
    },
  ])("$name", ({ overrides, decisions, rejected }) => {
    expect(trace(overrides)).toEqual({ decisions, rejected });
  });
});
