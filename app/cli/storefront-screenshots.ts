/**
 * Screenshots of the demo storefront for the README: `npx tsx app/cli/storefront-screenshots.ts
 * [storefront origin]` against a running `npm run demo` (default http://127.0.0.1:3001). Writes
 * docs/screenshots/storefront-{product,drawer,cart}.png with Debian's Chromium.
 */
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium";

const base = process.argv[2] ?? "http://127.0.0.1:3001";
const OUT = "docs/screenshots";

async function clipTo(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return { x: 0, y: 0, width: 1280, height: Math.ceil(box.y + box.height + 24) };
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  // Offers fade in after the proxy answers; SVG photos decode off the main thread.
  await page.waitForTimeout(800);
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent });
  try {
    await page.goto(`${base}/products/brew-plus`);
    await settle(page);
    await page.screenshot({
      path: `${OUT}/storefront-product.png`,
      clip: await clipTo(page, ".product"),
      fullPage: true,
    });
    await page.click("[data-add-button]");
    await page.waitForSelector("cart-drawer:not([hidden])");
    await settle(page);
    await page.screenshot({ path: `${OUT}/storefront-drawer.png` });
    await page.goto(`${base}/products/coffee-pods`);
    await page.click("[data-add-button]");
    await page.waitForSelector("cart-drawer:not([hidden])");
    await page.goto(`${base}/cart`);
    await settle(page);
    await page.screenshot({
      path: `${OUT}/storefront-cart.png`,
      clip: await clipTo(page, ".cart-page"),
      fullPage: true,
    });
    console.log(`wrote ${OUT}/storefront-{product,drawer,cart}.png`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
