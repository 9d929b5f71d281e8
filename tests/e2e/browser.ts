/**
 * Debian's Chromium driven by playwright-core (playwright gives each launch a fresh temporary
 * profile), with every console error and page error recorded.
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../app/cli/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** Opens a page that records console errors and uncaught exceptions from every frame. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  // Headless Chromium announces itself as "HeadlessChrome", which Shopify's bot filter answers
  // with 410; a shopper's or merchant's browser sends the ordinary Chrome user agent.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A superseded fetch (a newer search, a navigation) is aborted on purpose: not a failure.
    const reason = request.failure()?.errorText ?? "";
    if (!reason.includes("ERR_ABORTED")) errors.push(`request failed: ${request.url()} ${reason}`);
  });
  return { page, errors };
}

export type ShopperKind = "new" | "returning" | "vip" | "b2b";

/**
 * Points a page's browser at the demo storefront as one kind of shopper (the demo bar's switch),
 * optionally with Cartlift off or with the app "stopped" for this browser. Returns the storefront origin.
 */
export async function shopAs(
  page: Page,
  storefrontOrigin: string,
  kind: ShopperKind,
  options: { cartlift?: boolean; appStopped?: boolean } = {},
): Promise<string> {
  await page.goto(`${storefrontOrigin}/demo/shopper?as=${kind}&return_to=/`);
  if (options.cartlift === false) await page.goto(`${storefrontOrigin}/demo/cartlift?to=off&return_to=/`);
  // This browser's /apps/cartlift/* requests then meet a closed port, as when the app is down.
  if (options.appStopped) await page.goto(`${storefrontOrigin}/demo/app?to=stopped&return_to=/`);
  return storefrontOrigin;
}
