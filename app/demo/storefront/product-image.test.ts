import { describe, expect, it } from "vitest";
import { generateDemoShop } from "../seed";
import { productImageSvg } from "./product-image";
import { buildStoreData } from "./shop-data";

const store = buildStoreData(generateDemoShop({ orderCount: 0 }));

describe("productImageSvg", () => {
  it("draws every product as a small 800 × 800 SVG labelled with its title", () => {
    for (const product of store.products) {
      const svg = productImageSvg(product);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800" height="800" /);
      expect(svg).toContain(`aria-label="${product.title.replace(/&/g, "&amp;")}"`);
      expect(svg.endsWith("</svg>")).toBe(true);
      expect(svg.length).toBeLessThan(4_000);
    }
  });

  it("tells the tiers of a family apart and draws the same product the same way", () => {
    const [basic, plus, pro] = ["brew-basic", "brew-plus", "brew-pro"].map((h) =>
      productImageSvg(store.productByHandle.get(h)!),
    );
    expect(new Set([basic, plus, pro]).size).toBe(3);
    expect(productImageSvg(store.productByHandle.get("brew-basic")!)).toBe(basic);
  });
});
