// @vitest-environment happy-dom
/**
 * The script against the extension's real Liquid (rendered with liquidjs) and a fake shop: what a
 * shopper sees and what reaches the cart and the app.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { boot } from "./main";
import { pending } from "./events";
import { net } from "./net";
import { clearOffers } from "./proxy";
import { fakeShop, type FakeShop, offer, page, requests, settle } from "./test-kit";

vi.hoisted(() => {
  (window as { cartliftManual?: boolean }).cartliftManual = true;
});

// Every boot adds listeners to document and window and wraps fetch/XHR: undo them after each test.
const added: [EventTarget, string, EventListenerOrEventListenerObject][] = [];
const addEventListener = EventTarget.prototype.addEventListener;
const original = { fetch: window.fetch, open: XMLHttpRequest.prototype.open };
beforeEach(() => {
  clearOffers();
  pending().length = 0;
  vi.spyOn(EventTarget.prototype, "addEventListener").mockImplementation(function (this: EventTarget, type, fn, opts) {
    if (this === document || this === window) added.push([this, type, fn!]);
    return addEventListener.call(this, type, fn, opts);
  });
});
afterEach(() => {
  for (const [target, type, fn] of added.splice(0)) target.removeEventListener(type, fn);
  vi.mocked(EventTarget.prototype.addEventListener).mockRestore();
  window.fetch = original.fetch;
  net.fetch = (input, init) => fetch(input, init);
  XMLHttpRequest.prototype.open = original.open;
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

const offersQuery = (shop: FakeShop) =>
  requests(shop, "/apps/cartlift/offers").map((c) => Object.fromEntries(new URL(c.url, "https://x").searchParams));
const events = (shop: FakeShop) =>
  requests(shop, "/apps/cartlift/events").flatMap((c) => (c.body as { events: { type: string }[] }).events);
const click = async (el: Element | null) => {
  (el as HTMLElement).click();
  await settle(300);
};
const visible = (selector: string) =>
  [...document.querySelectorAll<HTMLElement>(selector)].filter(
    (el) => !el.closest("[hidden]") && !el.closest("template"),
  );
/** The text a shopper sees: hidden elements and templates left out. */
const shown = (node: Node): string =>
  node.nodeType == 3
    ? node.textContent!
    : node instanceof HTMLTemplateElement || (node as HTMLElement).hidden
      ? ""
      : ` ${[...node.childNodes].map(shown).join("")} `;
const text = (selector: string) => visible(selector).map((el) => shown(el).replace(/\s+/g, " ").trim());

const basic = { key: "9000000000000:k", variant_id: 9000000000000, product_id: 8000000000000, quantity: 1 };

describe("upgrade block", () => {
  it("shows the product beside its premium version, the difference and what the extra buys", async () => {
    const shop = fakeShop();
    shop.offers = () => ({ offers: [offer({ compareAt: 29900 })], freeShipping: null });
    await page(["upgrade"], { customer: { id: 7, tags: ["vip", "coffee lover"], "b2b?": false } });
    boot();
    await settle();
    expect(offersQuery(shop)).toEqual([
      {
        sid: localStorage.getItem("cartlift_sid"),
        currency: "USD",
        country: "US",
        ctags: "vip,coffee lover",
        surface: "product",
        product: "8000000000000",
        variant: "9000000000000",
        lines: "",
      },
    ]);
    expect(text(".cl-card")).toEqual([
      "Brew Basic $129.00",
      "Brew Plus Recommended for you $249.00 $299.00 Regular price $299.00 Milk frother 2-year warranty",
    ]);
    expect(text(".cl-diff")).toEqual(["Only $120.00 more"]);
    expect(text("button")).toEqual(["Switch to Brew Plus", "No thanks"]);
    expect(visible(".cl-premium img")[0]!.getAttribute("src")).toBe("https://cdn.example/brew-plus.svg");
  });

  it("replaces the item in the cart with the premium one, announces it and keeps focus in the block", async () => {
    const shop = fakeShop([basic]);
    shop.offers = () => ({ offers: [offer()], freeShipping: null });
    await page(["upgrade"], { cart: { items: [basic] } });
    boot();
    await settle();
    const button = visible("[data-a=take]")[0]!;
    button.focus();
    await click(button);
    await settle(1000);
    expect(shop.cart.items.map((l) => [l.variant_id, l.quantity, l.properties])).toEqual([
      [9000000000001, 1, { _cartlift: "mark-9000000000001" }],
    ]);
    expect(text("[role=status]")).toEqual(["Switched to Brew Plus in your cart"]);
    expect(document.querySelector(".cl-body")!.hasAttribute("hidden")).toBe(true);
    expect(document.activeElement).toBe(document.querySelector(".cartlift"));
    expect(events(shop).map((e) => e.type)).toEqual(["impression", "click", "add"]);
    // its own replacement is no removal: no down-sell request
    expect(offersQuery(shop).map((q) => q.surface)).toEqual(["product"]);
  });

  it("records a decline and hides the offer", async () => {
    const shop = fakeShop();
    shop.offers = () => ({ offers: [offer()], freeShipping: null });
    await page(["upgrade"]);
    boot();
    await settle();
    await click(visible("[data-a=no]")[0]!);
    await settle(1000);
    expect(events(shop)).toEqual([
      expect.objectContaining({ type: "impression", mark: "mark-9000000000001" }),
      expect.objectContaining({ type: "decline", surface: "product", mark: "mark-9000000000001" }),
    ]);
    expect(visible(".cl-card")).toEqual([]);
  });
});

describe("frequently bought together", () => {
  const complements = [
    offer({
      kind: "cross_sell",
      variant: "11",
      title: "Filters",
      price: 900,
      reason: "bought_together",
      replaces: null,
    }),
    offer({
      kind: "cross_sell",
      variant: "21",
      title: "Beans",
      price: 1500,
      reason: "bought_together",
      replaces: null,
    }),
    offer({ kind: "cross_sell", variant: "31", title: "Descaler", price: 700, reason: "rule", replaces: null }),
  ];

  it("lists up to the block's limit with checkboxes, totals the checked ones and adds them with one request", async () => {
    const shop = fakeShop();
    shop.offers = () => ({ offers: [offer(), ...complements], freeShipping: null });
    await page(["bought-together"], {}, { "bought-together": { limit: 2 } });
    boot();
    await settle();
    expect(text(".cl-list .cl-info b")).toEqual(["Filters", "Beans"]);
    expect(text(".cl-sum")).toEqual(["Total for selected: $24.00"]);
    const boxes = visible("input[type=checkbox]") as HTMLInputElement[];
    boxes[1]!.click();
    expect(text(".cl-sum")).toEqual(["Total for selected: $9.00"]);
    boxes[1]!.click();
    await click(visible("[data-a=add]")[0]!);
    expect(requests(shop, "/cart/add.js").map((c) => c.body)).toEqual([
      {
        items: [
          { id: 11, quantity: 1, properties: { _cartlift: "mark-11" } },
          { id: 21, quantity: 1, properties: { _cartlift: "mark-21" } },
        ],
      },
    ]);
    expect(text("[role=status]")).toEqual(["Added to your cart: Filters, Beans"]);
  });

  it("disables the button when nothing is checked", async () => {
    const shop = fakeShop();
    shop.offers = () => ({ offers: complements.slice(0, 1), freeShipping: null });
    await page(["bought-together"]);
    boot();
    await settle();
    (visible("input[type=checkbox]")[0] as HTMLInputElement).click();
    expect((visible("[data-a=add]")[0] as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("cart offers", () => {
  it("shows the free-shipping bar and suggestions, and follows the cart as it changes", async () => {
    const shop = fakeShop([basic]);
    let subtotal = 5200;
    shop.offers = () => ({
      offers: [
        offer({
          kind: "cross_sell",
          surface: "cart",
          variant: "41",
          title: "Mug",
          price: 2500,
          reason: "free_shipping",
          replaces: null,
        }),
      ],
      freeShipping: { thresholdMinor: 7500, subtotalMinor: subtotal, currency: "USD" },
    });
    await page(["cart-offers"], { cart: { items: [basic] }, page_type: "cart" });
    boot();
    await settle();
    expect(offersQuery(shop)[0]).toMatchObject({ surface: "cart", lines: "9000000000000:1" });
    expect(text(".cl-ship p")).toEqual(["You're $23.00 away from free shipping"]);
    expect(Number(visible("progress")[0]!.getAttribute("value"))).toBeCloseTo(69.33);
    expect(text(".cl-list .cl-info")).toEqual(["Mug Gets you free shipping $25.00"]);
    subtotal = 7700;
    await click(visible("[data-a=take]")[0]!);
    expect(offersQuery(shop).map((q) => q.lines)).toEqual(["9000000000000:1", "9000000000000:1,41:1"]);
    expect(text(".cl-ship p")).toEqual(["You've unlocked free shipping"]);
  });
});

describe("removals and the down-sell", () => {
  const cheaper = offer({
    kind: "down_sell",
    surface: "cart_removal",
    variant: "9000000000002",
    title: "Brew Mini",
    price: 7900,
    reason: "alternative",
    replaces: { product: "8000000000000", variant: "9000000000000", price: 12900 },
    mark: "mark-mini",
  });

  it("notices a removal the theme makes, posts a remove event and suggests the cheaper alternative; No thanks declines it", async () => {
    const shop = fakeShop([basic]);
    shop.offers = (q) => ({ offers: q.get("surface") == "cart_removal" ? [cheaper] : [], freeShipping: null });
    await page(["cartlift-embed"], { cart: { items: [basic] }, page_type: "cart" });
    boot();
    // the theme removes the line with its own fetch
    shop.cart.items = [];
    await window.fetch("/cart/change.js", { method: "POST", body: JSON.stringify({ id: basic.key, quantity: 0 }) });
    await settle(300);
    expect(offersQuery(shop).at(-1)).toMatchObject({ surface: "cart_removal", removed: "9000000000000:1", lines: "" });
    expect(text(".cl-toast")).toEqual([
      "Prefer something lighter? Brew Mini A lighter alternative $79.00 Add No thanks",
    ]);
    await click(visible(".cl-toast [data-a=no]")[0]!);
    await settle(1000);
    expect(visible(".cl-toast")).toEqual([]);
    expect(events(shop)).toEqual([
      expect.objectContaining({ type: "remove", surface: "cart", product: "8000000000000", variant: "9000000000000" }),
      expect.objectContaining({ type: "impression", mark: "mark-mini" }),
      expect.objectContaining({ type: "decline", surface: "cart_removal", mark: "mark-mini" }),
    ]);
  });

  it("posts a view event on product pages", async () => {
    const shop = fakeShop();
    await page(["cartlift-embed"], { page_type: "product" });
    boot();
    await settle(1000);
    expect(events(shop)).toEqual([
      expect.objectContaining({ type: "view", surface: "product", product: "8000000000000", variant: "9000000000000" }),
    ]);
  });
});

describe("the app embed in the cart drawer and after a declined upgrade", () => {
  const mug = offer({
    kind: "cross_sell",
    surface: "cart",
    variant: "41",
    title: "Mug",
    price: 2500,
    reason: "rule",
    replaces: null,
  });

  it("places its cart offers in the theme's drawer slot, and again after the theme redraws the drawer", async () => {
    const shop = fakeShop([basic]);
    shop.offers = (q) => ({ offers: q.get("surface") == "cart" ? [mug] : [], freeShipping: null });
    await page(["cartlift-embed"], { cart: { items: [basic] }, page_type: "collection" });
    document.body.insertAdjacentHTML("afterbegin", `<cart-drawer><div data-cartlift-drawer></div></cart-drawer>`);
    boot();
    await settle();
    expect(text("[data-cartlift-drawer] .cl-info b")).toEqual(["Mug"]);
    // the theme redraws its drawer (Dawn replaces its inner HTML) after a change
    document.querySelector("cart-drawer")!.innerHTML = "<div data-cartlift-drawer></div>";
    await window.fetch("/cart/add.js", { method: "POST", body: JSON.stringify({ items: [{ id: 7, quantity: 1 }] }) });
    await settle(300);
    expect(text("[data-cartlift-drawer] .cl-info b")).toEqual(["Mug"]);
    expect(offersQuery(shop).map((q) => q.lines)).toEqual(["9000000000000:1", "9000000000000:1,7:1"]);
  });

  it("asks for a down-sell of a declined upgrade, and sends B2B and customer tags for a logged-in buyer", async () => {
    const shop = fakeShop();
    shop.offers = (q) => ({
      offers:
        q.get("surface") == "product"
          ? [offer()]
          : [offer({ kind: "down_sell", surface: "cart_removal", variant: "5", title: "Brew Mini" })],
      freeShipping: null,
    });
    await page(["upgrade", "cartlift-embed"], { customer: { id: 3, tags: ["wholesale"], "b2b?": true } });
    boot();
    await settle();
    await click(visible("[data-a=no]")[0]!);
    expect(offersQuery(shop).at(-1)).toMatchObject({
      surface: "cart_removal",
      declined: "9000000000001",
      ctags: "wholesale",
      b2b: "1",
    });
    expect(text(".cl-toast .cl-info b")).toEqual(["Brew Mini"]);
  });
});

describe("fails closed", () => {
  it.each([
    ["the app answers 500", (shop: FakeShop) => (shop.offers = () => new Response("down", { status: 500 }))],
    ["the app is down", (shop: FakeShop) => (shop.offers = () => Promise.reject(new TypeError("offline")))],
    ["the app answers nothing", (shop: FakeShop) => (shop.offers = () => ({ offers: [], freeShipping: null }))],
  ])("when %s: no block shows, nothing throws, nothing is logged", async (_name, setUp) => {
    const shop = fakeShop([basic]);
    setUp(shop);
    await page(["upgrade", "bought-together", "cart-offers", "cartlift-embed"], { cart: { items: [basic] } });
    expect(() => boot()).not.toThrow();
    await settle(100);
    expect(visible(".cl-body")).toEqual([]);
  });

  it("when the app answers after the 1.5 s budget: the late offer is not shown", async () => {
    const shop = fakeShop();
    shop.offers = () =>
      new Promise((resolve) => setTimeout(() => resolve({ offers: [offer()], freeShipping: null }), 1700)) as never;
    await page(["upgrade"]);
    boot();
    await settle(1800);
    expect(visible(".cl-body")).toEqual([]);
  });

  it("when there is no Cartlift block on the page: nothing is asked", async () => {
    const shop = fakeShop();
    document.body.innerHTML = "<main>theme</main>";
    expect(boot()).toBeUndefined();
    await settle();
    expect(shop.calls).toEqual([]);
  });
});
