/** The AJAX Cart API under `Shopify.routes.root`, and telling the theme that the cart changed. */
import { json } from "./net";
import { doc, win } from "./util";
import { LINES_UPDATE } from "./watch";
import type { Cart, Line, Offer } from "./types";

const root = (): string => win.Shopify?.routes?.root || "/";

export const getCart = () => json<Cart>(root() + "cart.js");

/** The `lines` parameter: `variantId:quantity,…`, at most 100 lines. */
export const linesParam = (cart: Cart) =>
  cart.items
    .slice(0, 100)
    .map((l) => l.variant_id + ":" + l.quantity)
    .join();

/** Lines whose variant is no longer in the cart. */
export const removedLines = (before: Cart, after: Cart): Line[] =>
  before.items.filter((b) => !after.items.some((a) => a.variant_id == b.variant_id));

/** The line an upsell or down-sell replaces: the same variant, else another variant of the same product. */
export function lineToReplace(cart: Cart, offer: Offer): Line | null | undefined {
  const r = offer.replaces;
  return r && (cart.items.find((l) => l.variant_id == r.variant) || cart.items.find((l) => l.product_id == r.product));
}

/**
 * Adds the offers with one `/cart/add.js` (each item marked with `_cartlift`, in the quantity of the
 * line it replaces in `cart`, the cart as the script last saw it), then removes each replaced line with `/cart/change.js` quantity 0. Adding first
 * means a failed add (sold out, say) changes nothing. Then asks the theme to redraw its cart: the
 * standard `shopify:cart:lines-update` event (Horizon and themes built on storefront events; Cartlift's
 * own blocks follow it too) and Dawn's `cart-update` pub/sub.
 */
export async function takeOffers(offers: Offer[], cart: Cart): Promise<Cart> {
  const old = offers.map((o) => lineToReplace(cart, o));
  const items = offers.map((o, i) => ({
    id: +o.variant,
    quantity: old[i]?.quantity || 1,
    properties: { _cartlift: o.mark },
  }));
  await json(root() + "cart/add.js", { items });
  for (const line of old) if (line) await json(root() + "cart/change.js", { id: line.key, quantity: 0 });
  cart = await getCart();
  const lines = items.map((i) => ({ merchandiseId: "gid://shopify/ProductVariant/" + i.id, quantity: i.quantity }));
  const detail = { action: "add", context: "cart", lines, promise: Promise.resolve({ cart, userErrors: [] }) };
  doc.dispatchEvent(new CustomEvent(LINES_UPDATE, { bubbles: true, detail }));
  // Dawn's PUB_SUB_EVENTS is a top-level const (not on window); its cartUpdate event is "cart-update".
  win.publish?.("cart-update", { source: "cartlift", cartData: cart });
  return cart;
}
