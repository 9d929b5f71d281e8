/**
 * Keyboard-only use of every Cartlift button on the demo storefront: the shopper Tabs to it and
 * presses Enter or Space; the cart changes, an aria-live status says so, and focus stays in the
 * block (or its status) instead of falling back to the page.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { cartJs, markOf, newShopper, screenshot } from "./storefront-kit";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const storefront = () => inject("storefrontOrigin");

/** Presses Tab (at most `max` times) until `target` has the focus; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, max = 80) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Whether keyboard focus is inside `root` (and not lost to the page's body). */
const focusInside = (root: Locator) =>
  root.evaluate((el) => document.activeElement !== document.body && el.contains(document.activeElement));

/** The block's aria-live status line, once it says `text`. */
async function announced(root: Locator, text: string) {
  const status = root.locator('[role="status"][aria-live="polite"]').filter({ hasText: text });
  await status.waitFor({ state: "attached" });
  return status.textContent();
}

describe("keyboard-only shopping with Cartlift", () => {
  it("upgrade: Enter on the button switches to the premium item, focus stays in the block", async () => {
    const { page, errors, origin } = await newShopper(browser, storefront(), "new", "kb-upgrade");
    await page.goto(`${origin}/products/brew-basic`);
    const block = page.locator('[data-cartlift="upgrade"]');
    await tabTo(page, block.getByRole("button", { name: "Switch to Brew Plus" }));
    await page.keyboard.press("Enter");
    await expect(announced(block, "Switched to Brew Plus in your cart")).resolves.toBe(
      "Switched to Brew Plus in your cart",
    );
    const cart = await cartJs(page);
    expect(cart.items.map((l) => [l.handle, l.quantity])).toEqual([["brew-plus", 1]]);
    await expect(focusInside(block)).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("upgrade: with the basic item added by keyboard, Space replaces it", async () => {
    const { page, errors, origin } = await newShopper(browser, storefront(), "new", "kb-upgrade-space");
    await page.goto(`${origin}/products/brew-basic`);
    const block = page.locator('[data-cartlift="upgrade"]');
    await block.getByRole("button", { name: "Switch to Brew Plus" }).waitFor();
    // The theme's own form, by keyboard: Add to cart opens the drawer; Escape closes it.
    await tabTo(page, page.getByRole("button", { name: "Add to cart" }));
    await page.keyboard.press("Enter");
    await page.locator("cart-drawer .cart-item__name", { hasText: "Brew Basic" }).waitFor();
    await page.keyboard.press("Escape");
    await page.locator("cart-drawer").waitFor({ state: "hidden" });

    await tabTo(page, block.getByRole("button", { name: "Switch to Brew Plus" }));
    await page.keyboard.press("Space");
    await announced(block, "Switched to Brew Plus in your cart");
    const cart = await cartJs(page);
    expect(cart.items.map((l) => [l.handle, l.quantity])).toEqual([["brew-plus", 1]]);
    await expect(focusInside(block)).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("bought together: Space unchecks an item, Enter on Add selected adds the rest", async () => {
    const { page, errors, origin } = await newShopper(browser, storefront(), "new", "kb-together");
    await page.goto(`${origin}/products/brew-pro`);
    const block = page.locator('[data-cartlift="bought-together"]');
    const boxes = block.getByRole("checkbox");
    await tabTo(page, boxes.first());
    await expect(boxes.count()).resolves.toBe(2);
    const keep = await block.locator(".cl-item").nth(1).getAttribute("data-k");
    const keptTitle = await block.locator(".cl-item").nth(1).locator(".cl-info b").textContent();
    const totalBefore = await block.locator(".cl-sum").textContent();
    await page.keyboard.press("Space");
    await expect(boxes.first().isChecked()).resolves.toBe(false);
    await expect(block.locator(".cl-sum").textContent()).resolves.not.toBe(totalBefore);

    await tabTo(page, block.getByRole("button", { name: "Add selected to cart" }));
    await page.keyboard.press("Enter");
    await expect(announced(block, "Added to your cart:")).resolves.toBe(`Added to your cart: ${keptTitle}`);
    const cart = await cartJs(page);
    expect(cart.items.map((l) => String(l.variant_id))).toEqual([keep]);
    expect(markOf(cart.items[0]!)).toMatchObject({ k: "cross_sell", o: keep });
    await expect(focusInside(block)).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("cart offers: Enter on Add adds the item; focus stays in the redrawn block, so Tab reaches the next offer", async () => {
    const { page, errors, origin } = await newShopper(browser, storefront(), "new", "kb-cart");
    // A machine's cart: the default 25% price cap leaves room for two set-up offers.
    await page.goto(`${origin}/products/brew-basic`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.locator("cart-drawer .cart-item").waitFor();
    await page.goto(`${origin}/cart`);
    const block = page.locator('[data-cartlift="cart-offers"]');
    const first = block.locator(".cl-item").first();
    const title = await first.locator(".cl-info b").textContent({ timeout: 10_000 });
    await tabTo(page, first.getByRole("button", { name: "Add" }));
    await page.keyboard.press("Enter");
    await announced(block, `Added to your cart: ${title}`);
    await expect((await cartJs(page)).items.map((l) => l.product_title)).toContain(title);
    // The block redraws for the new cart (the added item is no longer offered)…
    await block.locator(".cl-item .cl-info b", { hasText: title! }).waitFor({ state: "detached" });
    await expect(focusInside(block)).resolves.toBe(true);
    await screenshot(page, "keyboard-cart-offers");

    // …and the next Tab lands on the next offer's button, inside the block.
    const next = block.locator(".cl-item").first();
    const nextTitle = await next.locator(".cl-info b").textContent();
    await page.keyboard.press("Tab");
    await expect(
      next.getByRole("button", { name: "Add" }).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press("Space");
    await announced(block, `Added to your cart: ${nextTitle}`);
    const cart = await cartJs(page);
    expect(cart.items).toHaveLength(3);
    expect(cart.items.map((l) => l.product_title)).toContain(nextTitle);
    await expect(focusInside(block)).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("down-sell: after a removal by keyboard, Space on No thanks dismisses it and keeps focus", async () => {
    const { page, errors, origin } = await newShopper(browser, storefront(), "new", "kb-downsell");
    const { embed, toast } = await removeBrewPlusByKeyboard(page, origin);
    await toast.waitFor();
    const declined = page.waitForRequest(
      (r) => r.url().includes("/apps/cartlift/events") && (r.postData() ?? "").includes('"decline"'),
    );
    await tabTo(page, toast.getByRole("button", { name: "No thanks" }));
    await page.keyboard.press("Space");
    await toast.waitFor({ state: "hidden" });
    await expect(focusInside(embed)).resolves.toBe(true);
    expect((await (await declined).response())?.status()).toBe(202);
    await expect((await cartJs(page)).items).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("down-sell: Enter on Add takes the cheaper item, announced, focus kept", async () => {
    const { page, errors, origin } = await newShopper(browser, storefront(), "new", "kb-downsell-add");
    const { embed, toast } = await removeBrewPlusByKeyboard(page, origin);
    await tabTo(page, toast.getByRole("button", { name: "Add" }));
    await page.keyboard.press("Enter");
    await announced(embed, "Added to your cart: Brew Basic");
    await toast.waitFor({ state: "hidden" });
    await expect(focusInside(embed)).resolves.toBe(true);
    const cart = await cartJs(page);
    expect(cart.items.map((l) => [l.handle, l.quantity])).toEqual([["brew-basic", 1]]);
    expect(markOf(cart.items[0]!)).toMatchObject({ k: "down_sell", o: String(cart.items[0]!.variant_id) });
    // The theme redrew the cart page with the new line.
    await page.locator("#shopify-section-main-cart-items .cart-item__name", { hasText: "Brew Basic" }).waitFor();
    expect(errors).toEqual([]);
  });
});

/** Puts Brew Plus in the cart, then removes it on the cart page with the keyboard: the down-sell's place. */
async function removeBrewPlusByKeyboard(page: Page, origin: string) {
  await page.goto(`${origin}/products/brew-plus`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.locator("cart-drawer .cart-item").waitFor();
  await page.goto(`${origin}/cart`);
  await tabTo(page, page.getByRole("button", { name: "Remove Brew Plus" }));
  await page.keyboard.press("Enter");
  const embed = page.locator('[data-cartlift="embed"]');
  return { embed, toast: embed.locator(".cl-toast") };
}
