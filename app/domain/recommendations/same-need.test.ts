import { describe, expect, it } from "vitest";
import {
  isSameNeed,
  judgeSameNeed,
  measuresOf,
  nextTier,
  POPULARITY_REASON,
  sameNeedReason,
  tierOrder,
  type NeedProduct,
  type PairCounts,
} from "./same-need";

const product = (productId: string, fields: Partial<NeedProduct>): NeedProduct => ({ productId, ...fields });

const brewline = { productType: "Coffee Machines", vendor: "Brewline" };
const basic = product("basic", { ...brewline, title: "Brew Basic", tags: ["coffee", "tier:good"], price: 12900 });
const plus = product("plus", { ...brewline, title: "Brew Plus", tags: ["coffee", "tier:better"], price: 24900 });
const pro = product("pro", { ...brewline, title: "Brew Pro", tags: ["coffee", "tier:best"], price: 44900 });
const supplies = { productType: "Coffee Supplies", vendor: "Brewline" };
const pods30 = product("pods30", { ...supplies, title: "Coffee Pods (30-pack)", price: 1499 });
const pods60 = product("pods60", { ...supplies, title: "Coffee Pods (60-pack)", price: 2699 });
const filters = product("filters", { ...supplies, title: "Water Filter Cartridges (3-pack)", price: 1799 });
const descaler = product("descaler", { ...supplies, title: "Descaling Solution", price: 1199 });

const counts = (pairs: Record<string, number>, items: Record<string, number>): PairCounts => ({
  pairCount: (a, b) => pairs[[a, b].sort().join("+")] ?? 0,
  itemCount: (id) => items[id] ?? 0,
});

describe("judgeSameNeed", () => {
  it.each([
    ["the better tier of the same line", basic, plus, "same type and vendor, the better tier"],
    ["the tier below", pro, plus, "same type and vendor, the better tier"],
    ["the larger pod pack", pods30, pods60, "same type, 2× the pack size"],
    ["the smaller pod pack", pods60, pods30, "same type, half the pack size"],
  ])("accepts %s", (_name, a, b, reason) => {
    expect(judgeSameNeed(a, b)).toMatchObject({ sameNeed: true, reason });
  });

  it.each([
    ["water filters for coffee pods", pods30, filters, "other need"],
    ["descaler for coffee pods", pods30, descaler, "other need"],
    ["pods for a coffee machine", basic, pods30, "other frame"],
    ["the product itself", basic, basic, "same product"],
  ])("rejects %s", (_name, a, b, why) => {
    expect(judgeSameNeed(a, b)).toEqual({ sameNeed: false, why });
  });

  it("lets a stated family win over the type and rules out another stated family", () => {
    const kettle = product("kettle", {
      productType: "Kettles",
      title: "Gooseneck Kettle 1.5 L",
      tags: ["family:pour-over"],
    });
    const bigKettle = product("big", {
      productType: "Kitchen",
      title: "Pour Over Kettle 3 L",
      tags: ["Family:Pour-Over"],
    });
    const grinder = product("grinder", {
      productType: "Kettles",
      title: "Gooseneck Kettle 1.5 L",
      tags: ["family:grind"],
    });
    expect(judgeSameNeed(kettle, bigKettle)).toMatchObject({
      sameNeed: true,
      basis: "family",
      reason: "same family, 2× the capacity",
    });
    expect(judgeSameNeed(kettle, grinder)).toEqual({ sameNeed: false, why: "other family" });
  });

  it("never pairs items often bought together, however alike", () => {
    const often = counts({ "pods30+pods60": 5 }, { pods30: 20, pods60: 10 });
    const rarely = counts({ "pods30+pods60": 1 }, { pods30: 20, pods60: 10 });
    expect(judgeSameNeed(pods30, pods60, { coPurchase: often })).toEqual({ sameNeed: false, why: "bought together" });
    expect(isSameNeed(pods30, pods60, { coPurchase: rarely })).toBe(true);
  });

  it("needs the same vendor or a shared title word for two tiered products to be one line", () => {
    const otherPro = product("op", { productType: "Coffee Machines", vendor: "Acme", title: "Acme Pro", price: 30000 });
    const samePlus = product("sp", {
      productType: "Coffee Machines",
      vendor: "Acme",
      title: "Brew Plus",
      price: 20000,
    });
    expect(isSameNeed(basic, otherPro)).toBe(false);
    expect(judgeSameNeed(basic, samePlus)).toMatchObject({ sameNeed: true, reason: "same line, the plus tier" });
  });

  it("falls back to the type alone when a title is missing, with the popularity reason", () => {
    const a = product("a", { productType: "Margarine" });
    const b = product("b", { productType: "Margarine" });
    expect(sameNeedReason(a, b)).toBe(POPULARITY_REASON);
    expect(sameNeedReason(a, product("c", { productType: "Butter" }))).toBeNull();
  });

  it("uses collections as the frame only when a type is missing", () => {
    const a = product("a", { title: "Oat Drink 1 L", collections: ["dairy-free"] });
    const b = product("b", { title: "Oat Drink 2 L", collections: ["dairy-free"] });
    const c = product("c", { title: "Oat Drink 2 L", collections: ["breakfast"] });
    expect(sameNeedReason(a, b)).toBe("same type, 2× the capacity");
    expect(isSameNeed(a, c)).toBe(false);
  });
});

describe("measuresOf", () => {
  it.each([
    ["Coffee Pods (30-pack)", [], [["pack size", 30]]],
    ["Gel Pen Set (6)", [], [["pack size", 6]]],
    ["Kettle", ["1.5 L"], [["capacity", 1500]]],
    ["Beans", ["1 kg"], [["weight", 1000]]],
    ["SD Card", ["128 GB"], [["storage", 128]]],
    ["Brew Basic", ["Black"], []],
  ])("reads %s %j", (title, optionValues, expected) => {
    expect([...measuresOf(product("x", { title, optionValues }))]).toEqual(expected);
  });
});

describe("tierOrder and nextTier", () => {
  const all = [basic, plus, pro, pods30, pods60, filters, descaler];

  it("offers the next tier up, not the dearest item of the type", () => {
    expect(tierOrder(basic, all, "up").map((s) => s.product.productId)).toEqual(["plus", "pro"]);
    expect(nextTier(basic, all, "up")).toEqual({ product: plus, reason: "same type and vendor, the better tier" });
  });

  it("offers the next tier down", () => {
    expect(nextTier(pro, all, "down")?.product.productId).toBe("plus");
    expect(nextTier(basic, all, "down")).toBeUndefined();
  });

  it("respects a price cap on the upsell", () => {
    expect(nextTier(basic, all, "up", { maxIncrease: 0.25 })).toBeUndefined();
    expect(nextTier(basic, all, "up", { maxIncrease: 0.94 })?.product.productId).toBe("plus");
  });

  it("breaks a price tie by title similarity", () => {
    const twin = product("twin", {
      ...brewline,
      title: "Brew Plus Black Edition",
      tags: ["tier:better"],
      price: 24900,
    });
    expect(tierOrder(basic, [twin, plus], "up").map((s) => s.product.productId)).toEqual(["plus", "twin"]);
  });

  it("gives a product without a believable substitute none", () => {
    expect(tierOrder(filters, all, "up")).toEqual([]);
    expect(tierOrder(filters, all, "down")).toEqual([]);
  });
});
