/**
 * Storefront cost of Cartlift: Lighthouse (Debian's Chromium, mobile preset with simulated
 * throttling) on the demo's product and cart pages with Cartlift on and off, several runs each,
 * interleaved so machine noise hits both sides alike. Prints the median performance score, CLS,
 * LCP and total blocking time per page and side, and the drop. Asserts nothing.
 */
import lighthouse, { type Flags } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { generateDemoShop } from "../demo/seed";
import { numericId } from "../schemas/shopify-ids";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium";
import { startDemoProcess } from "./demo-process";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
const CHROME_PATH = process.env.CHROME_PATH || CHROMIUM_PATH;
const CHROME_FLAGS = ["--headless", ...CHROMIUM_FLAGS];
// Lighthouse's own user agent says "Chrome-Lighthouse"; a shopper's browser doesn't.
const USER_AGENT =
  "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const MAX_DROP = 2;

interface Figures {
  score: number;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  /** Offers requests the page made that the app answered 200 (so "on" really showed Cartlift). */
  offerCalls: number;
}

interface PageCase {
  name: string;
  path: string;
  /** A cookie that gives the page a cart (the cart page needs one to show offers). */
  cookie?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function audit(url: string, port: number, cookie?: string): Promise<Figures> {
  const flags: Flags = {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    emulatedUserAgent: USER_AGENT,
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  const result = await lighthouse(url, flags);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN,
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
    offerCalls: networkItems(lhr).filter((r) => r.url?.includes("/apps/cartlift/offers") && r.statusCode === 200)
      .length,
  };
}

function networkItems(lhr: { audits: Record<string, { details?: unknown }> }): { url?: string; statusCode?: number }[] {
  const details = lhr.audits["network-requests"]?.details as { items?: { url?: string; statusCode?: number }[] };
  return details?.items ?? [];
}

/** A storefront cart holding two products, as the cookie the storefront set for it. */
async function cartCookie(storefrontOrigin: string): Promise<string> {
  const shop = generateDemoShop({ orderCount: 0 });
  const pick = (handle: string) => shop.products.find((p) => p.handle === handle) ?? shop.products[0]!;
  const items = [pick("brew-plus"), pick("snap-pro")].map((p) => ({
    id: Number(numericId(p.variants[0]!.id)),
    quantity: 1,
  }));
  const response = await fetch(`${storefrontOrigin}/cart/add.js`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ items }),
  });
  if (!response.ok) throw new Error(`could not fill the bench cart: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error("the storefront set no cart cookie");
  return cookies.join("; ");
}

function row(name: string, side: string, runs: Figures[]): string {
  const m = (key: keyof Figures) => median(runs.map((r) => r[key]));
  return (
    `  ${name.padEnd(8)} ${side.padEnd(13)} score ${String(m("score")).padStart(3)} ` +
    `(runs ${runs.map((r) => r.score).join(", ")}), CLS ${m("cls").toFixed(3)}, ` +
    `LCP ${Math.round(m("lcpMs"))} ms, TBT ${Math.round(m("tbtMs"))} ms, ` +
    `offers requests answered 200: ${runs.map((r) => r.offerCalls).join(", ")}`
  );
}

/** Starts the demo and Chromium, audits each page with Cartlift on and off, prints the medians. */
export async function benchLighthouse(print: (line: string) => void): Promise<void> {
  const demo = await startDemoProcess({ port: 3941, storefrontPort: 3942, dataDir: ".tmp/bench-lighthouse" });
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  try {
    const cookie = await cartCookie(demo.storefrontOrigin);
    const shop = generateDemoShop({ orderCount: 0 });
    const product = shop.products.find((p) => p.handle === "brew-basic") ?? shop.products[0]!;
    const pages: PageCase[] = [
      { name: "product", path: `/products/${product.handle}` },
      { name: "cart", path: "/cart", cookie },
    ];
    print(`Lighthouse ${RUNS} runs per page and side (mobile preset, simulated throttling), interleaved; median`);
    for (const page of pages) {
      const on: Figures[] = [];
      const off: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        on.push(await audit(`${demo.storefrontOrigin}${page.path}`, chrome.port, page.cookie));
        off.push(await audit(`${demo.storefrontOrigin}${page.path}?cartlift=off`, chrome.port, page.cookie));
      }
      const drop = median(off.map((r) => r.score)) - median(on.map((r) => r.score));
      print(row(page.name, "Cartlift on", on));
      print(row(page.name, "Cartlift off", off));
      print(
        `  ${page.name.padEnd(8)} drop ${drop} points (goal < ${MAX_DROP}); CLS with Cartlift ` +
          `${median(on.map((r) => r.cls)).toFixed(3)}; ${drop < MAX_DROP ? "goal met" : "GOAL NOT MET"}`,
      );
    }
  } finally {
    chrome.kill();
    await demo.stop();
  }
}
