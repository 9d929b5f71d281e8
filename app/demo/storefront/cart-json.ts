/** The `/cart.js` answer, in the shape Shopify's AJAX Cart API gives it (amounts in cents). */
import type { Cart, CartLine } from "./cart";
import type { StoreData } from "./shop-data";

export interface LineItemJson {
  id: number;
  key: string;
  properties: Record<string, string>;
  quantity: number;
  variant_id: number;
  product_id: number;
  title: string;
  product_title: string;
  variant_title: string | null;
  price: number;
  original_price: number;
  discounted_price: number;
  final_price: number;
  line_price: number;
  original_line_price: number;
  final_line_price: number;
  total_discount: number;
  discounts: never[];
  line_level_discount_allocations: never[];
  line_level_total_discount: number;
  sku: string;
  vendor: string;
  handle: string;
  url: string;
  image: string;
  featured_image: { url: string; alt: string; width: number; height: number; aspect_ratio: number };
  product_type: string;
  product_has_only_default_variant: boolean;
  options_with_values: { name: string; value: string }[];
  variant_options: string[];
  requires_shipping: boolean;
  taxable: boolean;
  gift_card: boolean;
  grams: number;
}

export interface CartJson {
  token: string;
  note: string;
  attributes: Record<string, string>;
  original_total_price: number;
  total_price: number;
  total_discount: number;
  total_weight: number;
  item_count: number;
  items: LineItemJson[];
  requires_shipping: boolean;
  currency: string;
  items_subtotal_price: number;
  cart_level_discount_applications: never[];
}

/** The option name Shopify would show for a demo variant title. */
export function optionName(title: string): string {
  if (/^\d/.test(title)) return "Size";
  if (title.startsWith("For ")) return "Covers";
  return /^(Classic|Intense|Decaf)$/.test(title) ? "Flavour" : "Color";
}

const DIGITAL = new Set(["Digital", "Warranty"]);

export function lineItemJson(store: StoreData, line: CartLine): LineItemJson {
  const found = store.variantById.get(line.variantId);
  if (!found) throw new Error(`cart line of unknown variant ${line.variantId}`);
  const { product, variant } = found;
  const isDefault = variant.title === "Default Title";
  const linePrice = variant.price * line.quantity;
  const physical = !DIGITAL.has(product.productType);
  return {
    id: variant.id,
    key: line.key,
    properties: line.properties,
    quantity: line.quantity,
    variant_id: variant.id,
    product_id: product.id,
    title: isDefault ? product.title : `${product.title} - ${variant.title}`,
    product_title: product.title,
    variant_title: isDefault ? null : variant.title,
    price: variant.price,
    original_price: variant.price,
    discounted_price: variant.price,
    final_price: variant.price,
    line_price: linePrice,
    original_line_price: linePrice,
    final_line_price: linePrice,
    total_discount: 0,
    discounts: [],
    line_level_discount_allocations: [],
    line_level_total_discount: 0,
    sku: variant.sku,
    vendor: product.vendor,
    handle: product.handle,
    url: `/products/${product.handle}?variant=${variant.id}`,
    image: product.image,
    featured_image: { url: product.image, alt: product.title, width: 800, height: 800, aspect_ratio: 1 },
    product_type: product.productType,
    product_has_only_default_variant: isDefault,
    options_with_values: isDefault
      ? [{ name: "Title", value: variant.title }]
      : [{ name: optionName(variant.title), value: variant.title }],
    variant_options: [variant.title],
    requires_shipping: physical,
    taxable: true,
    gift_card: false,
    grams: physical ? 1000 : 0,
  };
}

export function cartJson(store: StoreData, cart: Cart): CartJson {
  const items = cart.lines.filter((l) => store.variantById.has(l.variantId)).map((l) => lineItemJson(store, l));
  const total = items.reduce((sum, item) => sum + item.final_line_price, 0);
  return {
    token: cart.token,
    note: cart.note,
    attributes: cart.attributes,
    original_total_price: total,
    total_price: total,
    total_discount: 0,
    total_weight: items.reduce((sum, item) => sum + item.grams * item.quantity, 0),
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items,
    requires_shipping: items.some((item) => item.requires_shipping),
    currency: store.currency,
    items_subtotal_price: total,
    cart_level_discount_applications: [],
  };
}
