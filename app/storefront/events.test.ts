// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flush, flushOnHide, pending, SID_KEY, sid, track } from "./events";
import { fakeShop, requests, settle } from "./test-kit";

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  pending().length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const batches = (shop: ReturnType<typeof fakeShop>) =>
  requests(shop, "/apps/cartlift/events").map((c) => c.body as { sid: string; events: { id: string; type: string }[] });

describe("shopper events", () => {
  it("batches the events of a second into one POST, each with its own id", async () => {
    const shop = fakeShop();
    track("impression", { surface: "product", mark: "m1" });
    track("click", { surface: "product", mark: "m1" });
    track("view", { surface: "product", product: "8000000000000", variant: "9000000000000" });
    await settle(999);
    expect(batches(shop)).toEqual([]);
    await settle(1);
    const [batch] = batches(shop);
    expect(batch!.sid).toBe(localStorage.getItem(SID_KEY));
    expect(batch!.events.map(({ type }) => type)).toEqual(["impression", "click", "view"]);
    expect(batch!.events[2]).toMatchObject({ surface: "product", product: "8000000000000", variant: "9000000000000" });
    expect(new Set(batch!.events.map((e) => e.id)).size).toBe(3);
    expect(
      batch!.events.every((e) => /^[\w-]{8,64}$/.test(e.id) && !Number.isNaN(Date.parse((e as never)["at"]))),
    ).toBe(true);
  });

  it("sends at most 50 events per request", async () => {
    const shop = fakeShop();
    for (let i = 0; i < 120; i++) track("impression", { surface: "cart", mark: "m" + i });
    await settle(1000);
    expect(batches(shop).map((b) => b.events.length)).toEqual([50, 50, 20]);
  });

  it("retries a failed batch once, with the same ids, so the server stores it once", async () => {
    const shop = fakeShop();
    shop.fetch.mockImplementationOnce(async () => new Response("down", { status: 503 }));
    shop.fetch.mockImplementationOnce(() => Promise.reject(new TypeError("offline")));
    track("decline", { surface: "cart_removal", mark: "m1" });
    flush();
    await settle(2000);
    await settle(2000);
    expect(shop.fetch).toHaveBeenCalledTimes(2);
    const bodies = shop.fetch.mock.calls.map(([, init]) => JSON.parse((init as RequestInit).body as string));
    expect(bodies[1].events).toEqual(bodies[0].events);
    await settle(5000);
    expect(shop.fetch).toHaveBeenCalledTimes(2);
  });

  it("sends with keepalive at once when the page is hidden", async () => {
    const shop = fakeShop();
    flushOnHide();
    track("add", { surface: "cart", mark: "m1" });
    window.dispatchEvent(new Event("pagehide"));
    expect(shop.fetch).toHaveBeenCalledTimes(1);
    expect((shop.fetch.mock.calls[0]![1] as RequestInit).keepalive).toBe(true);
  });
});

describe("sid", () => {
  it("keeps one anonymous id in localStorage and replaces one that is malformed", () => {
    const first = sid();
    expect(first).toMatch(/^[\w-]{8,64}$/);
    expect(sid()).toBe(first);
    localStorage.setItem(SID_KEY, "bad id!");
    expect(sid()).not.toBe("bad id!");
  });

  it("still answers when localStorage throws (private mode)", () => {
    const denied = vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new Error("denied");
    });
    expect(sid()).toMatch(/^[\w-]{8,64}$/);
    expect(sid()).toBe(sid());
    denied.mockRestore();
  });
});
