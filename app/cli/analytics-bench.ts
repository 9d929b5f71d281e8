/**
 * The analytics page at a year of one shop's data (issue 11): a fresh migrated database (SQLite,
 * and PostgreSQL when BENCH_POSTGRES_URL names an empty database) filled by the worker
 * (app/cli/analytics-bench-worker.ts) with daily offer counts for over five million events, 520,000
 * shopper-weeks and 20,000 attributed orders; then the home page's loader (`loadAnalytics`, last
 * 30 days and a whole year; median of five runs) beside a one-row query in the same run, and the
 * cost per event of keeping the daily counts (batches of ten stored with their rollups, against the
 * same events inserted alone). Prints its figures; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { AnalyticsBenchResult } from "./analytics-bench-worker";
import { deployMigrations, generateClient } from "./prisma-cli";

const DIR = ".tmp/bench-analytics";
const GOAL_MS = 300;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function runWorker(databaseUrl: string): AnalyticsBenchResult {
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "app/cli/analytics-bench-worker.ts"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !line.startsWith("{")) throw new Error(`worker failed: ${result.stderr.slice(-2000)}`);
  return JSON.parse(line) as AnalyticsBenchResult;
}

function report(print: (line: string) => void, r: AnalyticsBenchResult): void {
  const at30 = median(r.loader30);
  const at365 = median(r.loader365);
  print(
    `  ${r.provider}: ${r.events.toLocaleString("en-US")} events in ${r.rollupRows.toLocaleString("en-US")} daily rows, ` +
      `${r.exposures.toLocaleString("en-US")} shopper-weeks, ${r.attributions.toLocaleString("en-US")} attributed lines ` +
      `(written in ${r.writeSeconds.toFixed(1)} s)`,
  );
  print(
    `    home page loader: last 30 days ${ms(at30)}, a year ${ms(at365)} (median of ${r.loader30.length}; goal < ${GOAL_MS} ms: ` +
      `${at30 < GOAL_MS && at365 < GOAL_MS ? "met" : "NOT MET"}); a one-row query ${ms(median(r.reference))}`,
  );
  const events = r.batches * r.eventsPerBatch;
  print(
    `    rollup maintenance: ${ms(r.withRollupsMs / events)} per event stored with its daily counts, ` +
      `${ms(r.withoutRollupsMs / events)} inserted alone (${r.batches} batches of ${r.eventsPerBatch}); ` +
      `${ms((r.withRollupsMs - r.withoutRollupsMs) / events)} per event for the counts`,
  );
}

export async function benchAnalytics(print: (line: string) => void): Promise<void> {
  print("analytics at a year of one shop's data (home page loader; rollup maintenance)");
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const sqlite = `file:${path.resolve(DIR, "analytics.sqlite")}`;
  deployMigrations(sqlite);
  report(print, runWorker(sqlite));
  const postgres = process.env.BENCH_POSTGRES_URL;
  if (!postgres) {
    print("  postgresql: skipped (set BENCH_POSTGRES_URL to an empty database to measure it)");
    return;
  }
  try {
    generateClient(postgres);
    deployMigrations(postgres);
    report(print, runWorker(postgres));
  } finally {
    // Leave the default (SQLite) client generated for the demo and development.
    generateClient(undefined);
  }
}
