import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ATTRIBUTED_ORDERS } from "../../app/demo/seed/analytics";
import { launchBrowser, openPage } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("demo admin", () => {
  it("renders the embedded Polaris home page for the demo shop with no console errors", async () => {
    const { page, errors } = await openPage(browser);

    await page.goto(`${inject("demoOrigin")}/demo/admin`);
    const app = page.frameLocator("#app-frame");
    await app.getByRole("heading", { name: "Cartlift", exact: true }).waitFor();

    await expect(app.locator(".Polaris-Page").count()).resolves.toBe(1);
    await expect(app.getByText("Products in catalog").isVisible()).resolves.toBe(true);
    // The three metrics in order: products, variants, orders (the demo seeds 66 products, 6,000 orders
    // of history and the analytics history's attributed orders).
    const orders = (6_000 + ATTRIBUTED_ORDERS).toLocaleString("en-US");
    const metrics = await app.locator(".Polaris-Text--heading2xl").allTextContents();
    expect(metrics).toHaveLength(3);
    expect([metrics[0], metrics[2]]).toEqual(["66", orders]);
    await expect(app.getByText(orders, { exact: true }).isVisible()).resolves.toBe(true);
    expect(
      await page.evaluate(
        () =>
          typeof (
            (document.querySelector("#app-frame") as HTMLIFrameElement).contentWindow as unknown as {
              shopify?: { idToken?: unknown };
            }
          ).shopify?.idToken,
      ),
    ).toBe("function");
    expect(errors).toEqual([]);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/admin-home.png` });
  });

  it("loads data through App Bridge's authenticated fetch on client navigation", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${inject("demoOrigin")}/demo/admin`);
    const frame = page.frameLocator("#app-frame");
    await frame.getByRole("heading", { name: "Cartlift", exact: true }).waitFor();

    const data = page.waitForResponse((response) => response.url().includes(".data"));
    await page.locator("#app-home").click();
    const response = await data;

    expect(response.status()).toBe(200);
    expect(response.request().headers()["authorization"]).toMatch(/^Bearer ey/);
    expect(errors).toEqual([]);
  });
});

describe("the production build", () => {
  it("contains none of the demo's stand-ins (the demo built it moments ago)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
    const built = files("build").filter((file) => /\.(js|html)$/.test(file));

    expect(built.length).toBeGreaterThan(0);
    for (const file of built)
      expect(readFileSync(file, "utf8")).not.toMatch(/demo\/session-token|app-bridge-stand-in|signSessionToken/);
  });
});
