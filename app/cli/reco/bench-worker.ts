/**
 * One benchmark run in its own process (so peak RSS belongs to one data size):
 * `node <tsx loader> bench-worker.ts ORDERS`. Prints one JSON object on stdout.
 */
import { BasketBuilder } from "../../domain/recommendations/baskets";
import { CoPurchaseCounts, DEFAULT_CO_PURCHASE } from "../../domain/recommendations/co-purchase";
import { CrossSellScorer } from "../../domain/recommendations/cross-sell";
import { DEFAULT_EASE, trainEase } from "../../domain/recommendations/ease";
import { DEFAULT_MODEL_OPTIONS, RecommendationModel } from "../../domain/recommendations/model";
import { catalogFrames, DEFAULT_SUBSTITUTES, SubstituteIndex } from "../../domain/recommendations/substitutes";
import { SwitchCounts } from "../../domain/recommendations/switches";
import type { Baskets } from "../../domain/recommendations/baskets";
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
  switchMs: number;
  switchProducts: number;
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
  const products = syntheticCatalog(DEFAULT_SHOP, 42);
  start = performance.now();
  const switches = countSyntheticSwitches(baskets, new SwitchCounts(catalogFrames(products)));
  const switchMs = performance.now() - start;
  const catalog = new SubstituteIndex(products, [], DEFAULT_SUBSTITUTES, switches);
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
    switchMs,
    switchProducts: switches.size,
    trainMs: buildMs + coPurchaseMs + easeMs + switchMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    updateMeanMs: updates.mean,
    updateP95Ms: updates.p95,
    queryMeanMs: queries.mean,
    queryP95Ms: queries.p95,
    recommendMeanMs: recommends.mean,
    recommendP95Ms: recommends.p95,
  };
}

// A customer per four orders (orders c, c + C, c + 2C, … in time order), streamed by customer as
// the store's query returns them; the synthetic orders are independent draws, so most
// consecutive pairs are unrelated and this is a worst case for the number of counted pairs.
function countSyntheticSwitches(baskets: Baskets, counts: SwitchCounts): SwitchCounts {
  const customers = Math.max(1, Math.floor(baskets.orderCount / 4));
  for (let c = 0; c < customers; c++) {
    for (let o = c; o < baskets.orderCount; o += customers) {
      const items: string[] = [];
      for (let k = baskets.orderPtr[o]; k < baskets.orderPtr[o + 1]; k++)
        items.push(baskets.items.id(baskets.orderItems[k]));
      counts.add(`c${c}`, o, items);
    }
  }
  return counts;
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
