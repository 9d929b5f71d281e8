// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { money } from "./util";

afterEach(() => document.documentElement.removeAttribute("lang"));

describe("money", () => {
  it.each([
    ["USD", 24900, "en", "$249.00"],
    ["JPY", 24900, "en", "¥24,900"],
    ["KWD", 24900, "en", "KWD 24.900"],
    ["EUR", 123456, "de", "1.234,56 €"],
  ])(
    "formats minor units of %s by the currency's fraction digits in the page's language",
    (currency, minor, lang, shown) => {
      document.documentElement.lang = lang;
      expect(money(minor, currency).replace(/\s/g, " ")).toBe(shown);
    },
  );
});
