// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { lineToReplace, linesParam, removedLines, takeOffers } from "./cart";
import { fakeShop, offer, requests } from "./test-kit";

afterEach(() => {
  vi.unstubAllGlobals();
  delete window.publish;
  delete window.Shopify;
});

const line = (variant: number, quantity = 1, product = Math.floor(variant / 10)) => ({
  key: `${variant}:k`,
  variant_id: variant,
  product_id: product,
  quantity,
});

describe("cart helpers", () => {
  it("writes the lines parameter as variant:quantity joined by commas", () => {
    expect(linesParam({ items: [line(11, 2), line(21)] })).toBe("11:2,21:1");
    expect(linesParam({ items: [] })).toBe("");
  });

  it("finds the lines whose variant left the cart", () => {
    expect(removedLines({ items: [line(11, 2), line(21)] }, { items: [line(21, 3)] })).toEqual([line(11, 2)]);
  });

  it("replaces the same variant, else another variant of the same product", () => {
    const o = offer({ replaces: { product: "8", variant: "81", price: 100 } });
    expect(lineToReplace({ items: [line(82, 1, 8), line(81, 3, 8)] }, o)).toEqual(line(81, 3, 8));
    expect(lineToReplace({ items: [line(82, 1, 8)] }, o)).toEqual(line(82, 1, 8));
    expect(lineToReplace({ items: [line(99)] }, o)).toBeUndefined();
    expect(lineToReplace({ items: [line(81)] }, offer({ replaces: null }))).toBeNull();
  });
});

describe("takeOffers", () => {
  it("adds the premium in the line's quantity, marked, then removes the old line: the cart holds one line", async () => {
    const shop = fakeShop([{ ...line(9000000000000, 3, 8000000000000) }]);
    const cart = await takeOffers([offer()], { items: [line(9000000000000, 3, 8000000000000)] });
    expect(requests(shop, "/cart/").map((c) => [c.url, c.body])).toEqual([
      [
        "/cart/add.js",
        { items: [{ id: 9000000000001, quantity: 3, properties: { _cartlift: "mark-9000000000001" } }] },
      ],
      ["/cart/change.js", { id: "9000000000000:k", quantity: 0 }],
    ]);
    expect(cart.items.map((l) => [l.variant_id, l.quantity])).toEqual([[9000000000001, 3]]);
  });

  it("adds several items with one request, each with its mark, under Shopify.routes.root", async () => {
    window.Shopify = { routes: { root: "/fr/" } };
    const shop = fakeShop();
    shop.fetch.mockImplementation(async (url: string, init?: RequestInit) => {
      shop.calls.push({ method: init?.method || "GET", url, body: init?.body && JSON.parse(init.body as string) });
      return new Response(JSON.stringify({ items: [] }));
    });
    const a = offer({ kind: "cross_sell", variant: "11", replaces: null });
    const b = offer({ kind: "cross_sell", variant: "21", replaces: null });
    await takeOffers([a, b], { items: [] });
    expect(shop.calls.map((c) => c.url)).toEqual(["/fr/cart/add.js", "/fr/cart.js"]);
    expect(shop.calls[0]!.body).toEqual({
      items: [
        { id: 11, quantity: 1, properties: { _cartlift: "mark-11" } },
        { id: 21, quantity: 1, properties: { _cartlift: "mark-21" } },
      ],
    });
  });

  it("changes nothing when the add fails (sold out)", async () => {
    const shop = fakeShop([line(9000000000000, 1, 8000000000000)]);
    shop.fetch.mockImplementationOnce(async () => new Response('{"description":"sold out"}', { status: 422 }));
    await expect(takeOffers([offer()], shop.cart)).rejects.toBe(422);
    expect(shop.fetch).toHaveBeenCalledTimes(1);
  });

  it("asks the theme to redraw its cart: the standard event and Dawn's pub/sub", async () => {
    fakeShop();
    const events: CustomEvent[] = [];
    document.addEventListener("shopify:cart:lines-update", (e) => events.push(e as CustomEvent));
    window.publish = vi.fn();
    const cart = await takeOffers([offer({ replaces: null, variant: "31" })], { items: [] });
    expect(events[0]!.detail).toMatchObject({
      action: "add",
      lines: [{ merchandiseId: "gid://shopify/ProductVariant/31", quantity: 1 }],
    });
    await expect(events[0]!.detail.promise).resolves.toEqual({ cart, userErrors: [] });
    expect(window.publish).toHaveBeenCalledWith("cart-update", { source: "cartlift", cartData: cart });
  });
});
