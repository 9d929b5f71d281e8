/**
 * The demo's stand-in for Shopify's App Bridge script (served at /demo/app-bridge.js instead of
 * cdn.shopify.com, which an offline laptop cannot reach). It provides the two things the app
 * relies on: the global `shopify` with `idToken()`, and the session token on the app's own
 * fetches; and it mirrors <ui-nav-menu> into the demo admin's sidebar.
 */
export const APP_BRIDGE_STAND_IN_JS = String.raw`(() => {
  "use strict";
  const script = document.currentScript;
  const params = new URLSearchParams(location.search);
  const nativeFetch = window.fetch.bind(window);
  let cached = null;

  async function idToken() {
    if (cached && cached.exp * 1000 - Date.now() > 10000) return cached.token;
    const response = await nativeFetch("/demo/session-token", { credentials: "same-origin" });
    if (!response.ok) throw new Error("demo session token: " + response.status);
    cached = await response.json();
    return cached.token;
  }

  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/demo/")) return nativeFetch(request);
    const headers = new Headers(request.headers);
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
    return nativeFetch(new Request(request, { headers }));
  };

  const post = (message) => window.parent !== window && window.parent.postMessage(message, location.origin);
  window.shopify = {
    config: { apiKey: script && script.dataset.apiKey, shop: params.get("shop"), host: params.get("host"), locale: "en" },
    idToken,
    toast: { show: (message) => post({ type: "cartlift-demo:toast", message: String(message) }) },
    loading: () => {},
    environment: { embedded: true, mobile: false, pos: false },
  };

  // App Bridge's <ui-nav-menu> only declares the admin's navigation; it renders nothing itself.
  if (!customElements.get("ui-nav-menu")) {
    customElements.define("ui-nav-menu", class extends HTMLElement {
      connectedCallback() { this.style.display = "none"; }
    });
  }

  function publishNav() {
    const links = [...document.querySelectorAll("ui-nav-menu a")].map((a) => ({
      href: a.getAttribute("href"),
      label: a.textContent.trim(),
      home: a.getAttribute("rel") === "home",
    }));
    post({ type: "cartlift-demo:nav", links, path: location.pathname });
  }
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || !event.data || event.data.type !== "cartlift-demo:navigate") return;
    const link = [...document.querySelectorAll("ui-nav-menu a")].find((a) => a.getAttribute("href") === event.data.href);
    if (link) link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
  });
  new MutationObserver(publishNav).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", publishNav);
})();
`;
