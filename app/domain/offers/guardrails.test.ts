import { describe, expect, it } from "vitest";
import {
  NEW_VISITOR as NEW,
  autoRejection,
  cartOf,
  coffeeCatalog,
  crossOffer,
  offerBase,
  onProductPage,
  product,
  plusDownSellOnRemoval,
  proUpsellOnPage,
  recs,
  rule,
  trace as run,
  variant,
  type SnapshotOverrides,
} from "./test-fixtures";
import type { OfferDecision, Rejection } from "./types";

const PODS = crossOffer("pods", "Brew Pods", 1_200, 0.5);
const proOnPage = proUpsellOnPage();
const onBrewPlusPage = onProductPage("brew-plus");

describe("product guardrails", () => {
  it.each<{ name: string; overrides: SnapshotOverrides; decisions: OfferDecision[]; rejected: Rejection[] }>([
    {
      name: "in stock: a product with no variant for sale is skipped",
      overrides: { recommendations: recs({ cross_sell: ["grinder:0.9", "pods:0.5"] }) },
      decisions: [PODS],
      rejected: [autoRejection("grinder", "cross_sell", "out_of_stock", "No variant is available for sale")],
    },
    {
      name: "in stock: the cheapest variant for sale is offered, not a cheaper sold-out one",
      overrides: {
        recommendations: recs({ cross_sell: ["pods:0.5"] }),
        catalog: {
          ...coffeeCatalog(),
          pods: product("pods", "Brew Pods", "Coffee pods", 1_200, {
            variants: [
              variant("pods-small", 800, { availableForSale: false }),
              variant("pods-v1", 1_200),
              variant("pods-xl", 2_000),
            ],
          }),
        },
      },
      decisions: [PODS],
      rejected: [],
    },
    {
      name: "unknown product: not in the catalog snapshot",
      overrides: { recommendations: recs({ cross_sell: ["ghost:0.9", "pods:0.5"] }) },
      decisions: [PODS],
      rejected: [autoRejection("ghost", "cross_sell", "unknown_product", "Not in the catalog snapshot")],
    },
    {
      name: "not already in the cart",
      overrides: { recommendations: recs({ cross_sell: ["brew-plus:0.9", "pods:0.5"] }) },
      decisions: [PODS],
      rejected: [autoRejection("brew-plus", "cross_sell", "in_cart", "Already in the cart")],
    },
    {
      name: "not the item itself",
      overrides: { ...onBrewPlusPage, recommendations: recs({ upsell: ["brew-plus:0.9", "brew-pro:0.7"] }) },
      decisions: [proOnPage],
      rejected: [autoRejection("brew-plus", "upsell", "itself", "Is the item itself")],
    },
    {
      name: "upsell: same product type and strictly higher price",
      overrides: {
        ...onBrewPlusPage,
        recommendations: recs({ upsell: ["barista-kit:0.95", "brew-mini:0.9", "brew-plus-red:0.8", "brew-pro:0.7"] }),
      },
      decisions: [proOnPage],
      rejected: [
        autoRejection(
          "barista-kit",
          "upsell",
          "not_upgrade",
          "Not an upgrade: $340.00 is not above the price of a Bundle in view or in the cart",
        ),
        autoRejection(
          "brew-mini",
          "upsell",
          "not_upgrade",
          "Not an upgrade: $200.00 is not above the price of a Coffee machine in view or in the cart",
        ),
        autoRejection(
          "brew-plus-red",
          "upsell",
          "not_upgrade",
          "Not an upgrade: $300.00 is not above the price of a Coffee machine in view or in the cart",
        ),
      ],
    },
  ])("$name", ({ overrides, decisions, rejected }) => {
    expect(run(overrides)).toEqual({ decisions, rejected });
  });

  it("upsell: a rule's product list links across product types, but the price must still be higher", () => {
    const rules = [
      rule({
        kind: "upsell",
        name: "Kit",
        surfaces: ["product"],
        offer: { type: "products", productIds: ["warranty", "barista-kit"] },
      }),
    ];
    expect(run({ ...onBrewPlusPage, rules })).toEqual({
      decisions: [
        {
          ...offerBase("product"),
          offerKey: "upsell:barista-kit",
          kind: "upsell",
          productId: "barista-kit",
          variantId: "barista-kit-v1",
          title: "Barista kit",
          handle: "barista-kit",
          priceMinor: 34_000,
          finalPriceMinor: 34_000,
          ruleId: "r1",
          comparesTo: { productId: "brew-plus", variantId: "brew-plus-v1", priceMinor: 30_000 },
          priceDeltaMinor: 4_000,
          reason: `Rule "Kit" (upsell): premium Barista kit instead of Brew Plus, +$40.00; ${NEW}`,
        },
      ],
      rejected: [
        {
          productId: "warranty",
          kind: "upsell",
          ruleId: "r1",
          guardrail: "not_upgrade",
          reason: "Not an upgrade: $45.00 is not above the price of anything in view or in the cart",
        },
      ],
    });
  });

  it("upsell in the cart upgrades the closest cheaper line of the same type", () => {
    const { decisions } = run({
      context: cartOf("brew-mini", "brew-plus", "mug"),
      shopper: { b2bCompany: "Acme" },
      recommendations: recs({ upsell: ["brew-pro:0.7"] }),
    });
    expect(decisions.map((d) => [d.productId, d.comparesTo, d.priceDeltaMinor])).toEqual([
      ["brew-pro", { productId: "brew-plus", variantId: "brew-plus-v1", priceMinor: 30_000 }, 6_000],
    ]);
  });

  it("down-sell: strictly cheaper than the removed item, same type (it adds nothing, so an empty cart is fine)", () => {
    const removal: SnapshotOverrides = {
      surface: "cart_removal",
      context: {
        item: { productId: "brew-pro", variantId: "brew-pro-v1", unitPriceMinor: 36_000 },
        cartLines: [],
        cartSubtotalMinor: 0,
      },
      recommendations: recs({
        down_sell: ["brew-max:0.9", "descaler:0.85", "brew-pro:0.8", "brew-plus:0.7", "brew-mini:0.6"],
      }),
    };
    expect(run(removal)).toEqual({
      decisions: [plusDownSellOnRemoval(NEW)],
      rejected: [
        autoRejection(
          "brew-max",
          "down_sell",
          "not_cheaper",
          "Not a down-sell: $900.00 is not a cheaper version of Brew Pro ($360.00)",
        ),
        autoRejection(
          "descaler",
          "down_sell",
          "not_cheaper",
          "Not a down-sell: $9.00 is not a cheaper version of Brew Pro ($360.00)",
        ),
        autoRejection("brew-pro", "down_sell", "itself", "Is the item itself"),
      ],
    });
  });
});

describe("sold-out item in view", () => {
  it("can still be upgraded from: its price comes from its cheapest variant", () => {
    const soldOut = product("brew-plus", "Brew Plus", "Coffee machine", 30_000, {
      variants: [variant("brew-plus-v1", 30_000, { availableForSale: false })],
    });
    expect(
      run({
        ...onProductPage("brew-plus"),
        catalog: { ...coffeeCatalog(), "brew-plus": soldOut },
        recommendations: recs({ upsell: ["brew-pro:0.7"] }),
      }),
    ).toEqual({ decisions: [proUpsellOnPage()], rejected: [] });
  });
});

describe("products a shopper cannot buy (draft, archived, not on the Online Store)", () => {
  const notForSale = (id: string) => ({ ...coffeeCatalog()[id], offerable: false });

  it("are never offered automatically, even as the best candidate", () => {
    expect(
      run({
        catalog: { ...coffeeCatalog(), pods: notForSale("pods") },
        recommendations: recs({ cross_sell: ["pods:0.9", "descaler:0.5"] }),
      }),
    ).toEqual({
      decisions: [crossOffer("descaler", "Descaler", 900, 0.5)],
      rejected: [autoRejection("pods", "cross_sell", "not_for_sale", "Not for sale on the Online Store")],
    });
  });

  it.each([
    { surface: "product", kind: "upsell" },
    { surface: "cart", kind: "cross_sell" },
    { surface: "cart_removal", kind: "down_sell" },
  ] as const)("are refused when a $kind rule names them on the $surface surface", ({ surface, kind }) => {
    const item = { productId: "brew-plus", variantId: "brew-plus-v1", unitPriceMinor: 30_000 };
    expect(
      run({
        surface,
        context: surface === "cart" ? {} : { item },
        catalog: { ...coffeeCatalog(), "brew-pro": notForSale("brew-pro"), "brew-mini": notForSale("brew-mini") },
        rules: [
          rule({ kind, surfaces: [surface], offer: { type: "products", productIds: ["brew-pro", "brew-mini"] } }),
        ],
      }),
    ).toEqual({
      decisions: [],
      rejected: ["brew-pro", "brew-mini"].map((productId) => ({
        productId,
        kind,
        ruleId: "r1",
        guardrail: "not_for_sale",
        reason: "Not for sale on the Online Store",
      })),
    });
  });

  it("still price the item in view: an archived product's page can get an upsell to an offerable one", () => {
    const archivedPlus = { ...coffeeCatalog()["brew-plus"], offerable: false };
    expect(
      run({
        ...onProductPage("brew-plus"),
        catalog: { ...coffeeCatalog(), "brew-plus": archivedPlus },
        recommendations: recs({ upsell: ["brew-pro:0.7"] }),
      }),
    ).toEqual({ decisions: [proUpsellOnPage()], rejected: [] });
  });

  it("still count as cart lines: the price cap is taken of a cart holding a draft product", () => {
    const draftPlus = { ...coffeeCatalog()["brew-plus"], offerable: false };
    const { decisions } = run({
      catalog: { ...coffeeCatalog(), "brew-plus": draftPlus },
      settings: { priceCapPercent: 1 },
      recommendations: recs({ cross_sell: ["pods:0.9", "descaler:0.5"] }),
    });
    // 1% of the $300.00 cart is $3.00: neither pods ($12.00) nor descaler ($9.00) fits.
    expect(decisions).toEqual([]);
    const { decisions: capped } = run({
      catalog: { ...coffeeCatalog(), "brew-plus": draftPlus },
      settings: { priceCapPercent: 4 },
      recommendations: recs({ cross_sell: ["pods:0.9", "descaler:0.5"] }),
    });
    expect(capped).toEqual([crossOffer("pods", "Brew Pods", 1_200, 0.9)]);
  });
});
