import { describe, expect, it } from "vitest";
import { buildOfferDiscountConfig } from "../../domain/offers/discount-config";
import type { Rule } from "../../domain/offers/types";
import { signMark, type OfferMark } from "../../services/offer-mark.server";
import { generateDemoShop } from "../seed";
import type { CartLine } from "../storefront/cart";
import { buildStoreData } from "../storefront/shop-data";
import { discountedLines } from "./discounts";

const store = buildStoreData(generateDemoShop({ orderCount: 0 }));
const KEY = Buffer.alloc(32, 3).toString("base64url");
const TODAY = "2026-12-07";
const EXPIRES = Date.UTC(2026, 11, 9) / 1000;

const variant = (handle: string) => store.productByHandle.get(handle)!.variants[0]!;
const MACHINE = variant("brew-basic");
const PODS = variant("coffee-pods");

function rule(id: string, discount: Rule["discount"]): Rule {
  return {
    id,
    name: id,
    active: true,
    priority: 0,
    kind: "cross_sell",
    surfaces: ["checkout"],
    conditions: [],
    offer: { type: "automatic", limit: 1 },
    discount,
  };
}

const CONFIG = JSON.parse(
  JSON.stringify(
    buildOfferDiscountConfig(
      KEY,
      [rule("ten", { type: "percentage", value: 10 }), rule("five", { type: "fixed_amount", amountMinor: 500 })],
      "USD",
    ),
  ),
) as unknown;

function mark(overrides: Partial<OfferMark> = {}, key = KEY): string {
  const payload: OfferMark = { v: 1, r: "ten", k: "cross_sell", o: String(PODS.id), t: String(MACHINE.id), x: EXPIRES };
  return signMark(key, { ...payload, ...overrides });
}

const line = (variantId: number, quantity: number, properties: Record<string, string> = {}): CartLine => ({
  key: `${variantId}:${Object.keys(properties).length}`,
  variantId,
  quantity,
  properties,
});

describe("the checkout harness's offer discount", () => {
  it("takes the rule's percentage off the offered line while its trigger is in the cart", () => {
    const lines = discountedLines(store, [line(MACHINE.id, 1), line(PODS.id, 1, { _cartlift: mark() })], CONFIG, TODAY);
    expect(lines.map((l) => [l.variantId, l.subtotal, l.discount, l.discountMessage])).toEqual([
      [MACHINE.id, 12800, 0, null],
      [PODS.id, 1499, 150, "Offer: 10% off"],
    ]);
    expect(lines[1]!.mark).toBe(mark());
  });

  it("gives nothing once the trigger has left the cart", () => {
    const [pods] = discountedLines(store, [line(PODS.id, 1, { _cartlift: mark() })], CONFIG, TODAY);
    expect(pods!.discount).toBe(0);
  });

  it("covers as many units as the trigger line holds", () => {
    const lines = discountedLines(store, [line(MACHINE.id, 1), line(PODS.id, 3, { _cartlift: mark() })], CONFIG, TODAY);
    expect(lines[1]!.discount).toBe(150);
  });

  it("takes a fixed amount per covered unit, never more than the line costs", () => {
    const fixed = mark({ r: "five" });
    const lines = discountedLines(store, [line(MACHINE.id, 2), line(PODS.id, 2, { _cartlift: fixed })], CONFIG, TODAY);
    expect(lines[1]!.discount).toBe(1000);
  });

  it("ignores a forged mark, an expired one, and any mark when no discount is installed", () => {
    const forged = mark({}, Buffer.alloc(32, 4).toString("base64url"));
    const expired = mark({ x: Date.UTC(2026, 11, 6) / 1000 });
    for (const [token, config] of [
      [forged, CONFIG],
      [expired, CONFIG],
      [mark(), null],
    ] as const) {
      const lines = discountedLines(
        store,
        [line(MACHINE.id, 1), line(PODS.id, 1, { _cartlift: token })],
        config,
        TODAY,
      );
      expect(lines[1]!.discount).toBe(0);
    }
  });
});
