/**
 * The app's offer discount through the Admin GraphQL API (2026-10): one automatic app discount that
 * runs the cartlift-discount Function, configured by its `$app` / `function-configuration` metafield
 * (docs/decisions/019 and 021). Creates it, or updates that metafield by the discount's id. Shopify's
 * refusals are AdminRefusedError; transport errors, HTTP errors, throttling and odd answers are
 * AdminApiError (from `request`).
 */
import {
  namesMissingDiscount,
  offerDiscountCreateResponse,
  offerDiscountUpdateResponse,
} from "../schemas/offer-discount";
import { AdminRefusedError, request, type AdminGraphql } from "./admin-bulk.server";

/** The Function's handle (extensions/cartlift-discount/shopify.extension.toml). */
export const OFFER_DISCOUNT_FUNCTION = "cartlift-discount";
export const OFFER_DISCOUNT_TITLE = "Cartlift offers";
/** Where the Function reads its configuration (its input query names the same metafield). */
export const OFFER_DISCOUNT_METAFIELD = { namespace: "$app", key: "function-configuration", type: "json" } as const;

/**
 * An offer's discount is a product discount on one line. It combines with order discounts (a
 * store-wide 10% off still applies) and shipping discounts (taking an offer does not cost the buyer
 * free shipping). It does not combine with other product discounts: on the offered line Shopify then
 * gives the buyer the best single product discount instead of stacking a sale and an offer, and a
 * second Cartlift discount, should one ever exist, could not double an offer.
 */
export const OFFER_DISCOUNT_COMBINES_WITH = {
  orderDiscounts: true,
  productDiscounts: false,
  shippingDiscounts: true,
} as const;

const CREATE = `#graphql
mutation CartliftOfferDiscountCreate($discount: DiscountAutomaticAppInput!) {
  discountAutomaticAppCreate(automaticAppDiscount: $discount) {
    automaticAppDiscount { discountId }
    userErrors { field message code }
  }
}`;

const UPDATE = `#graphql
mutation CartliftOfferDiscountUpdate($id: ID!, $discount: DiscountAutomaticAppInput!) {
  discountAutomaticAppUpdate(id: $id, automaticAppDiscount: $discount) {
    automaticAppDiscount { discountId }
    userErrors { field message code }
  }
}`;

/** Creates the discount, active from `now`, with the configuration `value` (JSON); returns its id. */
export async function createOfferDiscount(admin: AdminGraphql, value: string, now: Date): Promise<string> {
  const discount = {
    title: OFFER_DISCOUNT_TITLE,
    functionHandle: OFFER_DISCOUNT_FUNCTION,
    discountClasses: ["PRODUCT"],
    combinesWith: OFFER_DISCOUNT_COMBINES_WITH,
    startsAt: now.toISOString(),
    metafields: [{ ...OFFER_DISCOUNT_METAFIELD, value }],
  };
  const body = await request(admin, CREATE, { discount }, offerDiscountCreateResponse);
  const { automaticAppDiscount, userErrors } = body.data.discountAutomaticAppCreate;
  if (userErrors.length > 0 || !automaticAppDiscount) throw new AdminRefusedError("the offer discount", userErrors);
  return automaticAppDiscount.discountId;
}

/**
 * Sets the discount's configuration to `value`; returns its id, or null when Shopify has no
 * discount with that id (deleted by the merchant): the caller creates a new one. Only the metafield
 * is sent, so what the merchant changed in Shopify's admin (an end date, combinations) is kept; the
 * metafield is matched by namespace and key, so it is replaced, not added.
 */
export async function updateOfferDiscount(admin: AdminGraphql, id: string, value: string): Promise<string | null> {
  const discount = { metafields: [{ ...OFFER_DISCOUNT_METAFIELD, value }] };
  const body = await request(admin, UPDATE, { id, discount }, offerDiscountUpdateResponse);
  const { automaticAppDiscount, userErrors } = body.data.discountAutomaticAppUpdate;
  if (namesMissingDiscount(userErrors)) return null;
  if (userErrors.length > 0 || !automaticAppDiscount) throw new AdminRefusedError("the offer discount", userErrors);
  return automaticAppDiscount.discountId;
}
