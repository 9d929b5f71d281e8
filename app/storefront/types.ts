/** Shapes the storefront script shares with the app proxy (docs/storefront-api.md) and the AJAX Cart API. */

export type OfferKind = "upsell" | "cross_sell" | "down_sell";

export interface Offer {
  kind: OfferKind;
  surface: string;
  product: string;
  variant: string;
  title: string;
  variantTitle?: string;
  image?: string | null;
  /** Minor units of `currency`, after the offer's discount. */
  price: number;
  compareAt: number | null;
  currency: string;
  reason: string;
  features: string[];
  /** `variant` is null when the product page sent no variant (the app then matches by product). */
  replaces: { product: string; variant: string | null; price: number } | null;
  mark: string;
}

export interface FreeShipping {
  thresholdMinor: number;
  subtotalMinor: number;
  currency: string;
}

export interface Answer {
  offers: Offer[];
  freeShipping: FreeShipping | null;
}

/** The part of an AJAX cart line the script reads (`key` is absent in the Liquid snapshot). */
export interface Line {
  key?: string;
  variant_id: number | string;
  product_id: number | string;
  quantity: number;
}

export interface Cart {
  items: Line[];
}

declare global {
  interface Window {
    Shopify?: {
      routes?: { root?: string };
      currency?: { active?: string; rate?: string | number };
    };
    subscribe?: (event: string, callback: (data: { source?: string }) => void) => unknown;
    publish?: (event: string, data: unknown) => unknown;
  }
}
