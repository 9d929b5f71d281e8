// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUDGET_MS, clearOffers, getOffers } from "./proxy";
import { fakeShop, offer } from "./test-kit";

beforeEach(() => clearOffers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("getOffers", () => {
  it("asks /apps/cartlift/offers with the query and answers the parsed offers", async () => {
    const shop = fakeShop();
    shop.offers = () => ({ offers: [offer()], freeShipping: null });
    const answer = await getOffers("sid=abcdefgh&surface=product&product=8000000000000");
    expect(shop.calls).toEqual([
      {
        method: "GET",
        url: "/apps/cartlift/offers?sid=abcdefgh&surface=product&product=8000000000000",
        body: undefined,
      },
    ]);
    expect(answer).toEqual({ offers: [offer()], freeShipping: null });
  });

  it("asks the same query once per page view", async () => {
    const shop = fakeShop();
    await Promise.all([getOffers("surface=product&product=1"), getOffers("surface=product&product=1")]);
    expect(shop.calls).toHaveLength(1);
  });

  it.each([
    ["a 500", () => new Response("oops", { status: 500 })],
    ["a 400", () => new Response(JSON.stringify({ errors: {} }), { status: 400 })],
    ["HTML instead of JSON", () => new Response("<html>", { status: 200 })],
  ])("fails closed on %s: no answer, nothing thrown", async (_name, answer) => {
    const shop = fakeShop();
    shop.offers = () => answer() as never;
    await expect(getOffers("surface=cart")).resolves.toBeUndefined();
  });

  it("fails closed when the network fails", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("offline")));
    await expect(getOffers("surface=cart")).resolves.toBeUndefined();
  });

  it("gives up after its time budget (1.5 s by default) and aborts the request", async () => {
    expect(BUDGET_MS).toBe(1500);
    let signal: AbortSignal | undefined;
    vi.stubGlobal("fetch", (_url: string, init: RequestInit) => {
      signal = init.signal!;
      return new Promise((_resolve, reject) => signal!.addEventListener("abort", () => reject(signal!.reason)));
    });
    const started = Date.now();
    const answer = getOffers("surface=cart", 50);
    expect(signal!.aborted).toBe(false);
    await expect(answer).resolves.toBeUndefined();
    expect(signal!.aborted).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
