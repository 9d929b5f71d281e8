/**
 * Which service handles which webhook topic (as Shopify spells it in X-Shopify-Topic). Both the
 * webhook routes (through receiveWebhook) and the dead-letter replay dispatch through this table, so
 * a replayed delivery runs exactly the code a live one does.
 */
import {
  handleCollectionDelete,
  handleCollectionUpdate,
  handleInventoryLevelUpdate,
  handleProductDelete,
  handleProductUpdate,
} from "./catalog-sync.server";
import { dispatchBulkOperationFinish } from "./bulk-operation-finish.server";
import { cancelOrderWebhook, ingestOrderWebhook, ingestRefundWebhook, updateOrderWebhook } from "./order-ingest.server";
import { handleAppUninstalled, handleComplianceWebhook, handleScopesUpdate } from "./shop-lifecycle.server";
import type { WebhookHandler } from "./webhook-payload.server";

const HANDLERS: Record<string, WebhookHandler> = {
  "orders/create": ({ shop, payload }) => ingestOrderWebhook(shop, payload),
  "orders/updated": ({ shop, payload }) => updateOrderWebhook(shop, payload),
  "orders/cancelled": ({ shop, payload }) => cancelOrderWebhook(shop, payload),
  "refunds/create": ({ shop, payload }) => ingestRefundWebhook(shop, payload),
  "app/uninstalled": ({ shop }) => handleAppUninstalled(shop, new Date()),
  "app/scopes_update": ({ shop, payload }) => handleScopesUpdate(shop, payload),
  // The mandatory privacy topics (one route, /webhooks/compliance): answered 200 even when unreadable.
  "customers/data_request": ({ shop, payload }) => handleComplianceWebhook("CUSTOMERS_DATA_REQUEST", shop, payload),
  "customers/redact": ({ shop, payload }) => handleComplianceWebhook("CUSTOMERS_REDACT", shop, payload),
  "shop/redact": ({ shop, payload }) => handleComplianceWebhook("SHOP_REDACT", shop, payload),
  "bulk_operations/finish": ({ shop, payload, admin }) => dispatchBulkOperationFinish(shop, payload, admin),
  // The catalog (app/services/catalog-sync.server.ts); products/create and /update share a body.
  "products/create": handleProductUpdate,
  "products/update": handleProductUpdate,
  "products/delete": handleProductDelete,
  // A new collection's body is shaped like an update's: its row and its members are stored the same way.
  "collections/create": handleCollectionUpdate,
  "collections/update": handleCollectionUpdate,
  "collections/delete": handleCollectionDelete,
  "inventory_levels/update": handleInventoryLevelUpdate,
};

const normalize = (topic: string) => topic.toUpperCase().replaceAll("/", "_");
const BY_TOPIC = new Map(Object.entries(HANDLERS).map(([topic, handler]) => [normalize(topic), handler]));

/** Every topic with a handler, as Shopify spells them in shopify.app.toml ("orders/create"). */
export function handledTopics(): string[] {
  return Object.keys(HANDLERS);
}

/** The handler of the topic (either spelling: "orders/create" or "ORDERS_CREATE"), or null. */
export function webhookHandler(topic: string): WebhookHandler | null {
  return BY_TOPIC.get(normalize(topic)) ?? null;
}
