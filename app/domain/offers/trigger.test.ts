import { describe, expect, it } from "vitest";
import { crossSellTrigger } from "./trigger";
import type { CartLine, CatalogProduct, Condition } from "./types";

const product = (id: string, extra: Partial<CatalogProduct> = {}): CatalogProduct => ({
  productId: `P${id}`,
  title: id,
  handle: id,
  productType: "",
  vendor: "",
  tags: [],
  collections: [],
  variants: [],
  imageUrl: null,
  ...extra,
});
const catalog = {
  Pmachine: product("machine", { tags: ["Coffee-Machine"], collections: ["machines"], productType: "Machine" }),
  Pmug: product("mug", { vendor: "Mugs & Co" }),
  Ppods: product("pods"),
};
const line = (p: string, quantity: number, unitPriceMinor: number): CartLine => ({
  productId: `P${p}`,
  variantId: `V${p}`,
  quantity,
  unitPriceMinor,
});
const cart = [line("mug", 3, 900), line("machine", 1, 20000), line("pods", 2, 1200)];
const rule = (conditions: Condition[]) => ({ conditions });

describe("crossSellTrigger", () => {
  it.each<[string, Condition[], string | null]>([
    ["a product condition names its line", [{ type: "product_in_cart", productIds: ["Pmachine"] }], "Vmachine"],
    ["a variant condition names its line", [{ type: "variant_in_cart", variantIds: ["Vmug"] }], "Vmug"],
    ["a tag condition matches case-insensitively", [{ type: "tag_in_cart", tags: ["coffee-machine"] }], "Vmachine"],
    ["a collection condition", [{ type: "collection_in_cart", handles: ["machines"] }], "Vmachine"],
    ["a product type condition", [{ type: "product_type_in_cart", productTypes: ["Machine"] }], "Vmachine"],
    ["a vendor condition", [{ type: "vendor_in_cart", vendors: ["Mugs & Co"] }], "Vmug"],
    ["no line condition: the line with most units", [{ type: "cart_subtotal", minMinor: 100 }], "Vmug"],
    ["a line condition nothing meets: no trigger", [{ type: "product_in_cart", productIds: ["Pother"] }], null],
  ])("%s", (_name, conditions, expected) => {
    expect(crossSellTrigger(rule(conditions), cart, catalog, "Poffered")).toBe(expected);
  });

  it("never names the offered product's own line", () => {
    const conditions: Condition[] = [{ type: "product_in_cart", productIds: ["Pmachine", "Ppods"] }];
    expect(crossSellTrigger(rule(conditions), cart, catalog, "Pmachine")).toBe("Vpods");
  });

  it("breaks a tie in units by the dearer line", () => {
    const tied = [line("mug", 2, 900), line("pods", 2, 1200)];
    expect(crossSellTrigger(null, tied, catalog, "Poffered")).toBe("Vpods");
  });

  it("an empty cart has no trigger", () => {
    expect(crossSellTrigger(null, [], catalog, "Poffered")).toBeNull();
  });
});
