import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { AdminApiError } from "./adapters/admin-bulk.server";
import { AppSessionStorage } from "./adapters/session-storage.server";
import { prisma } from "./db.server";
import { loadOrExit, parseAppEnv } from "./env.server";
import { ensureBackendMetafield, startBackendMetafieldResync } from "./services/backend-metafield.server";
import { requestCatalogImport } from "./services/catalog-import.server";
import { startOfferDiscountResync, updateOfferDiscountAccess } from "./services/offer-discount-sync.server";
import { ensureOfferMarkKey } from "./services/offer-mark-keys.server";
import { ensureBuiltInPersonas } from "./services/personas.server";
import { bootstrapShop } from "./services/shop-bootstrap.server";

export const env = loadOrExit(() => parseAppEnv(process.env));

/** The current stable Admin API version (a new one ships every quarter; bump it deliberately). */
export const API_VERSION = ApiVersion.October26;

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new AppSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  // Info logs a line per app proxy request (and debug dumps its query, customer id included):
  // storefront traffic is too hot and too personal for that. Warnings and errors still show.
  logger: { level: LogSeverity.Warning },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
  hooks: {
    // Install-time set-up, so that page loads only read. It runs after every token exchange (install
    // and each re-auth), so it must be idempotent: seeding adds only the shipped personas a shop lacks.
    afterAuth: async ({ session, admin }) => {
      const shop = session.shop;
      // First, the shop's row with its real currency and timezone: everything below hangs off it.
      const stored = await unlessShopifyUnreachable(shop, "reading the shop", () => bootstrapShop(shop, admin));
      await ensureBuiltInPersonas(shop);
      // The key that signs storefront offer marks (docs/decisions/010-offer-mark.md), once.
      await ensureOfferMarkKey(shop);
      // The checkout discount the marks earn (docs/decisions/021-offer-discount-sync.md): created at
      // install, rewritten at each auth (so one the merchant deleted comes back). A failure is
      // recorded and retried; it never fails the auth.
      if (stored) await updateOfferDiscountAccess(shop, session.scope, admin);
      // Where the checkout extension finds the app (docs/checkout-api.md): written at install, and
      // again only when the app's URL changed since.
      if (stored)
        await unlessShopifyUnreachable(shop, "writing the backend metafield", () =>
          ensureBackendMetafield(shop, admin, env.SHOPIFY_APP_URL),
        );
      // The import itself decides whether one is already running (then a re-auth starts none).
      if (stored)
        await unlessShopifyUnreachable(shop, "starting the catalog import", () => requestCatalogImport(shop, admin));
    },
  },
});

/**
 * Runs a call to Shopify made during auth; when Shopify cannot be reached it logs a warning and
 * returns null, so the admin page still loads (the next auth, e.g. when the offline token is
 * refreshed, tries again). Anything else is a bug and fails the request.
 */
async function unlessShopifyUnreachable<T>(shop: string, what: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    console.warn(`afterAuth for ${shop}: ${what} failed (${error.message}); the next auth retries`);
    return null;
  }
}

// Shops whose last discount write failed, or whose rules changed while no process ran, are written
// again shortly after start (in the background: start-up does not wait for Shopify); so are the
// backend metafields of shops that do not hold this process's app URL (the app moved).
startOfferDiscountResync();
startBackendMetafieldResync(env.SHOPIFY_APP_URL);

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
