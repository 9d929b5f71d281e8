/**
 * Catalog import throughput: a generated 50,000-product bulk export (3 variants each, one or two
 * collections, the upgrade metafield on every fifth product; the shape of tests/factories/
 * catalog-bulk.ts, written line by line to .tmp) served over loopback HTTP, imported by the real
 * `processCatalogImport` into a fresh migrated SQLite database in a child process. Prints wall
 * time, products/s, variants/s and peak RSS, beside a same-run reference: the same file read with
 * the import's line reader and JSON.parse'd, nothing stored (import ÷ parse says how much of the
 * time is the rest: parsing into products and the database). Asserts nothing.
 */
import { spawn } from "node:child_process";
import { createReadStream, mkdirSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOG_COLLECTIONS, writeCatalogBulkJsonl } from "../../tests/factories/catalog-bulk";
import type { WorkerResult } from "./catalog-bench-worker";
import { deployMigrations } from "./prisma-cli";

const PRODUCTS = 50_000;
const VARIANTS_PER_PRODUCT = 3;
// Every 50th product's children come after the next product (Shopify's ungrouped export).
const UNGROUP_EVERY = 50;
const DIR = ".tmp/bench-catalog";
const TARGET = { seconds: 30, peakRssMb: 300 };

/** Generates the export, then runs the parse reference and the import, each in its own process. */
export async function benchCatalog(print: (line: string) => void): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, "products.jsonl");
  const generating = performance.now();
  const lines = await writeCatalogBulkJsonl(file, {
    products: PRODUCTS,
    variantsPerProduct: VARIANTS_PER_PRODUCT,
    ungroupEvery: UNGROUP_EVERY,
  });
  const mb = statSync(file).size / 2 ** 20;
  print(
    `Catalog import benchmark: ${count(PRODUCTS)} products, ${count(PRODUCTS * VARIANTS_PER_PRODUCT)} variants, ` +
      `${CATALOG_COLLECTIONS.length} collections, metafield on every 5th product; ${count(lines)} JSONL lines, ` +
      `${mb.toFixed(1)} MB (generated in ${seconds(performance.now() - generating)}), served over loopback HTTP`,
  );
  const database = `file:${path.resolve(DIR, "catalog.sqlite")}`;
  deployMigrations(database);
  const server = await serve(file);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/products.jsonl`;
    const parse = await runWorker(["parse", url]);
    const imported = await runWorker(["import", url, database, String(PRODUCTS)]);
    printResults(print, parse, imported);
  } catch (error) {
    print(`  failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function printResults(print: (line: string) => void, parse: WorkerResult, imported: WorkerResult): void {
  const stored = imported.stored ?? { products: 0, variants: 0, collections: 0, withMetafield: 0 };
  const wallS = imported.wallMs / 1000;
  const peakMb = Math.max(imported.sampledPeakRssMb, imported.vmHwmMb ?? 0);
  print(
    `  read + JSON.parse only:        ${seconds(parse.wallMs).padStart(7)}, ` +
      `${count(Math.round(parse.lines / (parse.wallMs / 1000)))} lines/s, peak RSS ${memory(parse)}`,
  );
  print(
    `  import (processCatalogImport): ${seconds(imported.wallMs).padStart(7)}, ` +
      `${count(Math.round(stored.products / wallS))} products/s, ${count(Math.round(stored.variants / wallS))} variants/s, ` +
      `peak RSS ${memory(imported)}`,
  );
  print(
    `  stored: ${count(stored.products)} products, ${count(stored.variants)} variants, ${stored.collections} collections, ` +
      `${count(stored.withMetafield)} with upgrade features; ${imported.rowsRejected} rows rejected`,
  );
  const met = wallS < TARGET.seconds && peakMb < TARGET.peakRssMb && stored.products === PRODUCTS;
  print(
    `import / parse: ${(imported.wallMs / parse.wallMs).toFixed(1)}×; ` +
      `goal ${count(PRODUCTS)} products < ${TARGET.seconds} s and < ${TARGET.peakRssMb} MB: ` +
      `${met ? "met" : "NOT MET"}`,
  );
}

// Shopify's signed storage URL stands in as a local file server (streamed, as the real one is).
function serve(file: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== "/products.jsonl") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": "application/jsonl" });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// Reuse tsx's loader flags when we run under tsx; otherwise register tsx explicitly.
// CATALOG_BENCH_NODE_OPTIONS adds flags to the worker only, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof".
function workerArgs(): string[] {
  const loader = process.execArgv.some((arg) => arg.includes("tsx"))
    ? [...process.execArgv]
    : ["--import", import.meta.resolve("tsx")];
  const extra = process.env.CATALOG_BENCH_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? [];
  return [...loader, ...extra, fileURLToPath(new URL("./catalog-bench-worker.ts", import.meta.url))];
}

function runWorker(args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // The worker sets DATABASE_URL itself (import mode); a parse run touches no database.
    const child = spawn(process.execPath, [...workerArgs(), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0) resolve(JSON.parse(last) as WorkerResult);
      else reject(new Error(`${args[0]} worker exited with ${code}: ${err.trim().split("\n").slice(-5).join(" | ")}`));
    });
  });
}

function memory(result: WorkerResult): string {
  const hwm = result.vmHwmMb === null ? "" : `, VmHWM ${result.vmHwmMb.toFixed(0)} MB`;
  return `${result.sampledPeakRssMb.toFixed(0)} MB sampled${hwm} (${result.startRssMb.toFixed(0)} MB at start)`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
