/**
 * Recommendation benchmark: synthetic shops of 100k and 1M orders over 50k products, each in
 * a child process so that peak RSS (getrusage maxRSS) is per size. Prints a short report.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "./bench-worker";

const SIZES = [100_000, 1_000_000];
const TARGETS = { trainMs: 20_000, peakRssMb: 1_536, updateMeanMs: 2, queryMeanMs: 1 };

/** Runs the benchmark and prints one line per figure. */
export async function benchRecommendations(print: (line: string) => void): Promise<void> {
  print("Recommendations benchmark (synthetic: Zipf popularity, planted complements, 50,000 products)");
  for (const orders of SIZES) {
    try {
      printResult(await runWorker(orders), print);
    } catch (error) {
      print(
        `  ${orders.toLocaleString("en-US")} orders: failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function printResult(r: BenchResult, print: (line: string) => void): void {
  const ok = (pass: boolean): string => (pass ? "ok" : "OVER TARGET");
  print(
    `  ${r.orders.toLocaleString("en-US")} orders, ${r.lines.toLocaleString("en-US")} lines, ~${r.pairs.toLocaleString("en-US")} co-purchased pairs, EASE on ${r.easeItems} items`,
  );
  print(
    `    train: ${ms(r.trainMs)} (baskets ${ms(r.buildMs)}, co-purchase ${ms(r.coPurchaseMs)}, EASE ${ms(r.easeMs)}, ` +
      `switches ${ms(r.switchMs)} for ${r.switchProducts} products) ` +
      `[target < 20 s at 1M orders: ${ok(r.trainMs < TARGETS.trainMs)}]`,
  );
  print(`    peak RSS: ${r.peakRssMb.toFixed(0)} MB [target < 1.5 GB: ${ok(r.peakRssMb < TARGETS.peakRssMb)}]`);
  print(
    `    update (1,000 new orders): mean ${ms(r.updateMeanMs)}, p95 ${ms(r.updateP95Ms)} ` +
      `[target < 2 ms: ${ok(r.updateMeanMs < TARGETS.updateMeanMs)}]`,
  );
  print(
    `    cart query (10,000 carts, top 10): mean ${ms(r.queryMeanMs)}, p95 ${ms(r.queryP95Ms)} ` +
      `[target < 1 ms: ${ok(r.queryMeanMs < TARGETS.queryMeanMs && r.queryP95Ms < TARGETS.queryMeanMs)}]`,
  );
  print(
    `    full recommend() (cross-sell + upsell + down-sell): mean ${ms(r.recommendMeanMs)}, p95 ${ms(r.recommendP95Ms)}`,
  );
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 1 ? 3 : 0)} ms`;
}

// Reuse tsx's loader flags when we run under tsx; otherwise register tsx explicitly.
function loaderArgs(): string[] {
  if (process.execArgv.some((arg) => arg.includes("tsx"))) return [...process.execArgv];
  return ["--import", import.meta.resolve("tsx")];
}

function runWorker(orders: number): Promise<BenchResult> {
  const worker = fileURLToPath(new URL("./bench-worker.ts", import.meta.url));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...loaderArgs(), worker, String(orders)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(JSON.parse(out) as BenchResult);
      else reject(new Error(`worker exited with ${code}: ${err.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}
