/**
 * Offline evaluation with the groceries protocol: seeded 80/20 split of baskets, one hidden
 * item per test basket with ≥ 2 items, every other item not in the remaining basket ranked,
 * HR@10 / NDCG@10 / MRR@20 with ties counted half, baselines on the same split.
 */
import { selectOrders, type Baskets } from "./baskets";
import { CoPurchaseCounts, DEFAULT_CO_PURCHASE } from "./co-purchase";
import { CrossSellScorer } from "./cross-sell";
import { DEFAULT_EASE, trainEase } from "./ease";
import { METRIC_NAMES, metricsForRank, tiedRank, type QueryMetrics } from "./metrics";
import { createRng, randomInt, shuffleInPlace } from "./rng";
import { mean, pairedTTest, sampleSd, type PairedTest } from "./stats";

/** One leave-one-out query: the remaining basket and the hidden item. */
export interface EvalQuery {
  cart: Int32Array;
  hidden: number;
}

/** Training baskets and the test queries of one seed. */
export interface EvalSplit {
  train: Baskets;
  queries: EvalQuery[];
}

/** Returns dense scores (one per item index) for a cart. */
export type Scorer = (cart: Int32Array) => Float64Array;

/** Models compared in the report. */
export const MODEL_NAMES = ["random", "popularity", "co_purchase", "ease", "blend"] as const;
/** One of the evaluated models. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** Hyper-parameters of the learned models. */
export interface CrossSellParams {
  shrinkage: number;
  lambda: number;
  easeWeight: number;
}

/** Defaults: the values `tuneCrossSell` chose on inner splits of seed 1's training baskets. */
export const DEFAULT_CROSS_SELL_PARAMS: CrossSellParams = {
  shrinkage: DEFAULT_CO_PURCHASE.shrinkage,
  lambda: DEFAULT_EASE.lambda,
  easeWeight: 0.75,
};

/** Per-query metric columns of one model on one seed. */
export type MetricColumns = Record<(typeof METRIC_NAMES)[number], Float64Array>;

/** Seeded split: `testShare` of baskets held out, one random hidden item per eligible test basket. */
export function splitForEvaluation(baskets: Baskets, seed: number, testShare = 0.2): EvalSplit {
  const random = createRng(seed);
  const order = shuffleInPlace(
    Int32Array.from({ length: baskets.orderCount }, (_, o) => o),
    random,
  );
  const testCount = Math.round(baskets.orderCount * testShare);
  const train = selectOrders(baskets, order.subarray(testCount));
  const queries: EvalQuery[] = [];
  for (let k = 0; k < testCount; k++) {
    const o = order[k];
    const items = baskets.orderItems.subarray(baskets.orderPtr[o], baskets.orderPtr[o + 1]);
    if (items.length < 2) continue;
    const hide = randomInt(random, items.length);
    queries.push({ cart: Int32Array.from(items.filter((_, i) => i !== hide)), hidden: items[hide] });
  }
  return { train, queries };
}

/** Runs `scorer` on every query; returns per-query metric columns. */
export function evaluateScorer(scorer: Scorer, queries: EvalQuery[]): MetricColumns {
  const columns: MetricColumns = {
    hr10: new Float64Array(queries.length),
    ndcg10: new Float64Array(queries.length),
    mrr20: new Float64Array(queries.length),
  };
  queries.forEach((query, q) => {
    const metrics: QueryMetrics = metricsForRank(tiedRank(scorer(query.cart), query.hidden, query.cart));
    for (const name of METRIC_NAMES) columns[name][q] = metrics[name];
  });
  return columns;
}

/** Builds the scorer for `model` trained on `train` (the random baseline draws from `seed`). */
export function buildScorer(model: ModelName, train: Baskets, seed: number, params: CrossSellParams): Scorer {
  const size = train.items.size;
  switch (model) {
    case "random": {
      const random = createRng(seed * 7919 + 17);
      return () => Float64Array.from({ length: size }, () => random());
    }
    case "popularity":
      return () => Float64Array.from(train.itemOrders);
    case "co_purchase":
      return blendScorer(train, params, 0);
    case "ease":
      return blendScorer(train, params, 1);
    case "blend":
      return blendScorer(train, params, params.easeWeight);
  }
}

function blendScorer(train: Baskets, params: CrossSellParams, easeWeight: number): Scorer {
  const counts = CoPurchaseCounts.fromBaskets(train, { ...DEFAULT_CO_PURCHASE, shrinkage: params.shrinkage });
  const ease = easeWeight > 0 ? trainEase(train, { ...DEFAULT_EASE, lambda: params.lambda }) : null;
  const scorer = new CrossSellScorer(counts, ease, easeWeight);
  return (cart) => scorer.scoreAll(cart, train.items.size);
}

/** Everything measured for several seeds. */
export interface EvalReport {
  seeds: number[];
  queryCounts: number[];
  /** results[model][seedIndex] = per-query columns. */
  results: Record<ModelName, MetricColumns[]>;
}

/** Evaluates every model on every seed's split. */
export function evaluateSeeds(
  baskets: Baskets,
  seeds: number[],
  params: CrossSellParams = DEFAULT_CROSS_SELL_PARAMS,
  models: readonly ModelName[] = MODEL_NAMES,
): EvalReport {
  const results = Object.fromEntries(models.map((m) => [m, [] as MetricColumns[]])) as Record<
    ModelName,
    MetricColumns[]
  >;
  const queryCounts: number[] = [];
  for (const seed of seeds) {
    const split = splitForEvaluation(baskets, seed);
    queryCounts.push(split.queries.length);
    for (const model of models) {
      results[model].push(evaluateScorer(buildScorer(model, split.train, seed, params), split.queries));
    }
  }
  return { seeds, queryCounts, results };
}

/** Mean ± sd across seeds of each seed's mean metric. */
export interface MetricSummary {
  mean: number;
  sd: number;
  perSeed: number[];
}

/** Summarises one model's columns per metric. */
export function summariseModel(columns: MetricColumns[]): Record<(typeof METRIC_NAMES)[number], MetricSummary> {
  const entries = METRIC_NAMES.map((name) => {
    const perSeed = columns.map((c) => mean(c[name]));
    return [name, { mean: mean(perSeed), sd: sampleSd(perSeed), perSeed }] as const;
  });
  return Object.fromEntries(entries) as Record<(typeof METRIC_NAMES)[number], MetricSummary>;
}

/** Paired comparison of two models on one metric: per-query pooled and per-seed tests. */
export interface PairedComparison {
  metric: (typeof METRIC_NAMES)[number];
  pooled: PairedTest;
  perSeed: PairedTest;
}

/** Compares model `a` against model `b` (differences a − b on the same queries). */
export function compareModels(report: EvalReport, a: ModelName, b: ModelName): PairedComparison[] {
  return METRIC_NAMES.map((metric) => {
    const pooled: number[] = [];
    const seedMeans: number[] = [];
    report.seeds.forEach((_, s) => {
      const x = report.results[a][s][metric];
      const y = report.results[b][s][metric];
      for (let q = 0; q < x.length; q++) pooled.push(x[q] - y[q]);
      seedMeans.push(mean(x) - mean(y));
    });
    return { metric, pooled: pairedTTest(pooled), perSeed: pairedTTest(seedMeans) };
  });
}
