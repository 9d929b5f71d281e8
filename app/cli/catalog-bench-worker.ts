/**
 * The measured side of the catalog import benchmark (app/cli/catalog-bench.ts), one run per
 * process so peak RSS is this run's alone. `parse <url>`: read the export with the import's own
 * line reader and JSON.parse every line, nothing else (the reference). `import <url> <database
 * URL> <products>`: store a shop and a catalog import pointing at the URL in the (migrated, empty)
 * database, then run the real `processCatalogImport`. Prints one JSON line (`WorkerResult`).
 */
import { readFileSync } from "node:fs";

export interface WorkerResult {
  wallMs: number;
  /** Highest RSS sampled every 100 ms (the event loop may sample late under a long task). */
  sampledPeakRssMb: number;
  /** RSS when the measured work began (modules loaded, database open): what the run adds is on top. */
  startRssMb: number;
  /** The kernel's high-water mark of this process's RSS (/proc/self/status VmHWM). */
  vmHwmMb: number | null;
  lines: number;
  /** What the import stored (import mode): rows counted in the database afterwards. */
  stored: { products: number; variants: number; collections: number; withMetafield: number } | null;
  rowsRejected: number;
}

const SHOP = "catalog-bench.myshopify.com";
const SAMPLE_MS = 100;

async function main(): Promise<void> {
  const [mode, url, databaseUrl, productsTotal] = process.argv.slice(2);
  if ((mode !== "parse" && mode !== "import") || !url) throw new Error("usage: parse <url> | import <url> <db> <n>");
  if (mode === "import") {
    // The import's modules load the app's config; nothing here calls Shopify (the export is local).
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: "catalog-bench-api-key",
      SHOPIFY_API_SECRET: "catalog-bench-secret",
      SHOPIFY_APP_URL: "http://127.0.0.1",
    });
  }
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), SAMPLE_MS);
  const outcome = mode === "parse" ? await parseOnly(url) : await importCatalog(url, Number(productsTotal));
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const result: WorkerResult = { ...outcome, sampledPeakRssMb: peakRss / 2 ** 20, vmHwmMb: vmHwmMb() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function parseOnly(url: string) {
  const { readJsonlLines } = await import("../adapters/admin-bulk.server");
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  let lines = 0;
  for await (const line of readJsonlLines(url)) {
    if (line.length === 0) continue;
    JSON.parse(line);
    lines += 1;
  }
  return { wallMs: performance.now() - started, startRssMb, lines, stored: null, rowsRejected: 0 };
}

async function importCatalog(url: string, productsTotal: number) {
  const { saveShopDetails } = await import("../adapters/shop-repository.server");
  const imports = await import("../adapters/catalog-import-store.server");
  const { processCatalogImport } = await import("../services/catalog-import.server");
  const { prisma } = await import("../db.server");
  const { Prisma } = await import("@prisma/client");
  await saveShopDetails(SHOP, {
    name: "Catalog Bench",
    currency: "USD",
    presentmentCurrencies: ["USD"],
    timezone: "UTC",
    moneyFormat: "${{amount}}",
    primaryDomain: SHOP,
    planName: "Development",
    developmentStore: true,
  });
  // Where the bulk_operations/finish webhook leaves an import: Shopify's file is ready at resultUrl.
  const record = await imports.createImport(SHOP);
  await imports.updateImport(SHOP, record.id, { status: "running", resultUrl: url, productsTotal });

  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const stats = await processCatalogImport(SHOP, record.id);
  const wallMs = performance.now() - started;

  const [products, variants, collections, withMetafield, finished] = await Promise.all([
    prisma.product.count({ where: { shop: SHOP } }),
    prisma.variant.count({ where: { shop: SHOP } }),
    prisma.collection.count({ where: { shop: SHOP } }),
    prisma.product.count({ where: { shop: SHOP, upgradeFeatures: { not: Prisma.AnyNull } } }),
    imports.findImport(SHOP, record.id),
  ]);
  if (finished?.status !== "completed") throw new Error(`the import ended ${finished?.status}: ${finished?.error}`);
  return {
    wallMs,
    startRssMb,
    lines: stats.linesRead,
    stored: { products, variants, collections, withMetafield },
    rowsRejected: stats.rowsRejected,
  };
}

function vmHwmMb(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // not Linux
  }
}

main().then(
  // The import schedules a retrain in the background: the measurement is over, so is the process.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
