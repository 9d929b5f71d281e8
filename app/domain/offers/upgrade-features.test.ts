import { describe, expect, it } from "vitest";
import { product, variant } from "./test-fixtures";
import type { CatalogProduct } from "./types";
import { upgradeFeatures, type UpgradeSide } from "./upgrade-features";

const basic = (extra: Partial<CatalogProduct> = {}) =>
  product("brew-basic", "Brew Basic", "Coffee machine", 12_900, extra);
const plus = (extra: Partial<CatalogProduct> = {}) =>
  product("brew-plus", "Brew Plus", "Coffee machine", 24_900, extra);
const side = (p: CatalogProduct, variantId: string | null = `${p.productId}-v1`): UpgradeSide => ({
  product: p,
  variantId,
});
const sized = (id: string, ...titles: string[]) => ({
  variants: titles.map((title, i) => variant(`${id}-${i}`, 1_000 * (i + 1), { title })),
});

describe("upgradeFeatures", () => {
  it.each<{ name: string; offered: UpgradeSide; replaced?: UpgradeSide; expected: string[] }>([
    {
      name: "lists the premium's metafield in the merchant's order, ahead of its tags",
      offered: side(plus({ upgradeFeatures: ["Steam wand", "15-bar pump"], tags: ["feature:Timer"] })),
      replaced: side(basic()),
      expected: ["Steam wand", "15-bar pump"],
    },
    {
      name: "leaves out what the replaced item's own metafield lists too, whatever the case",
      offered: side(plus({ upgradeFeatures: ["Steam wand", "Dual boiler"] })),
      replaced: side(basic({ upgradeFeatures: ["steam wand"] })),
      expected: ["Dual boiler"],
    },
    {
      name: "trims, collapses spaces, drops blanks and duplicates, and keeps five",
      offered: side(plus({ upgradeFeatures: [" Steam  wand ", "", "   ", "STEAM WAND", "A", "B", "C", "D", "E"] })),
      replaced: side(basic()),
      expected: ["Steam wand", "A", "B", "C", "D"],
    },
    {
      name: "cuts a text over 80 characters at a word and marks it",
      offered: side(plus({ upgradeFeatures: [`A dual boiler ${"that heats ".repeat(8)}fast`] })),
      replaced: side(basic()),
      expected: ["A dual boiler that heats that heats that heats that heats that heats that heats…"],
    },
    {
      name: "cuts an 80-character word short rather than leaving it long",
      offered: side(plus({ upgradeFeatures: ["x".repeat(100)] })),
      replaced: side(basic()),
      expected: [`${"x".repeat(79)}…`],
    },
    {
      name: "falls back to the premium's feature: tags the replaced item lacks",
      offered: side(plus({ tags: ["coffee", "feature:Milk frother", "feature: 2-year warranty ", "feature:"] })),
      replaced: side(basic({ tags: ["feature:2-year warranty"] })),
      expected: ["Milk frother"],
    },
    {
      name: "falls back to tags when the metafield is empty or says only what the replaced item has",
      offered: side(plus({ upgradeFeatures: ["Steam wand"], tags: ["feature:Milk frother"] })),
      replaced: side(basic({ upgradeFeatures: ["Steam wand"] })),
      expected: ["Milk frother"],
    },
    {
      name: "lists every feature tag when the replaced item is not in the catalog",
      offered: side(plus({ tags: ["feature:Milk frother"] })),
      expected: ["Milk frother"],
    },
    {
      name: "falls back to the offered variant's measurable option values the replaced variant lacks",
      offered: side(plus(sized("plus", "Black / 1.8 L", "Black / 2.5 L / 1,500 W")), "plus-1"),
      replaced: side(basic(sized("basic", "Black / 1.8 L", "Black / 1.2 L")), "basic-1"),
      expected: ["2.5 L", "1,500 W"],
    },
    {
      name: "compares with every variant of the replaced product when the shopper's variant is unknown",
      offered: side(plus(sized("plus", "1.8 L")), "plus-0"),
      replaced: side(basic(sized("basic", "1.2 L", "1.8 L")), null),
      expected: [],
    },
    {
      name: "never calls a colour or style a feature",
      offered: side(plus(sized("plus", "Silver / Matte")), "plus-0"),
      replaced: side(basic(sized("basic", "Black / Gloss")), "basic-0"),
      expected: [],
    },
    {
      name: "says nothing for a product without options",
      offered: side(plus()),
      replaced: side(basic()),
      expected: [],
    },
    {
      name: "says nothing from options when the replaced item is not in the catalog",
      offered: side(plus(sized("plus", "2.5 L")), "plus-0"),
      expected: [],
    },
  ])("$name", ({ offered, replaced, expected }) => {
    expect(upgradeFeatures(offered, replaced)).toEqual(expected);
  });
});
