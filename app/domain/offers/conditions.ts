/** Rule conditions: one small predicate per condition type over precomputed facts. */
import { DomainError } from "./errors";
import type { SnapshotFacts } from "./facts";
import type { Condition } from "./types";

/** Whether one rule condition holds; `personaId` is the persona matched for this shopper. */
export function evaluateCondition(condition: Condition, facts: SnapshotFacts, personaId: string | null): boolean {
  switch (condition.type) {
    case "product_in_view":
      return anyIn(condition.productIds, facts.view.productIds);
    case "product_in_cart":
      return anyIn(condition.productIds, facts.cart.productIds);
    case "variant_in_cart":
      return anyIn(condition.variantIds, facts.cart.variantIds);
    case "collection_in_view":
      return anyIn(condition.handles, facts.view.collections);
    case "collection_in_cart":
      return anyIn(condition.handles, facts.cart.collections);
    case "tag_in_view":
      return anyTagIn(condition.tags, facts.view.tags);
    case "tag_in_cart":
      return anyTagIn(condition.tags, facts.cart.tags);
    case "product_type_in_view":
      return anyIn(condition.productTypes, facts.view.productTypes);
    case "product_type_in_cart":
      return anyIn(condition.productTypes, facts.cart.productTypes);
    case "vendor_in_view":
      return anyIn(condition.vendors, facts.view.vendors);
    case "vendor_in_cart":
      return anyIn(condition.vendors, facts.cart.vendors);
    case "cart_subtotal":
      return inRange(facts.snapshot.context.cartSubtotalMinor, condition.minMinor, condition.maxMinor);
    case "persona":
      return personaId !== null && condition.personaIds.includes(personaId);
    case "customer_tag":
      return anyTagIn(condition.tags, facts.customerTags);
    default:
      return unknownCondition(condition);
  }
}

/** Whether every condition holds (an empty list always holds). */
export function allConditionsHold(conditions: Condition[], facts: SnapshotFacts, personaId: string | null): boolean {
  for (const condition of conditions) {
    if (!evaluateCondition(condition, facts, personaId)) return false;
  }
  return true;
}

/** Inclusive range check; a missing bound is open. */
export function inRange(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function anyIn(values: readonly string[], set: ReadonlySet<string>): boolean {
  if (set.size === 0) return false;
  for (const value of values) if (set.has(value)) return true;
  return false;
}

function anyTagIn(tags: readonly string[], set: ReadonlySet<string>): boolean {
  if (set.size === 0) return false;
  for (const tag of tags) if (set.has(tag.toLowerCase())) return true;
  return false;
}

function unknownCondition(condition: never): never {
  const type = (condition as { type?: unknown }).type;
  throw new DomainError("invalid_rule", `unknown rule condition "${String(type)}"`);
}
