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
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
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

async function run(url: string, title: string, path?: () => string, connections = CONNECTIONS): Promise<Result> {
  return autocannon({
    url,
    title,
    connections,
    duration: DURATION_S,
    headers: { "user-agent": USER_AGENT, accept: "application/json" },
    ...(path
      ? {
          requests: [
            {
              method: "GET",
              setupRequest: (request) => ({ ...request, path: path() }),
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
    print(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s each, loopback, after ${WARMUP_S} s warm-up`);
    await autocannon({ url: `${demo.appOrigin}/healthz`, connections: CONNECTIONS, duration: WARMUP_S });
    await autocannon({
      url: demo.appOrigin,
      connections: CONNECTIONS,
      duration: WARMUP_S,
      headers: { "user-agent": USER_AGENT },
      requests: [{ method: "GET", setupRequest: (r) => ({ ...r, path: nextPath() }) }],
    });
    const health1 = await run(`${demo.appOrigin}/healthz`, "healthz");
    const offers = await run(demo.appOrigin, "offers", nextPath);
    const health2 = await run(`${demo.appOrigin}/healthz`, "healthz");
    print(`  /healthz (before):       ${describe(health1)}`);
    print(`  /proxy/offers (signed):  ${describe(offers)}`);
    print(`  /healthz (after):        ${describe(health2)}`);
    const single = await run(demo.appOrigin, "offers, one connection", nextPath, 1);
    const singleHealth = await run(`${demo.appOrigin}/healthz`, "healthz, one connection", undefined, 1);
    print(`  /proxy/offers, 1 connection: ${describe(single)}`);
    print(`  /healthz, 1 connection:      ${describe(singleHealth)}`);
    const healthRate = (health1.requests.average + health2.requests.average) / 2;
    const ratio = offers.requests.average / healthRate;
    const met = ratio >= TARGET_RATIO && offers.latency.p99 < TARGET_P99_MS && offers.non2xx === 0;
    print(
      `offers throughput / healthz throughput: ${ratio.toFixed(2)} (goal ≥ ${TARGET_RATIO}); ` +
        `offers p99 at ${CONNECTIONS} connections ${offers.latency.p99} ms (goal < ${TARGET_P99_MS} ms; ` +
        `healthz ${Math.max(health1.latency.p99, health2.latency.p99)} ms), at 1 connection ${single.latency.p99} ms; ` +
        `${met ? "goals met" : "GOALS NOT MET"}`,
    );
  } finally {
    await demo.stop();
  }
}
