import { countShopData, findShop, type ShopCounts } from "../adapters/shop-repository.server";

export interface ShopOverview extends Omit<ShopCounts, "lastOrderAt"> {
  shop: string;
  name: string;
  currency: string;
  lastOrderAt: string | null;
}

/** What the admin home page shows about a shop. */
export async function getShopOverview(shop: string): Promise<ShopOverview> {
  const [record, counts] = await Promise.all([findShop(shop), countShopData(shop)]);
  return {
    shop,
    name: record?.name ?? shop.replace(/\.myshopify\.com$/, ""),
    currency: record?.currency ?? "USD",
    ...counts,
    lastOrderAt: counts.lastOrderAt?.toISOString() ?? null,
  };
}
