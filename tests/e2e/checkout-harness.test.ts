/**
 * The checkout extension as a buyer meets it in the demo's checkout harness (Chromium): the real
 * extension bundle in its frame, asking the app with a checkout session token signed by the
 * harness, adding a cross-sell through `applyCartLinesChange`, the real discount Function pricing
 * the cart, and the offer events reaching the app.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { cartJs, markOf, newShopper, screenshot, SHOTS } from "./storefront-kit";

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const storefront = () => inject("storefrontOrigin");

/** A buyer with the coffee machine in the cart, on the harness's checkout. */
async function checkoutWithMachine(label: string, query = "", watch?: (page: Page) => void) {
  const shopper = await newShopper(browser, storefront(), "new", label);
  const { page, sid } = shopper;
  // A step that never happens fails here, naming its locator, well inside the test's timeout.
  page.setDefaultTimeout(15_000);
  // The extension's own shopper id (the storefront's script does not tag the cart with it).
  await page.addInitScript((id) => localStorage.setItem("cartlift-checkout:sid", JSON.stringify(id)), sid);
  await page.goto(`${shopper.origin}/products/brew-basic`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.locator("cart-drawer .cart-item__name", { hasText: "Brew Basic" }).waitFor();
  watch?.(page);
  await page.goto(`${shopper.origin}/checkout${query}`);
  return shopper;
}

const summaryLine = (page: Page, title: string) => page.locator(".line", { hasText: title });
const offers = (page: Page) => page.frameLocator("#cartlift-cart-line-list");

describe("the checkout harness", () => {
  it("adds a cross-sell with one tap, discounts it while the machine is in the cart, and records the add", async () => {
    const { page, errors } = await checkoutWithMachine("checkout-add");
    const add = offers(page).getByRole("button", { name: "Add Coffee Pods (30-pack)" });
    await add.waitFor();
    await expect(offers(page).getByText("You may also like").isVisible()).resolves.toBe(true);
    await screenshot(page, "checkout-offers");

    const addEvent = page.waitForRequest(
      (r) => r.url().endsWith("/api/checkout/events") && (r.postData() ?? "").includes('"type":"add"'),
    );
    await add.click();
    await summaryLine(page, "Coffee Pods (30-pack)").waitFor();

    // The line carries the offer's mark, earned by the machine; the Function prices it.
    const cart = await cartJs(page);
    const pods = cart.items.find((line) => line.handle === "coffee-pods")!;
    const machine = cart.items.find((line) => line.handle === "brew-basic")!;
    expect(markOf(pods)).toMatchObject({ k: "cross_sell", o: String(pods.variant_id), t: String(machine.variant_id) });
    const podsLine = summaryLine(page, "Coffee Pods (30-pack)");
    await expect(podsLine.locator(".discount").textContent()).resolves.toBe("Offer: 10% off (−$1.50)");
    await expect(podsLine.locator(".price").textContent()).resolves.toBe("$14.99 $13.49");
    await expect(page.locator(".totals .saved dd").textContent()).resolves.toBe("$1.50");
    // The added offer leaves the list; the other stays.
    await add.waitFor({ state: "detached" });
    await expect(offers(page).getByRole("button", { name: "Add Descaling Solution" }).isVisible()).resolves.toBe(true);
    const sent = await addEvent;
    expect((JSON.parse(sent.postData()!) as { events: { mark: string }[] }).events.map((e) => e.mark)).toEqual([
      pods.properties!._cartlift,
    ]);
    expect((await sent.response())?.status()).toBe(202);
    await screenshot(page, "checkout-added");

    // The machine leaves: the pods keep their line at full price, and the offers it earned go.
    await page.getByRole("button", { name: "Remove Brew Basic" }).click();
    await summaryLine(page, "Brew Basic").waitFor({ state: "detached" });
    await expect(podsLine.locator(".discount").count()).resolves.toBe(0);
    await expect(podsLine.locator(".price").textContent()).resolves.toBe("$14.99");
    await expect(page.locator(".totals .saved").count()).resolves.toBe(0);
    await offers(page).getByRole("button", { name: "Add Descaling Solution" }).waitFor({ state: "detached" });
    await screenshot(page, "checkout-trigger-removed");
    expect(errors).toEqual([]);
  });

  it("shows nothing where lines cannot be added (an accelerated checkout)", async () => {
    const asked: string[] = [];
    const { page, errors } = await checkoutWithMachine("checkout-express", "?express=1", (watched) =>
      watched.on("request", (r) => {
        if (r.url().includes("/api/checkout/")) asked.push(r.url());
      }),
    );
    await page.waitForLoadState("networkidle");
    await summaryLine(page, "Brew Basic").waitFor();
    await expect(offers(page).locator("s-button").count()).resolves.toBe(0);
    const frameHeight = await page
      .locator("#cartlift-cart-line-list")
      .evaluate((f) => f.getBoundingClientRect().height);
    expect(frameHeight).toBe(0);
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
  });
});
