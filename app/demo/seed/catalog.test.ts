import { describe, expect, it } from "vitest";
import { buildCatalog, warrantyPrice } from "./catalog";
import { TIERS, type Role } from "./catalog-schema";

const catalog = buildCatalog();
const products = catalog.entries.map((e) => e.product);
const variants = products.flatMap((p) => p.variants);
const basePrice = (id: string) => catalog.byId.get(id)?.product.variants[0]?.priceMinor ?? 0;

describe("demo catalog", () => {
  it("has at least 60 products and six main product types", () => {
    expect(products.length).toBeGreaterThanOrEqual(60);
    const mainTypes = new Set(catalog.entries.filter((e) => e.role === "main").map((e) => e.product.productType));
    expect(mainTypes.size).toBeGreaterThanOrEqual(6);
  });

  it.each<[Role, string, number]>([
    ["accessory", "accessory", 10],
    ["consumable", "consumable", 10],
    ["warranty", "warranty", 3],
    ["digital", "digital", 1],
  ])("has %s products tagged %s (at least %i)", (role, tag, min) => {
    const ofRole = catalog.entries.filter((e) => e.role === role);
    expect(ofRole.length).toBeGreaterThanOrEqual(min);
    for (const e of ofRole) expect(e.product.tags).toContain(tag);
  });

  it("types warranties as Warranty and digital upgrades as Digital", () => {
    for (const e of catalog.entries) {
      if (e.role === "warranty") expect(e.product.productType).toBe("Warranty");
      if (e.role === "digital") expect(e.product.productType).toBe("Digital");
    }
  });

  it.each([
    ["product ids", products.map((p) => p.id)],
    ["handles", products.map((p) => p.handle)],
    ["variant ids", variants.map((v) => v.id)],
    ["skus", variants.map((v) => v.sku)],
  ])("has unique %s", (_label, values) => {
    expect(new Set(values).size).toBe(values.length);
  });

  it("uses Shopify gid formats", () => {
    for (const p of products) {
      expect(p.id).toMatch(/^gid:\/\/shopify\/Product\/\d+$/);
      for (const v of p.variants) expect(v.id).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
    }
  });

  it("fills every product field sensibly", () => {
    for (const p of products) {
      expect(p.title && p.vendor && p.productType && p.description).toBeTruthy();
      expect(p.description).toMatch(/^[A-Z0-9].*\.$/);
      expect(p.collections.length).toBeGreaterThan(0);
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(3);
    }
  });

  it("points every image at the storefront's stable URL for its handle", () => {
    for (const p of products) expect(p.imageUrl).toBe(`/cdn/shop/files/${p.handle}.svg`);
  });

  it("says what every better and best item adds in 2–4 short, distinct upgrade features, and nothing for others", () => {
    for (const e of catalog.entries) {
      const features = e.product.upgradeFeatures;
      if (e.tier !== "better" && e.tier !== "best") {
        expect(features, e.product.handle).toEqual([]);
        continue;
      }
      expect(features.length, e.product.handle).toBeGreaterThanOrEqual(2);
      expect(features.length, e.product.handle).toBeLessThanOrEqual(4);
      expect(new Set(features.map((f) => f.toLowerCase())).size, e.product.handle).toBe(features.length);
      for (const f of features) expect(f === f.trim() && f.length > 0 && f.length <= 80, f).toBe(true);
    }
  });

  it("prices in integer cents, with compare-at prices above the price", () => {
    for (const v of variants) {
      expect(Number.isInteger(v.priceMinor) && v.priceMinor > 0).toBe(true);
      if (v.compareAtPriceMinor !== null) {
        expect(Number.isInteger(v.compareAtPriceMinor)).toBe(true);
        expect(v.compareAtPriceMinor).toBeGreaterThan(v.priceMinor);
      }
    }
  });

  it("has a few sold-out variants, and availability matches stock", () => {
    const soldOut = variants.filter((v) => !v.availableForSale);
    expect(soldOut.length).toBeGreaterThanOrEqual(2);
    for (const v of variants) {
      expect(Number.isInteger(v.inventoryQuantity)).toBe(true);
      expect(v.availableForSale).toBe(v.inventoryQuantity > 0);
    }
    for (const p of products) expect(p.variants.some((v) => v.availableForSale)).toBe(true);
  });

  it("orders good < better < best by price within every tiered type", () => {
    const mains = catalog.entries.filter((e) => e.role === "main");
    const families = [...new Set(mains.map((e) => e.family))];
    for (const family of families) {
      const prices = TIERS.map((tier) => {
        const found = mains.filter((e) => e.family === family && e.tier === tier);
        expect(found).toHaveLength(1);
        expect(found[0]?.product.tags).toContain(`tier:${tier}`);
        return Math.min(...(found[0]?.product.variants.map((v) => v.priceMinor) ?? []));
      });
      expect(prices[0]).toBeLessThan(prices[1] as number);
      expect(prices[1]).toBeLessThan(prices[2] as number);
    }
  });

  it("prices accessories and consumables below their family's cheapest main item", () => {
    for (const e of catalog.entries) {
      if (e.role !== "accessory" && e.role !== "consumable") continue;
      const mains = catalog.entries.filter((m) => m.family === e.family && m.role === "main");
      const cheapestMain = Math.min(...mains.map((m) => basePrice(m.product.id)));
      expect(basePrice(e.product.id), e.product.handle).toBeLessThan(cheapestMain);
    }
  });

  it("prices each plan variant at 10–15% of the item it covers", () => {
    const plans = catalog.entries.filter((e) => e.role === "warranty");
    for (const plan of plans) {
      expect(plan.covers.size).toBe(3);
      for (const [mainId, variantId] of plan.covers) {
        const planPrice = plan.product.variants.find((v) => v.id === variantId)?.priceMinor ?? 0;
        const ratio = planPrice / basePrice(mainId);
        expect(ratio).toBeGreaterThanOrEqual(0.1);
        expect(ratio).toBeLessThanOrEqual(0.15);
      }
    }
  });

  it.each([
    [12900, 1599],
    [129900, 16199],
    [5900, 699],
  ])("warrantyPrice(%i) = %i", (price, expected) => {
    expect(warrantyPrice(price)).toBe(expected);
  });

  it("builds the same catalog every time", () => {
    expect(buildCatalog().entries.map((e) => e.product)).toEqual(products);
  });
});
