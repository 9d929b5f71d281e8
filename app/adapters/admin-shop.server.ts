/** The shop itself through the Admin GraphQL API: what the install bootstrap stores. */
import { shopDetailsResponse, type ShopDetails } from "../schemas/shop";
import { request, type AdminGraphql } from "./admin-bulk.server";

// One cheap query (cost 1–2): it runs on every auth. `plan.displayName` is deprecated in favour
// of `publicDisplayName` (Basic, Grow, Advanced, Plus, Development, …).
const SHOP_DETAILS = `#graphql
query CartliftShopDetails {
  shop {
    name
    currencyCode
    enabledPresentmentCurrencies
    ianaTimezone
    currencyFormats { moneyFormat }
    primaryDomain { host }
    plan { partnerDevelopment publicDisplayName }
  }
}`;

/** The shop's details; AdminApiError when Shopify cannot be reached or answers unexpectedly. */
export async function fetchShopDetails(admin: AdminGraphql): Promise<ShopDetails> {
  return request(admin, SHOP_DETAILS, {}, shopDetailsResponse);
}
