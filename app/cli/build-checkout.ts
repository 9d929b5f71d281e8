/**
 * `tsx app/cli/build-checkout.ts`: bundles the checkout UI extension (extensions/cartlift-checkout)
 * the way `shopify app build` does, into .tmp/cartlift-checkout/, and prints each bundle's size.
 * Shopify refuses a deploy whose extension bundle is over 64 KB compressed; our goal is 16 KB.
 *
 * The options are Shopify CLI 3.94's (node_modules/@shopify/cli/dist/index.js, the esbuild options
 * built for `bundleExtension`): one stdin entry that imports each target's module and registers it
 * with `shopify.extend(target, …)`, `bundle`, `minify`, `jsx: "automatic"` (the import source,
 * preact, comes from the extension's tsconfig.json), `target: "es6"`, `legalComments: "none"`,
 * `process.env.NODE_ENV` defined as "production", and its loaders and resolve extensions. The CLI
 * writes all targets into one file, dist/cartlift-checkout.js: that file is what the limit applies
 * to. The per-module bundles show what each page's code costs.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { buildSync } from "esbuild";

export const CHECKOUT_EXTENSION_DIR = "extensions/cartlift-checkout";
export const CHECKOUT_OUT_DIR = ".tmp/cartlift-checkout";
/** Shopify's deploy limit for a checkout UI extension, compressed. */
export const CHECKOUT_LIMIT_BYTES = 64 * 1024;
/** Our own goal, compressed. */
export const CHECKOUT_GOAL_BYTES = 16 * 1024;

export interface BundleSize {
  /** "cartlift-checkout" for the whole extension, else the module's name ("Checkout", "ThankYou"). */
  name: string;
  file: string;
  raw: number;
  /** zlib deflate at its default level: the "~compressed" figure `shopify app build` prints. */
  deflate: number;
  gzip: number;
  brotli: number;
}

/** The toml's `[[extensions.targeting]]` pairs, in order. */
export function checkoutTargets(root = process.cwd()): { target: string; module: string }[] {
  const toml = readFileSync(path.join(root, CHECKOUT_EXTENSION_DIR, "shopify.extension.toml"), "utf8");
  return toml
    .split("[[extensions.targeting]]")
    .slice(1)
    .map((block) => ({
      target: /^\s*target\s*=\s*"([^"]+)"/m.exec(block)?.[1] ?? "",
      module: /^\s*module\s*=\s*"([^"]+)"/m.exec(block)?.[1] ?? "",
    }))
    .filter(({ target, module }) => target !== "" && module !== "");
}

// What the CLI feeds esbuild on stdin for a ui_extension at API version 2025-10 or later.
function entry(targets: { target: string; module: string }[]): string {
  return targets
    .map(
      ({ target, module }, i) =>
        `import Target_${i} from '${module}';shopify.extend('${target}', (...args) => Target_${i}(...args));`,
    )
    .join("\n");
}

/** The extension's bundle for `targets` (all of them by default), as `shopify app build` writes it. */
export function bundleCheckout(root = process.cwd(), targets = checkoutTargets(root)): string {
  const result = buildSync({
    stdin: { contents: entry(targets), resolveDir: path.join(root, CHECKOUT_EXTENSION_DIR), loader: "tsx" },
    bundle: true,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    jsx: "automatic",
    loader: { ".esnext": "ts", ".js": "jsx" },
    legalComments: "none",
    minify: true,
    target: "es6",
    resolveExtensions: [".tsx", ".ts", ".js", ".json", ".esnext", ".mjs", ".ejs"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** Bundles the whole extension and each module, writes them to .tmp/cartlift-checkout/, returns their sizes. */
export function checkoutBundleSizes(root = process.cwd()): BundleSize[] {
  const targets = checkoutTargets(root);
  const modules = [...new Set(targets.map((t) => t.module))];
  const bundles = [
    { name: "cartlift-checkout", targets },
    ...modules.map((module) => ({
      name: path.basename(module, path.extname(module)),
      targets: targets.filter((t) => t.module === module),
    })),
  ];
  const outDir = path.join(root, CHECKOUT_OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  return bundles.map(({ name, targets: of }) => {
    const code = Buffer.from(bundleCheckout(root, of));
    const file = path.join(CHECKOUT_OUT_DIR, `${name}.js`);
    writeFileSync(path.join(root, file), code);
    return {
      name,
      file,
      raw: code.length,
      deflate: deflateSync(code).length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code).length,
    };
  });
}

export const formatBytes = (n: number) => `${n.toLocaleString("en-US")} B`;

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  for (const size of checkoutBundleSizes()) {
    const over =
      size.gzip > CHECKOUT_LIMIT_BYTES ? " OVER THE LIMIT" : size.gzip > CHECKOUT_GOAL_BYTES ? " over goal" : "";
    console.log(
      `${size.file}: ${formatBytes(size.raw)} raw, ${formatBytes(size.gzip)} gzip -9, ${formatBytes(size.brotli)} brotli, ` +
        `${formatBytes(size.deflate)} deflate (the CLI's estimate)${over}`,
    );
  }
}
