/**
 * An Admin API client for work that no request carries (a retry timer, the start-up resync, a rule
 * saved from a script): the shop's stored offline session, through Shopify's `unauthenticated.admin`
 * (which also refreshes an expiring offline token).
 */
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { AdminApiError, type AdminGraphql } from "./admin-bulk.server";

/**
 * The shop's offline Admin API client, or null when Cartlift holds no offline session for it.
 * AdminApiError when the session could not be made usable (refreshing its token failed).
 */
export async function offlineAdmin(shop: string): Promise<AdminGraphql | null> {
  // Imported when first needed: app/shopify.server.ts imports the services that call this.
  const { unauthenticated } = await import("../shopify.server");
  try {
    return (await unauthenticated.admin(shop)).admin;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdminApiError(`Could not use the shop's offline access (${reason})`);
  }
}
