/** What happens to a shop's data when Shopify tells us about installs, scopes and privacy requests. */
import {
  countCustomerOrders,
  deleteSessions,
  deleteShopData,
  markShopUninstalled,
  redactCustomer,
  updateSessionScope,
} from "../adapters/shop-repository.server";
import {
  customerGid,
  customersDataRequestPayload,
  customersRedactPayload,
  scopesUpdatePayload,
  shopRedactPayload,
} from "../schemas/webhooks";
import { forgetBackendMetafield } from "./backend-metafield.server";
import { revokeOfferDiscountAccess, updateOfferDiscountAccess } from "./offer-discount-sync.server";
import { forgetAcceptStats } from "./accept-stats.server";
import { forgetExposures } from "./exposures.server";
import { forgetShopModel } from "./recommendations.server";
import { parseWebhookPayload } from "./webhook-payload.server";

/** app/uninstalled: the shop's access is gone, so its sessions go; its data waits for shop/redact. */
export async function handleAppUninstalled(shop: string, now: Date): Promise<{ sessionsRemoved: number }> {
  const sessionsRemoved = await deleteSessions(shop);
  await markShopUninstalled(shop, now);
  // No discount write can succeed without a token: stop them (and any timed retry) until reinstall.
  await revokeOfferDiscountAccess(shop);
  // Shopify deletes the app's metafields with it: the reinstall's auth writes the backend one again.
  await forgetBackendMetafield(shop);
  return { sessionsRemoved };
}

/**
 * app/scopes_update: keep the stored offline session's scope in line with what the merchant granted.
 * A shop installed before Cartlift asked for write_discounts gets its discount when the merchant
 * approves it (this webhook, not an auth, is what says so); the write runs after the answer.
 */
export async function handleScopesUpdate(shop: string, payload: unknown): Promise<void> {
  const { current } = parseWebhookPayload(scopesUpdatePayload, payload);
  await updateSessionScope(shop, current.join(","));
  updateOfferDiscountAccess(shop, current).catch((error: unknown) =>
    console.error(`offer discount after scopes_update for ${shop}:`, error),
  );
}

export type ComplianceTopic = "CUSTOMERS_DATA_REQUEST" | "CUSTOMERS_REDACT" | "SHOP_REDACT";

export interface ComplianceResult {
  topic: ComplianceTopic;
  /** Orders (or, for shop/redact, 1 shop) affected. */
  affected: number;
}

/**
 * The three mandatory privacy topics. A body of an unknown shape throws InvalidWebhookPayload:
 * receiveWebhook still answers 200 (never a 5xx) and keeps it as a dead letter, so a privacy
 * request Cartlift could not read is seen and replayed, never silently lost.
 */
export async function handleComplianceWebhook(
  topic: ComplianceTopic,
  shop: string,
  payload: unknown,
): Promise<ComplianceResult> {
  switch (topic) {
    case "CUSTOMERS_DATA_REQUEST": {
      const { customer } = parseWebhookPayload(customersDataRequestPayload, payload);
      const affected = await countCustomerOrders(shop, customerGid(customer.id));
      // Cartlift holds no customer profile: only order ids linked to the customer id, which the
      // merchant already has in Shopify. The count is logged for the merchant's audit trail.
      console.info(`customers/data_request for ${shop}: ${affected} orders linked to the customer`);
      return { topic, affected };
    }
    case "CUSTOMERS_REDACT": {
      const { customer } = parseWebhookPayload(customersRedactPayload, payload);
      return { topic, affected: await redactCustomer(shop, customerGid(customer.id)) };
    }
    case "SHOP_REDACT": {
      parseWebhookPayload(shopRedactPayload, payload);
      // The shop's rows (cascade), its sessions and its dead letters (no relation to Shop).
      await deleteShopData(shop);
      forgetShopModel(shop);
      forgetExposures(shop);
      forgetAcceptStats(shop);
      return { topic, affected: 1 };
    }
  }
}
