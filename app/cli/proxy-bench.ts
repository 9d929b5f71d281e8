/**
 * App proxy throughput: autocannon (loopback, 50 connections, bounded in time) against the demo
 * app's `/proxy/offers` — every request freshly signed as Shopify's proxy signs it, so it passes the
 * real signature check and runs the real engine — next to `/healthz` in the same run, for a ratio
 * that holds on a noisy machine. Products, carts and shoppers vary per request. Asserts nothing.
 *
 * At saturation (every connection sends as fast as it can) latency is mostly queueing: with 50
 * connections in flight, mean latency is 50 / throughput for any endpoint, healthz included, so the
 * p99 of offers is printed beside healthz's. One connection in turn shows the service time itself.
 * (autocannon's rate limits send each second's quota in bursts, which measures the bursts, not the
 * app; they are not used.)
 */
import autocannon, { type Result } from "autocannon";
import { generateDemoShop } from "../demo/seed";
import { signedProxyQuery } from "../demo/storefront/proxy-signature";
import { numericId } from "../schemas/shopify-ids";
import { startDemoProcess } from "./demo-process";

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
  const met = ratio >= TARGET_RATIO && measured.latency.p99 < TARGET_P99_MS && measured.non2xx === 0;
  print(
    `${label} throughput / healthz throughput: ${ratio.toFixed(2)} (goal ≥ ${TARGET_RATIO}); ` +
      `p99 at ${CONNECTIONS} connections ${measured.latency.p99} ms (goal < ${TARGET_P99_MS} ms; ` +
      `healthz ${Math.max(health1.latency.p99, health2.latency.p99)} ms), at 1 connection ${single.latency.p99} ms; ` +
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
