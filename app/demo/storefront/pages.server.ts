/**
 * Renders a storefront page as Shopify does: the template first (with the app blocks placed where
 * a theme's sections would hold them), then the layout around it with `content_for_header` (the
 * `window.Shopify` globals and each rendered block's schema stylesheet and deferred script, once),
 * and the app embeds injected before `</body>`. With Cartlift off, no Cartlift file is touched.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { transformSync } from "esbuild";
import type { Liquid } from "liquidjs";
import { blockAllowedOn, renderAppBlock, type AppBlock, type Extension } from "./extension.server";
import { createShopifyLiquid } from "./liquid-engine.server";
import { MONEY_FORMAT, MONEY_WITH_CURRENCY_FORMAT } from "./liquid-objects";

export const THEME_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "theme");
export const THEME_ASSET_PREFIX = "/cdn/shop/t/1/assets/";

/** Where the theme's sections hold app blocks, by template, in order. */
const PLACEMENT: Record<string, string[]> = {
  product: ["upgrade", "bought-together", "frequently-bought-together"],
  cart: ["cart-offers"],
};
const PLACED = new Set(Object.values(PLACEMENT).flat());

/** Section Rendering API ids → the snippet that draws each. */
export const SECTIONS: Record<string, string> = {
  "cart-drawer": "cart-drawer-items",
  "cart-drawer-footer": "cart-drawer-footer",
  "cart-icon-bubble": "cart-icon-bubble",
  "main-cart-items": "main-cart-items",
  "main-cart-footer": "main-cart-footer",
};

const versions = new Map<string, { mtimeMs: number; version: string; text: string }>();
function themeFile(name: string) {
  const file = path.join(THEME_DIR, "assets", name);
  const mtimeMs = statSync(file).mtimeMs;
  const cached = versions.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached;
  const source = readFileSync(file, "utf8");
  // Served minified, as a theme's build would ship it.
  const loader = file.endsWith(".js") ? "js" : "css";
  const text = transformSync(source, { loader, minify: true, target: "es2019" }).code;
  const entry = { mtimeMs, version: mtimeMs.toString(36).replace(".", ""), text };
  versions.set(file, entry);
  return entry;
}

export const themeAssetUrl = (name: string) => `${THEME_ASSET_PREFIX}${name}?v=${themeFile(name).version}`;
export const themeAssetText = (name: string) => themeFile(name).text;

export function createThemeEngine(): Liquid {
  return createShopifyLiquid({
    snippets: path.join(THEME_DIR, "snippets"),
    root: [path.join(THEME_DIR, "templates"), path.join(THEME_DIR, "layout"), path.join(THEME_DIR, "snippets")],
    assetUrl: themeAssetUrl,
    translations: {},
    moneyFormat: MONEY_FORMAT,
    moneyWithCurrencyFormat: MONEY_WITH_CURRENCY_FORMAT,
  });
}

function sectionBlocksFor(extension: Extension, template: string): AppBlock[] {
  const order = PLACEMENT[template] ?? [];
  const placed = extension.blocks.filter(
    (b) =>
      !b.isEmbed &&
      (order.includes(b.handle) || (!PLACED.has(b.handle) && b.schema.enabled_on?.templates?.includes(template))),
  );
  return placed
    .sort((a, b) => order.indexOf(a.handle) - order.indexOf(b.handle))
    .filter((b) => blockAllowedOn(b, template));
}

function assetTags(extension: Extension, blocks: AppBlock[]): string {
  const styles = new Set<string>();
  const scripts = new Set<string>();
  for (const block of blocks) {
    if (block.schema.stylesheet) styles.add(block.schema.stylesheet);
    if (block.schema.javascript) scripts.add(block.schema.javascript);
  }
  return [
    ...[...styles].map((name) => `<link rel="stylesheet" href="${extension.assetUrl(name)}" media="all">`),
    ...[...scripts].map((name) => `<script src="${extension.assetUrl(name)}" defer></script>`),
  ].join("\n    ");
}

export interface ShopifyGlobals {
  shop: string;
  currency: string;
  country: string;
  locale: string;
}

/** What Shopify's `content_for_header` defines for scripts on every storefront page. */
function shopifyScript(g: ShopifyGlobals): string {
  const value = {
    shop: g.shop,
    locale: g.locale,
    country: g.country,
    currency: { active: g.currency, rate: "1.0" },
    theme: { name: "Demo theme", id: 1, role: "main", schema_name: "Demo", schema_version: "1.0.0" },
    routes: { root: "/" },
  };
  const json = JSON.stringify(value).replace(/</g, "\\u003c");
  return `<script>window.Shopify = Object.assign(window.Shopify || {}, ${json});</script>`;
}

export interface PageRequest {
  template: string;
  objects: Record<string, unknown>;
  pageTitle: string;
  pageDescription: string;
  extension: Extension | null;
  shopify: ShopifyGlobals;
}

/** The whole HTML document of one storefront page. */
export async function renderPage(theme: Liquid, page: PageRequest): Promise<string> {
  const { extension, template, objects } = page;
  const blocks = extension ? sectionBlocksFor(extension, template) : [];
  const embeds = extension ? extension.blocks.filter((b) => b.isEmbed && blockAllowedOn(b, template)) : [];
  const appsHtml = extension
    ? (await Promise.all(blocks.map((b, i) => renderAppBlock(extension, b, objects, i + 1)))).join("\n")
    : "";
  const embedsHtml = extension
    ? (await Promise.all(embeds.map((b, i) => renderAppBlock(extension, b, objects, i + 1)))).join("\n")
    : "";
  const globals = objects;
  const contentForLayout = await theme.renderFile(`${template}.liquid`, { apps_html: appsHtml }, { globals });
  const header = [shopifyScript(page.shopify), extension ? assetTags(extension, [...blocks, ...embeds]) : ""]
    .filter(Boolean)
    .join("\n    ");
  const html = await theme.renderFile(
    "theme.liquid",
    {
      content_for_layout: contentForLayout,
      content_for_header: header,
      page_title: page.pageTitle,
      page_description: page.pageDescription,
      theme_css: themeAssetText("theme.css"),
    },
    { globals },
  );
  return embedsHtml ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${embedsHtml}\n</body>`) : html;
}

/** Section Rendering API: each id's section HTML (null for an unknown id, as Shopify answers). */
export async function renderSections(
  theme: Liquid,
  ids: string[],
  objects: Record<string, unknown>,
): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const id of ids) {
    const snippet = SECTIONS[id];
    out[id] = snippet
      ? `<div id="shopify-section-${id}" class="shopify-section">${await theme.renderFile(`${snippet}.liquid`, {}, { globals: objects })}</div>`
      : null;
  }
  return out;
}
