/**
 * The app's URL in each shop's `$app:cartlift` / `backend` metafield, where the checkout extension
 * finds the backend (docs/checkout-api.md). Written at install and at an auth when the app's URL
 * changed, and by the start-up resync for shops no auth reached; the Shop row records what was
 * written, so an unchanged URL costs no call. Shopify deletes the metafield with the app, so an
 * uninstall forgets it and the reinstall writes it again.
 */
import { AdminApiError, type AdminGraphql } from "../adapters/admin-bulk.server";
import { writeBackendMetafield } from "../adapters/admin-app-metafields.server";
import { offlineAdmin } from "../adapters/admin-offline.server";
import { findBackendUrl, listShopsWithOtherBackendUrl, recordBackendUrl } from "../adapters/shop-repository.server";
import { backendMetafieldValue } from "../schemas/app-metafields";

export type BackendMetafieldWrite = "written" | "unchanged";

export interface BackendMetafieldResync {
  written: number;
  /** No offline session to write with (the shop has not finished installing, or lost it). */
  skipped: number;
  failed: number;
}

/**
 * Writes `appUrl` (as the extension reads it) to the shop's backend metafield unless the shop's row
 * says it is there already, then records it. AdminApiError when Shopify cannot be reached or
 * refuses: nothing is recorded, so the next auth or start tries again.
 */
export async function ensureBackendMetafield(
  shop: string,
  admin: AdminGraphql,
  appUrl: string,
): Promise<BackendMetafieldWrite> {
  const url = backendMetafieldValue(appUrl);
  if ((await findBackendUrl(shop)) === url) return "unchanged";
  await writeAndRecord(shop, admin, url);
  return "written";
}

/**
 * Run at start: every installed shop whose metafield does not hold `appUrl` (the app moved, or a
 * write at install failed) is written with its offline session, one shop after another. A shop
 * that fails is logged and left for the next start or auth; the others go on.
 */
export async function resyncBackendMetafields(appUrl: string): Promise<BackendMetafieldResync> {
  const url = backendMetafieldValue(appUrl);
  const counts = { written: 0, skipped: 0, failed: 0 };
  for (const shop of await listShopsWithOtherBackendUrl(url)) {
    try {
      const admin = await offlineAdmin(shop);
      if (!admin) {
        counts.skipped += 1;
        continue;
      }
      await writeAndRecord(shop, admin, url);
      counts.written += 1;
    } catch (error) {
      counts.failed += 1;
      logFailure(shop, error);
    }
  }
  return counts;
}

/** Starts the start-up resync in the background (not under tests: they resync explicitly). */
export function startBackendMetafieldResync(appUrl: string, delayMs = 1_000): void {
  if (process.env.NODE_ENV === "test" || process.env.VITEST) return;
  const timer = setTimeout(() => {
    resyncBackendMetafields(appUrl).catch((error: unknown) => console.error("backend metafield resync failed:", error));
  }, delayMs);
  // Start-up must not wait for Shopify, nor a CLI stay alive for it.
  timer.unref();
}

/** app/uninstalled: Shopify deletes the app's metafields with it, so a reinstall must write it again. */
export async function forgetBackendMetafield(shop: string): Promise<void> {
  await recordBackendUrl(shop, null);
}

async function writeAndRecord(shop: string, admin: AdminGraphql, url: string): Promise<void> {
  await writeBackendMetafield(admin, url);
  await recordBackendUrl(shop, url);
}

// Only the shop and Cartlift's own message: Shopify's answers here carry no shopper data, and a
// bug's stack says where, not whom.
function logFailure(shop: string, error: unknown): void {
  if (error instanceof AdminApiError) {
    console.warn(`backend metafield for ${shop} not written (${error.message}); the next start or auth retries`);
  } else {
    console.error(`backend metafield resync for ${shop} failed:`, error);
  }
}
