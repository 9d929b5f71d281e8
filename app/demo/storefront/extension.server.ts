/**
 * The Cartlift theme app extension as Shopify's storefront renderer treats it: every
 * `blocks/*.liquid` with its `{% schema %}` (target, javascript, stylesheet, settings and their
 * defaults), rendered with liquidjs against the extension's own snippets, locale and assets.
 * A missing extension (or a block that fails) renders nothing rather than breaking the page.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Liquid, Template } from "liquidjs";
import { createShopifyLiquid, SchemaTag } from "./liquid-engine.server";

export interface BlockSetting {
  id?: string;
  type: string;
  default?: unknown;
}

export interface BlockSchema {
  name?: string;
  target?: string;
  javascript?: string;
  stylesheet?: string;
  settings?: BlockSetting[];
  enabled_on?: { templates?: string[] };
  disabled_on?: { templates?: string[] };
}

export interface AppBlock {
  /** File name without `.liquid`: the block's handle. */
  handle: string;
  file: string;
  schema: BlockSchema;
  isEmbed: boolean;
  parsed: { mtimeMs: number; templates: Template[] };
}

export interface Extension {
  handle: string;
  dir: string;
  blocks: AppBlock[];
  engine: Liquid | null;
  assetUrl(name: string): string;
}

export interface ExtensionOptions {
  moneyFormat: string;
  moneyWithCurrencyFormat: string;
}

const readJson = (file: string): Record<string, unknown> =>
  existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};

/** The URL prefix the demo serves an extension's `assets/` under (Shopify: its CDN). */
export const extensionAssetPrefix = (handle: string) => `/cdn/shop/extensions/${handle}/assets/`;

function assetVersion(file: string): string {
  if (!existsSync(file)) return "0";
  return createHash("sha1").update(readFileSync(file)).digest("hex").slice(0, 10);
}

function parseBlock(engine: Liquid, file: string): AppBlock["parsed"] {
  return { mtimeMs: statSync(file).mtimeMs, templates: engine.parse(readFileSync(file, "utf8"), file) };
}

function schemaOf(parsed: AppBlock["parsed"]): BlockSchema {
  const tag = parsed.templates.find((t): t is SchemaTag => t instanceof SchemaTag);
  return tag ? (JSON.parse(tag.json) as BlockSchema) : {};
}

/** The block's parsed templates, parsed again when the file changed (edits show on reload). */
function templatesOf(engine: Liquid, block: AppBlock): Template[] {
  if (existsSync(block.file) && statSync(block.file).mtimeMs !== block.parsed.mtimeMs) {
    block.parsed = parseBlock(engine, block.file);
    block.schema = schemaOf(block.parsed);
  }
  return block.parsed.templates;
}

/** Loads the extension in `dir`; an absent folder gives an extension with no blocks. */
export function loadExtension(dir: string, options: ExtensionOptions): Extension {
  const handle = path.basename(dir);
  const assetUrl = (name: string) =>
    `${extensionAssetPrefix(handle)}${name}?v=${assetVersion(path.join(dir, "assets", name))}`;
  const blocksDir = path.join(dir, "blocks");
  if (!existsSync(blocksDir)) return { handle, dir, blocks: [], engine: null, assetUrl };
  const engine = createShopifyLiquid({
    snippets: path.join(dir, "snippets"),
    assetUrl,
    translations: readJson(path.join(dir, "locales", "en.default.json")),
    ...options,
  });
  const blocks: AppBlock[] = [];
  for (const name of readdirSync(blocksDir).sort()) {
    if (!name.endsWith(".liquid")) continue;
    const file = path.join(blocksDir, name);
    try {
      const parsed = parseBlock(engine, file);
      const schema = schemaOf(parsed);
      const isEmbed = ["head", "body", "compliance_head"].includes(schema.target ?? "");
      blocks.push({ handle: name.replace(/\.liquid$/, ""), file, schema, isEmbed, parsed });
    } catch (error) {
      console.warn(`[storefront] skipped blocks/${name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  return { handle, dir, blocks, engine, assetUrl };
}

const schemaLocale = (dir: string) => readJson(path.join(dir, "locales", "en.default.schema.json"));

function resolveDefault(value: unknown, locale: Record<string, unknown>): unknown {
  if (typeof value !== "string" || !value.startsWith("t:")) return value;
  const found = value
    .slice(2)
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      locale,
    );
  return typeof found === "string" ? found : value;
}

/** `block.settings` as a merchant who never opened the theme editor has them: the defaults. */
export function defaultSettings(extension: Extension, block: AppBlock): Record<string, unknown> {
  const locale = schemaLocale(extension.dir);
  const settings: Record<string, unknown> = {};
  for (const setting of block.schema.settings ?? []) {
    if (!setting.id) continue;
    if (setting.default !== undefined) settings[setting.id] = resolveDefault(setting.default, locale);
    else settings[setting.id] = setting.type === "checkbox" ? false : null;
  }
  return settings;
}

/** Whether `enabled_on`/`disabled_on` let the block appear on this template. */
export function blockAllowedOn(block: AppBlock, template: string): boolean {
  const enabled = block.schema.enabled_on?.templates;
  const disabled = block.schema.disabled_on?.templates;
  const matches = (list: string[]) => list.includes("*") || list.includes(template);
  if (enabled && !matches(enabled)) return false;
  return !(disabled && matches(disabled));
}

/** Renders one block with Shopify's objects (and `block`) in reach of it and its snippets. */
export async function renderAppBlock(
  extension: Extension,
  block: AppBlock,
  objects: Record<string, unknown>,
  index: number,
): Promise<string> {
  if (!extension.engine) return "";
  const blockObject = {
    id: `cartlift_${block.handle.replace(/\W/g, "_")}_${index}`,
    type: `shopify://apps/cartlift/blocks/${block.handle}/demo`,
    settings: defaultSettings(extension, block),
    shopify_attributes: "",
  };
  const globals = { ...objects, block: blockObject };
  try {
    const html = await extension.engine.render(templatesOf(extension.engine, block), {}, { globals });
    return `<div id="shopify-block-${blockObject.id}" class="shopify-app-block">${html}</div>`;
  } catch (error) {
    // Shopify prints a Liquid error in place of the block; the page itself carries on.
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[storefront] ${block.handle}.liquid: ${message}`);
    return `<!-- Liquid error (blocks/${block.handle}.liquid): ${message.replace(/--/g, "- -")} -->`;
  }
}
