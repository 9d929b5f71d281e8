import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createShopifyLiquid, translate } from "./liquid-engine.server";
import { formatMoney } from "./money";

const snippets = mkdtempSync(path.join(tmpdir(), "cartlift-liquid-"));
writeFileSync(path.join(snippets, "hello.liquid"), "Hello {{ who }} from {{ shop.name }}");
const liquid = createShopifyLiquid({
  snippets,
  assetUrl: (name) => `/assets/${name}?v=1`,
  translations: { cart: { items: { one: "{{ count }} item", other: "{{ count }} items" } }, hi: "Hi {{ name }}" },
  moneyFormat: "${{amount}}",
  moneyWithCurrencyFormat: "${{amount}} USD",
});
const render = (source: string, scope: object = {}, globals: object = {}) =>
  liquid.parseAndRender(source, scope, { globals });

describe("formatMoney", () => {
  it.each([
    [12900, "${{amount}}", "$129.00"],
    [123456789, "${{amount}}", "$1,234,567.89"],
    [5, "{{amount}} USD", "0.05 USD"],
    [129900, "{{ amount_no_decimals }} kr", "1,299 kr"],
    [123456, "{{amount_with_comma_separator}} €", "1.234,56 €"],
    [-250, "${{amount}}", "-$2.50"],
  ])("formatMoney(%i, %s) = %s", (cents, format, expected) => {
    expect(formatMoney(cents, format)).toBe(expected);
  });
});

describe("Shopify's filters and tags on liquidjs", () => {
  it.each([
    ["{{ 12900 | money }}", "$129.00"],
    ["{{ 12900 | money_with_currency }}", "$129.00 USD"],
    ["{{ 12900 | money_without_currency }}", "129.00"],
    ["{{ 12900 | money_without_trailing_zeros }}", "$129"],
    ["{{ 'cartlift.js' | asset_url }}", "/assets/cartlift.js?v=1"],
    [
      "{{ 'cartlift.js' | asset_url | script_tag }}",
      '<script src="/assets/cartlift.js?v=1" type="text/javascript"></script>',
    ],
    [
      "{{ 'a.css' | asset_url | stylesheet_tag }}",
      '<link href="/assets/a.css?v=1" rel="stylesheet" type="text/css" media="all" />',
    ],
    ["{{ 'cart.items' | t: count: 1 }}", "1 item"],
    ["{{ 'cart.items' | t: count: 3 }}", "3 items"],
    ["{{ 'hi' | t: name: 'Sam' }}", "Hi Sam"],
    ["{{ 'nope' | t }}", "translation missing: en.nope"],
    ["{{ '/i.svg' | image_url: width: 300 }}", "/i.svg?width=300"],
    ["{{ 'Brew Plus!' | handleize }}", "brew-plus"],
    ["{{ x | json }}", '{"a":"\\u003c/script>"}'],
    ['a{% schema %}{"name": "x"}{% endschema %}b', "ab"],
    ["{% style %}.a{color:{{ c }}}{% endstyle %}", "<style data-shopify>.a{color:red}</style>"],
  ])("%s → %s", async (source, expected) => {
    expect(await render(source, { x: { a: "</script>" }, c: "red" })).toBe(expected);
  });

  it("renders snippets with only what is passed plus the global objects", async () => {
    const out = await render(
      "{% assign who = 'outer' %}{% render 'hello', who: 'Sam' %}|{% render 'hello' %}",
      {},
      { shop: { name: "Demo" } },
    );
    expect(out).toBe("Hello Sam from Demo|Hello  from Demo");
  });

  it("reads customer.b2b? and fails on an unknown filter", async () => {
    expect(await render("{% if customer.b2b? %}b2b{% endif %}", {}, { customer: { "b2b?": true } })).toBe("b2b");
    await expect(render("{{ 1 | no_such_filter }}")).rejects.toThrow(/undefined filter/);
  });

  it("translates plural forms with zero when given", () => {
    const forms = { n: { zero: "none", one: "one", other: "{{ count }}" } };
    expect([0, 1, 2].map((count) => translate(forms, "n", { count }))).toEqual(["none", "one", "2"]);
  });
});
