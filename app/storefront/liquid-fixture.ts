/**
 * Test helper: renders the extension's real block files with liquidjs and the few Shopify objects and
 * filters they use (the list in extensions/cartlift-theme/README.md), so the script's tests run against
 * the markup Shopify would serve.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, type TagToken, type Template, type TopLevelToken } from "liquidjs";

export const EXTENSION_DIR = path.resolve("extensions/cartlift-theme");

const locale = JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales/en.default.json"), "utf8"));

/** The `t` filter over en.default.json. */
export const translate = (key: string) =>
  String(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], locale) ?? key);

export function liquidEngine(): Liquid {
  const engine = new Liquid({ root: path.join(EXTENSION_DIR, "snippets"), extname: ".liquid", strictFilters: true });
  engine.registerFilter("t", translate);
  // Shopify's money filter with the shop's money_format "${{amount}}"
  engine.registerFilter("money", (cents: number) => "$" + (cents / 100).toFixed(2));
  // Shopify's image_url: a CDN URL for the image at that width (here the image's own URL).
  engine.registerFilter("image_url", (image: { src?: string } | string) =>
    typeof image === "string" ? image : image?.src,
  );
  engine.registerTag("schema", {
    parse(_token: TagToken, remain: TopLevelToken[]) {
      const tpl = this as unknown as { tpls: Template[] };
      tpl.tpls = [];
      while (remain.length) {
        const t = remain.shift()!;
        if (t.getText().includes("endschema")) return;
      }
    },
    render: () => "",
  });
  return engine;
}

/** The block's `{% schema %}` JSON. */
export function blockSchema(block: string): Record<string, unknown> {
  const source = readFileSync(path.join(EXTENSION_DIR, "blocks", `${block}.liquid`), "utf8");
  return JSON.parse(source.split("{% schema %}")[1]!.split("{% endschema %}")[0]!);
}

export interface ShopContext {
  product?: { id: number; title: string; selected_or_first_available_variant: { id: number; price: number } };
  cart?: { items: { variant_id: number; product_id: number; quantity: number; key: string }[] };
  customer?: { id: number; tags: string[]; "b2b?": boolean } | null;
  page_type?: string;
  design_mode?: boolean;
}

/** Renders blocks/<block>.liquid with its schema's defaults as settings. */
export async function renderBlock(block: string, ctx: ShopContext = {}, settings: Record<string, unknown> = {}) {
  const schema = blockSchema(block) as { settings: { id?: string; default?: unknown }[] };
  const defaults = Object.fromEntries(schema.settings.filter((s) => s.id).map((s) => [s.id, s.default ?? ""]));
  const source = readFileSync(path.join(EXTENSION_DIR, "blocks", `${block}.liquid`), "utf8");
  return liquidEngine().parseAndRender(source, {
    block: { id: "b1", settings: { ...defaults, ...settings }, shopify_attributes: 'data-shopify-editor-block="{}"' },
    product: ctx.product ?? {
      id: 8000000000000,
      title: "Brew Basic",
      selected_or_first_available_variant: { id: 9000000000000, price: 12900 },
    },
    cart: { currency: { iso_code: "USD" }, items: [], ...ctx.cart },
    customer: ctx.customer ?? null,
    localization: { country: { iso_code: "US" } },
    request: { page_type: ctx.page_type ?? "product", design_mode: ctx.design_mode ?? false },
  });
}
