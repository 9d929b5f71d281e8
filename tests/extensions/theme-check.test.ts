import path from "node:path";
import { themeCheckRun } from "@shopify/theme-check-node";
import { describe, expect, it } from "vitest";

const extension = path.resolve("extensions/cartlift-theme");
const config = path.resolve("node_modules/@shopify/theme-check-node/configs/theme-app-extension.yml");

describe("extensions/cartlift-theme", () => {
  it("passes Shopify's theme check (theme-app-extension config) with no offence", async () => {
    const { offenses, theme, config: used } = await themeCheckRun(extension, config, () => {});
    // the app-extension checks ran, among them the 10,000-byte limit on the block's "javascript" asset
    expect(used.context).toBe("app");
    expect(used.checks.map((c) => c.meta.code)).toEqual(
      expect.arrayContaining(["AppBlockValidTags", "AssetSizeAppBlockJavaScript", "AssetSizeAppBlockCSS"]),
    );
    expect(theme.map((file) => path.relative(extension, new URL(file.uri).pathname)).sort()).toEqual([
      "blocks/bought-together.liquid",
      "blocks/cart-offers.liquid",
      "blocks/cartlift-embed.liquid",
      "blocks/upgrade.liquid",
      "locales/en.default.json",
      "locales/en.default.schema.json",
      "snippets/cartlift-cart-body.liquid",
      "snippets/cartlift-data.liquid",
      "snippets/cartlift-item.liquid",
      "snippets/cartlift-style.liquid",
    ]);
    expect(offenses.map((o) => `${o.check} ${path.basename(o.uri)}:${o.start.line}: ${o.message}`)).toEqual([]);
  }, 30_000);
});
