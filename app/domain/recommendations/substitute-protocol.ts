/**
 * The substitutes protocol of `../shared/data/margarine/README.md`: households split 80/20 with a
 * seeded generator; the model trains on every purchase of the training households; every switch
 * a → b (consecutive purchases, a ≠ b) of a test household is a query for a (upsell when b's
 * catalog price is higher, else down-sell), answered with up to 3 products on the right side of
 * a's price. Baselines: random (expected hit rate) and popularity (training best sellers on the
 * right side of the price). Hyper-parameters are tuned on inner splits of training households only.
 */
import type { OrderLine } from "./baskets";
import { trainRecommendationModel, type ModelOverrides } from "./model";
import { createRng, shuffleInPlace } from "./rng";
import type { CatalogProduct, SubstituteKind, SubstituteOptions } from "./substitutes";
import type { CustomerPurchase } from "./switches";

/** One purchase of the panel (one product per purchase). */
export interface PanelPurchase {
  orderId: string;
  customerId: string;
  sequence: number;
  productId: string;
}

/** One query: which product is in view, which way, and what the household took instead. */
export interface SwitchQuery {
  product: string;
  kind: SubstituteKind;
  target: string;
  /** The household's purchases before the switch, oldest first (the product in view last). */
  history: string[];
}

/** The protocol answers only on the right side of the price: no band beyond that. */
export const PROTOCOL_BANDS: ModelOverrides["substitutes"] = { upsellMaxIncrease: 1e6, downsellMinDiscount: 0 };

/** Hits per query at 1 and 3 (0 or 1 for ranked answers, expected values for random). */
export interface HitColumns {
  hr1: number[];
  hr3: number[];
}

/** Splits households 80/20: shuffles the distinct ids (first-seen order) with `seed`, first 20% test. */
export function splitHouseholds(
  purchases: readonly PanelPurchase[],
  seed: number,
  testShare = 0.2,
): { train: PanelPurchase[]; test: PanelPurchase[] } {
  const ids = [...new Set(purchases.map((p) => p.customerId))];
  const order = shuffleInPlace(
    Int32Array.from(ids, (_, i) => i),
    createRng(seed),
  );
  const testCount = Math.round(ids.length * testShare);
  const test = new Set(Array.from(order.subarray(0, testCount), (i) => ids[i]));
  return {
    train: purchases.filter((p) => !test.has(p.customerId)),
    test: purchases.filter((p) => test.has(p.customerId)),
  };
}

/**
 * `k` disjoint folds of the households (shuffled with `seed`, first-seen order): fold i tests the
 * i-th slice and trains on the rest, so every household is tested exactly once and a sign test
 * over all folds' queries compares independent test households.
 */
export function foldHouseholds(
  purchases: readonly PanelPurchase[],
  seed: number,
  k: number,
): { train: PanelPurchase[]; test: PanelPurchase[] }[] {
  const ids = [...new Set(purchases.map((p) => p.customerId))];
  const order = shuffleInPlace(
    Int32Array.from(ids, (_, i) => i),
    createRng(seed),
  );
  const foldOf = new Map<string, number>();
  order.forEach((index, position) => foldOf.set(ids[index], Math.floor((position * k) / ids.length)));
  return Array.from({ length: k }, (_, fold) => ({
    train: purchases.filter((p) => foldOf.get(p.customerId) !== fold),
    test: purchases.filter((p) => foldOf.get(p.customerId) === fold),
  }));
}

/** Every switch of every household in `purchases`, as a query (products missing a price are skipped). */
export function switchQueries(purchases: readonly PanelPurchase[], prices: ReadonlyMap<string, number>): SwitchQuery[] {
  const queries: SwitchQuery[] = [];
  for (const history of byHousehold(purchases)) {
    for (let i = 1; i < history.length; i++) {
      const a = history[i - 1].productId;
      const b = history[i].productId;
      const pa = prices.get(a);
      const pb = prices.get(b);
      if (a === b || pa === undefined || pb === undefined) continue;
      queries.push({
        product: a,
        kind: pb > pa ? "upsell" : "down_sell",
        target: b,
        history: history.slice(0, i).map((p) => p.productId),
      });
    }
  }
  return queries;
}

/** Products on the right side of `product`'s price for `kind`. */
export function rightSide(catalog: readonly CatalogProduct[], product: string, kind: SubstituteKind): string[] {
  const base = catalog.find((p) => p.productId === product);
  if (!base) return [];
  return catalog
    .filter((p) => p.productId !== product && (kind === "upsell" ? p.price > base.price : p.price <= base.price))
    .map((p) => p.productId);
}

/** Expected hits of a uniformly random answer of up to 3 right-side products. */
export function randomHits(catalog: readonly CatalogProduct[], queries: readonly SwitchQuery[]): HitColumns {
  const out: HitColumns = { hr1: [], hr3: [] };
  for (const q of queries) {
    const m = rightSide(catalog, q.product, q.kind).length;
    out.hr1.push(m > 0 ? 1 / m : 0);
    out.hr3.push(m > 0 ? Math.min(3, m) / m : 0);
  }
  return out;
}

/** Hits of the training half's best sellers on the right side of the price (ties by id). */
export function popularityHits(
  catalog: readonly CatalogProduct[],
  train: readonly PanelPurchase[],
  queries: readonly SwitchQuery[],
): HitColumns {
  const sold = new Map<string, number>();
  for (const p of train) sold.set(p.productId, (sold.get(p.productId) ?? 0) + 1);
  return scoreAnswers(queries, (q) =>
    rightSide(catalog, q.product, q.kind)
      .sort((a, b) => (sold.get(b) ?? 0) - (sold.get(a) ?? 0) || (a < b ? -1 : 1))
      .slice(0, 3),
  );
}

/** How the model answers a query: for the product alone, or for the household as a known customer. */
export type Answering = "product" | "shopper";

/**
 * Hits of the app's model trained on `train` (one order per purchase, with customer and time).
 * `shopper`: the query's household is a known customer whose earlier purchases re-rank the
 * answer (shopper-purchases.ts), as the storefront does for a logged-in customer.
 */
export function modelHits(
  catalog: readonly CatalogProduct[],
  train: readonly PanelPurchase[],
  queries: readonly SwitchQuery[],
  substitutes: ModelOverrides["substitutes"] = PROTOCOL_BANDS,
  answering: Answering = "product",
): HitColumns {
  const orders: OrderLine[] = train.map((p) => ({ orderId: p.orderId, productId: p.productId }));
  const purchases: CustomerPurchase[] = train.map((p) => ({
    customerId: p.customerId,
    at: p.sequence,
    productIds: [p.productId],
  }));
  const model = trainRecommendationModel({ orders, catalog, purchases }, { substitutes });
  return scoreAnswers(queries, (q) =>
    model
      .substitutesFor(q.product, q.kind, 3, answering === "shopper" ? ordersByProduct(q.history) : undefined)
      .map((c) => c.productId),
  );
}

/** How many of the purchases held each product (one product per purchase). */
export function ordersByProduct(history: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of history) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** One tuning point (options overridden on top of the protocol bands) and its mean inner-split hit rates. */
export interface Tuning {
  options: Partial<SubstituteOptions>;
  hr1: number;
  hr3: number;
}

/** Scores every point of `grid` on inner splits of `train` (the training households only). */
export function tuneOnInnerSplits(
  catalog: readonly CatalogProduct[],
  train: readonly PanelPurchase[],
  innerSeeds: readonly number[],
  grid: readonly Partial<SubstituteOptions>[],
  answering: Answering = "product",
): Tuning[] {
  const prices = new Map(catalog.map((p) => [p.productId, p.price]));
  const splits = innerSeeds.map((seed) => {
    const inner = splitHouseholds(train, seed);
    return { train: inner.train, queries: switchQueries(inner.test, prices) };
  });
  return grid.map((options) => {
    const hits = splits.map((s) =>
      modelHits(catalog, s.train, s.queries, { ...PROTOCOL_BANDS, ...options }, answering),
    );
    return {
      options,
      hr1: average(hits.map((h) => average(h.hr1))),
      hr3: average(hits.map((h) => average(h.hr3))),
    };
  });
}

/** Every combination of the listed values (the cartesian product), in listing order. */
export function gridOf<K extends keyof SubstituteOptions>(
  axes: Record<K, readonly number[]>,
): Partial<SubstituteOptions>[] {
  let points: Partial<SubstituteOptions>[] = [{}];
  for (const [key, values] of Object.entries(axes) as [K, readonly number[]][])
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })));
  return points;
}

/** The best tuning point: highest HR@1 + HR@3, then the earliest in the grid (list small values first). */
export function bestTuning(results: readonly Tuning[]): Tuning {
  let best = results[0];
  for (const r of results) if (r.hr1 + r.hr3 > best.hr1 + best.hr3) best = r;
  return best;
}

/** Exact two-sided sign test on discordant pairs: `wins` queries only A hit, `losses` only B. */
export function signTest(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const tail = Math.min(wins, losses);
  let p = 0;
  let term = Math.pow(0.5, n); // C(n, 0) / 2^n
  for (let i = 0; i <= tail; i++) {
    p += term;
    term = (term * (n - i)) / (i + 1);
  }
  return Math.min(1, 2 * p);
}

/** Mean of a list (0 when empty). */
export function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function scoreAnswers(queries: readonly SwitchQuery[], answer: (q: SwitchQuery) => string[]): HitColumns {
  const out: HitColumns = { hr1: [], hr3: [] };
  for (const q of queries) {
    const list = answer(q);
    out.hr1.push(list[0] === q.target ? 1 : 0);
    out.hr3.push(list.slice(0, 3).includes(q.target) ? 1 : 0);
  }
  return out;
}

function byHousehold(purchases: readonly PanelPurchase[]): PanelPurchase[][] {
  const groups = new Map<string, PanelPurchase[]>();
  for (const p of purchases) {
    const list = groups.get(p.customerId) ?? [];
    list.push(p);
    groups.set(p.customerId, list);
  }
  return [...groups.values()].map((list) => list.sort((a, b) => a.sequence - b.sequence));
}
