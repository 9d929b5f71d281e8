/// <reference types="@shopify/ui-extensions/purchase.thank-you.block.render" />
import { fireEvent, waitFor } from "@testing-library/preact";
import { getExtension } from "@shopify/ui-extensions-tester";
import { createCartLine } from "@shopify/ui-extensions-tester/checkout";
import { afterEach, beforeEach, expect, it } from "vitest";
import { BACKEND, backendMetafield, button, fakeBackend, json, offerJson, rows, settle, SID } from "./helpers";

const extension = getExtension("purchase.thank-you.block.render");
const nextOrder = (n: number) => `https://shop.example/apps/cartlift/next?m=mark-${n}`;

function serve(offers: unknown[]) {
  const backend = fakeBackend(() => json({ offers }));
  extension.fetch = backend.fetch;
  return backend;
}

beforeEach(() => {
  extension.setUp();
  extension.shopify.appMetafields.value = [backendMetafield()];
  extension.shopify.attributes.value = [{ key: "_cartlift_sid", value: SID }];
  extension.shopify.localization.currency.value = { isoCode: "EUR" };
  extension.shopify.localization.country.value = undefined;
  extension.shopify.lines.value = [
    createCartLine({ quantity: 3, cost: { totalAmount: { amount: 30, currencyCode: "EUR" } } }),
  ];
  extension.shopify.i18n.formatCurrency = (n, options) => `${options?.currency} ${Number(n).toFixed(2)}`;
});

afterEach(() => {
  extension.tearDown();
});

it("asks for thank-you offers with the order's lines", async () => {
  const backend = serve([offerJson(2, { url: nextOrder(2) })]);
  await extension.render();
  await waitFor(() => expect(rows()).toHaveLength(1));
  expect(backend.offerCalls().map((call) => call.body)).toEqual([
    {
      surface: "thank_you",
      sid: SID,
      currency: "EUR",
      lines: [{ variant: "gid://shopify/ProductVariant/1", quantity: 3, amount: "30", discounted: false }],
    },
  ]);
  expect(backend.offerCalls()[0]!.init.headers).toEqual({
    Authorization: "Bearer mock-session-token",
    "Content-Type": "application/json",
  });
});

it("shows each offer with a link to the shop's next-order cart, and skips one without a link", async () => {
  serve([
    offerJson(2, { title: "Espresso pods (20)", price: "11.90", compareAt: "14.00", url: nextOrder(2) }),
    offerJson(3, { title: "Descaler" }),
    offerJson(4, { title: "Milk jug", price: "19", url: nextOrder(4) }),
  ]);
  await extension.render();
  await waitFor(() => expect(rows()).toHaveLength(2));

  expect(document.body.querySelector("s-heading")?.textContent).toBe("thankYou.heading");
  const [pods, jug] = rows();
  expect(pods!.querySelector('s-text[type="strong"]')?.textContent).toBe("Espresso pods (20)");
  expect(pods!.textContent).toContain("EUR 11.90");
  expect(pods!.querySelector('s-text[type="redundant"]')?.textContent).toBe("EUR 14.00");
  expect(button(pods!).getAttribute("href")).toBe(nextOrder(2));
  expect(button(pods!).textContent).toBe("thankYou.shop");
  expect(button(jug!).getAttribute("href")).toBe(nextOrder(4));
  expect(document.body.textContent).not.toContain("Descaler");
});

it("posts thank-you impressions for the offers shown and a click on the link", async () => {
  const backend = serve([offerJson(2, { url: nextOrder(2) }), offerJson(3, { url: nextOrder(3) })]);
  await extension.render();
  await waitFor(() => expect(backend.eventCalls()).toHaveLength(1));
  fireEvent.click(button(rows()[1]!));
  await waitFor(() => expect(backend.eventCalls()).toHaveLength(2));

  const batches = backend.eventCalls().map((call) => call.body as { sid: string; events: Record<string, string>[] });
  expect(batches.map((batch) => batch.sid)).toEqual([SID, SID]);
  expect(batches.map((batch) => batch.events.map((e) => [e.type, e.mark, e.surface]))).toEqual([
    [
      ["impression", "mark-2", "thank_you"],
      ["impression", "mark-3", "thank_you"],
    ],
    [["click", "mark-3", "thank_you"]],
  ]);
  expect(backend.eventCalls()[0]!.url).toBe(`${BACKEND}/api/checkout/events`);
});

it("renders nothing without the backend metafield, and fetches nothing", async () => {
  extension.shopify.appMetafields.value = [];
  const backend = serve([offerJson(2, { url: nextOrder(2) })]);
  await extension.render();
  await settle();
  expect(document.body.innerHTML).toBe("");
  expect(backend.calls).toHaveLength(0);
});

it("renders nothing when the backend fails", async () => {
  const backend = fakeBackend(() => json({ error: "down" }, 503));
  extension.fetch = backend.fetch;
  await extension.render();
  await waitFor(() => expect(backend.offerCalls()).toHaveLength(1));
  await settle();
  expect(document.body.innerHTML).toBe("");
});
