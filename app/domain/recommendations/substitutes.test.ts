import { describe, expect, it } from "vitest";
import {
  DEFAULT_SUBSTITUTES,
  SubstituteIndex,
  type BehaviourSignal,
  type CatalogProduct,
  type CoPurchaseLookup,
} from "./substitutes";
import { countSwitches } from "./switches";

const CATALOG: CatalogProduct[] = [
  { productId: "std", productType: "kettle", price: 5000, tags: ["kitchen"] },
  { productId: "pro", productType: "kettle", price: 8000 },
  { productId: "max", productType: "kettle", price: 10000 },
  { productId: "lux", productType: "kettle", price: 10001 },
  { productId: "mini", productType: "kettle", price: 4000 },
  { productId: "basic", productType: "kettle", price: 3000 },
  { productId: "cheap", productType: "kettle", price: 1500 },
  { productId: "mug", productType: "mug", price: 9000, tags: ["kitchen"] },
  { productId: "toaster", price: 7000, tags: ["kitchen"], collections: ["kitchen"] },
  { productId: "cup", price: 2000, collections: ["kitchen"] },
];

const ids = (list: { productId: string }[]) => list.map((c) => c.productId);

describe("SubstituteIndex.find", () => {
  const index = new SubstituteIndex(CATALOG);

  it.each([
    // Upsell: same type, pricier, at most +100% (10000 is exactly double), closest price first.
    { product: "std", kind: "upsell" as const, expected: ["pro", "max"] },
    // Down-sell: same type, at least 20% cheaper (4000 is exactly 20% off), closest first.
    { product: "std", kind: "down_sell" as const, expected: ["mini", "basic", "cheap"] },
    { product: "cheap", kind: "down_sell" as const, expected: [] },
    { product: "unknown", kind: "upsell" as const, expected: [] },
    // A typed product with no sibling in the band has none, even though "kitchen" is shared.
    { product: "mug", kind: "down_sell" as const, expected: [] },
    // A product without a type falls back to shared collections (the cup's), never to a shared
    // tag alone: the mug and std share only the tag "kitchen" with it (see same-need.ts).
    { product: "toaster", kind: "upsell" as const, expected: [] },
    { product: "toaster", kind: "down_sell" as const, expected: ["cup"] },
  ])("$kind for $product → $expected", ({ product, kind, expected }) => {
    expect(ids(index.find(product, kind, 10))).toEqual(expected);
  });

  it("explains the price difference", () => {
    expect(index.find("std", "upsell", 1)).toEqual([
      { productId: "pro", score: expect.any(Number), reason: "same product type, 60% more" },
    ]);
    expect(index.find("toaster", "down_sell", 1)[0].reason).toBe("shares a tag or collection, 71% cheaper");
  });

  it.each([
    { base: 1000, price: 1001, kind: "upsell" as const, expected: true },
    { base: 1000, price: 2000, kind: "upsell" as const, expected: true },
    { base: 1000, price: 2001, kind: "upsell" as const, expected: false },
    { base: 1000, price: 1000, kind: "upsell" as const, expected: false },
    { base: 1000, price: 800, kind: "down_sell" as const, expected: true },
    { base: 1000, price: 801, kind: "down_sell" as const, expected: false },
    { base: 1000, price: 0, kind: "down_sell" as const, expected: false },
    { base: 1, price: 0, kind: "down_sell" as const, expected: false },
  ])("band: $price vs $base for $kind → $expected", ({ base, price, kind, expected }) => {
    expect(index.inBand(base, price, kind)).toBe(expected);
  });
});

describe("SubstituteIndex ranking signals", () => {
  const signals: BehaviourSignal[] = [
    { kind: "viewed_then_bought", fromProductId: "std", toProductId: "max", count: 3 },
    { kind: "declined_then_bought_cheaper", fromProductId: "std", toProductId: "cheap", count: 2 },
    { kind: "removed_then_added", fromProductId: "std", toProductId: "mug", count: 1 },
  ];
  const index = new SubstituteIndex(CATALOG, signals);

  it.each([
    // Behaviour evidence outranks price closeness; one swap to another type (mug) is weaker
    // evidence than a same-type product, so it comes last.
    { kind: "upsell" as const, expected: ["max", "pro", "mug"] },
    // The declined-upsell signal only counts for down-sell.
    { kind: "down_sell" as const, expected: ["cheap", "mini", "basic"] },
  ])("$kind ranks behaviour first → $expected", ({ kind, expected }) => {
    expect(ids(index.find("std", kind, 10))).toEqual(expected);
  });

  it("says which behaviour backs the pick", () => {
    expect(index.find("std", "upsell", 1)[0].reason).toBe("viewed, then bought instead 3 times, 100% more");
  });

  it("drops items often bought together with the product (complements are not substitutes)", () => {
    const co: CoPurchaseLookup = {
      pairCount: (a, b) => ([a, b].sort().join() === "mini,std" ? 40 : 0),
      itemCount: () => 50,
      orderCount: () => 500,
    };
    expect(ids(new SubstituteIndex(CATALOG).find("std", "down_sell", 10, co))).toEqual(["basic", "cheap"]);
  });
});

describe("SubstituteIndex with repeat customers' switches", () => {
  // Five customers went from std to basic (the far end of the down-sell band), one to the mug.
  const switches = countSwitches(
    ["c1", "c2", "c3", "c4", "c5", "c6"].flatMap((customerId, i) => [
      { customerId, at: 1, productIds: ["std"] },
      { customerId, at: 2, productIds: [i === 5 ? "mug" : "basic"] },
    ]),
  );
  const index = new SubstituteIndex(CATALOG, [], DEFAULT_SUBSTITUTES, switches);

  it("ranks the product customers switched to first, with their count as the reason", () => {
    expect(index.find("std", "down_sell", 10)).toEqual([
      { productId: "basic", score: expect.any(Number), reason: "customers switched to it 5 times, 40% cheaper" },
      { productId: "mini", score: expect.any(Number), reason: "same product type, 20% cheaper" },
      { productId: "cheap", score: expect.any(Number), reason: "same product type, 70% cheaper" },
    ]);
  });

  it("never adds a candidate outside the catalog frame or the band (the mug is another type)", () => {
    expect(ids(index.find("std", "upsell", 10))).toEqual(["pro", "max"]);
  });

  it("leans on popularity while switches are few (shrunk rate)", () => {
    const one = countSwitches([
      { customerId: "c1", at: 1, productIds: ["std"] },
      { customerId: "c1", at: 2, productIds: ["basic"] },
    ]);
    const co: CoPurchaseLookup = {
      pairCount: () => 0,
      itemCount: (id) => (id === "cheap" ? 400 : 10),
      orderCount: () => 500,
    };
    // γ = 20 pseudo-switches spread by sales outweigh one observed switch to basic.
    expect(ids(new SubstituteIndex(CATALOG, [], DEFAULT_SUBSTITUTES, one).find("std", "down_sell", 1, co))).toEqual([
      "cheap",
    ]);
  });
});

describe("SubstituteIndex with titles (same-need)", () => {
  const LINE: CatalogProduct[] = [
    { productId: "go", title: "Tune Go", productType: "Headphones", vendor: "Tuneworks", price: 5900 },
    {
      productId: "studio",
      title: "Tune Studio",
      productType: "Headphones",
      vendor: "Tuneworks",
      price: 14900,
      tags: ["tier:better"],
    },
    { productId: "elite", title: "Tune Elite", productType: "Headphones", vendor: "Tuneworks", price: 32900 },
    { productId: "stand", title: "Headphone Stand", productType: "Headphones", vendor: "Tuneworks", price: 2900 },
    { productId: "pods30", title: "Coffee Pods (30-pack)", productType: "Supplies", price: 1500 },
    { productId: "pods60", title: "Coffee Pods (60-pack)", productType: "Supplies", price: 2500 },
    { productId: "filters", title: "Water Filters (3-pack)", productType: "Supplies", price: 1800 },
  ];
  const index = new SubstituteIndex(LINE, [
    { kind: "viewed_then_bought", fromProductId: "pods30", toProductId: "filters", count: 4 },
  ]);

  it.each([
    // The next tier only (tier words and a tier tag), in the wider band of a line (+153%).
    { product: "go", kind: "upsell" as const, expected: [["studio", "same type and vendor, the better tier"]] },
    { product: "elite", kind: "down_sell" as const, expected: [["studio", "same type and vendor, the better tier"]] },
    // The stand shares type and vendor, not the need.
    { product: "studio", kind: "down_sell" as const, expected: [["go", "same type and vendor, the go tier"]] },
    // A look-alike in another size; behaviour adds the filters (another need, not vetoed).
    {
      product: "pods30",
      kind: "upsell" as const,
      expected: [
        ["filters", "viewed, then bought instead 4 times, 20% more"],
        ["pods60", "same type, 2× the pack size"],
      ],
    },
  ])("$kind for $product → $expected", ({ product, kind, expected }) => {
    expect(index.find(product, kind, 10).map((c) => [c.productId, c.reason])).toEqual(expected);
  });

  it("drops a behaviour candidate that is bought together with the product", () => {
    const co: CoPurchaseLookup = {
      pairCount: (a, b) => ([a, b].sort().join() === "filters,pods30" ? 10 : 0),
      itemCount: () => 20,
      orderCount: () => 100,
    };
    expect(ids(index.find("pods30", "upsell", 10, co))).toEqual(["pods60"]);
  });
});
