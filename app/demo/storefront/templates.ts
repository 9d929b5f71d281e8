/** Which theme template a storefront URL renders, and the objects that template gets. */
import { collectionObject, productObject } from "./liquid-objects";
import { productImagePath, type StoreData } from "./shop-data";

export interface ResolvedTemplate {
  template: string;
  objects: Record<string, unknown>;
  title: string;
  description: string;
  status: number;
}

const HOME_COLLECTIONS = ["coffee", "photography", "audio", "kitchen", "office", "travel", "stationery", "smart-home"];

const STUB_PAGES: Record<string, { title: string; content: string }> = {
  "/checkout": {
    title: "Checkout",
    content:
      "<p>Checkout is Shopify's, not the theme's: the demo storefront ends at the cart.</p><p><a href=\"/cart\">Back to your cart</a></p>",
  },
  "/account": {
    title: "Account",
    content:
      "<p>Use the <strong>Shopping as</strong> switch at the top of the page to be a returning customer, a VIP or a B2B buyer.</p>",
  },
  "/account/login": {
    title: "Log in",
    content: "<p>Use the <strong>Shopping as</strong> switch at the top of the page.</p>",
  },
  "/policies/shipping-policy": {
    title: "Shipping policy",
    content: "<p>Free shipping on orders over $75.00; otherwise a flat $7.99.</p>",
  },
};

function home(store: StoreData): ResolvedTemplate {
  const featured = store.collections.get("best-sellers") ?? store.collections.get("all")!;
  const list = HOME_COLLECTIONS.flatMap((handle) => {
    const collection = store.collections.get(handle);
    if (!collection) return [];
    const cover = collection.products.find((p) => p.tags.some((t) => t.startsWith("tier:"))) ?? collection.products[0];
    return [
      { title: collection.title, url: `/collections/${handle}`, image: cover ? productImagePath(cover.handle) : "" },
    ];
  });
  return {
    template: "index",
    objects: { featured: collectionObject(featured), collection_list: list },
    title: store.name,
    description: "Good, better and best everyday gear with the accessories that go with it.",
    status: 200,
  };
}

function notFound(): ResolvedTemplate {
  return {
    template: "page",
    objects: {
      page: {
        title: "Page not found",
        content:
          '<p>The page you were looking for does not exist. <a href="/collections/all">Continue shopping</a></p>',
      },
    },
    title: "404 Not Found",
    description: "",
    status: 404,
  };
}

export function templateFor(store: StoreData, url: URL): ResolvedTemplate {
  const parts = url.pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  if (parts.length === 0) return home(store);
  const productHandle =
    parts[0] === "products" ? parts[1] : parts[0] === "collections" && parts[2] === "products" ? parts[3] : undefined;
  if (productHandle !== undefined && parts.length === (parts[0] === "products" ? 2 : 4)) {
    const product = store.productByHandle.get(productHandle);
    if (!product) return notFound();
    const variant = Number(url.searchParams.get("variant")) || undefined;
    return {
      template: "product",
      objects: { product: productObject(product, variant) },
      title: product.title,
      description: product.description,
      status: 200,
    };
  }
  if (parts[0] === "collections" && parts.length <= 2) {
    const collection = store.collections.get(parts[1] ?? "all");
    if (!collection) return notFound();
    return {
      template: "collection",
      objects: { collection: collectionObject(collection) },
      title: collection.title,
      description: `${collection.title} at ${store.name}`,
      status: 200,
    };
  }
  if (url.pathname === "/cart") {
    return { template: "cart", objects: {}, title: "Your Shopping Cart", description: "", status: 200 };
  }
  const stub = STUB_PAGES[url.pathname.replace(/\/+$/, "")];
  if (stub) return { template: "page", objects: { page: stub }, title: stub.title, description: "", status: 200 };
  return notFound();
}
