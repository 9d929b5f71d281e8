/**
 * `reco eval` and `reco tune` on the groceries baskets (or any CSV with txn,item columns),
 * following the protocol in the data folder's README.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BasketBuilder, type Baskets } from "../../domain/recommendations/baskets";
import { DEFAULT_EASE } from "../../domain/recommendations/ease";
import {
  compareModels,
  DEFAULT_CROSS_SELL_PARAMS,
  evaluateSeeds,
  MODEL_NAMES,
  splitForEvaluation,
  summariseModel,
  type CrossSellParams,
  type MetricColumns,
} from "../../domain/recommendations/evaluate";
import { evaluateNestedBlend, tuneCrossSell } from "../../domain/recommendations/tune";
import { intFlag, intListFlag, numberFlag, parseFlags, type Flags } from "./args";
import { parseCsvTable } from "./csv";
import { InputError } from "./input-error";
import type { CliIo } from "./rank";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const DEFAULT_DATA = resolve(REPO_ROOT, "../shared/data/groceries/groceries_long.csv");
const INNER_SEEDS = [101, 102, 103];
const LABELS = { hr10: "HR@10", ndcg10: "NDCG@10", mrr20: "MRR@20" } as const;

/** Runs `reco eval`; returns the exit code. */
export function runEval(argv: readonly string[], io: CliIo): number {
  const flags = parseFlags(argv, ["data", "seeds", "shrinkage", "lambda", "ease-weight", "nested"]);
  const { path, baskets } = loadBaskets(flags);
  const seeds = intListFlag(flags, "seeds", [1, 2, 3, 4, 5]);
  const params: CrossSellParams = {
    shrinkage: numberFlag(flags, "shrinkage", DEFAULT_CROSS_SELL_PARAMS.shrinkage),
    lambda: numberFlag(flags, "lambda", DEFAULT_CROSS_SELL_PARAMS.lambda),
    easeWeight: numberFlag(flags, "ease-weight", DEFAULT_CROSS_SELL_PARAMS.easeWeight),
  };
  const report = evaluateSeeds(baskets, seeds, params);
  io.stdout(`Cross-sell evaluation on ${basename(path)}: ${baskets.orderCount} baskets, ${baskets.items.size} items`);
  io.stdout("protocol: seeded 80/20 basket split; one random hidden item per test basket with >= 2 items;");
  io.stdout("          every item not in the remaining basket ranked; ties count half");
  io.stdout(`seeds: ${seeds.join(",")}; queries per seed: ${report.queryCounts.join(", ")}`);
  io.stdout(
    `params: shrinkage beta=${params.shrinkage}, EASE lambda=${params.lambda} (top ${DEFAULT_EASE.maxItems} items), ` +
      `blend alpha=${params.easeWeight}`,
  );
  io.stdout("        (defaults picked by `reco tune` on inner splits of seed 1's training baskets only)");
  io.stdout("");
  const rows = MODEL_NAMES.map((m) => [m, report.results[m]] as [string, MetricColumns[]]);
  if (flags.get("nested") === "1") {
    const nested = evaluateNestedBlend(baskets, seeds, INNER_SEEDS);
    rows.push(["blend_nested", nested.columns]);
    const chosen = nested.params.map(
      (p, s) => `seed ${seeds[s]}: beta=${p.shrinkage} lambda=${p.lambda} alpha=${p.easeWeight}`,
    );
    io.stdout(`blend_nested: each seed tunes on its own training baskets (${chosen.join("; ")})`);
    io.stdout("");
  }
  printTable(rows, seeds, io);
  printComparison(report, io);
  return 0;
}

/** Runs `reco tune`; returns the exit code. */
export function runTune(argv: readonly string[], io: CliIo): number {
  const flags = parseFlags(argv, ["data", "seed", "inner"]);
  const { baskets } = loadBaskets(flags);
  const seed = intFlag(flags, "seed", 1);
  const inner = intListFlag(flags, "inner", INNER_SEEDS);
  const results = tuneCrossSell(splitForEvaluation(baskets, seed).train, inner);
  io.stdout(
    `Grid search on the training baskets of seed ${seed}, inner splits ${inner.join(",")} (test baskets unused)`,
  );
  io.stdout("beta    lambda  alpha   HR@10   NDCG@10");
  for (const r of results.slice(0, 15)) {
    const p = r.params;
    io.stdout(
      `${pad(p.shrinkage, 8)}${pad(p.lambda, 8)}${pad(p.easeWeight, 8)}${pad(r.hr10.toFixed(4), 8)}${r.ndcg10.toFixed(4)}`,
    );
  }
  return 0;
}

function printTable(rows: [string, MetricColumns[]][], seeds: number[], io: CliIo): void {
  io.stdout(
    `${pad("model", 14)}${Object.values(LABELS)
      .map((l) => pad(l + " (mean ± sd)", 20))
      .join("")}HR@10 per seed`,
  );
  for (const [name, columns] of rows) {
    const summary = summariseModel(columns);
    const cells = (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((m) =>
      pad(`${summary[m].mean.toFixed(4)} ± ${summary[m].sd.toFixed(4)}`, 20),
    );
    io.stdout(`${pad(name, 14)}${cells.join("")}${summary.hr10.perSeed.map((v) => v.toFixed(3)).join(" ")}`);
  }
  io.stdout(`(sd is across the ${seeds.length} seeds' means)`);
  io.stdout("");
}

function printComparison(report: ReturnType<typeof evaluateSeeds>, io: CliIo): void {
  io.stdout("Paired comparison: blend - popularity, same queries");
  io.stdout(
    `${pad("metric", 9)}${pad("mean diff", 11)}${pad("95% CI (pooled)", 22)}${pad("pooled t", 10)}${pad("p", 10)}` +
      `${pad("per-seed t", 15)}${pad("p", 10)}verdict`,
  );
  for (const c of compareModels(report, "blend", "popularity")) {
    const { pooled, perSeed } = c;
    const significant = pooled.p < 0.05 && perSeed.p < 0.05 && pooled.meanDiff > 0;
    io.stdout(
      `${pad(LABELS[c.metric], 9)}${pad(signed(pooled.meanDiff), 11)}` +
        `${pad(`[${signed(pooled.ci95[0])}, ${signed(pooled.ci95[1])}]`, 22)}${pad(pooled.t.toFixed(2), 10)}` +
        `${pad(pooled.p.toExponential(1), 10)}${pad(`${perSeed.t.toFixed(2)} (df ${perSeed.df})`, 15)}` +
        `${pad(perSeed.p.toExponential(1), 10)}${significant ? "significant (p < 0.05)" : "not significant"}`,
    );
  }
  io.stdout("pooled: paired t-test over every query of every seed (df = queries - 1); baskets recur across");
  io.stdout("seeds' test sets, so the per-seed test (t over the seeds' mean differences) is the conservative one.");
}

function loadBaskets(flags: Flags): { path: string; baskets: Baskets } {
  const path = flags.get("data") ?? DEFAULT_DATA;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(path, 0, "cannot read file");
  }
  const builder = new BasketBuilder();
  parseCsvTable(text, path, ["txn", "item"], (get, line) => {
    const txn = get("txn") ?? "";
    const item = get("item") ?? "";
    if (txn === "" || item === "") throw new InputError(path, line, "txn and item must not be empty");
    builder.add(txn, item);
  });
  return { path, baskets: builder.build() };
}

function pad(value: string | number, width: number): string {
  return String(value).padEnd(width);
}

function signed(value: number): string {
  return (value >= 0 ? "+" : "") + value.toFixed(4);
}
