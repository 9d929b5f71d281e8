/**
 * The AJAX Cart API's cart, emulated: lines keyed like Shopify's (`variantId:hash of the
 * properties`), add/change/update/clear with Shopify's error answers, and the `/cart.js` JSON
 * shape. Pure: prices and stock come from the demo catalog passed in; nothing from the client.
 */
import { createHash } from "node:crypto";
import type { StoreData, StoreProduct, StoreVariant } from "./shop-data";

export type Properties = Record<string, string>;

export interface CartLine {
  key: string;
  variantId: number;
  quantity: number;
  properties: Properties;
}

export interface Cart {
  token: string;
  note: string;
  attributes: Properties;
  lines: CartLine[];
}

/** An error the AJAX API answers with `{status, message, description}`. */
export class CartError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    readonly description: string,
    readonly title = status === 400 ? "Parameter Missing or Invalid" : "Cart Error",
  ) {
    super(description);
  }

  toJSON() {
    return {
      status: this.status === 400 ? "bad_request" : this.status,
      message: this.title,
      description: this.description,
    };
  }
}

export interface AddItem {
  id: number;
  quantity: number;
  properties: Properties;
}

export function emptyCart(token: string): Cart {
  return { token, note: "", attributes: {}, lines: [] };
}

/** Shopify's line key: the variant id and a hash of the line's properties. */
export function lineKey(variantId: number, properties: Properties): string {
  const sorted = Object.keys(properties)
    .sort()
    .map((k) => [k, properties[k]]);
  return `${variantId}:${createHash("md5").update(JSON.stringify(sorted)).digest("hex")}`;
}

function findVariant(store: StoreData, id: number) {
  const found = store.variantById.get(id);
  if (!found) throw new CartError(422, "Cannot find variant");
  return found;
}

function itemTitle(product: StoreProduct, variant: StoreVariant): string {
  return variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`;
}

function checkStock(store: StoreData, variantId: number, wanted: number): void {
  const { product, variant } = findVariant(store, variantId);
  if (!variant.available) throw new CartError(422, `The product '${itemTitle(product, variant)}' is already sold out.`);
  if (wanted > variant.inventory)
    throw new CartError(422, `You can only add ${variant.inventory} of ${itemTitle(product, variant)} to the cart.`);
}

function quantityInCart(cart: Cart, variantId: number, exceptKey?: string): number {
  return cart.lines.filter((l) => l.variantId === variantId && l.key !== exceptKey).reduce((s, l) => s + l.quantity, 0);
}

/** `/cart/add.js`: adds each item (merging with a line of the same variant and properties). */
export function addItems(store: StoreData, cart: Cart, items: AddItem[]): { cart: Cart; added: string[] } {
  if (items.length === 0) throw new CartError(400, "Required parameter missing or invalid: items");
  let lines = [...cart.lines];
  const added: string[] = [];
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1) continue;
    const key = lineKey(item.id, item.properties);
    const next = { ...cart, lines };
    checkStock(store, item.id, quantityInCart(next, item.id) + item.quantity);
    const existing = lines.find((l) => l.key === key);
    lines = existing
      ? lines.map((l) => (l.key === key ? { ...l, quantity: l.quantity + item.quantity } : l))
      : [...lines, { key, variantId: item.id, quantity: item.quantity, properties: item.properties }];
    added.push(key);
  }
  return { cart: { ...cart, lines }, added };
}

export interface ChangeRequest {
  /** A line key or a variant id (the first line of that variant). */
  id?: string | number;
  /** 1-based line number. */
  line?: number;
  quantity?: number;
  properties?: Properties;
}

function lineIndexFor(cart: Cart, request: ChangeRequest): number {
  if (request.line !== undefined) {
    const index = request.line - 1;
    if (Number.isInteger(index) && index >= 0 && index < cart.lines.length) return index;
  } else if (request.id !== undefined) {
    const id = String(request.id);
    const index = id.includes(":")
      ? cart.lines.findIndex((l) => l.key === id)
      : cart.lines.findIndex((l) => String(l.variantId) === id);
    if (index >= 0) return index;
  }
  throw new CartError(400, "no valid id or line parameter", "no valid id or line parameter");
}

/** `/cart/change.js`: sets one line's quantity (0 removes it) and optionally its properties. */
export function changeLine(store: StoreData, cart: Cart, request: ChangeRequest): Cart {
  const index = lineIndexFor(cart, request);
  const line = cart.lines[index] as CartLine;
  const quantity = request.quantity ?? line.quantity;
  if (!Number.isInteger(quantity) || quantity < 0)
    throw new CartError(400, "Required parameter missing or invalid: quantity");
  if (quantity === 0) return { ...cart, lines: cart.lines.filter((_, i) => i !== index) };
  const properties = request.properties ?? line.properties;
  if (quantity > line.quantity)
    checkStock(store, line.variantId, quantityInCart(cart, line.variantId, line.key) + quantity);
  const key = lineKey(line.variantId, properties);
  const lines = cart.lines.map((l, i) => (i === index ? { ...l, key, quantity, properties } : l));
  return { ...cart, lines };
}

export interface UpdateRequest {
  /** By line key or variant id, or one quantity per line in order. */
  updates?: Record<string, number> | number[];
  note?: string;
  attributes?: Properties;
}

/** `/cart/update.js`: several quantities at once (an unknown variant id is added), note, attributes. */
export function updateCart(store: StoreData, cart: Cart, request: UpdateRequest): Cart {
  let next: Cart = {
    ...cart,
    note: request.note ?? cart.note,
    attributes: { ...cart.attributes, ...request.attributes },
  };
  const updates = request.updates ?? {};
  const entries: [string | number, number][] = Array.isArray(updates)
    ? updates.map((quantity, i) => [next.lines[i]?.key ?? "", quantity])
    : Object.entries(updates);
  for (const [id, quantity] of entries) {
    const known = next.lines.some((l) => l.key === id || String(l.variantId) === String(id));
    if (known) next = changeLine(store, next, { id, quantity });
    else if (quantity > 0) next = addItems(store, next, [{ id: Number(id), quantity, properties: {} }]).cart;
  }
  return next;
}

export function clearCart(cart: Cart): Cart {
  return { ...cart, lines: [], note: "", attributes: {} };
}
