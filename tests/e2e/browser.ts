/**
 * Debian's Chromium driven by playwright-core (playwright gives each launch a fresh temporary
 * profile), with every console error and page error recorded.
 */
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
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
