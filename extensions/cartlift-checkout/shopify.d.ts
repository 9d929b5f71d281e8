import "@shopify/ui-extensions";

// The form `shopify app dev`/`build` generates (Shopify CLI 3.94, type-generation): each module,
// and each module it imports, gets the `shopify` global of the targets that load it.
//@ts-ignore
declare module "./src/Checkout.tsx" {
  const shopify:
    | import("@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after").Api
    | import("@shopify/ui-extensions/purchase.checkout.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}

//@ts-ignore
declare module "./src/ThankYou.tsx" {
  const shopify: import("@shopify/ui-extensions/purchase.thank-you.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}

//@ts-ignore
declare module "./src/backend.ts" {
  const shopify:
    | import("@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after").Api
    | import("@shopify/ui-extensions/purchase.checkout.block.render").Api
    | import("@shopify/ui-extensions/purchase.thank-you.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}

//@ts-ignore
declare module "./src/offer-row.tsx" {
  const shopify:
    | import("@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after").Api
    | import("@shopify/ui-extensions/purchase.checkout.block.render").Api
    | import("@shopify/ui-extensions/purchase.thank-you.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}

//@ts-ignore
declare module "./src/use-offers.ts" {
  const shopify:
    | import("@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after").Api
    | import("@shopify/ui-extensions/purchase.checkout.block.render").Api
    | import("@shopify/ui-extensions/purchase.thank-you.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}
