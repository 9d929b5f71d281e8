/**
 * The offer discount Function, run directly on literal inputs (the shape of
 * cart_lines_discounts_generate_run.graphql) with whole expected outputs, in the style of
 * Shopify's function examples: `shopify app function run` needs binaries this machine cannot
 * download. Marks are signed with the app's own `signMark`, so both sides agree on the format.
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildOfferDiscountConfig } from "../../app/domain/offers/discount-config";
import { currencyExponent } from "../../app/domain/offers/money";
import type { Rule } from "../../app/domain/offers/types";
import { signMark, type OfferMark } from "../../app/services/offer-mark.server";
import { exponentOf } from "../../extensions/cartlift-discount/src/cart_lines_discounts_generate_run.js";
import { cartLinesDiscountsGenerateRun } from "../../extensions/cartlift-discount/src/index.js";
import { fromBase64Url, hmacSha256, sha256 } from "../../extensions/cartlift-discount/src/hmac.js";

const KEY = Buffer.alloc(32, 7).toString("base64url");
const OTHER_KEY = Buffer.alloc(32, 9).toString("base64url");
// 2026-12-07 12:00 UTC; marks expire 72 hours after they are made.
const NOW_S = Date.UTC(2026, 11, 7, 12) / 1000;
const TODAY = "2026-12-07";

const MACHINE = "1001";
const PODS = "2002";
const PLUS = "3003";

const CONFIG = {
  v: 1,
  key: KEY,
  rules: {
    "rule-set-up": { type: "percentage", value: 10, message: "10% off with your machine" },
    "rule-fixed": { type: "fixed", amount: "5.00", message: "$5 off with your machine" },
    "rule-upgrade": { type: "percentage", value: 15, message: "15% off the upgrade" },
  },
};

function mark(overrides: Partial<OfferMark> = {}, key = KEY): string {
  return signMark(key, {
    v: 1,
    r: "rule-set-up",
    k: "cross_sell",
    o: PODS,
    t: MACHINE,
    x: NOW_S + 72 * 3600,
    ...overrides,
  });
}

interface LineSpec {
  id: string;
  variant: string;
  quantity?: number;
  price: string;
  currency?: string;
  mark?: string;
}

function input(
  lines: LineSpec[],
  options: { config?: unknown; today?: string; rate?: string; classes?: string[] } = {},
) {
  return {
    cart: {
      lines: lines.map((l) => ({
        id: l.id,
        quantity: l.quantity ?? 1,
        mark: l.mark === undefined ? null : { value: l.mark },
        cost: { amountPerQuantity: { amount: l.price, currencyCode: l.currency ?? "USD" } },
        merchandise: { __typename: "ProductVariant", id: `gid://shopify/ProductVariant/${l.variant}` },
      })),
    },
    discount: {
      discountClasses: options.classes ?? ["PRODUCT"],
      metafield: options.config === null ? null : { jsonValue: options.config ?? CONFIG },
    },
    shop: { localTime: { date: options.today ?? TODAY } },
    presentmentCurrencyRate: options.rate ?? "1.0",
  };
}

const machine: LineSpec = { id: "gid://shopify/CartLine/1", variant: MACHINE, price: "128.0" };
const pods = (m: string, quantity = 1): LineSpec => ({
  id: "gid://shopify/CartLine/2",
  variant: PODS,
  price: "14.99",
  quantity,
  mark: m,
});

function discounted(candidates: unknown[]) {
  return { operations: [{ productDiscountsAdd: { candidates, selectionStrategy: "ALL" } }] };
}

describe("cartLinesDiscountsGenerateRun", () => {
  it("takes the rule's percentage off an offered cross-sell while its trigger is in the cart", () => {
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(mark())]))).toEqual(
      discounted([
        {
          message: "10% off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { percentage: { value: 10 } },
        },
      ]),
    );
  });

  it("gives nothing once the trigger line has left the cart", () => {
    expect(cartLinesDiscountsGenerateRun(input([pods(mark())]))).toEqual({ operations: [] });
  });

  it("takes a fixed amount per unit, in the cart's currency, never more than the unit price", () => {
    const fixed = mark({ r: "rule-fixed" });
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(fixed)]))).toEqual(
      discounted([
        {
          message: "$5 off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { fixedAmount: { amount: "5.00", appliesToEachItem: true } },
        },
      ]),
    );
    // A cart in euros at 0.9: 4.50 EUR.
    expect(
      cartLinesDiscountsGenerateRun(input([machine, { ...pods(fixed), currency: "EUR" }], { rate: "0.9" })),
    ).toEqual(
      discounted([
        {
          message: "$5 off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { fixedAmount: { amount: "4.50", appliesToEachItem: true } },
        },
      ]),
    );
    // An item cheaper than the amount is discounted to zero, not below it.
    expect(cartLinesDiscountsGenerateRun(input([machine, { ...pods(fixed), price: "3.25" }]))).toEqual(
      discounted([
        {
          message: "$5 off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { fixedAmount: { amount: "3.25", appliesToEachItem: true } },
        },
      ]),
    );
  });

  it("rounds a fixed amount down to whole units in a zero-decimal currency", () => {
    const fixed = mark({ r: "rule-fixed" });
    const yen = { ...pods(fixed), price: "2200.0", currency: "JPY" };
    expect(cartLinesDiscountsGenerateRun(input([machine, yen], { rate: "151.237" }))).toEqual(
      discounted([
        {
          message: "$5 off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { fixedAmount: { amount: "756", appliesToEachItem: true } },
        },
      ]),
    );
  });

  it("covers as many units as the trigger line holds, not every unit the shopper added", () => {
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(mark(), 3)]))).toEqual(
      discounted([
        {
          message: "10% off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { percentage: { value: 10 } },
        },
      ]),
    );
    const twoMachines = { ...machine, quantity: 2 };
    expect(cartLinesDiscountsGenerateRun(input([twoMachines, pods(mark(), 3)]))).toEqual(
      discounted([
        {
          message: "10% off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 2 } }],
          value: { percentage: { value: 10 } },
        },
      ]),
    );
  });

  it("honours one mark once: the same mark copied onto a second line gets nothing", () => {
    const m = mark();
    const copy = { ...pods(m), id: "gid://shopify/CartLine/3" };
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(m), copy]))).toEqual(
      discounted([
        {
          message: "10% off with your machine",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { percentage: { value: 10 } },
        },
      ]),
    );
  });

  it("discounts an upgrade on all the units it replaced, without its (replaced) trigger", () => {
    const upgrade = mark({ r: "rule-upgrade", k: "upsell", o: PLUS, t: MACHINE });
    const line = { id: "gid://shopify/CartLine/4", variant: PLUS, price: "160.0", quantity: 2, mark: upgrade };
    expect(cartLinesDiscountsGenerateRun(input([line]))).toEqual(
      discounted([
        {
          message: "15% off the upgrade",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/4", quantity: 2 } }],
          value: { percentage: { value: 15 } },
        },
      ]),
    );
  });

  it("discounts an item already on sale from its sale price, once", () => {
    const sale = { ...pods(mark()), price: "11.99" };
    const result = cartLinesDiscountsGenerateRun(input([machine, sale]));
    expect(result.operations).toHaveLength(1);
    expect(result.operations[0].productDiscountsAdd.candidates).toHaveLength(1);
  });

  it.each([
    ["a mark the shopper typed (signed with another key)", () => mark({}, OTHER_KEY)],
    ["a mark with its payload changed after signing", () => tamper(mark(), { o: PODS, r: "rule-fixed" })],
    ["a mark for another variant than the line's", () => mark({ o: "9999" })],
    ["a mark of a rule without a discount", () => mark({ r: "rule-gone" })],
    ["a mark without a rule (an automatic offer)", () => mark({ r: null })],
    ["a cross-sell mark without a trigger", () => mark({ t: null })],
    ["an expired mark", () => mark({ x: NOW_S - 26 * 3600 })],
    ["no mark but a similar attribute", () => "not-a-mark"],
  ])("gives nothing for %s", (_name, make) => {
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(make())]))).toEqual({ operations: [] });
  });

  it("holds a mark through its expiry date in the shop's calendar, and not a day after", () => {
    const x = Date.UTC(2026, 11, 9, 18) / 1000;
    expect(
      cartLinesDiscountsGenerateRun(input([machine, pods(mark({ x }))], { today: "2026-12-09" })).operations,
    ).toHaveLength(1);
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(mark({ x }))], { today: "2026-12-10" }))).toEqual({
      operations: [],
    });
  });

  it("gives nothing without a usable configuration or outside the product class", () => {
    const line = [machine, pods(mark())];
    expect(cartLinesDiscountsGenerateRun(input(line, { config: null }))).toEqual({ operations: [] });
    expect(cartLinesDiscountsGenerateRun(input(line, { config: { ...CONFIG, key: "short" } }))).toEqual({
      operations: [],
    });
    expect(cartLinesDiscountsGenerateRun(input(line, { config: { ...CONFIG, v: 2 } }))).toEqual({ operations: [] });
    const silly = { ...CONFIG, rules: { "rule-set-up": { type: "percentage", value: 150 } } };
    expect(cartLinesDiscountsGenerateRun(input(line, { config: silly }))).toEqual({ operations: [] });
    expect(cartLinesDiscountsGenerateRun(input(line, { classes: ["ORDER", "SHIPPING"] }))).toEqual({ operations: [] });
  });
});

describe("the Function and the app's side of its configuration", () => {
  it("discounts by the configuration the app builds from its rules", () => {
    const rules: Rule[] = [
      {
        id: "rule-set-up",
        name: "Complete the coffee set-up",
        active: true,
        priority: 20,
        kind: "cross_sell",
        surfaces: ["cart", "checkout"],
        conditions: [],
        offer: { type: "products", productIds: ["gid://shopify/Product/1"] },
        discount: { type: "fixed_amount", amountMinor: 150 },
      },
    ];
    const config = buildOfferDiscountConfig(KEY, rules, "USD");
    expect(cartLinesDiscountsGenerateRun(input([machine, pods(mark())], { config }))).toEqual(
      discounted([
        {
          message: "Offer: $1.50 off",
          targets: [{ cartLine: { id: "gid://shopify/CartLine/2", quantity: 1 } }],
          value: { fixedAmount: { amount: "1.50", appliesToEachItem: true } },
        },
      ]),
    );
  });

  it.each(["USD", "EUR", "JPY", "KRW", "CLP", "KWD", "BHD", "TND", "XOF", "GBP"])(
    "uses the app's minor-unit exponent for %s",
    (currency) => {
      expect(exponentOf(currency)).toBe(currencyExponent(currency));
    },
  );
});

describe("the Function's own HMAC-SHA256 and base64url", () => {
  it.each(["", "abc", "a".repeat(55), "a".repeat(56), "b".repeat(64), "c".repeat(200)])(
    "match Node's crypto on %#",
    (text) => {
      const bytes = Buffer.from(text);
      expect(Buffer.from(sha256(bytes)).toString("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
      const key = Buffer.from(`key-${text}`.repeat(3));
      expect(Buffer.from(hmacSha256(key, bytes)).toString("hex")).toBe(
        createHmac("sha256", key).update(bytes).digest("hex"),
      );
    },
  );

  it("decodes unpadded base64url and refuses other text", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    for (let n = 0; n <= bytes.length; n++) {
      const part = bytes.subarray(0, n);
      expect(Buffer.from(fromBase64Url(part.toString("base64url"))!)).toEqual(part);
    }
    expect(fromBase64Url("ab+/")).toBeNull();
    expect(fromBase64Url("abcde")).toBeNull();
  });
});

// Re-encodes a mark's payload with other fields, keeping the old signature.
function tamper(token: string, fields: Partial<OfferMark>): string {
  const [payload, signature] = token.split(".");
  const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString()) as OfferMark;
  return `${Buffer.from(JSON.stringify({ ...decoded, ...fields })).toString("base64url")}.${signature}`;
}
