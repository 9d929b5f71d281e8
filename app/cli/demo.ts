/**
 * `npm run demo`: the whole app on a laptop with no Shopify store. Creates the embedded
 * database, seeds the demo shop, builds the app if its sources changed, and serves it behind a
 * local stand-in for the Shopify admin, and the demo shop's storefront (theme, cart, the Cartlift
 * theme extension's real Liquid blocks, the app proxy) on the next port. Refuses to run with
 * NODE_ENV=production.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";

if (process.env.NODE_ENV === "production") {
  console.error("npm run demo refuses to run with NODE_ENV=production: the demo signs its own admin sessions.");
  process.exit(1);
}

const port = Number(process.env.PORT || 3000);
const storefrontPort = Number(process.env.STOREFRONT_PORT || port + 1);
// 127.0.0.1, not localhost: the demo listens on loopback IPv4 only, and browsers may try ::1 first.
const origin = `http://127.0.0.1:${port}`;
// The demo shop's storefront has its own origin, so its paths are exactly a real shop's.
const storefrontOrigin = `http://127.0.0.1:${storefrontPort}`;
const DEMO = {
  shop: "cartlift-demo.myshopify.com",
  apiKey: "cartlift-demo-api-key",
  // A local test secret: it signs the demo's session tokens and nothing else.
  apiSecret: "cartlift-demo-local-secret",
};

Object.assign(process.env, {
  DATABASE_URL: process.env.DEMO_DATABASE_URL || "file:./.demo/demo.sqlite",
  SHOPIFY_API_KEY: DEMO.apiKey,
  SHOPIFY_API_SECRET: DEMO.apiSecret,
  SHOPIFY_APP_URL: origin,
  NODE_ENV: "development",
});

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function main() {
  const { generateClient, deployMigrations } = await import("./prisma-cli");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(".demo", { recursive: true });
  generateClient(process.env.DATABASE_URL);
  deployMigrations(process.env.DATABASE_URL);
  console.log(`database ready (${elapsed()})`);

  const { prisma } = await import("../db.server");
  const { generateDemoShop } = await import("../demo/seed");
  const { seedDemoDatabase } = await import("../demo/seed-database.server");
  const data = generateDemoShop();
  const seed = await seedDemoDatabase(
    prisma,
    data,
    process.env.SCOPES ||
      "read_products,read_inventory,read_orders,read_all_orders,read_customers,write_app_proxy,write_discounts",
    origin,
  );
  console.log(
    `${seed.seeded ? "seeded" : "kept"} demo shop: ${seed.products} products, ${seed.orders} orders, ${seed.orderLines} order lines (${elapsed()})`,
  );

  // The admin's Recommendations page then shows a trained model (the server loads the stored snapshot).
  const { forgetShopModel, retrainShop } = await import("../services/recommendations.server");
  const trained = await retrainShop(DEMO.shop);
  console.log(
    `trained recommendations on ${trained.orderCount} orders in ${trained.durationMs} ms, snapshot ${Math.round(trained.snapshotBytes / 1024)} KB (${elapsed()})`,
  );
  // The served build has its own copy of the service and loads the snapshot; this copy lets go.
  forgetShopModel(DEMO.shop);

  const { seedDemoOffers } = await import("../demo/seed-offers.server");
  const offers = await seedDemoOffers(data);
  console.log(`${offers.seeded ? "created" : "kept"} ${offers.rules.length} demo offer rules (${elapsed()})`);

  const { seedDemoAnalytics } = await import("../demo/seed-analytics.server");
  const analytics = await seedDemoAnalytics(data, new Date());
  console.log(
    `${analytics.seeded ? "seeded" : "kept"} analytics history: ${analytics.exposures} shopper-weeks` +
      (analytics.seeded ? `, ${analytics.attributedOrders} attributed orders, ${analytics.rollups} daily counts` : "") +
      ` (${elapsed()})`,
  );

  buildIfStale();
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  const { createDemoServer } = await import("../demo/demo-server.server");
  const { createStorefront } = await import("../demo/storefront/storefront.server");
  const { productImageSvg } = await import("../demo/storefront/product-image");
  const { offerDiscountConfigValue } = await import("../services/offer-discount-sync.server");
  const { findBackendUrl } = await import("../adapters/shop-repository.server");
  const shopfront = createStorefront({
    data,
    origin: storefrontOrigin,
    appOrigin: origin,
    apiSecret: DEMO.apiSecret,
    adminUrl: `${origin}/demo/admin`,
    extensionDir: path.resolve("extensions/cartlift-theme"),
    checkout: {
      apiKey: DEMO.apiKey,
      apiSecret: DEMO.apiSecret,
      // What Shopify holds in the shop's $app:cartlift/backend metafield: the URL the app recorded.
      backendUrl: () => findBackendUrl(DEMO.shop),
      // What the app writes to the offer discount's metafield for the demo shop's rules now.
      discountConfig: async () => JSON.parse(await offerDiscountConfigValue(DEMO.shop)) as unknown,
    },
  });
  const storefront = shopfront.createServer();
  const server = createDemoServer({
    build,
    clientDir: path.resolve("build/client"),
    shop: DEMO.shop,
    shopName: data.shop.name,
    apiKey: DEMO.apiKey,
    apiSecret: DEMO.apiSecret,
    origin,
    productImage: (handle) => {
      const product = shopfront.store.productByHandle.get(handle);
      return product ? productImageSvg(product) : null;
    },
  });
  await Promise.all([listen(server, port), listen(storefront, storefrontPort)]);
  console.log(`\nCartlift demo is running (${elapsed()}):`);
  console.log(`  Admin (embedded, demo shop):  ${origin}/demo/admin`);
  console.log(`  Storefront (demo shop):       ${storefrontOrigin}/`);
  console.log(`  Checkout (extension harness): ${storefrontOrigin}/checkout`);
  console.log(`  Health:                       ${origin}/healthz`);
  console.log(
    "Demo switches: the bar on every storefront page (shopping as…, Cartlift on/off); ?cartlift=off for one page.",
  );
  console.log("Press Ctrl+C to stop.");
  const stop = () => storefront.close(() => server.close(() => prisma.$disconnect().finally(() => process.exit(0))));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function listen(server: Server, listenPort: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => resolve());
  });
}

// Not part of the Remix build: the demo itself, the CLI, the storefront script and tests.
const NOT_BUILT = new Set(["app/demo", "app/cli", "app/storefront"].map((p) => path.normalize(p)));

function newestMtime(target: string): number {
  if (!existsSync(target) || NOT_BUILT.has(path.normalize(target)) || target.endsWith(".test.ts")) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

function buildIfStale(): void {
  const built = newestMtime("build/server/index.js");
  const sources = Math.max(newestMtime("app"), newestMtime("vite.config.ts"), newestMtime("package-lock.json"));
  if (built > sources && process.env.DEMO_REBUILD !== "1") return;
  console.log("building the app…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
    // The demo itself runs as development; the bundle it serves is the production one.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("remix vite:build failed");
  console.log(`built (${elapsed()})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
