/**
 * The app-owned shop metafields through the Admin GraphQL API (2026-10). `$app:cartlift` is the app's
 * reserved namespace: Shopify stores it as `app--<api client id>--cartlift`, only Cartlift can write
 * it, a shop metafield needs no access scope, and Shopify deletes it with the app. Shopify's refusals are
 * AdminRefusedError; transport errors, HTTP errors, throttling and odd answers are AdminApiError
 * (from `request`).
 */
import { metafieldsSetResponse, shopIdResponse } from "../schemas/app-metafields";
import { AdminRefusedError, request, type AdminGraphql } from "./admin-bulk.server";

/** Where the checkout extension finds the backend (its shopify.extension.toml declares the same). */
export const BACKEND_METAFIELD = { namespace: "$app:cartlift", key: "backend", type: "url" } as const;

const SHOP_ID = `#graphql
query CartliftShopId { shop { id } }`;

const SET_BACKEND = `#graphql
mutation CartliftBackendMetafieldSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id }
    userErrors { field message code }
  }
}`;

/**
 * Sets the shop's backend metafield to `url` (created or replaced: metafieldsSet matches the owner,
 * namespace and key). Two calls: the shop's GID, which owns the metafield, then the write.
 */
export async function writeBackendMetafield(admin: AdminGraphql, url: string): Promise<void> {
  const ownerId = await request(admin, SHOP_ID, {}, shopIdResponse);
  const metafields = [{ ownerId, ...BACKEND_METAFIELD, value: url }];
  const body = await request(admin, SET_BACKEND, { metafields }, metafieldsSetResponse);
  const { metafields: set, userErrors } = body.data.metafieldsSet;
  if (userErrors.length > 0 || !set?.length) throw new AdminRefusedError("the backend metafield", userErrors);
}
