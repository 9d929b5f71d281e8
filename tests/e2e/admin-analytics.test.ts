/**
 * The analytics page as the demo's merchant sees it (Chromium, the embedded admin): over the 26
 * weeks the demo seeds, the lift in revenue per visitor is shown with a 95% interval that contains
 * the lift the seed planted (app/demo/seed/analytics.ts), and the charts render without errors.
 */
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PLANTED_RPV_LIFT } from "../../app/demo/seed/analytics";
import { launchBrowser, openPage } from "./browser";
import { SHOTS } from "./storefront-kit";

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
// "+5.5%" → 0.055; "−3.0%" → −0.03.
const share = (text: string) => Number(text.replace("−", "-").replace("%", "")) / 100;

describe("the analytics page", () => {
  it("shows the demo's planted lift inside its 95% interval", async () => {
    const { page, errors } = await openPage(browser);
    page.setDefaultTimeout(30_000);
    await page.goto(`${inject("demoOrigin")}/demo/admin`);
    const app = page.frameLocator("#app-frame");
    await app.getByRole("heading", { name: "Analytics" }).waitFor();

    // The 26 weeks the demo seeds (the lift counts the whole weeks a range touches).
    await app.locator('input[name="from"]').fill(day(181 * 86_400_000));
    await app.locator('input[name="to"]').fill(day(0));
    await app.getByRole("button", { name: "Apply" }).click();
    const interval = app.getByText(/ to .* \(95% interval\)$/);
    await interval.waitFor();

    const [low, high] = ((await interval.textContent()) ?? "").split(" to ").map((part) => share(part.split(" ")[0]!));
    expect(low).toBeLessThan(PLANTED_RPV_LIFT);
    expect(high).toBeGreaterThan(PLANTED_RPV_LIFT);
    await expect(app.getByText("Significant", { exact: true }).first().isVisible()).resolves.toBe(true);
    // The charts draw once the page has hydrated.
    await app.getByText("Revenue from offers by day").waitFor();
    await app.locator("svg").first().waitFor();
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: `${SHOTS}/admin-analytics.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
