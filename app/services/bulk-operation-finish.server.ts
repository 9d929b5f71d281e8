/**
 * bulk_operations/finish names only the operation; several bulk queries of a shop may run at once
 * (API 2026-01 and later), so the import that started it is found by its operation id: the
 * catalog import's, else the order import's. An operation neither owns (or a redelivery) is
 * acknowledged and ignored.
 */
import type { AdminGraphql } from "../adapters/admin-bulk.server";
import { handleCatalogBulkFinish } from "./catalog-import.server";
import { handleBulkOperationFinish } from "./order-import.server";

export async function dispatchBulkOperationFinish(
  shop: string,
  payload: unknown,
  admin: AdminGraphql | undefined,
): Promise<{ handled: boolean }> {
  const catalog = await handleCatalogBulkFinish(shop, payload, admin);
  return catalog.handled ? catalog : handleBulkOperationFinish(shop, payload, admin);
}
