// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { net } from "./net";
import { watchCart } from "./watch";

let onChange: ReturnType<typeof vi.fn<() => void>>;
const original = { fetch: window.fetch, open: XMLHttpRequest.prototype.open };

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response("{}")),
  );
  onChange = vi.fn<() => void>();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.fetch = original.fetch;
  XMLHttpRequest.prototype.open = original.open;
  delete window.subscribe;
});

describe("watchCart", () => {
  it("follows the standard shopify:cart:lines-update event once its promise settles", async () => {
    watchCart(onChange);
    let done!: () => void;
    const promise = new Promise<void>((r) => (done = r));
    document.dispatchEvent(new CustomEvent("shopify:cart:lines-update", { detail: { action: "remove", promise } }));
    await vi.advanceTimersByTimeAsync(500);
    expect(onChange).not.toHaveBeenCalled();
    done();
    await vi.advanceTimersByTimeAsync(150);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("follows Dawn's cart-update pub/sub, except its own publications", async () => {
    const subscribers: ((d: { source?: string }) => void)[] = [];
    window.subscribe = (event, cb) => event == "cart-update" && subscribers.push(cb);
    watchCart(onChange);
    subscribers[0]!({ source: "cartlift" });
    await vi.advanceTimersByTimeAsync(200);
    expect(onChange).not.toHaveBeenCalled();
    subscribers[0]!({ source: "product-form" });
    await vi.advanceTimersByTimeAsync(200);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("watches the theme's fetch to /cart/* and coalesces a burst into one call", async () => {
    watchCart(onChange);
    await window.fetch("/cart/add.js", { method: "POST" });
    await window.fetch(new Request("https://shop.example/cart/change.js", { method: "POST" }));
    await window.fetch("/products/brew.js");
    await vi.advanceTimersByTimeAsync(150);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("does not watch its own requests (net.fetch) or other URLs", async () => {
    watchCart(onChange);
    await net.fetch("/cart/add.js", { method: "POST" });
    await window.fetch("/collections/all");
    await vi.advanceTimersByTimeAsync(500);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("watches XMLHttpRequest to /cart/* (older jQuery themes)", async () => {
    watchCart(onChange);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/cart/change.js");
    xhr.dispatchEvent(new Event("loadend"));
    await vi.advanceTimersByTimeAsync(150);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
