/**
 * App proxy throughput and latency against the demo app's `/proxy/offers`, every request freshly
 * signed as Shopify's proxy signs it, so it passes the real signature check and runs the real
 * engine; products, carts and shoppers vary per request. `benchBesideHealthz` is shared with the
 * checkout bench. Asserts nothing.
 *
 * - Throughput: autocannon (loopback, 50 connections, closed loop, bounded in time) next to
 *   `/healthz` in the same run, for a ratio that holds on a noisy machine. At saturation latency is
 *   mostly queueing (mean latency is 50 / throughput for any endpoint, healthz included), so that
 *   run's p99 is printed beside healthz's but judges nothing. One connection in turn shows the
 *   service time itself. autocannon's rate limits send each second's quota in bursts, so they are
 *   not used for latency.
 * - Latency: an open loop (app/cli/open-loop.ts): requests on a fixed schedule at half the
 *   endpoint's saturated throughput over the same 50 connections, three rounds beside healthz, the
 *   median round's p99 against the goal (docs/decisions/023-latency-under-open-loop-load.md).
 */
import autocannon, { type Result } from "autocannon";
import { generateDemoShop } from "../demo/seed";
import { signedProxyQuery } from "../demo/storefront/proxy-signature";
import { numericId } from "../schemas/shopify-ids";
import { startDemoProcess } from "./demo-process";
import { describeOpenLoop, openLoop, type OpenLoopResult } from "./open-loop";

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 3;
const DEMO_SECRET = "cartlift-demo-local-secret";
const DEMO_SHOP = "cartlift-demo.myshopify.com";
/** A browser's user agent: Shopify's bot filter answers headless or tool user agents with 410. */
export const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;
const OPEN_LOOP_S = 8;
const OPEN_LOOP_ROUNDS = 3;
const OPEN_LOOP_UTILISATION = 0.5;

interface Sample {
  surface: "product" | "cart" | "cart_removal";
  params: Record<string, string>;
}

function buildSamples(): Sample[] {
  const shop = generateDemoShop({ orderCount: 0 });
  const variants = shop.products.map((p) => ({ product: numericId(p.id), variant: numericId(p.variants[0]!.id) }));
  const samples: Sample[] = [];
  for (let i = 0; i < variants.length; i++) {
    const a = variants[i]!;
    const b = variants[(i * 7 + 3) % variants.length]!;
    const c = variants[(i * 13 + 5) % variants.length]!;
    samples.push({ surface: "product", params: { product: a.product, variant: a.variant } });
    samples.push({ surface: "cart", params: { lines: `${a.variant}:1,${b.variant}:${1 + (i % 3)}` } });
    samples.push({
      surface: "cart_removal",
      params: { removed: `${a.variant}:1`, lines: `${b.variant}:1,${c.variant}:2` },
    });
  }
  return samples;
}

function offersPath(sample: Sample, n: number): string {
  const client = new URLSearchParams({ ...sample.params, surface: sample.surface, sid: `bench-shopper-${n % 500}` });
  const identity = {
    shop: DEMO_SHOP,
    customerId: null,
    pathPrefix: "/apps/cartlift",
    timestamp: Math.floor(Date.now() / 1000),
  };
  return `/proxy/offers?${signedProxyQuery(client, identity, DEMO_SECRET)}`;
}

/** One request of a benchmark: autocannon's request fields. */
export interface BenchRequest {
  method: "GET" | "POST" | "OPTIONS";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

async function run(
  url: string,
  title: string,
  next?: () => BenchRequest,
  connections = CONNECTIONS,
  duration = DURATION_S,
): Promise<Result> {
  return autocannon({
    url,
    title,
    connections,
    duration,
    headers: { "user-agent": USER_AGENT, accept: "application/json" },
    ...(next
      ? {
          requests: [
            {
              setupRequest: (request) => {
                const { headers, ...rest } = next();
                return { ...request, ...rest, headers: { ...request.headers, ...headers } };
              },
            },
          ],
        }
      : {}),
  });
}

function describe(result: Result): string {
  return (
    `${result.requests.average.toFixed(0).padStart(6)} req/s, latency mean ${result.latency.mean.toFixed(2)} ms, ` +
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
    `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`
  );
}

/**
 * Measures an endpoint between two runs of /healthz on the same app (warm-up first), then both at
 * one connection, and prints each run and the ratio against the goals.
 */
export async function benchBesideHealthz(
  print: (line: string) => void,
  appOrigin: string,
  label: string,
  next: () => BenchRequest,
): Promise<void> {
  print(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s each, loopback, after ${WARMUP_S} s warm-up`);
  await run(`${appOrigin}/healthz`, "warm-up", undefined, CONNECTIONS, WARMUP_S);
  await run(appOrigin, "warm-up", next, CONNECTIONS, WARMUP_S);
  const health1 = await run(`${appOrigin}/healthz`, "healthz");
  const measured = await run(appOrigin, label, next);
  const health2 = await run(`${appOrigin}/healthz`, "healthz");
  const width = Math.max(label.length, "/healthz (before)".length) + 2;
  print(`  ${"/healthz (before):".padEnd(width)}${describe(health1)}`);
  print(`  ${`${label}:`.padEnd(width)}${describe(measured)}`);
  print(`  ${"/healthz (after):".padEnd(width)}${describe(health2)}`);
  const single = await run(appOrigin, `${label}, one connection`, next, 1);
  const singleHealth = await run(`${appOrigin}/healthz`, "healthz, one connection", undefined, 1);
  print(`  ${`${label}, 1 connection:`.padEnd(width)}${describe(single)}`);
  print(`  ${"/healthz, 1 connection:".padEnd(width)}${describe(singleHealth)}`);
  const healthRate = (health1.requests.average + health2.requests.average) / 2;
  const ratio = measured.requests.average / healthRate;
  print(
    `${label} throughput / healthz throughput: ${ratio.toFixed(2)} (goal ≥ ${TARGET_RATIO}); closed-loop p99 at ` +
      `${CONNECTIONS} connections ${measured.latency.p99} ms, healthz's ${Math.max(health1.latency.p99, health2.latency.p99)} ms ` +
      `(at saturation p99 is the queue: docs/decisions/023-latency-under-open-loop-load.md), at 1 connection ${single.latency.p99} ms`,
  );
  // Latency as buyers meet it: requests arriving on schedule, over the same connections, at half
  // the endpoint's own saturated throughput (a service run at 50% of its capacity), healthz at the
  // same rate in turn (docs/decisions/023-latency-under-open-loop-load.md).
  const rate = Math.round(measured.requests.average * OPEN_LOOP_UTILISATION);
  print(
    `open loop: ${rate} req/s (${OPEN_LOOP_UTILISATION * 100}% of its saturated throughput), ${CONNECTIONS} connections, ` +
      `${OPEN_LOOP_S} s, ${OPEN_LOOP_ROUNDS} rounds`,
  );
  const endpoint: OpenLoopResult[] = [];
  const health: OpenLoopResult[] = [];
  const headers = { "user-agent": USER_AGENT, accept: "application/json" };
  for (let round = 1; round <= OPEN_LOOP_ROUNDS; round++) {
    const h = await openLoop({
      origin: appOrigin,
      rate,
      durationS: OPEN_LOOP_S,
      connections: CONNECTIONS,
      headers,
      next: () => ({ method: "GET", path: "/healthz" }),
    });
    const e = await openLoop({
      origin: appOrigin,
      rate,
      durationS: OPEN_LOOP_S,
      connections: CONNECTIONS,
      headers,
      next,
    });
    health.push(h);
    endpoint.push(e);
    print(`  round ${round} /healthz: ${describeOpenLoop(h)}`);
    print(`  round ${round} ${label}: ${describeOpenLoop(e)}`);
  }
  const median = (results: OpenLoopResult[]) =>
    results.map((r) => r.p99).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
  const p99 = median(endpoint);
  const clean = endpoint.every((r) => r.non2xx === 0 && r.errors === 0 && r.achieved >= rate * 0.95);
  const met = ratio >= TARGET_RATIO && p99 < TARGET_P99_MS && clean && measured.non2xx === 0;
  print(
    `${label}: throughput ratio ${ratio.toFixed(2)} (goal ≥ ${TARGET_RATIO}); open-loop p99 at ${rate} req/s (50% load), median of ` +
      `${OPEN_LOOP_ROUNDS} rounds, ${p99.toFixed(1)} ms (goal < ${TARGET_P99_MS} ms; healthz ${median(health).toFixed(1)} ms); ` +
      `${met ? "goals met" : "GOALS NOT MET"}`,
  );
}

/** Starts the demo, then measures healthz, offers and healthz again, and prints the ratios. */
export async function benchProxy(print: (line: string) => void): Promise<void> {
  const demo = await startDemoProcess({ port: 3931, storefrontPort: 3932, dataDir: ".tmp/bench-proxy" });
  try {
    const samples = buildSamples();
    let n = 0;
    const nextPath = () => offersPath(samples[n++ % samples.length]!, n);
    const check = await fetch(`${demo.appOrigin}${nextPath()}`, { headers: { "user-agent": USER_AGENT } });
    const body = (await check.json()) as { offers?: unknown[] };
    print(`one signed offers request answers ${check.status} with ${body.offers?.length ?? 0} offers`);
    await benchBesideHealthz(print, demo.appOrigin, "/proxy/offers (signed)", () => ({
      method: "GET",
      path: nextPath(),
    }));
  } finally {
    await demo.stop();
  }
}
