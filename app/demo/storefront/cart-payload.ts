/**
 * What the AJAX Cart API accepts, read from a JSON body or a form post (urlencoded or
 * multipart, as a theme's `<form action="/cart/add">` sends), in Shopify's parameter names:
 * `id`, `quantity`, `properties[key]`, `items[0][id]`, `updates[key]`, `updates[]`, `line`, `note`,
 * `attributes[key]`, `sections`.
 */
import { CartError, type AddItem, type ChangeRequest, type Properties, type UpdateRequest } from "./cart";

export type Payload = Record<string, unknown>;

/** `a[b][c]=v` form fields as nested objects (`[]` appends to an array). */
export function formToPayload(form: Iterable<[string, unknown]>): Payload {
  const out: Payload = {};
  for (const [name, raw] of form) {
    if (typeof raw !== "string") continue;
    const path = name.split(/\[|\]\[|\]/).filter((p, i) => i === 0 || p !== "" || name.endsWith("[]"));
    let node: Record<string, unknown> | unknown[] = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string, unknown>;
      if (Array.isArray(node) && part === "") {
        if (last) node.push(raw);
        return;
      }
      if (last) {
        container[part] = raw;
        return;
      }
      const nextIsArray = path[i + 1] === "";
      container[part] ??= nextIsArray ? [] : {};
      node = container[part] as Record<string, unknown>;
    });
  }
  return out;
}

const toInt = (value: unknown): number | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : NaN;
};

function toProperties(value: unknown): Properties {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Properties = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function toItem(value: unknown): AddItem {
  const item = (value ?? {}) as Payload;
  const id = toInt(item.id);
  if (id === undefined || Number.isNaN(id)) throw new CartError(400, "Required parameter missing or invalid: items");
  return { id, quantity: toInt(item.quantity) ?? 1, properties: toProperties(item.properties) };
}

/** The items of `/cart/add.js`, and whether they came as `items` (the answer is then `{items}`). */
export function addPayload(body: Payload): { items: AddItem[]; asList: boolean } {
  if (body.items !== undefined) {
    const list = Array.isArray(body.items) ? body.items : Object.values(body.items as object);
    return { items: list.map(toItem), asList: true };
  }
  return { items: [toItem(body)], asList: false };
}

export function changePayload(body: Payload): ChangeRequest {
  const line = toInt(body.line);
  const quantity = toInt(body.quantity);
  if (Number.isNaN(quantity)) throw new CartError(400, "Required parameter missing or invalid: quantity");
  return {
    ...(line !== undefined ? { line } : body.id !== undefined ? { id: String(body.id) } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(body.properties !== undefined ? { properties: toProperties(body.properties) } : {}),
  };
}

export function updatePayload(body: Payload): UpdateRequest {
  const raw = body.updates;
  let updates: UpdateRequest["updates"];
  if (Array.isArray(raw)) updates = raw.map((q) => toInt(q) ?? 0);
  else if (raw && typeof raw === "object")
    updates = Object.fromEntries(Object.entries(raw).map(([k, q]) => [k, toInt(q) ?? 0]));
  if (Array.isArray(updates) ? updates.some(Number.isNaN) : Object.values(updates ?? {}).some(Number.isNaN))
    throw new CartError(400, "Required parameter missing or invalid: updates");
  return {
    ...(updates ? { updates } : {}),
    ...(typeof body.note === "string" ? { note: body.note } : {}),
    ...(body.attributes ? { attributes: toProperties(body.attributes) } : {}),
  };
}

/** The `sections` parameter: a list or a comma-separated string; Shopify renders at most 5. */
export function sectionIds(body: Payload): string[] {
  const raw = body.sections;
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(",") : [];
  return list
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 5);
}
