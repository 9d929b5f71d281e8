import { describe, expect, it } from "vitest";
import { presentmentFor } from "./presentment.server";

describe("presentmentFor", () => {
  it.each([
    ["the shop's own currency", "USD", "USD", 1.2, 24900, "USD", 24900],
    ["no currency from the theme", "USD", undefined, undefined, 24900, "USD", 24900],
    ["a currency without a rate (labelled as the shop's)", "USD", "EUR", undefined, 24900, "USD", 24900],
    ["USD → EUR, half up", "USD", "EUR", 0.9134, 24900, "EUR", 22744],
    ["USD → JPY: whole yen", "USD", "JPY", 151.37, 24900, "JPY", 37691],
    ["JPY → USD: cents", "JPY", "USD", 0.0066, 24900, "USD", 16434],
    ["USD → KWD: three decimals", "USD", "KWD", 0.3071, 24900, "KWD", 76468],
    ["an exact half cent rounds up", "USD", "EUR", 0.5, 1, "EUR", 1],
    ["zero stays zero", "USD", "EUR", 0.9134, 0, "EUR", 0],
  ] as const)("%s", (_name, shop, currency, rate, amount, expectedCurrency, expected) => {
    const presentment = presentmentFor(shop, currency, rate);

    expect([presentment.currency, presentment.convert(amount)]).toEqual([expectedCurrency, expected]);
  });
});
