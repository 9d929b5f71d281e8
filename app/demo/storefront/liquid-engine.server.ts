/**
 * liquidjs set up with the Shopify-only tags and filters the demo theme and the Cartlift theme
 * app extension use. One engine per source of files (the theme, the extension), as on Shopify:
 * `render` finds that source's snippets, `asset_url` its assets and `t` its locale.
 */
import { Liquid, Tag, type Context, type Emitter, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import { formatMoney } from "./money";

export interface EngineOptions {
  /** Folder of `render`-able snippets. */
  snippets: string;
  /** Folders `renderFile` looks in (default: the snippets). */
  root?: string[];
  assetUrl: (name: string) => string;
  /** Locale strings (`locales/en.default.json`) for the `t` filter. */
  translations: Record<string, unknown>;
  moneyFormat: string;
  moneyWithCurrencyFormat: string;
}

/** `{% schema %}…{% endschema %}`: keeps the JSON for the block loader and prints nothing. */
export class SchemaTag extends Tag {
  readonly json: string;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    const parts: string[] = [];
    for (;;) {
      const next = remainTokens.shift();
      if (!next) throw new Error(`tag ${token.getText()} not closed`);
      if ("name" in next && (next as TagToken).name === "endschema") break;
      parts.push(next.getText());
    }
    this.json = parts.join("");
  }

  render(): string {
    return "";
  }
}

/** `{% style %}…{% endstyle %}`: Shopify's way to write CSS that uses Liquid. */
class StyleTag extends Tag {
  private readonly templates: Template[] = [];

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    const stream = liquid.parser
      .parseStream(remainTokens)
      .on("tag:endstyle", () => stream.stop())
      .on("template", (tpl: Template) => this.templates.push(tpl))
      .on("end", () => {
        throw new Error(`tag ${token.getText()} not closed`);
      });
    stream.start();
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    emitter.write("<style data-shopify>");
    yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter);
    emitter.write("</style>");
  }
}

type Named = [string, unknown];
const named = (args: unknown[]): Record<string, unknown> =>
  Object.fromEntries(args.filter((a): a is Named => Array.isArray(a) && a.length === 2 && typeof a[0] === "string"));

function lookup(translations: Record<string, unknown>, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      translations,
    );
}

/** Shopify's `t`: dotted key, `count` picks one/other (and zero when given), `{{ name }}` interpolates. */
export function translate(translations: Record<string, unknown>, key: string, vars: Record<string, unknown>): string {
  let value = lookup(translations, key);
  if (value && typeof value === "object") {
    const forms = value as Record<string, unknown>;
    const count = Number(vars.count);
    value = (count === 0 && forms.zero) || (count === 1 ? forms.one : forms.other) || forms.other;
  }
  if (typeof value !== "string") return `translation missing: en.${key}`;
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(vars[name] ?? ""));
}

function imageSrc(input: unknown): string {
  if (typeof input === "string") return input;
  if (input && typeof input === "object") {
    const image = input as { src?: string; url?: string; featured_image?: { src?: string } };
    return image.src ?? image.url ?? image.featured_image?.src ?? "";
  }
  return "";
}

function withWidth(src: string, width: unknown): string {
  if (!src || width === undefined) return src;
  return `${src}${src.includes("?") ? "&" : "?"}width=${Number(width)}`;
}

const handleize = (v: unknown) =>
  String(v ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function registerFilters(liquid: Liquid, options: EngineOptions): void {
  const cents = (v: unknown) => Number(v ?? 0);
  liquid.registerFilter("money", (v: unknown) => formatMoney(cents(v), options.moneyFormat));
  liquid.registerFilter("money_with_currency", (v: unknown) => formatMoney(cents(v), options.moneyWithCurrencyFormat));
  liquid.registerFilter("money_without_currency", (v: unknown) => formatMoney(cents(v), "{{amount}}"));
  liquid.registerFilter("money_without_trailing_zeros", (v: unknown) =>
    formatMoney(cents(v), options.moneyFormat).replace(/\.00(?!\d)/, ""),
  );
  liquid.registerFilter("t", (key: unknown, ...args: unknown[]) =>
    translate(options.translations, String(key), named(args)),
  );
  liquid.registerFilter("asset_url", (name: unknown) => options.assetUrl(String(name)));
  // Shopify's json is safe inside <script>: no raw "<" that could close it.
  liquid.registerFilter("json", (v: unknown) => (JSON.stringify(v ?? null) ?? "null").replace(/</g, "\\u003c"));
  liquid.registerFilter(
    "script_tag",
    (src: unknown) => `<script src="${escapeAttr(String(src))}" type="text/javascript"></script>`,
  );
  liquid.registerFilter(
    "stylesheet_tag",
    (href: unknown) => `<link href="${escapeAttr(String(href))}" rel="stylesheet" type="text/css" media="all" />`,
  );
  liquid.registerFilter("image_url", (image: unknown, ...args: unknown[]) =>
    withWidth(imageSrc(image), named(args).width),
  );
  liquid.registerFilter("img_url", (image: unknown) => imageSrc(image));
  liquid.registerFilter("image_tag", (src: unknown, ...args: unknown[]) => {
    const attrs = { width: 800, height: 800, alt: "", loading: "lazy", ...named(args) };
    const rest = Object.entries(attrs)
      .map(([k, v]) => `${k}="${escapeAttr(String(v))}"`)
      .join(" ");
    return `<img src="${escapeAttr(String(src))}" ${rest}>`;
  });
  // Shopify's escape (Ruby's CGI.escapeHTML): &quot; and &#39;, where liquidjs writes &#34;.
  liquid.registerFilter("escape", (v: unknown) =>
    v === undefined || v === null
      ? ""
      : String(v).replace(
          /[&<>"']/g,
          (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
        ),
  );
  liquid.registerFilter("handleize", handleize);
  liquid.registerFilter("handle", handleize);
}

/** A liquidjs engine with Shopify's extra tags and filters for one source of files. */
export function createShopifyLiquid(options: EngineOptions): Liquid {
  const liquid = new Liquid({
    root: options.root ?? [options.snippets],
    partials: [options.snippets],
    extname: ".liquid",
    strictFilters: true,
    // Files are read on every render, so edits to the extension show on the next reload.
    cache: false,
    relativeReference: false,
  });
  liquid.registerTag("schema", SchemaTag);
  liquid.registerTag("style", StyleTag);
  registerFilters(liquid, options);
  return liquid;
}
