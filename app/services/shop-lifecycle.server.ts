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
import { forgetShopModel } from "./recommendations.server";

/** app/uninstalled: the shop's access is gone, so its sessions go; its data waits for shop/redact. */
export async function handleAppUninstalled(shop: string, now: Date): Promise<{ sessionsRemoved: number }> {
  const sessionsRemoved = await deleteSessions(shop);
  await markShopUninstalled(shop, now);
  return { sessionsRemoved };
}

/** app/scopes_update: keep the stored session's scope in line with what the merchant granted. */
export async function handleScopesUpdate(shop: string, sessionId: string | undefined, payload: unknown) {
  const parsed = scopesUpdatePayload.safeParse(payload);
  if (!sessionId || !parsed.success) return;
  await updateSessionScope(sessionId, shop, parsed.data.current.join(","));
}

export type ComplianceTopic = "CUSTOMERS_DATA_REQUEST" | "CUSTOMERS_REDACT" | "SHOP_REDACT";

export interface ComplianceResult {
  topic: ComplianceTopic;
  /** Orders (or, for shop/redact, 1 shop) affected. */
  affected: number;
}

/** The three mandatory privacy topics. Unknown payload shapes are acknowledged and change nothing. */
export async function handleComplianceWebhook(
  topic: ComplianceTopic,
  shop: string,
  payload: unknown,
): Promise<ComplianceResult> {
  switch (topic) {
    case "CUSTOMERS_DATA_REQUEST": {
      const parsed = customersDataRequestPayload.safeParse(payload);
      const affected = parsed.success ? await countCustomerOrders(shop, customerGid(parsed.data.customer.id)) : 0;
      // Cartlift holds no customer profile: only order ids linked to the customer id, which the
      // merchant already has in Shopify. The count is logged for the merchant's audit trail.
      console.info(`customers/data_request for ${shop}: ${affected} orders linked to the customer`);
      return { topic, affected };
    }
    case "CUSTOMERS_REDACT": {
      const parsed = customersRedactPayload.safeParse(payload);
      const affected = parsed.success ? await redactCustomer(shop, customerGid(parsed.data.customer.id)) : 0;
      return { topic, affected };
    }
    case "SHOP_REDACT": {
      const parsed = shopRedactPayload.safeParse(payload);
      if (parsed.success) {
        await deleteShopData(shop);
        forgetShopModel(shop);
      }
      return { topic, affected: parsed.success ? 1 : 0 };
    }
  }
}

const TOPICS: Record<string, ComplianceTopic> = {
  CUSTOMERS_DATA_REQUEST: "CUSTOMERS_DATA_REQUEST",
  CUSTOMERS_REDACT: "CUSTOMERS_REDACT",
  SHOP_REDACT: "SHOP_REDACT",
};

/** Maps the topic Shopify sends (either spelling) to a compliance topic, or null. */
export function complianceTopic(topic: string): ComplianceTopic | null {
  return TOPICS[topic.toUpperCase().replace("/", "_")] ?? null;
}
