/** Minimal shop rows for integration tests. */
import { findShop, saveShopDetails } from "../../app/adapters/shop-repository.server";
import { prisma } from "../../app/db.server";
import { ensureBuiltInPersonas } from "../../app/services/personas.server";
import { shopDetails } from "./shopify";

export async function createShopWithCatalog(
  shop: string,
  options: { products?: number; orders?: number; customerId?: string } = {},
) {
  // The row as the install bootstrap writes it (a USD store on UTC), unless installShop already did.
  if (!(await findShop(shop))) await saveShopDetails(shop, shopDetails(shop));
  // What the install hook does (app/shopify.server.ts): the shop starts with the shipped personas.
  await ensureBuiltInPersonas(shop);
  for (let i = 1; i <= (options.products ?? 2); i++) {
    await prisma.product.create({
      data: {
        shop,
        id: `gid://shopify/Product/${i}`,
        title: `Product ${i}`,
        handle: `product-${i}`,
        productType: "Coffee Machines",
        tags: ["tier:good"],
        collections: ["coffee"],
        variants: {
          create: [
            {
              id: `gid://shopify/ProductVariant/${i}`,
              title: "Default Title",
              priceMinor: 1000n * BigInt(i),
              currency: "USD",
            },
          ],
        },
      },
    });
  }
  for (let i = 1; i <= (options.orders ?? 1); i++) {
    await prisma.order.create({
      data: {
        shop,
        id: `gid://shopify/Order/${i}`,
        name: `#${1000 + i}`,
        processedAt: new Date(Date.UTC(2026, 9, i)),
        currency: "USD",
        subtotalMinor: 1000n,
        totalMinor: 1000n,
        customerId: options.customerId ?? null,
        lines: {
          create: [
            {
              id: `gid://shopify/LineItem/${i}`,
              productId: "gid://shopify/Product/1",
              variantId: "gid://shopify/ProductVariant/1",
              title: "Product 1",
              quantity: 1,
              priceMinor: 1000n,
            },
          ],
        },
      },
    });
  }
}
