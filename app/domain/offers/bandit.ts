/**
 * Thompson sampling on accept rate: each candidate's accept rate has a Beta posterior from this
 * shop's impressions and adds (for the surface and persona at hand); one draw per candidate orders
 * the top of a ranked list, so offers that convert better lead more often while uncertain ones
 * still get tried. All randomness comes from the injected `random`, so a seeded one replays exactly.
 * Prior and its use of the recommender's order: docs/decisions/024-thompson-sampling.md.
 */

/** How often a product was shown as an offer and how often the shopper then added it. */
export interface AcceptStats {
  impressions: number;
  adds: number;
}

/** A Beta(α, β) belief about an accept rate. */
export interface BetaPosterior {
  alpha: number;
  beta: number;
  /** α / (α + β). */
  mean: number;
}

/** One candidate of a reordered list: its place in the given order, its posterior and this decision's draw. */
export interface RankedDraw extends BetaPosterior {
  productId: string;
  /** Its index in the list as given (the recommender's or the merchant's order), from 0. */
  rank: number;
  draw: number;
}

// The baseline (pooled) rate is shrunk towards a typical offer accept rate by one pseudo-add, so
// a window with no data yet still has a sensible prior mean.
const DEFAULT_ACCEPT_RATE = 0.05;
const BASELINE_PSEUDO_ADDS = 1;
// A prior is worth one add at the baseline rate (1 / rate impressions): weak enough that a few
// dozen impressions of a candidate's own outweigh it, whatever the shop's usual rate.
const PRIOR_ADDS = 1;
// Each rank down the given order lowers the prior mean by this factor (rank 9: 0.23 × baseline).
const RANK_DECAY = 0.85;
const MAX_PRIOR_MEAN = 0.99;
// Marsaglia–Tsang accepts ~96% of proposals; the cap only matters for a degenerate `random`
// (a constant, as the preview passes), which would otherwise loop forever.
const MAX_GAMMA_TRIES = 32;

/** A standard normal draw (Box–Muller, two uniforms per draw, no state kept between calls). */
export function sampleNormal(random: () => number): number {
  const u = 1 - random(); // (0, 1]: the logarithm stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) draw by Marsaglia–Tsang; shapes below 1 use the boost Gamma(a+1) · U^(1/a). */
export function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) {
    const boosted = sampleGamma(shape + 1, random);
    return boosted * Math.pow(1 - random(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let tries = 0; tries < MAX_GAMMA_TRIES; tries++) {
    const z = sampleNormal(random);
    let v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v;
  }
  return d; // about the median; reached only with a degenerate `random`
}

/** A Beta(α, β) draw as X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β). */
export function sampleBeta(alpha: number, beta: number, random: () => number): number {
  const x = sampleGamma(alpha, random);
  const y = sampleGamma(beta, random);
  // Both can underflow to 0 for tiny shapes; the mean is then the honest answer.
  return x + y > 0 ? x / (x + y) : alpha / (alpha + beta);
}

/** Counts as the bandit trusts them: negative or non-finite become 0, adds never exceed impressions. */
export function cleanStats(stats: AcceptStats | undefined): AcceptStats {
  const impressions = nonNegative(stats?.impressions);
  return { impressions, adds: Math.min(nonNegative(stats?.adds), impressions) };
}

/** The pooled accept rate of the first `depth` candidates, shrunk towards a typical offer rate. */
export function baselineRate(
  list: readonly { productId: string }[],
  stats: ReadonlyMap<string, AcceptStats>,
  depth: number,
): number {
  let impressions = 0;
  let adds = 0;
  for (let i = 0; i < Math.min(depth, list.length); i++) {
    const clean = cleanStats(stats.get(list[i].productId));
    impressions += clean.impressions;
    adds += clean.adds;
  }
  return (BASELINE_PSEUDO_ADDS + adds) / (BASELINE_PSEUDO_ADDS / DEFAULT_ACCEPT_RATE + impressions);
}

/** The prior at a rank: mean = baseline × 0.85^rank, strength = one add at the baseline rate. */
export function priorAt(rank: number, baseline: number): BetaPosterior {
  const strength = PRIOR_ADDS / baseline;
  const mean = Math.min(baseline * Math.pow(RANK_DECAY, rank), MAX_PRIOR_MEAN);
  return { alpha: mean * strength, beta: (1 - mean) * strength, mean };
}

/** Beta(α0 + adds, β0 + impressions − adds) for a candidate at `rank` of a list with this baseline. */
export function posteriorFor(stats: AcceptStats | undefined, rank: number, baseline: number): BetaPosterior {
  const prior = priorAt(rank, baseline);
  const { impressions, adds } = cleanStats(stats);
  const alpha = prior.alpha + adds;
  const beta = prior.beta + impressions - adds;
  return { alpha, beta, mean: alpha / (alpha + beta) };
}

/**
 * Reorders the first `depth` candidates of a ranked list by one posterior draw each (highest
 * first; the rest keep their order) and returns each reordered candidate's posterior and draw.
 * Draws are taken in list order, so a seeded `random` gives the same order every time.
 */
export function thompsonOrder<T extends { productId: string }>(
  list: readonly T[],
  stats: ReadonlyMap<string, AcceptStats>,
  random: () => number,
  depth: number,
): { order: T[]; draws: RankedDraw[] } {
  const head = Math.min(depth, list.length);
  const baseline = baselineRate(list, stats, head);
  const draws: RankedDraw[] = [];
  for (let rank = 0; rank < head; rank++) {
    const { productId } = list[rank];
    const posterior = posteriorFor(stats.get(productId), rank, baseline);
    draws.push({ productId, rank, ...posterior, draw: sampleBeta(posterior.alpha, posterior.beta, random) });
  }
  // Ties (possible only with a degenerate `random`) keep the given order.
  const ranked = [...draws].sort((a, b) => b.draw - a.draw || a.rank - b.rank);
  const order = ranked.map((d) => list[d.rank]);
  for (let i = head; i < list.length; i++) order.push(list[i]);
  return { order, draws: ranked };
}

/**
 * A central credible range of a Beta posterior by the normal approximation (mean ± z·sd, clamped
 * to [0, 1]): for display only; it is rough while α or β is small.
 */
export function credibleRange(posterior: Pick<BetaPosterior, "alpha" | "beta">, z = 1.96): [number, number] {
  const { alpha, beta } = posterior;
  const n = alpha + beta;
  const mean = alpha / n;
  const sd = Math.sqrt((alpha * beta) / (n * n * (n + 1)));
  return [Math.max(0, mean - z * sd), Math.min(1, mean + z * sd)];
}

function nonNegative(value: number | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}
