/**
 * `npm run bench -- storefront`: the size of the storefront script as shoppers download it: the
 * committed asset (minified), gzipped and brotli-compressed, next to the budget and Shopify's limit.
 */
import { readFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { compileStorefront, STOREFRONT_ASSET, STOREFRONT_BUDGET_BYTES } from "./build-storefront";

/** Shopify's theme check flags a block's JavaScript over this size (AssetSizeAppBlockJavaScript). */
const SHOPIFY_LIMIT_BYTES = 10_000;

export async function benchStorefront(print: (line: string) => void) {
  const asset = readFileSync(STOREFRONT_ASSET);
  const fresh = compileStorefront() === asset.toString("utf8");
  const kb = (n: number) => `${n.toLocaleString("en-US")} B`;
  print(`${STOREFRONT_ASSET}${fresh ? "" : " (stale: run npm run build:storefront)"}`);
  print(
    `  minified: ${kb(asset.length)} (budget ${kb(STOREFRONT_BUDGET_BYTES)}, Shopify's limit ${kb(SHOPIFY_LIMIT_BYTES)})`,
  );
  print(`  gzip -9:  ${kb(gzipSync(asset, { level: 9 }).length)}`);
  print(`  brotli:   ${kb(brotliCompressSync(asset).length)}`);
}
