import { describe, expect, it } from "vitest";
import { formatMoneyInput, parseMoneyMinor } from "./money";

describe("parseMoneyMinor", () => {
  it.each([
    ["19.99", "USD", 1999],
    ["19.9", "USD", 1990],
    ["19", "USD", 1900],
    [" 0.10 ", "USD", 10],
    ["1999", "JPY", 1999],
    ["1999.00", "JPY", 1999],
    ["1.234", "KWD", 1234],
    ["12.500", "USD", 1250],
    ["0.1", "usd", 10],
  ])("%s %s → %d", (value, currency, minor) => {
    expect(parseMoneyMinor(value, currency)).toBe(minor);
  });

  it.each([["19.999"], ["-1"], ["1e3"], ["abc"], [""], ["1,000.00"], ["19.5", "JPY"]])(
    "rejects %s",
    (value, currency = "USD") => {
      expect(parseMoneyMinor(value, currency)).toBeNull();
    },
  );
});

describe("formatMoneyInput", () => {
  it.each([
    [1999, "USD", "19.99"],
    [5, "USD", "0.05"],
    [0, "USD", "0.00"],
    [1999, "JPY", "1999"],
    [1234, "KWD", "1.234"],
  ])("%d %s → %s", (minor, currency, text) => {
    expect(formatMoneyInput(minor, currency)).toBe(text);
  });
});
