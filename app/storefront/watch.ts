/**
 * Follows cart changes made by the theme or other apps, on any theme: Shopify's standard
 * `shopify:cart:lines-update` event (also emitted by `Shopify.actions.updateCart`), Dawn's `cart-update`
 * pub/sub, and, for themes with neither, a watch on fetch/XHR requests to `/cart/*`. Signals arrive in
 * bursts (one add can fire all three), so they are coalesced into one call.
 */
import { net } from "./net";
import { doc, listen, win } from "./util";

export const LINES_UPDATE = "shopify:cart:lines-update";
export const CART_URL = /\/cart\/(add|change|update|clear)\b/;

/** Calls `onChange` (debounced by `wait` ms) after any cart change the page makes. */
export function watchCart(onChange: () => void, wait = 150) {
  const w = win;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ping = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, wait);
  };
  const watch = (url: unknown, p: { then: (a: () => void, b: () => void) => unknown } | null | undefined) =>
    (url == 0 || CART_URL.test((url as Request)?.url || "" + url)) && (p?.then ? p.then(ping, ping) : ping());
  listen(doc, LINES_UPDATE, (e) => watch(0, (e as CustomEvent).detail?.promise));
  w.subscribe?.("cart-update", (data) => data?.source != "cartlift" && ping());
  const original = w.fetch;
  net.fetch = original.bind(w);
  w.fetch = (...args: Parameters<typeof fetch>) => {
    const res = original(...args);
    watch(args[0], res);
    return res;
  };
  const xhr = XMLHttpRequest.prototype;
  const open = xhr.open;
  xhr.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    watch(args[1], { then: (done) => listen(this, "loadend", done) });
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof xhr.open;
}
