import type { OfferKind, Surface } from "../domain/offers";

export const KIND_LABELS: Record<OfferKind, string> = {
  upsell: "Upsell",
  cross_sell: "Cross-sell",
  down_sell: "Down-sell",
};

export const SURFACE_LABELS: Record<Surface, string> = {
  product: "Product page",
  cart: "Cart",
  cart_removal: "Cart removal",
  checkout: "Checkout",
  thank_you: "Thank-you page",
};
