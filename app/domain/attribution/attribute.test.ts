import { describe, expect, it } from "vitest";
import {
  attributeOrder,
  netRevenueMinor,
  RECENT_ADD_WINDOW_MS,
  type AttributableLine,
  type AttributableOrder,
  type RecentAdd,
} from "./attribute";

const AT = new Date("2026-12-07T12:00:00Z");
const PODS = "gid://shopify/ProductVariant/2002";
const MACHINE = "gid://shopify/ProductVariant/1001";

const order = (overrides: Partial<AttributableOrder> = {}): AttributableOrder => ({
  id: "gid://shopify/Order/1",
  processedAt: AT,
  cancelled: false,
  currency: "USD",
  presentmentCurrency: "EUR",
  customerId: "gid://shopify/Customer/7",
  ...overrides,
});

const line = (n: number, variantId: string, overrides: Partial<AttributableLine> = {}): AttributableLine => ({
  id: `gid://shopify/LineItem/${n}`,
  productId: `gid://shopify/Product/${n}`,
  variantId,
  quantity: 1,
  priceMinor: 1499,
  presentmentPriceMinor: 1349,
  refundedMinor: 0,
  mark: null,
  ...overrides,
});

const mark = { ruleId: "rule-1", kind: "cross_sell", variantId: PODS, surface: "checkout", personaId: "persona-1" };
const add = (variantId: string, msBefore: number, overrides: Partial<RecentAdd> = {}): RecentAdd => ({
  variantId,
  kind: "cross_sell",
  surface: "cart",
  ruleId: "rule-2",
  at: new Date(AT.getTime() - msBefore),
  ...overrides,
});

describe("attributeOrder", () => {
  it("attributes a marked line to its offer, with revenue in both currencies", () => {
    const rows = attributeOrder(order(), [line(1, MACHINE), line(2, PODS, { quantity: 2, mark })], []);
    expect(rows).toEqual([
      {
        lineId: "gid://shopify/LineItem/2",
        orderId: "gid://shopify/Order/1",
        processedAt: AT,
        source: "mark",
        kind: "cross_sell",
        surface: "checkout",
        ruleId: "rule-1",
        personaId: "persona-1",
        productId: "gid://shopify/Product/2",
        variantId: PODS,
        customerId: "gid://shopify/Customer/7",
        quantity: 2,
        revenueMinor: 2998,
        refundedMinor: 0,
        currency: "USD",
        presentmentCurrency: "EUR",
        presentmentRevenueMinor: 2698,
      },
    ]);
  });

  it("ignores a mark that names another variant (a mark copied onto another line)", () => {
    expect(attributeOrder(order(), [line(1, MACHINE, { mark })], [])).toEqual([]);
  });

  it("attributes an unmarked line to the buyer's latest add of that variant within the window", () => {
    const rows = attributeOrder(
      order(),
      [line(2, PODS)],
      [add(PODS, 3_600_000, { ruleId: "older" }), add(PODS, 60_000, { ruleId: "newer", surface: "product" })],
    );
    expect(rows.map((r) => [r.source, r.ruleId, r.surface, r.personaId])).toEqual([
      ["recent_add", "newer", "product", null],
    ]);
  });

  it("counts no add from before the window or after the order, and one add for one line only", () => {
    const rows = attributeOrder(
      order(),
      [line(2, PODS), line(3, PODS)],
      [add(PODS, RECENT_ADD_WINDOW_MS + 1), add(PODS, -1), add(PODS, 1000)],
    );
    expect(rows.map((r) => r.lineId)).toEqual(["gid://shopify/LineItem/2"]);
  });

  it("earns nothing for a cancelled order, a line with no units, or a line without a variant", () => {
    expect(attributeOrder(order({ cancelled: true }), [line(2, PODS, { mark })], [])).toEqual([]);
    expect(attributeOrder(order(), [line(2, PODS, { mark, quantity: 0 })], [])).toEqual([]);
    expect(attributeOrder(order(), [line(2, PODS, { mark, variantId: null })], [add(PODS, 10)])).toEqual([]);
  });

  it("leaves the buyer's revenue unknown without a presentment price", () => {
    const [row] = attributeOrder(order(), [line(2, PODS, { mark, presentmentPriceMinor: null })], []);
    expect(row!.presentmentRevenueMinor).toBeNull();
  });

  it("nets refunds off revenue, never below zero", () => {
    expect(netRevenueMinor({ revenueMinor: 2998, refundedMinor: 1499 })).toBe(1499);
    expect(netRevenueMinor({ revenueMinor: 1499, refundedMinor: 2000 })).toBe(0);
  });
});
