/**
 * One benchmark run in its own process (so peak RSS belongs to one data size):
 * `node <tsx loader> bench-worker.ts ORDERS`. Prints one JSON object on stdout.
 */
import { BasketBuilder } from "../../domain/recommendations/baskets";
import { CoPurchaseCounts, DEFAULT_CO_PURCHASE } from "../../domain/recommendations/co-purchase";
import { CrossSellScorer } from "../../domain/recommendations/cross-sell";
import { DEFAULT_EASE, trainEase } from "../../domain/recommendations/ease";
import { DEFAULT_MODEL_OPTIONS, RecommendationModel } from "../../domain/recommendations/model";
import { SubstituteIndex } from "../../domain/recommendations/substitutes";
import { DEFAULT_SHOP, OrderGenerator, syntheticCatalog } from "./synthetic";

/** What one run measures (times in milliseconds, memory in megabytes). */
export interface BenchResult {
  orders: number;
  products: number;
  lines: number;
  pairs: number;
  easeItems: number;
  buildMs: number;
  coPurchaseMs: number;
  easeMs: number;
  trainMs: number;
  peakRssMb: number;
  updateMeanMs: number;
  updateP95Ms: number;
  queryMeanMs: number;
  queryP95Ms: number;
  recommendMeanMs: number;
  recommendP95Ms: number;
}

function run(orderCount: number): BenchResult {
  const generator = new OrderGenerator(DEFAULT_SHOP, 42);
  const ids = generator.productIds;
  // Source rows live in typed arrays, standing in for a database cursor.
  const source = generateSource(generator, orderCount);
  let start = performance.now();
  const builder = new BasketBuilder();
  for (let i = 0; i < source.lines; i++) builder.add(source.order[i], ids[source.product[i]]);
  const baskets = builder.build();
  const buildMs = performance.now() - start;
  start = performance.now();
  const counts = CoPurchaseCounts.fromBaskets(baskets, DEFAULT_CO_PURCHASE);
  const coPurchaseMs = performance.now() - start;
  start = performance.now();
  const ease = trainEase(baskets, DEFAULT_EASE);
  const easeMs = performance.now() - start;
  const scorer = new CrossSellScorer(counts, ease, DEFAULT_MODEL_OPTIONS.easeWeight);
  const catalog = new SubstituteIndex(syntheticCatalog(DEFAULT_SHOP, 42));
  const model = new RecommendationModel(baskets.items, scorer, catalog);
  const carts = Array.from({ length: 10_200 }, () => [...new Set(generator.next().slice(0, 5))].map((p) => ids[p]));
  const queries = timeEach(carts, (cart) => model.crossSell(cart, 10), 200);
  const recommends = timeEach(
    carts,
    (cart) => model.recommend({ cartProductIds: cart, productId: cart[0], limit: 10 }),
    200,
  );
  const newOrders = Array.from({ length: 1_000 }, () => generator.next().map((p) => ids[p]));
  const updates = timeEach(newOrders, (order) => model.addOrder(order), 0);
  return {
    orders: orderCount,
    products: DEFAULT_SHOP.products,
    lines: source.lines,
    pairs: countPairs(counts, baskets.items.size),
    easeItems: ease?.size ?? 0,
    buildMs,
    coPurchaseMs,
    easeMs,
    trainMs: buildMs + coPurchaseMs + easeMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    updateMeanMs: updates.mean,
    updateP95Ms: updates.p95,
    queryMeanMs: queries.mean,
    queryP95Ms: queries.p95,
    recommendMeanMs: recommends.mean,
    recommendP95Ms: recommends.p95,
  };
}

function generateSource(
  generator: OrderGenerator,
  orderCount: number,
): { order: Int32Array; product: Int32Array; lines: number } {
  let order = new Int32Array(orderCount * 5);
  let product = new Int32Array(orderCount * 5);
  let lines = 0;
  for (let o = 0; o < orderCount; o++) {
    for (const p of generator.next()) {
      if (lines === order.length) {
        order = grow(order);
        product = grow(product);
      }
      order[lines] = o;
      product[lines++] = p;
    }
  }
  return { order, product, lines };
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

// Sum of neighbour-list sizes is not the pair count; count distinct pairs via the exact rows.
function countPairs(counts: CoPurchaseCounts, items: number): number {
  const probe = new Float64Array(items);
  let pairs = 0;
  for (let a = 0; a < items; a += 97) {
    probe.fill(0);
    counts.accumulateRow(a, 1, probe);
    for (let b = 0; b < items; b++) if (probe[b] > 0) pairs++;
  }
  return Math.round((pairs * items) / Math.ceil(items / 97));
}

function timeEach<T>(inputs: T[], action: (input: T) => unknown, warmup: number): { mean: number; p95: number } {
  for (let i = 0; i < warmup; i++) action(inputs[i]);
  const times = new Float64Array(inputs.length - warmup);
  for (let i = warmup; i < inputs.length; i++) {
    const start = performance.now();
    action(inputs[i]);
    times[i - warmup] = performance.now() - start;
  }
  const sorted = times.slice().sort();
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  return { mean, p95: sorted[Math.floor(sorted.length * 0.95)] };
}

process.stdout.write(JSON.stringify(run(Number(process.argv[2]))) + "\n");
