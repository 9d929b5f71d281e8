import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openAdminPage(
  label: string,
  heading: string,
): Promise<{ page: Page; app: FrameLocator; errors: string[] }> {
  const { page, errors } = await openPage(browser);
  await page.goto(`${inject("demoOrigin")}/demo/admin`);
  const app = page.frameLocator("#app-frame");
  await app.getByRole("heading", { name: "Cartlift", exact: true }).waitFor();
  await page.locator("#app-nav a", { hasText: label }).click();
  await app.getByRole("heading", { name: heading, exact: true }).waitFor();
  return { page, app, errors };
}

async function pickProduct(app: FrameLocator, field: string, title: string) {
  await app.getByLabel(field).fill(title);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await app.getByRole("option", { name: new RegExp(`^${escaped} ·`) }).click();
}

describe("offer preview in the demo admin", () => {
  it("shows an upsell for a good-tier product, with its reason", async () => {
    const { app, errors } = await openAdminPage("Offer preview", "Offer preview");

    await app.getByLabel("As").selectOption({ label: "A new visitor" });
    await pickProduct(app, "Product in view", "Brew Basic");
    await app.getByRole("button", { name: "Preview" }).click();
    // The upgrade, and beside it whatever bought-together fits the price cap.
    await app.getByText(/\d offer\(s\) for A new visitor with no history/).waitFor();

    await expect(app.getByText("Upsell", { exact: true }).count()).resolves.toBe(1);
    await expect(app.getByText(/Why: Rule "Brew Basic → Brew Plus"/).isVisible()).resolves.toBe(true);
    await expect(app.getByText("Instead of Brew Basic ($128.00), +$32.00").isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows cross-sells for a cart and a down-sell after a removal", async () => {
    const { app, errors } = await openAdminPage("Offer preview", "Offer preview");

    await app.getByLabel("Where").selectOption({ label: "Cart" });
    await app.getByLabel("As").selectOption({ label: "A new visitor" });
    await pickProduct(app, "Cart", "Brew Plus");
    await app.getByRole("button", { name: "Preview" }).click();
    await app.getByText(/offer\(s\) for A new visitor/).waitFor();
    await expect(app.getByText("Cross-sell", { exact: true }).count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(
      app
        .getByText(/Why: Rule "Complete the coffee set-up"/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    await app.getByLabel("Where").selectOption({ label: "Cart removal" });
    await pickProduct(app, "Product removed from the cart", "Snap Pro");
    await app.getByRole("button", { name: "Preview" }).click();
    await app.getByText("Down-sell", { exact: true }).waitFor();
    await expect(app.getByText(/Why: Rule "Cheaper alternative after a removal"/).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});

describe("rules in the demo admin", () => {
  it("creates a rule in the editor, refusing it first while the offer is missing", async () => {
    const { app, errors } = await openAdminPage("Rules", "Offer rules");

    await app.getByRole("button", { name: "Create rule" }).click();
    await app.getByRole("heading", { name: "New rule" }).waitFor();
    await app.getByLabel("Name").fill("Pens with notebooks");
    await app.getByText("Specific products", { exact: true }).click();
    await app.getByLabel("Offered products").waitFor();
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("The rule was not saved").waitFor();
    await expect(app.getByText("choose at least one product", { exact: true }).isVisible()).resolves.toBe(true);

    await pickProduct(app, "Offered products", "Gel Pen Set (6)");
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByRole("heading", { name: "Pens with notebooks" }).waitFor();
    await app.getByRole("link", { name: "Rules" }).click();
    await app.getByRole("heading", { name: "Offer rules", exact: true }).waitFor();
    await app.locator("tr", { hasText: "Pens with notebooks" }).waitFor();

    await expect(
      app
        .getByRole("row", { name: /Pens with notebooks/ })
        .getByText("Gel Pen Set (6)")
        .isVisible(),
    ).resolves.toBe(true);
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });
});
