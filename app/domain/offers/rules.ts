/** Which merchant rules apply now, best first, and validation of a rule's shape. */
import { allConditionsHold } from "./conditions";
import { DomainError } from "./errors";
import { toMs, type SnapshotFacts } from "./facts";
import { toBasisPoints } from "./money";
import { candidateRules, type RuleIndex } from "./rule-index";
import { OFFER_KINDS, SURFACES, type Condition, type Rule, type Surface } from "./types";

/** Active rules for this surface whose conditions hold and whose schedule covers now, by priority. */
export function selectRules(rules: Rule[], facts: SnapshotFacts, personaId: string | null, index?: RuleIndex): Rule[] {
  const surface = facts.snapshot.surface;
  const matched: Rule[] = [];
  // With an index only the rules filed under these facts are looked at; the checks are the same.
  const candidates = index ? candidateRules(index, rules, facts, personaId) : rules;
  // Cheapest tests first; the schedule's date parsing only runs for rules that otherwise match.
  for (const rule of candidates) {
    if (!rule.active || !hasSurface(rule.surfaces, surface)) continue;
    if (!allConditionsHold(rule.conditions, facts, personaId)) continue;
    if (!isScheduled(rule, facts.nowMs)) continue;
    validateRule(rule);
    matched.push(rule);
  }
  // Ties go to the id so that the order never depends on how the rules were loaded.
  return matched.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether the rule's schedule covers `nowMs`: from startsAt (inclusive) to endsAt (exclusive). */
export function isScheduled(rule: Rule, nowMs: number): boolean {
  const { schedule } = rule;
  if (!schedule) return true;
  if (schedule.startsAt !== undefined && nowMs < toRuleMs(rule, schedule.startsAt)) return false;
  if (schedule.endsAt !== undefined && nowMs >= toRuleMs(rule, schedule.endsAt)) return false;
  return true;
}

/** Throws `invalid_rule` when a rule cannot be decided from (services also call this on save). */
export function validateRule(rule: Rule): void {
  const problem = ruleProblem(rule);
  if (problem) throw new DomainError("invalid_rule", `rule "${rule.name}": ${problem}`, { ruleId: rule.id });
}

// The first thing wrong with a rule, or null.
function ruleProblem(rule: Rule): string | null {
  if (!OFFER_KINDS.includes(rule.kind)) return `unknown kind "${String(rule.kind)}"`;
  if (!Number.isFinite(rule.priority)) return "priority must be a number";
  for (const surface of rule.surfaces) if (!SURFACES.includes(surface)) return `unknown surface "${String(surface)}"`;
  for (const condition of rule.conditions) {
    const problem = conditionProblem(condition);
    if (problem) return problem;
  }
  const offerProblem = rule.offer.type === "products" ? productsProblem(rule.offer.productIds) : limitProblem(rule);
  if (offerProblem) return offerProblem;
  const discountProblem = rule.discount ? checkDiscount(rule.discount) : null;
  if (discountProblem) return discountProblem;
  const { startsAt, endsAt } = rule.schedule ?? {};
  const startMs = startsAt === undefined ? -Infinity : toRuleMs(rule, startsAt);
  const endMs = endsAt === undefined ? Infinity : toRuleMs(rule, endsAt);
  return startMs >= endMs ? "schedule ends before it starts" : null;
}

function hasSurface(surfaces: Surface[], surface: Surface): boolean {
  for (const s of surfaces) if (s === surface) return true;
  return false;
}

function toRuleMs(rule: Rule, at: Date | string): number {
  try {
    return toMs(at, "schedule");
  } catch {
    throw new DomainError("invalid_rule", `rule "${rule.name}": schedule time ${String(at)} is not a date`, {
      ruleId: rule.id,
    });
  }
}

function conditionProblem(condition: Condition): string | null {
  switch (condition.type) {
    case "cart_subtotal": {
      const { minMinor, maxMinor } = condition;
      if (minMinor === undefined && maxMinor === undefined) return "cart_subtotal needs a minimum or a maximum";
      return minMinor !== undefined && maxMinor !== undefined && minMinor > maxMinor
        ? "cart_subtotal minimum is above its maximum"
        : null;
    }
    case "product_in_view":
    case "product_in_cart":
      return condition.productIds.length === 0 ? `${condition.type} lists no products` : null;
    case "variant_in_cart":
      return condition.variantIds.length === 0 ? "variant_in_cart lists no variants" : null;
    case "collection_in_view":
    case "collection_in_cart":
      return condition.handles.length === 0 ? `${condition.type} lists no collections` : null;
    case "tag_in_view":
    case "tag_in_cart":
    case "customer_tag":
      return condition.tags.length === 0 ? `${condition.type} lists no tags` : null;
    case "product_type_in_view":
    case "product_type_in_cart":
      return condition.productTypes.length === 0 ? `${condition.type} lists no product types` : null;
    case "vendor_in_view":
    case "vendor_in_cart":
      return condition.vendors.length === 0 ? `${condition.type} lists no vendors` : null;
    case "persona":
      return condition.personaIds.length === 0 ? "persona lists no personas" : null;
    default: {
      const unknown: never = condition;
      return `unknown condition "${String((unknown as { type?: unknown }).type)}"`;
    }
  }
}

function productsProblem(productIds: string[]): string | null {
  return productIds.length === 0 ? "offers no products" : null;
}

function limitProblem(rule: Rule): string | null {
  const limit = rule.offer.type === "automatic" ? rule.offer.limit : undefined;
  return limit === undefined || (Number.isInteger(limit) && limit >= 1) ? null : "automatic limit must be ≥ 1";
}

function checkDiscount(discount: NonNullable<Rule["discount"]>): string | null {
  switch (discount.type) {
    case "percentage": {
      const bp = Number.isFinite(discount.value) ? Math.round(discount.value * 100) : NaN;
      if (!(bp >= 100 && bp <= 10_000)) return `percentage discount must be 1–100, got ${discount.value}`;
      try {
        toBasisPoints(discount.value);
        return null;
      } catch {
        return `percentage discount has at most two decimals, got ${discount.value}`;
      }
    }
    case "fixed_amount":
      return Number.isSafeInteger(discount.amountMinor) && discount.amountMinor > 0
        ? null
        : `fixed discount must be a positive whole number of minor units, got ${discount.amountMinor}`;
    default: {
      const unknown: never = discount;
      return `unknown discount "${String((unknown as { type?: unknown }).type)}"`;
    }
  }
}
