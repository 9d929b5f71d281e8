import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// The domain core stays pure: no framework, database, Shopify, Node or environment access.
const PURE_DOMAIN_RESTRICTIONS = {
  patterns: [
    {
      group: ["react", "react-*", "@remix-run/*", "@shopify/*", "@prisma/*", "node:*", "pg", "better-sqlite3"],
      message: "app/domain is pure: pass data in instead.",
    },
    { group: ["**/*.server", "**/*.server.ts"], message: "app/domain must not import server modules." },
  ],
};

// The layers (docs/decisions/008-error-convention.md and ../shared/docs/style.md): services never
// reach up into the UI, routes never skip the services, and components never pull server code
// (even a type: a component that needs one gets it from schemas/ or domain/).
const SERVICE_RESTRICTIONS = {
  patterns: [
    { group: ["**/components/**"], message: "services never import components: move shared code to app/schemas." },
  ],
};
const ROUTE_RESTRICTIONS = {
  patterns: [{ group: ["**/adapters/**"], message: "routes call a service in app/services, never an adapter." }],
};
const COMPONENT_RESTRICTIONS = {
  patterns: [
    {
      group: ["**/*.server", "**/*.server.ts", "**/*.server.tsx"],
      message: "components run in the browser: no server modules.",
    },
    { group: ["**/adapters/**"], message: "components never import adapters." },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      "build",
      ".tmp",
      ".demo",
      "extensions/*/dist",
      "extensions/cartlift-theme/assets/cartlift.js",
      "public",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
    },
  },
  // The checkout UI extension renders with Preact: the hooks rules hold for its .ts files too.
  {
    files: ["extensions/cartlift-checkout/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The shape `shopify app dev` generates for this file (a ts-ignore and import() types per module).
    files: ["extensions/cartlift-checkout/shopify.d.ts"],
    rules: { "@typescript-eslint/ban-ts-comment": "off", "@typescript-eslint/consistent-type-imports": "off" },
  },
  { files: ["app/services/**/*.ts"], rules: { "no-restricted-imports": ["error", SERVICE_RESTRICTIONS] } },
  { files: ["app/routes/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", ROUTE_RESTRICTIONS] } },
  { files: ["app/components/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", COMPONENT_RESTRICTIONS] } },
  {
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", PURE_DOMAIN_RESTRICTIONS],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "app/domain is pure: no process or environment." },
      ],
    },
  },
);
