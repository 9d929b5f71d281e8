/**
 * An optional index over a shop's rules, built once when the rules are loaded and passed in the
 * snapshot, so that a decision only evaluates rules that can match the facts at hand instead of
 * every rule. Each rule is filed under one of its "any of" conditions (the most selective): if
 * the rule matches, that condition holds, so one of its values is among the facts and the rule is
 * found. Rules with no such condition (only a subtotal range, or none) are always evaluated.
 */
import { DomainError } from "./errors";
import type { SnapshotFacts } from "./facts";
import { SURFACES, type Condition, type Rule, type Surface } from "./types";

/** Which fact a condition's values are looked up in. */
type IndexField =
  | "view_product"
  | "cart_product"
  | "cart_variant"
  | "view_collection"
  | "cart_collection"
  | "view_tag"
  | "cart_tag"
  | "view_type"
  | "cart_type"
  | "view_vendor"
  | "cart_vendor"
  | "customer_tag"
  | "persona";

interface SurfaceIndex {
  always: Rule[];
  byField: Map<IndexField, Map<string, Rule[]>>;
}

/** Rules filed by surface and by one condition's values; rebuild it whenever the rules change. */
export interface RuleIndex {
  /** The array it was built from: a snapshot must carry this very array. */
  readonly rules: readonly Rule[];
  readonly bySurface: Readonly<Record<Surface, SurfaceIndex>>;
}

/** Indexes active rules by surface and by their most selective "any of" condition. */
export function indexRules(rules: Rule[]): RuleIndex {
  const bySurface = {} as Record<Surface, SurfaceIndex>;
  for (const surface of SURFACES) bySurface[surface] = { always: [], byField: new Map() };
  for (const rule of rules) {
    if (!rule.active) continue;
    const key = mostSelective(rule.conditions);
    for (const surface of new Set(rule.surfaces)) {
      const index = bySurface[surface];
      if (!index) continue;
      if (!key) {
        index.always.push(rule);
        continue;
      }
      let byValue = index.byField.get(key.field);
      if (!byValue) index.byField.set(key.field, (byValue = new Map()));
      for (const value of new Set(key.values)) {
        const filed = byValue.get(value);
        if (filed) filed.push(rule);
        else byValue.set(value, [rule]);
      }
    }
  }
  return { rules, bySurface };
}

/** The rules that may match these facts (a superset of those that do), each once. */
export function candidateRules(
  index: RuleIndex,
  rules: Rule[],
  facts: SnapshotFacts,
  personaId: string | null,
): Rule[] {
  if (index.rules !== rules) {
    throw new DomainError("invalid_snapshot", "the rule index was built from other rules; rebuild it with indexRules");
  }
  const { always, byField } = index.bySurface[facts.snapshot.surface];
  const found = new Set<Rule>(always);
  for (const [field, byValue] of byField) {
    for (const value of factValues(field, facts, personaId)) {
      const filed = byValue.get(value);
      if (filed) for (const rule of filed) found.add(rule);
    }
  }
  return [...found];
}

function factValues(field: IndexField, facts: SnapshotFacts, personaId: string | null): Iterable<string> {
  switch (field) {
    case "view_product":
      return facts.view.productIds;
    case "cart_product":
      return facts.cart.productIds;
    case "cart_variant":
      return facts.cart.variantIds;
    case "view_collection":
      return facts.view.collections;
    case "cart_collection":
      return facts.cart.collections;
    case "view_tag":
      return facts.view.tags;
    case "cart_tag":
      return facts.cart.tags;
    case "view_type":
      return facts.view.productTypes;
    case "cart_type":
      return facts.cart.productTypes;
    case "view_vendor":
      return facts.view.vendors;
    case "cart_vendor":
      return facts.cart.vendors;
    case "customer_tag":
      return facts.customerTags;
    case "persona":
      return personaId === null ? [] : [personaId];
    default: {
      const unknown: never = field;
      return unknown;
    }
  }
}

// The indexable condition with the fewest values, so the rule is filed under as few keys as possible.
function mostSelective(conditions: Condition[]): { field: IndexField; values: string[] } | null {
  let best: { field: IndexField; values: string[] } | null = null;
  for (const condition of conditions) {
    const key = indexKey(condition);
    if (key && (!best || key.values.length < best.values.length)) best = key;
  }
  return best;
}

function indexKey(condition: Condition): { field: IndexField; values: string[] } | null {
  const lower = (tags: string[]) => tags.map((tag) => tag.toLowerCase());
  switch (condition.type) {
    case "product_in_view":
      return { field: "view_product", values: condition.productIds };
    case "product_in_cart":
      return { field: "cart_product", values: condition.productIds };
    case "variant_in_cart":
      return { field: "cart_variant", values: condition.variantIds };
    case "collection_in_view":
      return { field: "view_collection", values: condition.handles };
    case "collection_in_cart":
      return { field: "cart_collection", values: condition.handles };
    case "tag_in_view":
      return { field: "view_tag", values: lower(condition.tags) };
    case "tag_in_cart":
      return { field: "cart_tag", values: lower(condition.tags) };
    case "product_type_in_view":
      return { field: "view_type", values: condition.productTypes };
    case "product_type_in_cart":
      return { field: "cart_type", values: condition.productTypes };
    case "vendor_in_view":
      return { field: "view_vendor", values: condition.vendors };
    case "vendor_in_cart":
      return { field: "cart_vendor", values: condition.vendors };
    case "customer_tag":
      return { field: "customer_tag", values: lower(condition.tags) };
    case "persona":
      return { field: "persona", values: condition.personaIds };
    case "cart_subtotal":
      return null;
    default: {
      // An unknown condition is not indexable; evaluation reports it as invalid.
      const unknown: never = condition;
      void unknown;
      return null;
    }
  }
}
