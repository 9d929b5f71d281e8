/**
 * Hyper-parameter selection without touching reported test baskets: the training baskets of
 * one outer split are split again (same protocol), and every grid point is scored on those
 * inner queries only. Counts are trained once per β and EASE once per λ; blends reuse them.
 */
import type { Baskets } from "./baskets";
import { CoPurchaseCounts, DEFAULT_CO_PURCHASE } from "./co-purchase";
import { CrossSellScorer } from "./cross-sell";
import { DEFAULT_EASE, trainEase, type EaseModel } from "./ease";
import {
  buildScorer,
  evaluateScorer,
  splitForEvaluation,
  type CrossSellParams,
  type EvalSplit,
  type MetricColumns,
} from "./evaluate";
import { mean } from "./stats";

/** Values tried for each parameter. */
export interface TuningGrid {
  shrinkage: number[];
  lambda: number[];
  easeWeight: number[];
}

/** The grid used to pick the defaults. */
export const DEFAULT_GRID: TuningGrid = {
  shrinkage: [0, 2, 5, 10, 20, 50, 100],
  lambda: [25, 50, 100, 200, 400],
  easeWeight: [0, 0.25, 0.5, 0.75, 1],
};

/** One grid point with its mean inner-validation metrics. */
export interface TuningResult {
  params: CrossSellParams;
  hr10: number;
  ndcg10: number;
}

/** Scores every grid point on inner splits of `train`; best (by HR@10, then NDCG@10) first. */
export function tuneCrossSell(train: Baskets, innerSeeds: number[], grid: TuningGrid = DEFAULT_GRID): TuningResult[] {
  const splits = innerSeeds.map((seed) => splitForEvaluation(train, seed));
  const counts = new Map(grid.shrinkage.map((b) => [b, splits.map((s) => trainCounts(s, b))]));
  const eases = new Map(
    grid.lambda.map((l) => [l, splits.map((s) => trainEase(s.train, { ...DEFAULT_EASE, lambda: l }))]),
  );
  const results: TuningResult[] = [];
  for (const shrinkage of grid.shrinkage) {
    for (const lambda of grid.lambda) {
      for (const easeWeight of grid.easeWeight) {
        // α = 0 ignores λ: evaluate it once.
        if (easeWeight === 0 && lambda !== grid.lambda[0]) continue;
        const params = { shrinkage, lambda, easeWeight };
        const perSplit = splits.map((split, s) =>
          scoreSplit(split, counts.get(shrinkage)![s], eases.get(lambda)![s], easeWeight),
        );
        results.push({ params, hr10: mean(perSplit.map((r) => r.hr10)), ndcg10: mean(perSplit.map((r) => r.ndcg10)) });
      }
    }
  }
  return results.sort((a, b) => b.hr10 - a.hr10 || b.ndcg10 - a.ndcg10);
}

function trainCounts(split: EvalSplit, shrinkage: number): CoPurchaseCounts {
  return CoPurchaseCounts.fromBaskets(split.train, { ...DEFAULT_CO_PURCHASE, shrinkage });
}

function scoreSplit(
  split: EvalSplit,
  counts: CoPurchaseCounts,
  ease: EaseModel | null,
  easeWeight: number,
): { hr10: number; ndcg10: number } {
  const scorer = new CrossSellScorer(counts, ease, easeWeight);
  const size = split.train.items.size;
  const columns = evaluateScorer((cart) => scorer.scoreAll(cart, size), split.queries);
  return { hr10: mean(columns.hr10), ndcg10: mean(columns.ndcg10) };
}

/** Blend scores when each seed picks its own parameters on inner splits of its own training baskets. */
export function evaluateNestedBlend(
  baskets: Baskets,
  seeds: number[],
  innerSeeds: number[],
  grid: TuningGrid = DEFAULT_GRID,
): { params: CrossSellParams[]; columns: MetricColumns[] } {
  const params: CrossSellParams[] = [];
  const columns: MetricColumns[] = [];
  for (const seed of seeds) {
    const split = splitForEvaluation(baskets, seed);
    const best = tuneCrossSell(split.train, innerSeeds, grid)[0].params;
    params.push(best);
    columns.push(evaluateScorer(buildScorer("blend", split.train, seed, best), split.queries));
  }
  return { params, columns };
}
