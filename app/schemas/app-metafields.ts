/**
 * The app's own shop metafields through the Admin API (API 2026-10): the answers to CartliftShopId
 * and CartliftBackendMetafieldSet (metafieldsSet), and the value of the backend metafield the checkout
 * extension reads (extensions/cartlift-checkout/src/backend.ts).
 */
import { z } from "zod";
import { adminUserError } from "./shopify-fields";

/** The shop's GID, the owner of its shop metafields. */
export const shopIdResponse = z
  .object({ data: z.object({ shop: z.object({ id: z.string().startsWith("gid://shopify/Shop/") }) }) })
  .transform(({ data }) => data.shop.id);

/** MetafieldsSetUserError: `code` a MetafieldsSetUserErrorCode. */
export const metafieldsSetUserError = adminUserError;

export type MetafieldsSetUserError = z.infer<typeof metafieldsSetUserError>;

export const metafieldsSetResponse = z.object({
  data: z.object({
    metafieldsSet: z.object({
      // Null or empty when refused: the mutation is atomic.
      metafields: z.array(z.object({ id: z.string() })).nullish(),
      userErrors: z.array(metafieldsSetUserError),
    }),
  }),
});

/**
 * The backend metafield's value for the app's URL: its origin and path without a trailing slash, as
 * the extension reads it back (so `https://cartlift.example.com/` is stored as the extension sees it).
 * Throws for a URL the extension would refuse (not http or https).
 */
export function backendMetafieldValue(appUrl: string): string {
  const url = new URL(appUrl.trim());
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`the app URL must be http(s) for the checkout extension, not ${url.protocol}`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, "");
}
