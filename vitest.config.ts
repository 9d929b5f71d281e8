import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Test secrets: the same constants @shopify/shopify-api/test-helpers signs with.
const shopifyTestEnv = {
  SHOPIFY_API_KEY: "testApiKey",
  SHOPIFY_API_SECRET: "testApiSecretKey",
  SHOPIFY_APP_URL: "https://my-test-app.myshopify.io",
  NODE_ENV: "test" as const,
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "prisma/**/*.test.ts", "tests/extensions/**/*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-database.ts"],
          setupFiles: ["tests/setup/worker-database.ts", "tests/setup/fail-on-console-error.ts"],
          env: shopifyTestEnv,
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The checkout UI extension under @shopify/ui-extensions-tester: Preact JSX (vite 6 still
        // transforms with esbuild), a DOM, and one module environment per file (the default).
        extends: true,
        esbuild: { jsx: "automatic", jsxImportSource: "preact" },
        test: {
          name: "checkout-extension",
          include: ["extensions/cartlift-checkout/tests/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          // The tester imports the extension's module itself: inlined, that import goes through vite
          // (and its JSX transform) instead of Node, which cannot load a .tsx file.
          server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/demo-server.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
