/**
 * Shopify's Liquid objects for the demo shop, as plain data: product (with variants, options,
 * images), collection, cart (line items), customer, shop, localization, request, routes, template.
 * Only the fields a theme and the Cartlift blocks read; names and units (cents) as Shopify's.
 */
import { Drop } from "liquidjs";
import { optionName, type CartJson } from "./cart-json";
import type { StoreCollection, StoreCustomer, StoreData, StoreProduct, StoreVariant } from "./shop-data";

export const MONEY_FORMAT = "${{amount}}";
export const MONEY_WITH_CURRENCY_FORMAT = "${{amount}} USD";

/** `{{ template }}` prints its name, as on Shopify. */
class TemplateDrop extends Drop {
  constructor(
    readonly name: string,
    readonly suffix: string | null = null,
  ) {
    super();
  }

  override valueOf(): string {
    return this.name;
  }
}

const IMAGE_SIZE = 800;

function imageObject(product: StoreProduct) {
  return {
    src: product.image,
    url: product.image,
    alt: product.title,
    width: IMAGE_SIZE,
    height: IMAGE_SIZE,
    aspect_ratio: 1,
    id: product.id,
    media_type: "image",
  };
}

function variantObject(product: StoreProduct, variant: StoreVariant) {
  return {
    id: variant.id,
    title: variant.title,
    name: variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`,
    sku: variant.sku,
    price: variant.price,
    compare_at_price: variant.compareAtPrice,
    available: variant.available,
    inventory_quantity: variant.inventory,
    inventory_management: "shopify",
    option1: variant.title,
    options: [variant.title],
    url: `/products/${product.handle}?variant=${variant.id}`,
    image: imageObject(product),
    featured_image: imageObject(product),
    requires_shipping: !["Digital", "Warranty"].includes(product.productType),
  };
}

export type ProductObject = ReturnType<typeof productObject>;

/** Shopify's `product`; `selectedVariantId` is the `?variant=` of the URL. */
export function productObject(product: StoreProduct, selectedVariantId?: number) {
  const variants = product.variants.map((v) => variantObject(product, v));
  const selected = variants.find((v) => v.id === selectedVariantId) ?? null;
  const firstAvailable = variants.find((v) => v.available) ?? variants[0]!;
  const current = selected ?? firstAvailable;
  const prices = variants.map((v) => v.price);
  const compareAts = variants.map((v) => v.compare_at_price ?? 0);
  const onlyDefault = product.variants.length === 1 && product.variants[0]!.title === "Default Title";
  const optionTitle = onlyDefault ? "Title" : optionName(product.variants[0]!.title);
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    url: `/products/${product.handle}`,
    vendor: product.vendor,
    type: product.productType,
    tags: product.tags,
    description: `<p>${product.description}</p>`,
    content: `<p>${product.description}</p>`,
    available: variants.some((v) => v.available),
    price: current.price,
    price_min: Math.min(...prices),
    price_max: Math.max(...prices),
    price_varies: new Set(prices).size > 1,
    compare_at_price: current.compare_at_price,
    compare_at_price_min: Math.min(...compareAts),
    compare_at_price_max: Math.max(...compareAts),
    featured_image: imageObject(product),
    featured_media: { ...imageObject(product), preview_image: imageObject(product) },
    images: [imageObject(product)],
    media: [{ ...imageObject(product), preview_image: imageObject(product) }],
    variants,
    selected_variant: selected,
    selected_or_first_available_variant: current,
    first_available_variant: firstAvailable,
    has_only_default_variant: onlyDefault,
    options: [optionTitle],
    options_with_values: [
      { name: optionTitle, position: 1, values: product.variants.map((v) => v.title), selected_value: current.title },
    ],
    collections: product.collections.map((handle) => ({ handle, url: `/collections/${handle}` })),
    metafields: {},
  };
}

export function collectionObject(collection: StoreCollection) {
  return {
    handle: collection.handle,
    title: collection.title,
    url: `/collections/${collection.handle}`,
    products: collection.products.map((p) => productObject(p)),
    products_count: collection.products.length,
    all_products_count: collection.products.length,
    description: "",
  };
}

/** Shopify's `cart`, from the same JSON `/cart.js` answers. */
export function cartObject(store: StoreData, cart: CartJson) {
  const items = cart.items.map((item) => {
    const found = store.variantById.get(item.variant_id)!;
    return {
      ...item,
      product: productObject(found.product, found.variant.id),
      variant: variantObject(found.product, found.variant),
      image: item.featured_image,
      unit_price: item.price,
    };
  });
  return {
    ...cart,
    items,
    currency: { iso_code: cart.currency, symbol: "$", name: "United States Dollar" },
    "empty?": cart.item_count === 0,
  };
}

export function customerObject(customer: StoreCustomer | null) {
  if (!customer) return null;
  const company = customer.company ? { id: 1, name: customer.company } : null;
  return {
    id: customer.id,
    first_name: customer.firstName,
    last_name: "Demo",
    name: `${customer.firstName} Demo`,
    email: `${customer.kind}-shopper@example.com`,
    tags: customer.tags,
    orders_count: customer.ordersCount,
    total_spent: customer.totalSpent,
    has_account: true,
    accepts_marketing: customer.tags.includes("newsletter"),
    "b2b?": company !== null,
    current_company: company,
    company_available_locations: company ? [{ id: 1, name: company.name }] : [],
  };
}

export interface RequestFacts {
  origin: string;
  path: string;
  pageType: string;
}

/** The objects every page has: shop, localization, request, routes, template, settings. */
export function globalObjects(store: StoreData, request: RequestFacts) {
  const host = new URL(request.origin).host;
  const currency = { iso_code: store.currency, symbol: "$", name: "United States Dollar" };
  return {
    shop: {
      id: 1,
      name: store.name,
      permanent_domain: store.domain,
      domain: host,
      url: request.origin,
      secure_url: request.origin,
      currency: store.currency,
      money_format: MONEY_FORMAT,
      money_with_currency_format: MONEY_WITH_CURRENCY_FORMAT,
      enabled_currencies: [currency],
      customer_accounts_enabled: true,
      metafields: {},
    },
    localization: {
      country: { iso_code: "US", name: "United States", currency },
      language: { iso_code: "en", name: "English", primary: true, root_url: "/" },
      market: { id: 1, handle: "us" },
      available_countries: [{ iso_code: "US", name: "United States", currency }],
      available_languages: [{ iso_code: "en", name: "English", primary: true, root_url: "/" }],
    },
    request: {
      host,
      origin: request.origin,
      path: request.path,
      page_type: request.pageType,
      locale: { iso_code: "en", name: "English", primary: true, root_url: "/" },
      design_mode: false,
      visual_preview_mode: false,
    },
    routes: {
      root_url: "/",
      account_url: "/account",
      account_login_url: "/account/login",
      account_logout_url: "/account/logout",
      cart_url: "/cart",
      cart_add_url: "/cart/add",
      cart_change_url: "/cart/change",
      cart_clear_url: "/cart/clear",
      cart_update_url: "/cart/update",
      collections_url: "/collections",
      all_products_collection_url: "/collections/all",
      search_url: "/search",
      product_recommendations_url: "/recommendations/products",
      predictive_search_url: "/search/suggest",
    },
    template: new TemplateDrop(request.pageType),
    settings: {},
    app: { metafields: {} },
    canonical_url: request.origin + request.path,
  };
}
