/**
 * `npm run bench`: every benchmark, printing its figures. Performance goals live here, not in tests.
 * `npm run bench -- offers` runs only the named suites.
 */
import { CHECKOUT_GOAL_BYTES, CHECKOUT_LIMIT_BYTES, checkoutBundleSizes, formatBytes } from "./build-checkout";
import { benchAnalytics } from "./analytics-bench";
import { benchCatalog } from "./catalog-bench";
import { benchCheckoutOffers } from "./checkout-bench";
import { benchLighthouse } from "./lighthouse-bench";
import { benchOffers } from "./offers-bench";
import { benchProxy } from "./proxy-bench";
import { benchRecommendations } from "./reco/bench";
import { benchStorefront } from "./storefront-bench";

const suites: Record<string, (print: (line: string) => void) => Promise<void>> = {
  offers: benchOffers,
  reco: benchRecommendations,
  proxy: benchProxy,
  lighthouse: benchLighthouse,
  storefront: benchStorefront,
  catalog: benchCatalog,
  analytics: benchAnalytics,
  // The checkout extension bundle (app/cli/build-checkout.ts): cartlift-checkout.js is what Shopify
  // measures; Checkout/ThankYou are each module on its own. Then the endpoint it calls.
  checkout: async (print) => {
    print(
      `checkout extension bundle (limit ${formatBytes(CHECKOUT_LIMIT_BYTES)}, goal ${formatBytes(CHECKOUT_GOAL_BYTES)})`,
    );
    for (const { file, raw, gzip, brotli } of checkoutBundleSizes())
      print(`  ${file}: ${formatBytes(raw)} raw, gzip -9 ${formatBytes(gzip)}, brotli ${formatBytes(brotli)}`);
    await benchCheckoutOffers(print);
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${Object.keys(suites).join(", ")}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run((line) => console.log(line));
}
