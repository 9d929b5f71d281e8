/**
 * Each shop's recommendation model, served from memory (docs/decisions/006). A cold process
 * serves the stored snapshot (or trains when there is none); training runs off the request
 * path, one shop at a time, and swaps the new model in at once; new orders update the model
 * in memory as they arrive; a timer retrains every shop this process serves every six hours.
 */
import { latestImport, summarizeImport, type ImportSummary } from "../adapters/order-import-store.server";
import * as store from "../adapters/recommendation-store.server";
import { BasketBuilder } from "../domain/recommendations/baskets";
import { trainRecommendationModel, type RecommendationModel } from "../domain/recommendations/model";
import { RERANK_DEPTH } from "../domain/recommendations/shopper-purchases";
import { exportSnapshot, SnapshotSource } from "../domain/recommendations/snapshot";
import { catalogFrames } from "../domain/recommendations/substitutes";
import { SwitchCounts } from "../domain/recommendations/switches";
import type { RecommendationSource, ScoredCandidate } from "../domain/recommendations/types";

/**
 * List length stored per product and kind: offers show at most a handful per surface, and a
 * known customer's re-rank reads this deep (the trained model reads as deep).
 */
export const SNAPSHOT_K = RERANK_DEPTH;
const RETRAIN_EVERY_MS = 6 * 60 * 60 * 1000;
const SIGNALS_WINDOW_MS = 180 * 24 * 60 * 60 * 1000;
// A 1M-order model holds a few hundred MB; beyond this many shops the least recently used one
// goes back to being served from its snapshot.
const MAX_CACHED_SHOPS = 200;

export interface ModelStatus {
  origin: "trained" | "snapshot";
  trainedAt: Date;
  orderCount: number;
  durationMs: number;
}

export interface TrainingResult {
  shop: string;
  orderCount: number;
  productCount: number;
  signalCount: number;
  loadMs: number;
  trainMs: number;
  durationMs: number;
  snapshotBytes: number;
  trainedAt: Date;
}

export type TrainingState = "idle" | "queued" | "training";

export interface ModelSummary {
  origin: ModelStatus["origin"] | null;
  state: TrainingState;
  trainedAt: string | null;
  orderCount: number;
  durationMs: number | null;
}

interface NewOrder {
  id: string;
  productIds: string[];
  /** The buyer and the order time, for the switch signal (absent for a guest checkout). */
  customer?: { customerId: string; at: number };
}

interface CachedModel {
  source: RecommendationSource;
  /** The full model when trained in this process (it can learn new orders); null for a snapshot. */
  model: RecommendationModel | null;
  /** Orders the model has learned, so that no order is ever learned twice. */
  learned: Set<number | string>;
  status: ModelStatus;
}

interface Trained {
  source: RecommendationSource;
  result: TrainingResult;
}

type Waiter = { resolve: (trained: Trained) => void; reject: (error: unknown) => void };

const cache = new Map<string, CachedModel>();
/** Shops waiting to train, in request order, with everyone waiting for that run. */
const queued = new Map<string, Waiter[]>();
/** The training in progress (one at a time), so that a cold request for that shop can wait for it. */
let active: { shop: string; run: Promise<Trained> } | null = null;
/** Orders learned while their shop trains: the new model may have read its pages before them. */
const arrivals = new Map<string, NewOrder[]>();
let schedule: ReturnType<typeof setInterval> | null = null;

/** The shop's recommendations: from memory; a cold start reads the snapshot or trains. */
export async function recommendationSourceFor(shop: string): Promise<RecommendationSource> {
  startSchedule();
  const hit = touch(shop);
  if (hit) return hit.source;
  const stored = await store.readSnapshot(shop);
  const raced = touch(shop);
  if (raced) return raced.source;
  if (!stored) return (await (active?.shop === shop ? active.run : enqueue(shop))).source;
  const source = new SnapshotSource(stored.snapshot);
  const { trainedAt, orderCount, durationMs } = stored;
  const status: ModelStatus = { origin: "snapshot", trainedAt, orderCount, durationMs };
  remember(shop, { source, model: null, learned: new Set(), status });
  if (Date.now() - trainedAt.getTime() > RETRAIN_EVERY_MS) scheduleRetrain(shop);
  return source;
}

/**
 * Retrains the shop: queued behind any running training, de-duplicated with requests already
 * waiting, started on a later tick so the caller's request answers first. Resolves when a
 * training that started after this call has been swapped in and stored.
 */
export async function retrainShop(shop: string): Promise<TrainingResult> {
  return (await enqueue(shop)).result;
}

/** Retrains in the background; a failure is reported, never thrown at the caller. */
export function scheduleRetrain(shop: string): void {
  retrainShop(shop).catch((error: unknown) => {
    console.error(`recommendations: training ${shop} failed: ${error instanceof Error ? error.message : error}`);
  });
}

/** A newly stored order: the model in memory learns it at once (exact counts, see model.ts). */
export function learnNewOrder(shop: string, order: NewOrder): void {
  arrivals.get(shop)?.push(order);
  const cached = cache.get(shop);
  if (!cached) return;
  if (!cached.model) {
    // A stored snapshot cannot learn: bring in a full model, which reads the order from the
    // database (a training already running or waiting gets it through `arrivals` or its reads).
    if (active?.shop !== shop && !queued.has(shop)) scheduleRetrain(shop);
    return;
  }
  if (learnOnce(cached.model, cached.learned, order)) {
    cached.status = { ...cached.status, orderCount: cached.model.orderCount };
  }
}

/** What this process knows about the shop's model (plain JSON), without loading or training. */
export function modelStatus(shop: string): ModelSummary {
  const status = cache.get(shop)?.status;
  return {
    origin: status?.origin ?? null,
    state: active?.shop === shop ? "training" : queued.has(shop) ? "queued" : "idle",
    trainedAt: status?.trainedAt.toISOString() ?? null,
    orderCount: status?.orderCount ?? 0,
    durationMs: status?.durationMs ?? null,
  };
}

/** Drops the shop's model from memory (uninstalled or redacted shops). */
export function forgetShopModel(shop: string): void {
  cache.delete(shop);
}

function enqueue(shop: string): Promise<Trained> {
  startSchedule();
  return new Promise((resolve, reject) => {
    const waiting = queued.get(shop);
    if (waiting) waiting.push({ resolve, reject });
    else queued.set(shop, [{ resolve, reject }]);
    drain();
  });
}

// One training at a time in the process: training is CPU-bound and shares the event loop. It
// starts on a later tick, so the request that asked for it has answered first.
function drain(): void {
  if (active) return;
  const next = queued.entries().next();
  if (next.done) return;
  const [shop, waiters] = next.value;
  queued.delete(shop);
  const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => train(shop));
  active = { shop, run };
  run
    .then(
      (trained) => waiters.forEach((w) => w.resolve(trained)),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    )
    .finally(() => {
      active = null;
      drain();
    });
}

async function train(shop: string): Promise<Trained> {
  const started = performance.now();
  arrivals.set(shop, []);
  try {
    const data = await loadTrainingData(shop);
    const loaded = performance.now();
    const model = trainRecommendationModel({
      orders: data.baskets,
      catalog: data.catalog,
      signals: data.signals,
      purchases: data.switches,
    });
    const trainMs = Math.round(performance.now() - loaded);
    // From here to the swap nothing awaits, so no order can slip between the two models.
    for (const order of arrivals.get(shop) ?? []) learnOnce(model, data.learned, order);
    const snapshot = exportSnapshot(model, SNAPSHOT_K);
    const durationMs = Math.round(performance.now() - started);
    const status: ModelStatus = { origin: "trained", trainedAt: new Date(), orderCount: model.orderCount, durationMs };
    remember(shop, { source: model, model, learned: data.learned, status });
    arrivals.delete(shop);
    await store.saveSnapshot(shop, { snapshot, ...status });
    const result: TrainingResult = {
      shop,
      orderCount: model.orderCount,
      productCount: model.productIds().length,
      signalCount: data.signals.length,
      loadMs: Math.round(loaded - started),
      trainMs,
      durationMs,
      snapshotBytes: Buffer.byteLength(JSON.stringify(snapshot)),
      trainedAt: status.trainedAt,
    };
    return { source: model, result };
  } finally {
    arrivals.delete(shop);
  }
}

async function loadTrainingData(shop: string) {
  const builder = new BasketBuilder();
  const learned = new Set<number | string>();
  for await (const page of store.orderLinePages(shop)) {
    for (const line of page) {
      builder.add(line.orderId, line.productId, line.quantity);
      learned.add(orderKey(String(line.orderId)));
    }
  }
  const catalog = await store.loadCatalog(shop);
  // Pages arrive grouped by customer and in time order, as SwitchCounts.add needs them.
  const switches = new SwitchCounts(catalogFrames(catalog));
  for await (const page of store.customerPurchasePages(shop)) {
    for (const purchase of page) switches.add(purchase.customerId, purchase.at, purchase.productIds);
  }
  const signals = await store.loadBehaviourSignals(shop, new Date(Date.now() - SIGNALS_WINDOW_MS), catalog);
  return { baskets: builder.build(), catalog, signals, switches, learned };
}

function learnOnce(model: RecommendationModel, learned: Set<number | string>, order: NewOrder): boolean {
  const key = orderKey(order.id);
  if (learned.has(key)) return false;
  learned.add(key);
  model.addOrder(order.productIds, order.customer);
  return true;
}

// gid://shopify/Order/123 → 123: a number costs a fraction of a string in a million-order set.
function orderKey(id: string): number | string {
  const tail = id.slice(id.lastIndexOf("/") + 1);
  return /^\d{1,15}$/.test(tail) ? Number(tail) : id;
}

function touch(shop: string): CachedModel | undefined {
  const cached = cache.get(shop);
  if (cached) remember(shop, cached);
  return cached;
}

// Map order is recency order: re-inserting marks the shop as most recently used.
function remember(shop: string, cached: CachedModel): void {
  cache.delete(shop);
  cache.set(shop, cached);
  if (cache.size > MAX_CACHED_SHOPS) cache.delete(cache.keys().next().value as string);
}

function startSchedule(): void {
  // Tests train explicitly; a timer would retrain behind their back.
  if (schedule || process.env.NODE_ENV === "test" || process.env.VITEST) return;
  schedule = setInterval(() => {
    for (const shop of cache.keys()) scheduleRetrain(shop);
  }, RETRAIN_EVERY_MS);
  // The schedule alone must not keep a process (a CLI, a draining server) alive.
  schedule.unref();
}

export interface SampleProduct {
  id: string;
  title: string;
  reason: string;
}

export interface RecommendationSample {
  product: { id: string; title: string };
  crossSell: SampleProduct[];
  upsell: SampleProduct[];
  downSell: SampleProduct[];
}

export interface RecommendationsOverview {
  shop: string;
  model: ModelSummary;
  import: ImportSummary | null;
  samples: RecommendationSample[];
  /** The product the merchant asked about; `missing` when it is not in this shop's catalog. */
  checked: RecommendationSample | { missing: string } | null;
}

// The admin shows this many substitutes per product (the storefront shows one).
const SHOWN_SUBSTITUTES = 3;

/**
 * The admin page: model status, the latest import, what the 5 best sellers would get, and what
 * `checkProductId` (any product the merchant picks) would get.
 */
export async function getRecommendationsOverview(
  shop: string,
  checkProductId?: string,
): Promise<RecommendationsOverview> {
  const [source, imported, bestSellers] = await Promise.all([
    recommendationSourceFor(shop),
    latestImport(shop),
    store.bestSellingProductIds(shop, 5),
  ]);
  const listsOf = (id: string) => ({ id, ...source.recommend({ productId: id, cartProductIds: [], limit: 3 }) });
  const lists = bestSellers.map(listsOf);
  const checked = checkProductId ? listsOf(checkProductId) : null;
  const ids = [...lists, ...(checked ? [checked] : [])].flatMap((l) => [
    l.id,
    ...[...l.cross_sell, ...l.upsell, ...l.down_sell].map((c) => c.productId),
  ]);
  const titles = await store.productTitles(shop, ids);
  const named = (list: ScoredCandidate[]): SampleProduct[] =>
    list.map((c) => ({ id: c.productId, title: titles.get(c.productId) ?? c.productId, reason: c.reason }));
  const sample = (l: ReturnType<typeof listsOf>): RecommendationSample => ({
    product: { id: l.id, title: titles.get(l.id) ?? l.id },
    crossSell: named(l.cross_sell),
    upsell: named(l.upsell.slice(0, SHOWN_SUBSTITUTES)),
    downSell: named(l.down_sell.slice(0, SHOWN_SUBSTITUTES)),
  });
  return {
    shop,
    model: modelStatus(shop),
    import: imported && summarizeImport(imported),
    samples: lists.map(sample),
    // Another shop's product, or one deleted since: say so instead of listing nothing.
    checked: checked ? (titles.has(checked.id) ? sample(checked) : { missing: checked.id }) : null,
  };
}
