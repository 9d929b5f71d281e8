import { describe, expect, it } from "vitest";
import { generateDemoShop } from "../seed";
import { addItems, CartError, changeLine, clearCart, emptyCart, lineKey, updateCart, type Cart } from "./cart";
import { cartJson } from "./cart-json";
import { addPayload, changePayload, formToPayload, sectionIds, updatePayload } from "./cart-payload";
import { buildStoreData } from "./shop-data";

const store = buildStoreData(generateDemoShop({ orderCount: 0 }));
const variantOf = (handle: string, title?: string) => {
  const product = store.productByHandle.get(handle)!;
  return (title ? product.variants.find((v) => v.title === title) : product.variants[0])!;
};
const basic = variantOf("brew-basic", "Black");
const pods = variantOf("coffee-pods", "Classic");
const soldOut = variantOf("brew-pro", "Matte Black");
const add = (cart: Cart, id: number, quantity = 1, properties = {}) =>
  addItems(store, cart, [{ id, quantity, properties }]).cart;
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof CartError) return error.toJSON();
    throw error;
  }
  throw new Error("expected a CartError");
};

describe("addItems", () => {
  it("adds a line and merges a second add of the same variant and properties", () => {
    const cart = add(add(emptyCart("t"), basic.id, 1), basic.id, 2);
    expect(cart.lines).toEqual([{ key: lineKey(basic.id, {}), variantId: basic.id, quantity: 3, properties: {} }]);
  });

  it("keeps a line with other properties apart (an offer's _cartlift mark)", () => {
    const cart = add(add(emptyCart("t"), pods.id), pods.id, 1, { _cartlift: "mark" });
    expect(cart.lines.map((l) => [l.variantId, l.quantity, l.properties])).toEqual([
      [pods.id, 1, {}],
      [pods.id, 1, { _cartlift: "mark" }],
    ]);
    expect(cart.lines[0]!.key).not.toBe(cart.lines[1]!.key);
  });

  it.each([
    ["an unknown variant", 1, 1, { status: 422, message: "Cart Error", description: "Cannot find variant" }],
    [
      "a sold-out variant",
      soldOut.id,
      1,
      { status: 422, message: "Cart Error", description: "The product 'Brew Pro - Matte Black' is already sold out." },
    ],
    [
      "more than the stock",
      basic.id,
      basic.inventory + 1,
      {
        status: 422,
        message: "Cart Error",
        description: `You can only add ${basic.inventory} of Brew Basic - Black to the cart.`,
      },
    ],
  ])("answers 422 for %s and changes nothing", (_label, id, quantity, expected) => {
    const cart = emptyCart("t");
    expect(errorOf(() => add(cart, id, quantity))).toEqual(expected);
    expect(cart.lines).toEqual([]);
  });
});

describe("changeLine, updateCart, clearCart", () => {
  const start = add(add(emptyCart("t"), basic.id), pods.id, 2);

  it.each([
    ["line number", { line: 2, quantity: 5 }, [1, 5]],
    ["line key", { id: lineKey(pods.id, {}), quantity: 4 }, [1, 4]],
    ["variant id", { id: basic.id, quantity: 3 }, [3, 2]],
    ["quantity 0 (removes)", { line: 1, quantity: 0 }, [2]],
  ])("changes a line by %s", (_label, request, quantities) => {
    expect(changeLine(store, start, request).lines.map((l) => l.quantity)).toEqual(quantities);
  });

  it("changes a line's properties and so its key", () => {
    const changed = changeLine(store, start, { line: 1, properties: { _cartlift: "m" } });
    expect(changed.lines[0]).toMatchObject({ key: lineKey(basic.id, { _cartlift: "m" }), quantity: 1 });
  });

  it.each([
    ["no id or line", {}],
    ["a line past the end", { line: 3, quantity: 1 }],
    ["an id not in the cart", { id: pods.id + 1, quantity: 1 }],
  ])("answers 400 for %s", (_label, request) => {
    expect(errorOf(() => changeLine(store, start, request))).toEqual({
      status: "bad_request",
      message: "no valid id or line parameter",
      description: "no valid id or line parameter",
    });
  });

  it("updates quantities by id (adding unknown ones), the note and attributes", () => {
    const next = updateCart(store, start, {
      updates: { [basic.id]: 0, [variantOf("descaler").id]: 1 },
      note: "gift",
      attributes: { a: "1" },
    });
    expect(next.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [pods.id, 2],
      [variantOf("descaler").id, 1],
    ]);
    expect([next.note, next.attributes]).toEqual(["gift", { a: "1" }]);
    expect(updateCart(store, start, { updates: [2, 0] }).lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [basic.id, 2],
    ]);
  });

  it("clears lines, note and attributes", () => {
    expect(clearCart({ ...start, note: "n" })).toEqual({ token: "t", note: "", attributes: {}, lines: [] });
  });
});

describe("cartJson", () => {
  it("answers Shopify's /cart.js shape with catalog prices", () => {
    const cart = add(add(emptyCart("tok"), basic.id, 2), pods.id, 1, { _cartlift: "m" });
    const json = cartJson(store, cart);
    expect(json).toMatchObject({
      token: "tok",
      item_count: 3,
      total_price: 2 * 12800 + 1499,
      items_subtotal_price: 2 * 12800 + 1499,
      currency: "USD",
      requires_shipping: true,
    });
    expect(json.items[0]).toMatchObject({
      id: basic.id,
      variant_id: basic.id,
      product_id: store.productByHandle.get("brew-basic")!.id,
      key: lineKey(basic.id, {}),
      title: "Brew Basic - Black",
      quantity: 2,
      price: 12800,
      line_price: 25600,
      final_line_price: 25600,
      properties: {},
      image: "/cdn/shop/files/brew-basic.svg",
      url: `/products/brew-basic?variant=${basic.id}`,
    });
    expect(json.items[1]!.properties).toEqual({ _cartlift: "m" });
  });
});

describe("cart payloads", () => {
  it("reads form fields with Shopify's bracket names", () => {
    const form = formToPayload([
      ["items[0][id]", "11"],
      ["items[0][quantity]", "2"],
      ["items[0][properties][Engraving]", "Hi"],
      ["updates[]", "1"],
      ["updates[]", "0"],
      ["sections", "cart-drawer,cart-icon-bubble"],
    ]);
    expect(addPayload(form)).toEqual({
      items: [{ id: 11, quantity: 2, properties: { Engraving: "Hi" } }],
      asList: true,
    });
    expect(updatePayload(form).updates).toEqual([1, 0]);
    expect(sectionIds(form)).toEqual(["cart-drawer", "cart-icon-bubble"]);
  });

  it.each([
    [
      { id: "7", quantity: "3", properties: { a: 1 } },
      { items: [{ id: 7, quantity: 3, properties: { a: "1" } }], asList: false },
    ],
    [{ id: 7 }, { items: [{ id: 7, quantity: 1, properties: {} }], asList: false }],
  ])("reads a single-item add %j", (body, expected) => {
    expect(addPayload(body)).toEqual(expected);
  });

  it.each([[{ items: [{ quantity: 1 }] }], [{ id: "abc" }]])("rejects an add without a usable id %j", (body) => {
    expect(errorOf(() => addPayload(body))).toMatchObject({ status: "bad_request" });
  });

  it("reads a change by line or id", () => {
    expect(changePayload({ line: "2", quantity: "0" })).toEqual({ line: 2, quantity: 0 });
    expect(changePayload({ id: "1:abc", quantity: 1, properties: { _x: "y" } })).toEqual({
      id: "1:abc",
      quantity: 1,
      properties: { _x: "y" },
    });
  });
});
