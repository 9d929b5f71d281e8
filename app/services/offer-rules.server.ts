/** Managing a shop's offer rules: list with performance, edit, save (validated), delete. */
import { catalogFacets, productOptions, type CatalogFacets, type ProductOption } from "../adapters/catalog.server";
import {
  deleteRule,
  findRule,
  insertRule,
  listRules,
  rulePerformance,
  updateRule,
  type RulePerformance,
} from "../adapters/offer-rules.server";
import { validateRule, type Rule } from "../domain/offers";
import { fieldErrors } from "../schemas/form-errors";
import { ruleInputSchema, toRule } from "../schemas/rules";
import { timeZoneLabel, utcToZonedInput } from "../schemas/zoned-time";
import { NotFoundError, ValidationError } from "./errors";
import { offerDiscountOverflow, syncOfferDiscount } from "./offer-discount-sync.server";
import { listPersonas } from "./personas.server";
import { shopChanged } from "./shop-changes.server";
import { shopCurrency, shopLocale } from "./shop-settings.server";

const PERFORMANCE_DAYS = 30;

export interface RuleSummary {
  rule: Rule;
  offered: string;
  performance: RulePerformance;
}

/** The rules list: every rule with what it offers and its last 30 days. */
export async function listRulesOverview(shop: string, now: Date): Promise<{ rules: RuleSummary[]; currency: string }> {
  const since = new Date(now.getTime() - PERFORMANCE_DAYS * 86_400_000);
  const [rules, performance, currency] = await Promise.all([
    listRules(shop),
    rulePerformance(shop, since),
    shopCurrency(shop),
  ]);
  const named = await productOptions(
    shop,
    rules.flatMap((r) => (r.offer.type === "products" ? r.offer.productIds : [])),
  );
  const titles = new Map(named.map((p) => [p.id, p.title]));
  return {
    currency,
    rules: rules.map((rule) => ({
      rule,
      offered:
        rule.offer.type === "automatic"
          ? `Automatic: top ${rule.offer.limit ?? 3} recommendations`
          : rule.offer.productIds.map((id) => titles.get(id) ?? "(deleted product)").join(", "),
      performance: performance.get(rule.id) ?? { impressions: 0, adds: 0, purchases: 0, revenueMinor: 0 },
    })),
  };
}

export interface RuleEditorData {
  rule: Rule | null;
  currency: string;
  /** The shop's IANA zone: the schedule is entered and shown in it, whatever the browser's. */
  timeZone: string;
  /** e.g. "Asia/Tokyo (GMT+9)", its offset now. */
  timeZoneLabel: string;
  /** The rule's schedule as the datetime-local fields show it, in the shop's zone ("" for none). */
  schedule: { startsAt: string; endsAt: string };
  facets: CatalogFacets;
  personas: { id: string; name: string }[];
  /** The products the rule names (offer and conditions), for the picker's selected chips. */
  selectedProducts: ProductOption[];
}

/** What the editor needs for a new rule (`id` = "new") or an existing one of this shop. */
export async function getRuleEditor(shop: string, id: string, now: Date): Promise<RuleEditorData> {
  const rule = id === "new" ? null : await findRule(shop, id);
  if (id !== "new" && !rule) throw new NotFoundError("rule");
  const [locale, facets, personas] = await Promise.all([shopLocale(shop), catalogFacets(shop), listPersonas(shop)]);
  const named = rule ? namedProductIds(rule) : [];
  const zone = locale.timezone;
  return {
    rule,
    currency: locale.currency,
    timeZone: zone,
    timeZoneLabel: timeZoneLabel(zone, now),
    schedule: {
      startsAt: utcToZonedInput(rule?.schedule?.startsAt, zone),
      endsAt: utcToZonedInput(rule?.schedule?.endsAt, zone),
    },
    facets,
    personas: personas.map((p) => ({ id: p.id, name: p.name })),
    selectedProducts: named.length > 0 ? await productOptions(shop, named) : [],
  };
}

/**
 * Validates and stores a rule (new when `id` is null); throws ValidationError with field errors.
 * Schedule times without an offset are read in the shop's timezone, here on the server.
 */
export async function saveRule(shop: string, id: string | null, payload: unknown): Promise<Rule> {
  const { currency, timezone } = await shopLocale(shop);
  const parsed = ruleInputSchema(currency, timezone).safeParse(payload);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const rule = toRule(id ?? "new", parsed.data);
  try {
    validateRule(rule);
  } catch (error) {
    throw new ValidationError({ "": (error as Error).message });
  }
  const { id: _ignored, ...fields } = rule;
  // Checked before storing: a rule whose discount Shopify could not hold must not be saved.
  const overflow = await offerDiscountOverflow(shop, id, fields, currency);
  if (overflow) throw new ValidationError(overflow);
  let saved = rule;
  if (id === null) saved = await insertRule(shop, fields);
  else if (!(await updateRule(shop, id, fields))) throw new NotFoundError("rule");
  await afterRulesChanged(shop);
  return saved;
}

export async function removeRule(shop: string, id: string): Promise<void> {
  if (!(await deleteRule(shop, id))) throw new NotFoundError("rule");
  await afterRulesChanged(shop);
}

// The storefront's caches drop the shop's rules, and the checkout discount gets their discounts: a
// write only when the configuration changed, and a failed one leaves the rules saved and is retried.
async function afterRulesChanged(shop: string): Promise<void> {
  shopChanged(shop);
  await syncOfferDiscount(shop);
}

function namedProductIds(rule: Rule): string[] {
  const ids = rule.offer.type === "products" ? [...rule.offer.productIds] : [];
  for (const condition of rule.conditions) {
    if (condition.type === "product_in_view" || condition.type === "product_in_cart") ids.push(...condition.productIds);
  }
  return [...new Set(ids)];
}
