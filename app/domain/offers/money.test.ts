import { describe, expect, it } from "vitest";
import { createRng } from "../recommendations/rng";
import { DomainError } from "./errors";
import { applyDiscount, currencyExponent, formatMinor, percentOf, toBasisPoints } from "./money";
import type { Discount } from "./types";

describe("percentOf", () => {
  it.each([
    { amount: 10_000, percent: 25, expected: 2_500 },
    { amount: 9_999, percent: 25, expected: 2_500 }, // 2,499.75 rounds up
    { amount: 10, percent: 25, expected: 3 }, // 2.5: half rounds up
    { amount: 10, percent: 24.99, expected: 2 }, // 2.499
    { amount: 0, percent: 25, expected: 0 },
    { amount: 123_456_789_012, percent: 12.5, expected: 15_432_098_627 }, // 15,432,098,626.5
  ])("$percent% of $amount = $expected", ({ amount, percent, expected }) => {
    expect(percentOf(amount, percent)).toBe(expected);
  });

  it("rejects fractional amounts and over-precise percentages", () => {
    expect(() => percentOf(10.5, 25)).toThrow(DomainError);
    expect(() => percentOf(100, 12.345)).toThrow(expect.objectContaining({ code: "invalid_amount" }));
  });
});

describe("applyDiscount", () => {
  it.each<{ price: number; discount: Discount | undefined; expected: number }>([
    { price: 1_999, discount: undefined, expected: 1_999 },
    { price: 1_000, discount: { type: "percentage", value: 10 }, expected: 900 },
    { price: 999, discount: { type: "percentage", value: 50 }, expected: 500 }, // 499.5 rounds half up
    { price: 1_001, discount: { type: "percentage", value: 15 }, expected: 851 }, // 850.85
    { price: 1_001, discount: { type: "percentage", value: 15.5 }, expected: 846 }, // 845.845
    { price: 333, discount: { type: "percentage", value: 33.33 }, expected: 222 }, // 222.0111
    { price: 1_000, discount: { type: "percentage", value: 100 }, expected: 0 },
    { price: 1_000, discount: { type: "fixed_amount", amountMinor: 250 }, expected: 750 },
    { price: 1_000, discount: { type: "fixed_amount", amountMinor: 1_500 }, expected: 0 },
  ])("$price with $discount → $expected", ({ price, discount, expected }) => {
    expect(applyDiscount(price, discount)).toBe(expected);
  });

  it.each<Discount>([
    { type: "percentage", value: 0 },
    { type: "percentage", value: 101 },
    { type: "percentage", value: 10.001 },
    { type: "fixed_amount", amountMinor: -1 },
    { type: "fixed_amount", amountMinor: 1.5 },
  ])("rejects %o", (discount) => {
    expect(() => applyDiscount(1_000, discount)).toThrow(expect.objectContaining({ code: "invalid_amount" }));
  });
});

describe("formatMinor", () => {
  it.each([
    { amount: 123_400, currency: "USD", expected: "$1,234.00" },
    { amount: 5, currency: "USD", expected: "$0.05" },
    { amount: -6_000, currency: "USD", expected: "-$60.00" },
    { amount: 1_234, currency: "JPY", expected: "¥1,234" },
    { amount: 1_234, currency: "jpy", expected: "¥1,234" },
    { amount: 1_234, currency: "KWD", expected: "KWD 1.234" },
    { amount: 123_456, currency: "EUR", expected: "€1,234.56" },
  ])("$amount $currency → $expected", ({ amount, currency, expected }) => {
    expect(formatMinor(amount, currency).replace(/\u00a0/g, " ")).toBe(expected);
  });

  it("agrees with Intl.NumberFormat on many amounts and currencies", () => {
    const random = createRng(4);
    for (const currency of ["USD", "EUR", "GBP", "JPY", "KWD", "INR", "CHF", "IDR"]) {
      const digits = currencyExponent(currency);
      const intl = new Intl.NumberFormat("en-US", {
        style: "currency",
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      for (let i = 0; i < 200; i++) {
        const amount = Math.floor((random() - 0.2) * 10 ** (1 + (i % 12)));
        expect(formatMinor(amount, currency)).toBe(intl.format(amount / 10 ** digits));
      }
    }
  });

  it("refuses an unknown currency with a typed error", () => {
    expect(() => formatMinor(100, "DOLLARS")).toThrow(expect.objectContaining({ code: "invalid_currency" }));
  });

  it("knows the minor-unit exponents", () => {
    expect(["USD", "JPY", "KRW", "KWD", "BHD", "EUR"].map(currencyExponent)).toEqual([2, 0, 0, 3, 3, 2]);
    expect(toBasisPoints(12.34)).toBe(1_234);
  });
});
