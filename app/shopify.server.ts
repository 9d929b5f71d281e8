import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { AppSessionStorage } from "./adapters/session-storage.server";
import { prisma } from "./db.server";
import { loadOrExit, parseAppEnv } from "./env.server";
import { ensureOfferMarkKey } from "./services/offer-mark-keys.server";
import { ensureBuiltInPersonas } from "./services/personas.server";

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
    afterAuth: async ({ session }) => {
      await ensureBuiltInPersonas(session.shop);
      // The key that signs storefront offer marks (docs/decisions/010-offer-mark.md), once.
      await ensureOfferMarkKey(session.shop);
    },
  },
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
