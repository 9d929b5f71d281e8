/** A small coffee shop for the storefront endpoints: catalog, rules, settings, personas. */
import { prisma } from "../../app/db.server";
import { saveRule } from "../../app/services/offer-rules.server";
import { ensureBuiltInPersonas } from "../../app/services/personas.server";
import { invalidateStorefrontShop } from "../../app/services/storefront-shop.server";
import { installShop } from "./shopify";

export const P = {
  basic: { product: "8000000000001", variant: "9000000000001", price: 12900 },
  plus: { product: "8000000000002", variant: "9000000000002", price: 24900 },
  pods: { product: "8000000000003", variant: "9000000000003", price: 1500 },
  descaler: { product: "8000000000004", variant: "9000000000004", price: 900 },
  mini: { product: "8000000000005", variant: "9000000000005", price: 7900 },
} as const;

const CATALOG = [
  { key: "basic", title: "Brew Basic", type: "Coffee Machines", tags: ["coffee", "tier:good"] },
  {
    key: "plus",
    title: "Brew Plus",
    type: "Coffee Machines",
    tags: ["coffee", "tier:better", "feature:Milk frother", "feature:2-year warranty"],
  },
  { key: "pods", title: "Coffee Pods", type: "Consumables", tags: ["coffee"] },
  { key: "descaler", title: "Descaler", type: "Care", tags: ["coffee"] },
  { key: "mini", title: "Brew Mini", type: "Coffee Machines", tags: ["coffee", "tier:entry"] },
] as const;

export const handleOf = (key: keyof typeof P) =>
  `${CATALOG.find((c) => c.key === key)!
    .title.toLowerCase()
    .replace(" ", "-")}`;
export const imageOf = (key: keyof typeof P) => `https://cdn.example.com/${handleOf(key)}.png`;

export interface StorefrontShopOptions {
  currency?: string;
  holdoutPercent?: number;
  declineCooldownDays?: number;
  /** Prices are multiplied by this (e.g. 0.01 → a JPY shop's whole yen). */
  priceFactor?: number;
}

/** Installs the shop (session, Shop row, built-in personas) with the coffee catalog and three rules. */
export async function createStorefrontShop(shop: string, options: StorefrontShopOptions = {}) {
  const currency = options.currency ?? "USD";
  const factor = options.priceFactor ?? 1;
  await installShop(shop, { name: shop, currency });
  await prisma.shop.update({
    where: { domain: shop },
    data: { freeShippingThresholdMinor: BigInt(Math.round(7500 * factor)) },
  });
  for (const item of CATALOG) {
    const ids = P[item.key];
    await prisma.product.create({
      data: {
        shop,
        id: `gid://shopify/Product/${ids.product}`,
        title: item.title,
        handle: handleOf(item.key),
        productType: item.type,
        vendor: "Brewline",
        tags: [...item.tags],
        collections: ["coffee"],
        imageUrl: imageOf(item.key),
        variants: {
          create: [
            {
              id: `gid://shopify/ProductVariant/${ids.variant}`,
              title: "Default Title",
              priceMinor: BigInt(Math.round(ids.price * factor)),
              currency,
            },
          ],
        },
      },
    });
  }
  await prisma.shopSettings.create({
    data: {
      shop,
      priceCapPercent: 100,
      holdoutPercent: options.holdoutPercent ?? 0,
      declineCooldownDays: options.declineCooldownDays ?? 7,
    },
  });
  await ensureBuiltInPersonas(shop);
  const gid = (key: keyof typeof P) => `gid://shopify/Product/${P[key].product}`;
  const rules = [
    await saveRule(shop, null, {
      name: "Brew Basic → Brew Plus",
      active: true,
      priority: 20,
      kind: "upsell",
      surfaces: ["product"],
      conditions: [{ type: "product_in_view", productIds: [gid("basic")] }],
      offer: { type: "products", productIds: [gid("plus")] },
      discount: { type: "none" },
    }),
    await saveRule(shop, null, {
      name: "Complete the set-up",
      active: true,
      priority: 10,
      kind: "cross_sell",
      surfaces: ["cart"],
      conditions: [{ type: "product_type_in_cart", productTypes: ["Coffee Machines"] }],
      offer: { type: "products", productIds: [gid("pods"), gid("descaler")] },
      discount: { type: "percentage", value: "10" },
    }),
    await saveRule(shop, null, {
      name: "Cheaper machine after a removal",
      active: true,
      priority: 0,
      kind: "down_sell",
      surfaces: ["cart_removal"],
      conditions: [],
      offer: { type: "products", productIds: [gid("mini")] },
      discount: { type: "none" },
    }),
  ];
  invalidateStorefrontShop(shop);
  return { rules: Object.fromEntries(rules.map((r) => [r.kind, r])) as Record<string, (typeof rules)[number]> };
}

/** Everything the storefront endpoints could have stored for the shop. */
export async function storedFor(shop: string) {
  const [offerEvents, shopperEvents, identities, exposures] = await Promise.all([
    prisma.offerEvent.count({ where: { shop } }),
    prisma.shopperEvent.count({ where: { shop } }),
    prisma.shopperIdentity.count({ where: { shop } }),
    prisma.shopperExposure.count({ where: { shop } }),
  ]);
  return { offerEvents, shopperEvents, identities, exposures };
}
