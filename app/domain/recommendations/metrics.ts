/**
 * Leave-one-out ranking metrics. The hidden item's rank is 1 + (items scored higher) + half of
 * (other items scored the same): ties count half, so a constant scorer gets no free hits.
 */

/** Per-query metrics. */
export interface QueryMetrics {
  hr10: number;
  ndcg10: number;
  mrr20: number;
}

/** Names of the metrics, in report order. */
export const METRIC_NAMES = ["hr10", "ndcg10", "mrr20"] as const;

/** Rank of `hidden` among all items except `excluded` (ties count half). */
export function tiedRank(scores: ArrayLike<number>, hidden: number, excluded: ArrayLike<number>): number {
  const target = scores[hidden];
  let better = 0;
  let tied = 0;
  for (let b = 0; b < scores.length; b++) {
    if (b === hidden) continue;
    if (scores[b] > target) better++;
    else if (scores[b] === target) tied++;
  }
  // Excluded items were counted above; take them back out.
  for (let k = 0; k < excluded.length; k++) {
    const b = excluded[k];
    if (b === hidden) continue;
    if (scores[b] > target) better--;
    else if (scores[b] === target) tied--;
  }
  return 1 + better + tied / 2;
}

/** HR@10, NDCG@10 and MRR@20 for one hidden item at `rank` (one relevant item per query). */
export function metricsForRank(rank: number): QueryMetrics {
  return {
    hr10: rank <= 10 ? 1 : 0,
    ndcg10: rank <= 10 ? 1 / Math.log2(rank + 1) : 0,
    mrr20: rank <= 20 ? 1 / rank : 0,
  };
}
