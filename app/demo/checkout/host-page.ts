/**
 * The harness checkout page's own script: it holds the cart state the extension frames read
 * (`window.cartliftCheckout`), applies their cart changes through the storefront's AJAX Cart API,
 * and after every change redraws the order summary from the server, which runs the discount
 * Function on the new cart as Shopify would. The harness's Remove buttons go the same way. It then
 * loads the extension frames, which read `window.cartliftCheckout` as they start.
 */
import type { CartLinesChange, CartLinesChangeResult, FrameState, HarnessPage } from "./host-frame";

interface ServerState extends FrameState {
  linesHtml: string;
  totalsHtml: string;
}

const summary = document.getElementById("checkout-summary")!;
const listeners: ((state: FrameState) => void)[] = [];
const initialState = JSON.parse(document.getElementById("cartlift-checkout-state")!.textContent!) as FrameState;

const harness: HarnessPage = {
  state: initialState,
  subscribe(listener) {
    listeners.push(listener);
  },
  async applyCartLinesChange(change: CartLinesChange): Promise<CartLinesChangeResult> {
    if (change.type !== "addCartLine") return { type: "error", message: `the harness does not apply ${change.type}` };
    const id = Number(change.merchandiseId.slice(change.merchandiseId.lastIndexOf("/") + 1));
    const properties = Object.fromEntries((change.attributes ?? []).map(({ key, value }) => [key, value]));
    const response = await fetch("/cart/add.js", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ items: [{ id, quantity: change.quantity, properties }] }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { description?: string };
      return { type: "error", message: body.description ?? `HTTP ${response.status}` };
    }
    await refresh();
    return { type: "success" };
  },
};
(window as unknown as { cartliftCheckout: HarnessPage }).cartliftCheckout = harness;

async function refresh(): Promise<void> {
  const next = (await (await fetch("/checkout/state.json", { cache: "no-store" })).json()) as ServerState;
  // The frames stay: only the lines and totals around them are redrawn.
  document.getElementById("checkout-lines")!.innerHTML = next.linesHtml;
  document.getElementById("checkout-totals")!.innerHTML = next.totalsHtml;
  harness.state = { lines: next.lines, attributes: next.attributes };
  for (const listener of listeners) listener(harness.state);
}

summary.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>("button[data-remove]");
  if (!button) return;
  button.disabled = true;
  void fetch("/cart/change.js", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ id: button.dataset.remove, quantity: 0 }),
  }).then(refresh);
});

// The frames load only now that `window.cartliftCheckout` exists for them to read.
for (const frame of document.querySelectorAll<HTMLIFrameElement>("iframe[data-src]")) frame.src = frame.dataset.src!;
