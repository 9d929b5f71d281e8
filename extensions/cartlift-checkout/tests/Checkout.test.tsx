/// <reference types="@shopify/ui-extensions/purchase.checkout.block.render" />
import { fireEvent, waitFor } from "@testing-library/preact";
import type { CartLineChangeResult } from "@shopify/ui-extensions/checkout";
import { getExtension } from "@shopify/ui-extensions-tester";
import { createCartLine, createResult } from "@shopify/ui-extensions-tester/checkout";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OFFERS_TIMEOUT_MS, SID_STORAGE_KEY } from "../src/backend";
import { BACKEND, backendMetafield, button, fakeBackend, json, offerJson, rows, settle, SID } from "./helpers";

const extension = getExtension("purchase.checkout.block.render");
const belowLines = getExtension("purchase.checkout.cart-line-list.render-after");
const ID = /^[A-Za-z0-9_-]{8,64}$/;

function cartLine(n: number, overrides: Parameters<typeof createCartLine>[0] = {}) {
  const line = createCartLine(overrides);
  return { ...line, id: `gid://shopify/CartLine/${n}`, merchandise: { ...line.merchandise, id: variant(n) } };
}
const variant = (n: number) => `gid://shopify/ProductVariant/900000000000${n}`;

function serve(offers: unknown[] | (() => Promise<Response> | Response)) {
  const backend = fakeBackend(typeof offers === "function" ? offers : () => json({ offers }));
  extension.fetch = backend.fetch;
  return backend;
}

async function renderWithOffers(offers: unknown[]) {
  const backend = serve(offers);
  await extension.render();
  await waitFor(() => expect(rows()).toHaveLength(offers.length));
  return backend;
}

async function renderNothing() {
  await extension.render();
  await settle();
  expect(document.body.innerHTML).toBe("");
}

function configure(shopify: typeof extension.shopify | typeof belowLines.shopify) {
  shopify.appMetafields.value = [backendMetafield()];
  shopify.attributes.value = [{ key: "_cartlift_sid", value: SID }];
  shopify.localization.currency.value = { isoCode: "EUR" };
  shopify.localization.country.value = { isoCode: "FR" };
  shopify.lines.value = [cartLine(1, { quantity: 2, cost: { totalAmount: { amount: 51.2, currencyCode: "EUR" } } })];
  shopify.i18n.formatCurrency = (n, options) => `${options?.currency} ${Number(n).toFixed(2)}`;
  shopify.i18n.translate = ((key: string, options?: Record<string, unknown>) =>
    options?.title ? `${key}(${options.title})` : key) as typeof shopify.i18n.translate;
}

beforeEach(() => {
  extension.setUp();
  configure(extension.shopify);
});

afterEach(() => {
  vi.useRealTimers();
  extension.tearDown();
});

describe("the offers list", () => {
  it("shows each offer with its image, title, variant, price and struck-through original price", async () => {
    await renderWithOffers([
      offerJson(2, { title: "Espresso pods (20)", price: "11.90", compareAt: "14.00", variantTitle: "Intense" }),
      offerJson(3, { title: "Descaler", price: "7", image: null, variantTitle: "Default Title" }),
    ]);

    expect(document.body.querySelector("s-heading")?.textContent).toBe("checkout.heading");
    const [pods, descaler] = rows();
    expect(pods!.querySelector("s-product-thumbnail")?.getAttribute("src")).toBe("https://cdn.example/offer-2.png");
    expect(pods!.querySelector("s-product-thumbnail")?.getAttribute("alt")).toBe("Espresso pods (20)");
    expect(pods!.querySelector('s-text[type="strong"]')?.textContent).toBe("Espresso pods (20)");
    expect(pods!.textContent).toContain("Intense");
    expect(pods!.textContent).toContain("EUR 11.90");
    expect(pods!.querySelector('s-text[type="redundant"]')?.textContent).toBe("EUR 14.00");
    expect(pods!.querySelector('s-text[accessibilityVisibility="exclusive"]')?.textContent).toContain(
      "offer.originalPrice",
    );
    expect(button(pods!).textContent).toBe("checkout.add");
    expect(button(pods!).getAttribute("accessibilityLabel")).toBe("checkout.addLabel(Espresso pods (20))");

    expect(descaler!.querySelector("s-product-thumbnail")?.hasAttribute("src")).toBe(false);
    expect(descaler!.textContent).not.toContain("Default Title");
    expect(descaler!.textContent).toContain("EUR 7.00");
    expect(descaler!.querySelector('s-text[type="redundant"]')).toBeNull();
  });

  it("asks the backend with the cart, the currency, the country, the shopper id and the session token", async () => {
    extension.shopify.lines.value = [
      cartLine(1, { quantity: 2, cost: { totalAmount: { amount: 51.2, currencyCode: "EUR" } } }),
      cartLine(4, {
        cost: { totalAmount: { amount: 9, currencyCode: "EUR" } },
        discountAllocations: [{ type: "code", code: "TEN", discountedAmount: { amount: 1, currencyCode: "EUR" } }],
      }),
    ];
    const backend = await renderWithOffers([offerJson(2)]);

    const [call] = backend.offerCalls();
    expect(backend.offerCalls()).toHaveLength(1);
    expect(call!.init.method).toBe("POST");
    expect(call!.init.headers).toEqual({
      Authorization: "Bearer mock-session-token",
      "Content-Type": "application/json",
    });
    expect(call!.body).toEqual({
      surface: "checkout",
      sid: SID,
      currency: "EUR",
      country: "FR",
      lines: [
        { variant: variant(1), quantity: 2, amount: "51.2", discounted: false },
        { variant: variant(4), quantity: 1, amount: "9", discounted: true },
      ],
    });
  });

  it("keeps its own shopper id when the cart has no valid one, and reuses it", async () => {
    extension.shopify.attributes.value = [{ key: "_cartlift_sid", value: "not ok!" }];
    const backend = await renderWithOffers([offerJson(2)]);

    const sid = (backend.offerCalls()[0]!.body as { sid: string }).sid;
    expect(sid).toMatch(ID);
    expect(sid).not.toBe("not ok!");
    expect(await extension.shopify.storage.read(SID_STORAGE_KEY)).toBe(sid);
  });

  it("uses the shopper id kept in storage", async () => {
    extension.shopify.attributes.value = [];
    await extension.shopify.storage.write(SID_STORAGE_KEY, "kept-shopper-id");
    const backend = await renderWithOffers([offerJson(2)]);
    expect((backend.offerCalls()[0]!.body as { sid: string }).sid).toBe("kept-shopper-id");
  });

  it("skips an offer whose variant is already in the cart, and counts no impression for it", async () => {
    extension.shopify.lines.value = [cartLine(2)];
    const backend = serve([offerJson(2), offerJson(3)]);
    await extension.render();
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain("Offer 3");
    await waitFor(() => expect(backend.eventCalls()).toHaveLength(1));
    expect((backend.eventCalls()[0]!.body as { events: { mark: string }[] }).events.map((e) => e.mark)).toEqual([
      "mark-3",
    ]);
  });

  // The tester's signals do not notify: the harness's browser test removes the line under a live list.
  it("skips an offer whose earning line has left the cart, and counts no impression for it", async () => {
    const earnedBy = (n: number) =>
      `${btoa(JSON.stringify({ v: 1, r: "rule", k: "cross_sell", o: "9", t: `900000000000${n}`, x: 1 })).replace(/=+$/, "")}.sig`;
    extension.shopify.lines.value = [cartLine(4)];
    const backend = serve([offerJson(2, { mark: earnedBy(1) }), offerJson(3, { mark: earnedBy(4) })]);
    await extension.render();
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain("Offer 3");
    await waitFor(() => expect(backend.eventCalls()).toHaveLength(1));
    expect((backend.eventCalls()[0]!.body as { events: { mark: string }[] }).events.map((e) => e.mark)).toEqual([
      earnedBy(4),
    ]);
  });

  it("renders on the cart-line-list target as well", async () => {
    extension.tearDown();
    belowLines.setUp();
    try {
      configure(belowLines.shopify);
      const backend = fakeBackend(() => json({ offers: [offerJson(2)] }));
      belowLines.fetch = backend.fetch;
      await belowLines.render();
      await waitFor(() => expect(rows()).toHaveLength(1));
      expect(backend.offerCalls()).toHaveLength(1);
    } finally {
      belowLines.tearDown();
      extension.setUp();
    }
  });
});

describe("adding an offer", () => {
  it("adds the variant with its mark, shows it loading, then drops the row", async () => {
    let finish!: (result: CartLineChangeResult) => void;
    const applyCartLinesChange = vi.fn(() => new Promise<CartLineChangeResult>((resolve) => (finish = resolve)));
    extension.shopify.applyCartLinesChange = applyCartLinesChange;
    await renderWithOffers([offerJson(2), offerJson(3)]);

    fireEvent.click(button(rows()[0]!));
    expect(applyCartLinesChange).toHaveBeenCalledWith({
      type: "addCartLine",
      merchandiseId: variant(2),
      quantity: 1,
      attributes: [{ key: "_cartlift", value: "mark-2" }],
    });
    await waitFor(() => expect(button(rows()[0]!).getAttribute("loading")).toBe("true"));
    expect(button(rows()[0]!).getAttribute("accessibilityLabel")).toBe("checkout.adding(Offer 2)");

    finish(createResult("applyCartLinesChange", { type: "success" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain("Offer 3");
    expect(applyCartLinesChange).toHaveBeenCalledTimes(1);
  });

  it("posts a click, then an add once the line is in", async () => {
    extension.shopify.applyCartLinesChange = vi.fn(async () => createResult("applyCartLinesChange"));
    const backend = await renderWithOffers([offerJson(2)]);
    fireEvent.click(button(rows()[0]!));
    await waitFor(() => expect(backend.eventCalls()).toHaveLength(3));

    const batches = backend.eventCalls().map((call) => call.body as { sid: string; events: Record<string, string>[] });
    expect(batches.map((batch) => batch.events.map((e) => [e.type, e.mark, e.surface]))).toEqual([
      [["impression", "mark-2", "checkout"]],
      [["click", "mark-2", "checkout"]],
      [["add", "mark-2", "checkout"]],
    ]);
    expect(batches.every((batch) => batch.sid === SID)).toBe(true);
  });

  it.each([
    ["an error result", async () => createResult("applyCartLinesChange", { type: "error", message: "Out of stock" })],
    [
      "a thrown error",
      async () => {
        throw new Error("host gone");
      },
    ],
  ])("shows an inline error under the row after %s, and posts no add", async (_, outcome) => {
    extension.shopify.applyCartLinesChange = vi.fn(outcome) as typeof extension.shopify.applyCartLinesChange;
    const backend = await renderWithOffers([offerJson(2), offerJson(3)]);
    fireEvent.click(button(rows()[0]!));

    await waitFor(() => expect(rows()[0]!.querySelector('s-text[tone="critical"]')).not.toBeNull());
    expect(rows()[0]!.querySelector('s-text[tone="critical"]')!.textContent).toBe("checkout.addFailed(Offer 2)");
    expect(button(rows()[0]!).hasAttribute("loading")).toBe(false);
    expect(rows()[1]!.querySelector('s-text[tone="critical"]')).toBeNull();
    await settle();
    const types = backend.eventCalls().flatMap((call) => (call.body as { events: { type: string }[] }).events);
    expect(types.map((e) => e.type)).toEqual(["impression", "impression", "click"]);
  });
});

describe("events", () => {
  it("posts one batch of impressions for the offers shown, with the session token", async () => {
    const backend = await renderWithOffers([offerJson(2), offerJson(3)]);
    await waitFor(() => expect(backend.eventCalls()).toHaveLength(1));
    const [call] = backend.eventCalls();
    expect(call!.init.headers).toEqual({
      Authorization: "Bearer mock-session-token",
      "Content-Type": "application/json",
    });
    const body = call!.body as { sid: string; events: Record<string, string>[] };
    expect(body.sid).toBe(SID);
    expect(body.events.map(({ surface, type, mark }) => ({ surface, type, mark }))).toEqual([
      { surface: "checkout", type: "impression", mark: "mark-2" },
      { surface: "checkout", type: "impression", mark: "mark-3" },
    ]);
    for (const event of body.events) {
      expect(event.id).toMatch(ID);
      expect(new Date(event.at).toISOString()).toBe(event.at);
    }
    expect(body.events[0]!.id).not.toBe(body.events[1]!.id);
  });

  it("does not let a failing events endpoint show or throw anything", async () => {
    const backend = fakeBackend(() => json({ offers: [offerJson(2)] }));
    extension.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith("/events")) throw new TypeError("network down");
      return backend.fetch(input, init);
    }) as typeof fetch;
    await extension.render();
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(button(rows()[0]!));
    await waitFor(() => expect(rows()).toHaveLength(0));
  });
});

describe("rendering nothing", () => {
  it("when lines cannot be added (accelerated checkout), without asking the backend", async () => {
    extension.shopify.instructions.value = {
      ...extension.shopify.instructions.value,
      lines: { canAddCartLine: false, canRemoveCartLine: true, canUpdateCartLine: true },
    };
    const backend = serve([offerJson(2)]);
    await renderNothing();
    expect(backend.calls).toHaveLength(0);
  });

  it.each([
    ["is missing", []],
    ["is not a URL", [backendMetafield("cartlift")]],
    ["is another key", [{ ...backendMetafield(), metafield: { ...backendMetafield().metafield, key: "other" } }]],
  ])("when the backend metafield %s, without fetching", async (_, entries) => {
    extension.shopify.appMetafields.value = entries;
    const backend = serve([offerJson(2)]);
    await renderNothing();
    expect(backend.calls).toHaveLength(0);
  });

  it.each([
    ["no offers", () => json({ offers: [] })],
    ["a 500", () => json({ offers: [offerJson(2)] }, 500)],
    ["a 401", () => json({ error: "unauthorized" }, 401)],
    ["a body that is not JSON", () => new Response("<html>", { status: 200 })],
    ["a body without an offers list", () => json({ offers: "many" })],
    ["offers missing what a row needs", () => json({ offers: [{ ...offerJson(2), price: "free" }, { title: "x" }] })],
    [
      "a network error",
      () => {
        throw new TypeError("Failed to fetch");
      },
    ],
  ])("when the backend answers %s", async (_, answer) => {
    const backend = serve(answer);
    await extension.render();
    await waitFor(() => expect(backend.offerCalls()).toHaveLength(1));
    await settle();
    expect(document.body.innerHTML).toBe("");
    expect(backend.eventCalls()).toHaveLength(0);
  });

  it(`when the backend takes longer than ${OFFERS_TIMEOUT_MS} ms, and gives up on the request`, async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | null | undefined;
    extension.fetch = vi.fn((_: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal;
      return new Promise<Response>((resolve) =>
        setTimeout(() => resolve(json({ offers: [offerJson(2)] })), OFFERS_TIMEOUT_MS + 500),
      );
    }) as typeof fetch;
    await extension.render();
    await vi.advanceTimersByTimeAsync(OFFERS_TIMEOUT_MS + 1_500);

    expect(extension.fetch).toHaveBeenCalledWith(`${BACKEND}/api/checkout/offers`, expect.anything());
    expect(signal?.aborted).toBe(true);
    expect(document.body.innerHTML).toBe("");
  });
});
