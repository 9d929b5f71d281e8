/**
 * `npm run build:storefront`: compiles the storefront script (app/storefront/main.ts) to the theme app
 * extension's one asset, extensions/cartlift-theme/assets/cartlift.js. The compiled file is committed:
 * Shopify deploys extension assets as they are, and a unit test fails when it is stale.
 * `--check` compares instead of writing (exit 1 when stale).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

export const STOREFRONT_ENTRY = "app/storefront/main.ts";
export const STOREFRONT_ASSET = "extensions/cartlift-theme/assets/cartlift.js";
/** The size the issue asks for; Shopify's theme check flags app-block JavaScript over 10,000 bytes. */
export const STOREFRONT_BUDGET_BYTES = 6_000;

/** The compiled script: minified, one IIFE, for browsers with optional chaining (ES2020). */
export function compileStorefront(root = process.cwd()): string {
  const result = buildSync({
    entryPoints: [path.join(root, STOREFRONT_ENTRY)],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    // Internal property names end in "_": safe to shorten.
    mangleProps: /_$/,
    legalComments: "none",
    tsconfigRaw: {},
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const code = compileStorefront();
  const check = process.argv.includes("--check");
  if (check) {
    const stale = readFileSync(STOREFRONT_ASSET, "utf8") !== code;
    console.log(
      stale ? `${STOREFRONT_ASSET} is stale: run npm run build:storefront` : `${STOREFRONT_ASSET} is up to date`,
    );
    process.exit(stale ? 1 : 0);
  }
  writeFileSync(STOREFRONT_ASSET, code);
  const over = code.length > STOREFRONT_BUDGET_BYTES ? ` (over the ${STOREFRONT_BUDGET_BYTES}-byte budget)` : "";
  console.log(`${STOREFRONT_ASSET}: ${code.length} bytes${over}`);
}
