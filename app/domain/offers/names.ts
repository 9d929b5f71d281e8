import type { OfferKind, Surface } from "./types";

/** How the techniques are named in reasons and in the admin (lower case, for use mid-sentence). */
export const KIND_NAMES: Readonly<Record<OfferKind, string>> = Object.freeze({
  upsell: "upsell",
  cross_sell: "cross-sell",
  down_sell: "down-sell",
});

/** How the surfaces are named in reasons and in the admin (lower case, for use mid-sentence). */
export const SURFACE_NAMES: Readonly<Record<Surface, string>> = Object.freeze({
  product: "product page",
  cart: "cart",
  cart_removal: "cart removal",
  checkout: "checkout",
  thank_you: "thank-you page",
});
