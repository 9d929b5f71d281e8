/**
 * One drawing routine for every block. Its Liquid says what it shows (`data-surface`, `data-kinds`,
 * `data-limit`) and renders the markup; the script asks the app for offers, binds their values
 * (bind.ts) and handles the block's buttons (`data-a`): `take` (this offer, replacing what it
 * replaces), `add` (the checked offers), `no` (decline). Every failure ends in `empty()`: the block
 * stays collapsed (or keeps its reserved space while in view); nothing is thrown.
 */
import { bind, type Values } from "./bind";
import { getCart, takeOffers } from "./cart";
import { track } from "./events";
import { declined as no, getOffers } from "./proxy";
import type { Answer, Cart, FreeShipping, Offer } from "./types";
import { $, doc, listen, noop } from "./util";

/** Internal state; property names ending in "_" are shortened by the minifier (build-storefront.ts). */
export interface Page {
  cart_: Cart;
  /** The query every offers request starts with (sid, currency, country, customer tags…). */
  q_: string;
  /** Called when the shopper declines an upsell (the embed then may suggest a down-sell). */
  declined_?: (o: Offer) => void;
}

export interface Block {
  root_: HTMLElement;
  d_: DOMStringMap;
  /** The part the script shows and fills (`.cl-body`, hidden until there is something to show). */
  body_: HTMLElement;
  /** The offers drawn now. */
  list_: Offer[];
}

/** Nothing to show: collapse when out of view (no visible shift); in the theme editor keep the placeholder. */
export function empty(b: Block) {
  if (b.d_.design) return;
  b.body_.hidden = true;
  if (b.root_.getBoundingClientRect().top >= innerHeight) b.root_.hidden = true;
}

const focus = (el: HTMLElement) => (el.setAttribute("tabindex", "-1"), el.focus());

/** Announces `text` in the block's aria-live status line (every block's Liquid renders one). */
const say = (b: Block, text?: string) => ($(b.root_, "[role=status]")!.textContent = text!);

const log = (type: "impression" | "click" | "add" | "decline", o: Offer) =>
  track(type, { surface: o.surface, mark: o.mark });

/** What an offer's markup shows: the offer, and `r_<reason>` and `add`/`swap` that pick which labels appear. */
export const offerValues = (o: Offer): Values => ({
  ...o,
  ["r_" + o.reason]: "",
  [o.replaces ? "swap" : "add"]: "",
});

/**
 * Values of the whole block (amounts in minor units, formatted by the markup): the first offer's
 * title and the difference to the price it replaces, the free-shipping gap and progress.
 */
export function blockValues(list: Offer[], f?: Answer["freeShipping"]): Values {
  const o = list[0];
  const r = o?.replaces;
  const diff = r ? o.price - r.price : 0;
  const { thresholdMinor: max = 1, subtotalMinor: sum = 0, currency } = (f || o) as Partial<FreeShipping>;
  const gap = max - sum;
  return {
    offers: list.map(offerValues),
    currency,
    title: o?.title,
    more: diff > 0 ? diff : null,
    gap: f && gap > 0 ? gap : null,
    free: f && gap <= 0 ? "" : null,
    pct: f && (100 * sum) / max, // <progress max=100> caps it
  };
}

/** Asks for the block's offers (its query is `data-q`) and draws them. `extra`: `&lines=…`, `&removed=…`. */
export async function draw(b: Block, page: Page, extra = "") {
  const d = b.d_;
  const a = await getOffers(page.q_ + "&" + d.q + extra);
  const list = (a?.offers || [])
    .filter((o) => !no.has(o.variant) && (!d.kinds || d.kinds == o.kind))
    .slice(0, +d.limit!);
  const f = d.bar ? a?.freeShipping : null;
  if (!list.length && !f) return empty(b);
  const had = b.body_.contains(doc.activeElement);
  bind(b.body_, blockValues(list, f));
  b.list_ = list;
  changed(b);
  b.body_.hidden = b.root_.hidden = false;
  // A redrawn offer's button is a new element: keep keyboard focus in the block.
  if (had) focus(b.body_);
  list.forEach((o) => log("impression", o));
}

/** The checked offers of a list with checkboxes (all of them when it has none). */
const checked = (b: Block) =>
  b.list_.filter((o) => $<HTMLInputElement>(b.body_, `[data-k="${o.variant}"] input`)?.checked ?? true);

/** Hides a dismissible or answered block's body; keyboard focus inside moves to the block (its status stays). */
function close(b: Block) {
  const inside = b.root_.contains(doc.activeElement);
  b.body_.hidden = true;
  if (inside) focus(b.root_);
}

/**
 * Handles a click on one of the block's buttons. After a successful add, a block marked `data-close`
 * (the upgrade, the down-sell) hides its offer and its status line (visible there) says what happened.
 */
export async function press(b: Block, page: Page, el: HTMLElement) {
  const action = el.dataset.a;
  const first = b.list_[0]!;
  if (action == "no") {
    no.add(first.variant);
    log("decline", first);
    close(b);
    if (first.kind == "upsell") page.declined_!(first);
    return;
  }
  const key = el.closest<HTMLElement>("[data-k]")?.dataset.k;
  const offers = action == "add" ? checked(b) : [b.list_.find((o) => o.variant == key) || first];
  if (!offers[0]) return;
  offers.forEach((o) => log("click", o));
  try {
    // The cart as it is now: the page's copy follows the theme's changes a moment late (watch.ts
    // debounces), and a stale copy would add the premium beside the item instead of replacing it.
    page.cart_ = await takeOffers(offers, await getCart());
    offers.forEach((o) => log("add", o));
    say(b, b.d_.tAdded!.replace("[title]", offers.map((o) => o.title).join(", ")));
    if (b.d_.close) close(b);
  } catch {
    say(b, b.d_.tError);
  }
}

/** Keeps the total (`.cl-sum`) and the "Add selected" button in step with the checkboxes. */
export function changed(b: Block) {
  const sum = $(b.body_, ".cl-sum");
  if (!sum) return;
  const list = checked(b);
  bind(sum, { total: list.reduce((s, o) => s + o.price, 0), currency: b.list_[0]!.currency });
  $<HTMLButtonElement>(b.body_, "[data-a=add]")!.disabled = !list[0];
}

/** Wraps a root and handles its buttons and checkboxes by delegation. */
export function block(root: HTMLElement, page: Page): Block {
  const b: Block = { root_: root, d_: root.dataset, body_: $(root, ".cl-body")!, list_: [] };
  listen(root, "click", (e) => {
    const el = (e.target as HTMLElement).closest?.<HTMLElement>("[data-a]");
    if (el) press(b, page, el).catch(noop);
  });
  listen(root, "change", () => changed(b));
  return b;
}
