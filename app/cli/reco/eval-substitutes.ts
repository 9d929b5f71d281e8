/**
 * `reco eval-substitutes [--data DIR] [--seeds 1,2,3] [--inner 101,102,103]`: the margarine
 * protocol (DIR/README.md) for upsell / down-sell. Prints HR@1 and HR@3 per seed and averaged for
 * random, popularity and the app's model (for the product alone, and for the household as a known
 * customer), paired sign tests against popularity, and a nested run where every seed tunes the
 * switch prior, switch weight and history weight on inner splits of its own training households.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SUBSTITUTES, type CatalogProduct } from "../../domain/recommendations/substitutes";
import {
  average,
  bestTuning,
  foldHouseholds,
  gridOf,
  modelHits,
  popularityHits,
  PROTOCOL_BANDS,
  randomHits,
  signTest,
  splitHouseholds,
  switchQueries,
  tuneOnInnerSplits,
  type HitColumns,
  type PanelPurchase,
} from "../../domain/recommendations/substitute-protocol";
import { intListFlag, parseFlags } from "./args";
import { parseCsvTable } from "./csv";
import { InputError } from "./input-error";
import type { CliIo } from "./rank";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const DEFAULT_DATA = resolve(REPO_ROOT, "../shared/data/margarine");
const PRIORS = [0.5, 1, 2, 5, 10, 20, 50];
const WEIGHTS = [1, 3, 10, 100];
const HISTORY_WEIGHTS = [0.25, 0.5, 1, 2, 5];
const FOLDS = 5;
const ROWS = ["random", "popularity", "model", "model_shopper", "model_app_bands", "model_nested"] as const;
type Row = (typeof ROWS)[number];
// The rows compared with popularity query by query.
const PAIRED: readonly Row[] = ["model", "model_shopper", "model_nested"];

/** Runs `reco eval-substitutes`; returns the exit code. */
export function runEvalSubstitutes(argv: readonly string[], io: CliIo): number {
  const flags = parseFlags(argv, ["data", "seeds", "inner"]);
  const dir = flags.get("data") ?? DEFAULT_DATA;
  const seeds = intListFlag(flags, "seeds", [1, 2, 3]);
  const inner = intListFlag(flags, "inner", [101, 102, 103]);
  const { purchases, catalog } = loadPanel(dir);
  const prices = new Map(catalog.map((p) => [p.productId, p.price]));
  const d = DEFAULT_SUBSTITUTES;
  io.stdout(`data: ${dir} (${purchases.length} purchases, ${catalog.length} products)`);
  io.stdout(`model: switchPrior γ=${d.switchPrior}, switchWeight=${d.switchWeight}, historyWeight=${d.historyWeight}`);
  io.stdout("rows: model answers for the product in view alone; model_shopper also knows the household's");
  io.stdout("earlier purchases, as the storefront knows a logged-in customer's orders; model_app_bands is");
  io.stdout("model inside the app's +100% / -20% bands; model_nested is model_shopper with every weight");
  io.stdout("tuned on inner splits of that seed's own training households. All other rows answer on the");
  io.stdout("right side of the price only, as the protocol asks.");
  const perSeed: Record<Row, HitColumns>[] = [];
  for (const seed of seeds) {
    const split = splitHouseholds(purchases, seed);
    const queries = switchQueries(split.test, prices);
    const switches = bestTuning(
      tuneOnInnerSplits(catalog, split.train, inner, gridOf({ switchPrior: PRIORS, switchWeight: WEIGHTS })),
    );
    const history = bestTuning(
      tuneOnInnerSplits(
        catalog,
        split.train,
        inner,
        HISTORY_WEIGHTS.map((historyWeight) => ({ ...switches.options, historyWeight })),
        "shopper",
      ),
    );
    perSeed.push({
      random: randomHits(catalog, queries),
      popularity: popularityHits(catalog, split.train, queries),
      model: modelHits(catalog, split.train, queries),
      model_shopper: modelHits(catalog, split.train, queries, PROTOCOL_BANDS, "shopper"),
      model_app_bands: modelHits(catalog, split.train, queries, {}),
      model_nested: modelHits(catalog, split.train, queries, { ...PROTOCOL_BANDS, ...history.options }, "shopper"),
    });
    const o = history.options;
    io.stdout(
      `seed ${seed}: ${queries.length} queries; nested tuning picked γ=${o.switchPrior}, weight=${o.switchWeight} ` +
        `(inner HR@1 ${fmt(switches.hr1)}, HR@3 ${fmt(switches.hr3)}), historyWeight=${o.historyWeight} ` +
        `(inner HR@1 ${fmt(history.hr1)}, HR@3 ${fmt(history.hr3)})`,
    );
  }
  printTable(io, seeds, perSeed);
  printPaired(io, seeds, perSeed);
  printFolds(io, catalog, purchases, prices, seeds[0] ?? 1);
  return 0;
}

// Every household tested once (5 disjoint folds): one sign test over independent households.
function printFolds(
  io: CliIo,
  catalog: readonly CatalogProduct[],
  purchases: readonly PanelPurchase[],
  prices: ReadonlyMap<string, number>,
  seed: number,
): void {
  const rows = {
    popularity: { hr1: [], hr3: [] },
    model: { hr1: [], hr3: [] },
    model_shopper: { hr1: [], hr3: [] },
  } as Record<"popularity" | "model" | "model_shopper", HitColumns>;
  for (const fold of foldHouseholds(purchases, seed, FOLDS)) {
    const queries = switchQueries(fold.test, prices);
    const hits = {
      popularity: popularityHits(catalog, fold.train, queries),
      model: modelHits(catalog, fold.train, queries),
      model_shopper: modelHits(catalog, fold.train, queries, PROTOCOL_BANDS, "shopper"),
    };
    for (const row of Object.keys(rows) as (keyof typeof rows)[]) {
      rows[row].hr1.push(...hits[row].hr1);
      rows[row].hr3.push(...hits[row].hr3);
    }
  }
  io.stdout("");
  io.stdout(
    `Every household tested once (${FOLDS} disjoint folds of seed ${seed}'s shuffle, ${rows.model.hr1.length} queries):`,
  );
  io.stdout(`${"row".padEnd(16)}HR@1 / HR@3       vs popularity HR@1 (wins/losses p)   HR@3 (wins/losses p)`);
  for (const row of Object.keys(rows) as (keyof typeof rows)[]) {
    const hr = `${fmt(average(rows[row].hr1))} / ${fmt(average(rows[row].hr3))}`.padEnd(18);
    const vs =
      row === "popularity"
        ? ""
        : `${paired(rows[row].hr1, rows.popularity.hr1).padEnd(37)}${paired(rows[row].hr3, rows.popularity.hr3)}`;
    io.stdout(`${row.padEnd(16)}${hr}${vs}`);
  }
}

function printTable(io: CliIo, seeds: readonly number[], perSeed: Record<Row, HitColumns>[]): void {
  io.stdout("");
  io.stdout(`${"model".padEnd(16)}${seeds.map((s) => `seed ${s} HR@1/HR@3`.padEnd(22)).join("")}mean HR@1/HR@3`);
  for (const row of ROWS) {
    const cells = perSeed.map((s) => `${fmt(average(s[row].hr1))} / ${fmt(average(s[row].hr3))}`.padEnd(22));
    const hr1 = average(perSeed.map((s) => average(s[row].hr1)));
    const hr3 = average(perSeed.map((s) => average(s[row].hr3)));
    io.stdout(`${row.padEnd(16)}${cells.join("")}${fmt(hr1)} / ${fmt(hr3)}`);
  }
}

function printPaired(io: CliIo, seeds: readonly number[], perSeed: Record<Row, HitColumns>[]): void {
  io.stdout("");
  io.stdout("Paired comparison with popularity on the same queries (exact two-sided sign test on");
  io.stdout("discordant queries: the row hit and popularity missed = win, the reverse = loss)");
  io.stdout(`${"row".padEnd(16)}${"metric".padEnd(8)}${"scope".padEnd(10)}${"mean diff".padEnd(11)}wins/losses  p`);
  for (const row of PAIRED) {
    for (const metric of ["hr1", "hr3"] as const) {
      const label = metric === "hr1" ? "HR@1" : "HR@3";
      const all = { row: [] as number[], pop: [] as number[] };
      perSeed.forEach((s, i) => {
        all.row.push(...s[row][metric]);
        all.pop.push(...s.popularity[metric]);
        const scope = `seed ${seeds[i]}`.padEnd(10);
        io.stdout(`${row.padEnd(16)}${label.padEnd(8)}${scope}${paired(s[row][metric], s.popularity[metric])}`);
      });
      io.stdout(`${row.padEnd(16)}${label.padEnd(8)}${"pooled".padEnd(10)}${paired(all.row, all.pop)}`);
    }
  }
  io.stdout("pooled: every query of every seed; test households recur across seeds, so read the");
  io.stdout("per-seed lines as the conservative evidence.");
}

function paired(model: readonly number[], pop: readonly number[]): string {
  let wins = 0;
  let losses = 0;
  const diffs = model.map((m, i) => m - pop[i]);
  for (const d of diffs) {
    if (d > 0) wins++;
    else if (d < 0) losses++;
  }
  const diff = average(diffs);
  const sign = diff >= 0 ? "+" : "";
  const p = signTest(wins, losses);
  return `${(sign + diff.toFixed(4)).padEnd(11)}${`${wins}/${losses}`.padEnd(13)}${p < 1e-3 ? p.toExponential(1) : p.toFixed(4)}`;
}

function fmt(value: number): string {
  return value.toFixed(4);
}

/** Reads purchases.csv and catalog.csv (prices in USD → integer cents). */
export function loadPanel(dir: string): { purchases: PanelPurchase[]; catalog: CatalogProduct[] } {
  const purchases: PanelPurchase[] = [];
  const purchasesPath = join(dir, "purchases.csv");
  parseCsvTable(
    read(purchasesPath),
    purchasesPath,
    ["order_id", "customer_id", "sequence", "product_id"],
    (get, line) => {
      const sequence = Number(get("sequence"));
      if (!Number.isFinite(sequence)) throw new InputError(purchasesPath, line, "sequence is not a number");
      purchases.push({
        orderId: get("order_id") ?? "",
        customerId: get("customer_id") ?? "",
        sequence,
        productId: get("product_id") ?? "",
      });
    },
  );
  const catalog: CatalogProduct[] = [];
  const catalogPath = join(dir, "catalog.csv");
  parseCsvTable(read(catalogPath), catalogPath, ["product_id", "product_type", "price"], (get, line) => {
    const price = Number(get("price"));
    if (!(price > 0)) throw new InputError(catalogPath, line, "price must be positive");
    catalog.push({
      productId: get("product_id") ?? "",
      productType: get("product_type"),
      price: Math.round(price * 100),
    });
  });
  return { purchases, catalog };
}

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(path, 0, `cannot read file (${(error as { code?: string }).code ?? "unreadable"})`);
  }
}
