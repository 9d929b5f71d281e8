/**
 * `npm run bench`: every benchmark, printing its figures. Performance goals live here, not in tests.
 * `npm run bench -- offers` runs only the named suites.
 */
import { benchCatalog } from "./catalog-bench";
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
