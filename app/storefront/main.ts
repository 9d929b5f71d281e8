/**
 * Cartlift's storefront script, compiled to `extensions/cartlift-theme/assets/cartlift.js` and loaded
 * (deferred, once) by every block. It finds the blocks' roots (`[data-cartlift]`), asks the app proxy
 * for offers, fills the markup the blocks rendered, follows the cart and reports shopper events.
 * See docs/storefront-api.md and docs/decisions/012-storefront-script.md.
 */
import { block, type Block, draw, type Page } from "./blocks";
import { getCart, linesParam, removedLines } from "./cart";
import { flushOnHide, sid, track } from "./events";
import type { Cart } from "./types";
import { $, doc, listen, noop, win } from "./util";
import { watchCart } from "./watch";

/**
 * Page-wide facts from the first root: the cart snapshot and the query every offers request starts
 * with (Liquid renders currency, country and customer facts as `data-ctx`; the script adds the shopper id
 * and the theme's currency rate).
 */
export function readPage(root: HTMLElement): Page {
  const d = root.dataset;
  const rate = win.Shopify?.currency?.rate;
  // data-cart: the cart as Liquid rendered it, so a first removal is noticed without a request
  return { cart_: JSON.parse(d.cart!) as Cart, q_: "sid=" + sid() + "&" + d.ctx + (rate ? "&rate=" + rate : "") };
}

/** Starts every block on the page. */
export function boot(): Page | undefined {
  const roots = doc.querySelectorAll<HTMLElement>("[data-cartlift]");
  if (!roots[0]) return;
  const page = readPage(roots[0]);
  let blocks = Array.from(roots, (r) => block(r, page));
  const embed = blocks.find((b) => b.d_.cartlift == "embed");
  const drawer = embed && $<HTMLTemplateElement>(embed.root_, "template.cl-drawer");
  const show = (b: Block, extra = "") => draw(b, page, "&lines=" + linesParam(page.cart_) + extra).catch(noop);
  const downsell = (extra: string) => embed?.d_.downsell && show(embed, extra);
  // Cart blocks (data-redraw) follow the cart. Cart-drawer offers come from the embed's template, placed
  // in the theme's drawer (an element marked data-cartlift-drawer, else the embed's selector), again
  // whenever the theme redraws the drawer.
  const redraw = () => {
    const slot = drawer && page.cart_.items[0] && $(doc, "[data-cartlift-drawer]," + (embed!.d_.drawer || "x-none"));
    if (slot && !$(slot, "[data-cartlift]")) {
      slot.prepend(drawer!.content.cloneNode(true));
      blocks = blocks.filter((b) => b.root_.isConnected).concat(block(slot.firstElementChild as HTMLElement, page));
    }
    blocks.forEach((b) => b.d_.redraw && show(b));
  };
  page.declined_ = (o) => downsell("&declined=" + o.variant);

  blocks.forEach((b) => b != embed && !b.d_.redraw && show(b));
  redraw();
  // the product-page view event, rendered by the embed's Liquid as JSON
  if (embed?.d_.view) track("view", JSON.parse(embed.d_.view));

  watchCart(async () => {
    const cart = await getCart().catch(noop);
    if (!cart) return;
    const gone = removedLines(page.cart_, cart);
    page.cart_ = cart;
    for (const l of gone) track("remove", { surface: "cart", product: "" + l.product_id, variant: "" + l.variant_id });
    if (gone[0]) downsell("&removed=" + gone[0].variant_id + ":" + gone[0].quantity);
    redraw();
  });
  flushOnHide();
  return page;
}

const start = () => {
  try {
    boot();
  } catch {
    // fail closed: the theme works as before
  }
};
if (!(win as { cartliftManual?: boolean }).cartliftManual)
  if (doc.readyState == "loading") listen(doc, "DOMContentLoaded", start);
  else start();
