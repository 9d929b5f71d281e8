/**
 * Checkout offers throughput: autocannon against the demo app's `POST /api/checkout/offers` as the
 * checkout extension calls it (a checkout session token signed with the demo app's secret, so the
 * real `authenticate.public.checkout` runs; JSON carts of one to three lines; 500 shoppers), beside
 * `/healthz` in the same run, with the same goals as the storefront's proxy offers. Tokens are
 * signed before the run (they live five minutes, the run takes one), so the load generator, which
 * shares these two cores, does no HMAC per request. Asserts nothing.
 */
import { signCheckoutToken } from "../demo/session-token.server";
import { generateDemoShop } from "../demo/seed";
import { benchBesideHealthz, USER_AGENT, type BenchRequest } from "./proxy-bench";
import { startDemoProcess } from "./demo-process";

const DEMO_SECRET = "cartlift-demo-local-secret";
const DEMO_API_KEY = "cartlift-demo-api-key";
const DEMO_SHOP = "cartlift-demo.myshopify.com";
const SHOPPERS = 500;

interface Line {
  variant: string;
  quantity: number;
  amount: string;
  discounted: boolean;
}

function buildCarts(): Line[][] {
  const shop = generateDemoShop({ orderCount: 0 });
  const variants = shop.products.map((p) => p.variants[0]!);
  const line = (i: number, quantity: number): Line => {
    const variant = variants[i % variants.length]!;
    return {
      variant: variant.id,
      quantity,
      amount: ((variant.priceMinor * quantity) / 100).toFixed(2),
      discounted: false,
    };
  };
  return variants.map((_, i) => [line(i, 1), line(i * 7 + 3, 1 + (i % 3)), line(i * 13 + 5, 1)].slice(0, 1 + (i % 3)));
}

/** Starts the demo, then measures healthz, checkout offers and healthz again, and prints the ratios. */
export async function benchCheckoutOffers(print: (line: string) => void): Promise<void> {
  const demo = await startDemoProcess({ port: 3933, storefrontPort: 3934, dataDir: ".tmp/bench-checkout" });
  try {
    const now = Math.floor(Date.now() / 1000);
    const tokens = Array.from({ length: SHOPPERS }, (_, i) =>
      signCheckoutToken(
        {
          shop: DEMO_SHOP,
          apiKey: DEMO_API_KEY,
          now,
          ttlSeconds: 600,
          ...(i % 5 === 0 ? { customerId: `gid://shopify/Customer/${1000 + i}` } : {}),
        },
        DEMO_SECRET,
      ),
    );
    const carts = buildCarts();
    let n = 0;
    const next = (): BenchRequest => {
      const i = n++;
      const shopper = i % SHOPPERS;
      return {
        method: "POST",
        path: "/api/checkout/offers",
        headers: {
          authorization: `Bearer ${tokens[shopper]}`,
          "content-type": "application/json",
          origin: "https://extensions.shopifycdn.com",
        },
        body: JSON.stringify({
          surface: "checkout",
          sid: `bench-checkout-${shopper}`,
          currency: "USD",
          country: "US",
          lines: carts[i % carts.length],
        }),
      };
    };
    const first = next();
    const check = await fetch(`${demo.appOrigin}${first.path}`, {
      method: first.method,
      headers: { ...first.headers, "user-agent": USER_AGENT },
      body: first.body,
    });
    const body = (await check.json()) as { offers?: unknown[] };
    print(`one checkout offers request answers ${check.status} with ${body.offers?.length ?? 0} offers`);
    await benchBesideHealthz(print, demo.appOrigin, "/api/checkout/offers (session token)", next);
  } finally {
    await demo.stop();
  }
}
