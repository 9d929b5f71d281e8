/**
 * The rule editor's working copy: text fields stay text while the merchant types; `toRulePayload`
 * turns it into what `ruleInputSchema` validates on the server. Schedule fields hold wall-clock
 * times in the shop's timezone: the server converts them both ways, never the browser.
 */
import type { Condition, OfferKind, Rule, Surface } from "../domain/offers";
import { formatMoneyInput } from "../schemas/money";
import type { PickedProduct } from "./product-picker";

export type ConditionType = Condition["type"];

/** One condition row: every field a row type may use; `toRulePayload` keeps the relevant ones. */
export interface ConditionDraft {
  key: number;
  type: ConditionType;
  products: PickedProduct[];
  text: string;
  personaIds: string[];
  min: string;
  max: string;
}

export interface RuleDraft {
  name: string;
  active: boolean;
  priority: string;
  kind: OfferKind;
  surfaces: Surface[];
  conditions: ConditionDraft[];
  offerType: "products" | "automatic";
  offerProducts: PickedProduct[];
  automaticLimit: string;
  discountType: "none" | "percentage" | "fixed_amount";
  discountValue: string;
  startsAt: string;
  endsAt: string;
}

export const LIST_FIELD: Partial<Record<ConditionType, string>> = {
  variant_in_cart: "variantIds",
  collection_in_view: "handles",
  collection_in_cart: "handles",
  tag_in_view: "tags",
  tag_in_cart: "tags",
  product_type_in_view: "productTypes",
  product_type_in_cart: "productTypes",
  vendor_in_view: "vendors",
  vendor_in_cart: "vendors",
  customer_tag: "tags",
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type RulePayload = { [key: string]: Json };

let nextKey = 1;

export function emptyCondition(type: ConditionType = "product_type_in_view"): ConditionDraft {
  return { key: nextKey++, type, products: [], text: "", personaIds: [], min: "", max: "" };
}

export function newRuleDraft(): RuleDraft {
  return {
    name: "",
    active: true,
    priority: "0",
    kind: "cross_sell",
    surfaces: ["cart"],
    conditions: [],
    offerType: "automatic",
    offerProducts: [],
    automaticLimit: "3",
    discountType: "none",
    discountValue: "",
    startsAt: "",
    endsAt: "",
  };
}

/** The datetime-local values of a rule's schedule, in the shop's timezone ("" for none). */
export interface ScheduleInput {
  startsAt: string;
  endsAt: string;
}

/**
 * The editor's copy of a stored rule; `titles` names the products it refers to, and `schedule`
 * is its schedule as the loader put it in the shop's timezone.
 */
export function ruleToDraft(
  rule: Rule,
  currency: string,
  titles: Map<string, string>,
  schedule: ScheduleInput,
): RuleDraft {
  const picked = (ids: string[]) => ids.map((id) => ({ id, title: titles.get(id) ?? id }));
  const discount = rule.discount;
  return {
    name: rule.name,
    active: rule.active,
    priority: String(rule.priority),
    kind: rule.kind,
    surfaces: rule.surfaces,
    conditions: rule.conditions.map((c) => conditionToDraft(c, currency, picked)),
    offerType: rule.offer.type,
    offerProducts: rule.offer.type === "products" ? picked(rule.offer.productIds) : [],
    automaticLimit: rule.offer.type === "automatic" ? String(rule.offer.limit ?? 3) : "3",
    discountType: discount?.type ?? "none",
    discountValue: !discount
      ? ""
      : discount.type === "percentage"
        ? String(discount.value)
        : formatMoneyInput(discount.amountMinor, currency),
    startsAt: schedule.startsAt,
    endsAt: schedule.endsAt,
  };
}

function conditionToDraft(c: Condition, currency: string, picked: (ids: string[]) => PickedProduct[]): ConditionDraft {
  const draft = emptyCondition(c.type);
  switch (c.type) {
    case "product_in_view":
    case "product_in_cart":
      return { ...draft, products: picked(c.productIds) };
    case "persona":
      return { ...draft, personaIds: c.personaIds };
    case "cart_subtotal":
      return {
        ...draft,
        min: c.minMinor === undefined ? "" : formatMoneyInput(c.minMinor, currency),
        max: c.maxMinor === undefined ? "" : formatMoneyInput(c.maxMinor, currency),
      };
    default: {
      const field = LIST_FIELD[c.type]!;
      return { ...draft, text: ((c as unknown as Record<string, string[]>)[field] ?? []).join(", ") };
    }
  }
}

/** What the server's schema validates (money stays a decimal string; the server knows the currency). */
export function toRulePayload(draft: RuleDraft): RulePayload {
  return {
    name: draft.name,
    active: draft.active,
    priority: draft.priority,
    kind: draft.kind,
    surfaces: draft.surfaces,
    conditions: draft.conditions.map(conditionPayload),
    offer:
      draft.offerType === "products"
        ? { type: "products", productIds: draft.offerProducts.map((p) => p.id) }
        : { type: "automatic", limit: draft.automaticLimit },
    discount:
      draft.discountType === "none"
        ? { type: "none" }
        : draft.discountType === "percentage"
          ? { type: "percentage", value: draft.discountValue }
          : { type: "fixed_amount", amount: draft.discountValue },
    // As typed: wall-clock times in the shop's timezone, which the server knows and applies.
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
  };
}

function conditionPayload(c: ConditionDraft): Record<string, string | string[]> {
  if (c.type === "product_in_view" || c.type === "product_in_cart")
    return { type: c.type, productIds: c.products.map((p) => p.id) };
  if (c.type === "persona") return { type: c.type, personaIds: c.personaIds };
  if (c.type === "cart_subtotal") return { type: c.type, min: c.min, max: c.max };
  return { type: c.type, [LIST_FIELD[c.type]!]: splitList(c.text) };
}

/** "a, b,, c " → ["a", "b", "c"]: how list conditions are typed into one field. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
