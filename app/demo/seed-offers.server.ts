/**
 * The demo shop's merchant set-up, entered through the same services the admin pages use: rules
 * that show all three techniques, the built-in personas, and guardrail settings.
 */
import type { Rule } from "../domain/offers";
import { listRules } from "../adapters/offer-rules.server";
import { saveRule } from "../services/offer-rules.server";
import { ensureOfferMarkKey } from "../services/offer-mark-keys.server";
import { ensureBuiltInPersonas } from "../services/personas.server";
import type { DemoShopData } from "./seed";

/** Rules by product handle; ids are resolved from the generated catalog. */
function demoRules(id: (handle: string) => string) {
  return [
    {
      name: "Brew Basic → Brew Plus",
      active: true,
      priority: 20,
      kind: "upsell",
      surfaces: ["product"],
      conditions: [{ type: "product_in_view", productIds: [id("brew-basic")] }],
      offer: { type: "products", productIds: [id("brew-plus")] },
      discount: { type: "none" },
    },
    {
      // Ahead of bought-together, so the upgrade gets the price cap's room on the product page.
      name: "Upgrade to the next tier",
      active: true,
      priority: 10,
      kind: "upsell",
      surfaces: ["product"],
      conditions: [{ type: "tag_in_view", tags: ["tier:good", "tier:better"] }],
      offer: { type: "automatic", limit: 1 },
      discount: { type: "none" },
    },
    {
      name: "Complete the coffee set-up",
      active: true,
      priority: 20,
      kind: "cross_sell",
      surfaces: ["cart", "checkout"],
      conditions: [{ type: "product_type_in_cart", productTypes: ["Coffee Machines"] }],
      offer: { type: "products", productIds: [id("coffee-pods"), id("descaler"), id("coffee-protection-plan")] },
      discount: { type: "percentage", value: "10" },
    },
    {
      name: "Frequently bought together",
      active: true,
      priority: 0,
      kind: "cross_sell",
      // "product": the theme's bought-together block (shoppers whose persona gets cross-sells there).
      surfaces: ["product", "cart", "checkout", "thank_you"],
      conditions: [],
      offer: { type: "automatic", limit: 3 },
      discount: { type: "none" },
    },
    {
      name: "Cheaper alternative after a removal",
      active: true,
      priority: 0,
      kind: "down_sell",
      surfaces: ["cart_removal"],
      conditions: [],
      offer: { type: "automatic", limit: 1 },
      discount: { type: "none" },
    },
  ];
}

/** Seeds rules and settings once (a merchant's later edits in the demo are kept). */
export async function seedDemoOffers(data: DemoShopData): Promise<{ rules: Rule[]; seeded: boolean }> {
  const shop = data.shop.domain;
  // What the install hook does for a real shop: the shipped personas, once.
  await ensureBuiltInPersonas(shop);
  // What install does for a real shop: the key that signs the storefront's offer marks.
  await ensureOfferMarkKey(shop);
  const existing = await listRules(shop);
  if (existing.length > 0) return { rules: existing, seeded: false };

  const ids = new Map(data.products.map((p) => [p.handle, p.id]));
  const id = (handle: string) => {
    const found = ids.get(handle);
    if (!found) throw new Error(`demo rules name an unknown product: ${handle}`);
    return found;
  };
  const rules: Rule[] = [];
  for (const payload of demoRules(id)) rules.push(await saveRule(shop, null, payload));
  return { rules, seeded: true };
}
