/**
 * The rule editor's payload → a domain rule. Money arrives as decimal strings in the shop's
 * currency and leaves as integer minor units; every refusal names its field path.
 */
import { z } from "zod";
import { OFFER_KINDS, SURFACES, type Condition, type Rule } from "../domain/offers";
import { checkRange, moneyField } from "./fields";
import { zonedInputToUtc } from "./zoned-time";

/** The shop's distinct product types, vendors, tags and collections: the rule conditions' pick lists. */
export interface CatalogFacets {
  productTypes: string[];
  vendors: string[];
  tags: string[];
  collections: string[];
}

const ids = (what: string) =>
  z.array(z.string().min(1)).min(1, `choose at least one ${what}`).max(50, `at most 50 ${what}s`);
const words = (what: string) =>
  z.array(z.string().trim().min(1)).min(1, `enter at least one ${what}`).max(50, `at most 50 ${what}s`);

function conditionSchema(currency: string) {
  return z.discriminatedUnion("type", [
    z.object({ type: z.literal("product_in_view"), productIds: ids("product") }),
    z.object({ type: z.literal("product_in_cart"), productIds: ids("product") }),
    z.object({ type: z.literal("variant_in_cart"), variantIds: ids("variant") }),
    z.object({ type: z.literal("collection_in_view"), handles: words("collection") }),
    z.object({ type: z.literal("collection_in_cart"), handles: words("collection") }),
    z.object({ type: z.literal("tag_in_view"), tags: words("tag") }),
    z.object({ type: z.literal("tag_in_cart"), tags: words("tag") }),
    z.object({ type: z.literal("product_type_in_view"), productTypes: words("product type") }),
    z.object({ type: z.literal("product_type_in_cart"), productTypes: words("product type") }),
    z.object({ type: z.literal("vendor_in_view"), vendors: words("vendor") }),
    z.object({ type: z.literal("vendor_in_cart"), vendors: words("vendor") }),
    z
      .object({ type: z.literal("cart_subtotal"), min: moneyField(currency), max: moneyField(currency) })
      .superRefine(checkRange)
      .transform(({ min, max }) => ({ type: "cart_subtotal" as const, minMinor: min, maxMinor: max })),
    z.object({ type: z.literal("persona"), personaIds: ids("persona") }),
    z.object({ type: z.literal("customer_tag"), tags: words("tag") }),
  ]);
}

function discountSchema(currency: string) {
  return z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("none") }),
      z.object({
        type: z.literal("percentage"),
        value: z.coerce
          .number({ error: "enter a percentage" })
          .min(1, "at least 1%")
          .max(100, "at most 100%")
          .refine((v) => Math.round(v * 100) === v * 100, "at most two decimals"),
      }),
      z.object({
        type: z.literal("fixed_amount"),
        amount: moneyField(currency).refine((v) => v !== undefined && v > 0, `enter an amount like 5.00 (${currency})`),
      }),
    ])
    .transform((d): Rule["discount"] => {
      if (d.type === "none") return undefined;
      if (d.type === "percentage") return { type: "percentage", value: d.value };
      return { type: "fixed_amount", amountMinor: d.amount ?? 0 };
    });
}

const instant = z.iso.datetime({ offset: true });

/**
 * A schedule bound: the editor's "YYYY-MM-DDTHH:mm" is a wall-clock time in the shop's zone
 * (whatever the browser's); an ISO timestamp with its offset is taken as the instant it names.
 */
function scheduleTime(timeZone: string) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return undefined;
      const zoned = zonedInputToUtc(value, timeZone);
      if (zoned.ok) return zoned.iso;
      if (zoned.reason === "nonexistent") {
        const shown = value.replace("T", " ");
        ctx.addIssue({ code: "custom", message: `${shown} does not exist in ${timeZone} (the clocks skip it)` });
        return z.NEVER;
      }
      if (instant.safeParse(value).success) return new Date(value).toISOString();
      ctx.addIssue({ code: "custom", message: "enter a date and time" });
      return z.NEVER;
    })
    .optional();
}

/** The editor's payload for one rule, in the shop's currency and (for its schedule) timezone. */
export function ruleInputSchema(currency: string, timeZone: string) {
  return z
    .object({
      name: z.string().trim().min(1, "give the rule a name").max(80, "at most 80 characters"),
      active: z.boolean(),
      priority: z.coerce.number().int("a whole number").min(-1000).max(1000),
      kind: z.enum(OFFER_KINDS as [Rule["kind"], ...Rule["kind"][]], {
        error: "choose upsell, cross-sell or down-sell",
      }),
      surfaces: z
        .array(z.enum(SURFACES as [Rule["surfaces"][number], ...Rule["surfaces"]]))
        .min(1, "choose at least one place to show the offer"),
      conditions: z.array(conditionSchema(currency)).max(20, "at most 20 conditions"),
      offer: z.discriminatedUnion("type", [
        z.object({ type: z.literal("products"), productIds: ids("product").max(10, "at most 10 products") }),
        z.object({ type: z.literal("automatic"), limit: z.coerce.number().int().min(1).max(10) }),
      ]),
      discount: discountSchema(currency),
      startsAt: scheduleTime(timeZone),
      endsAt: scheduleTime(timeZone),
    })
    .refine((r) => !r.startsAt || !r.endsAt || r.startsAt < r.endsAt, {
      message: "ends before it starts",
      path: ["endsAt"],
    });
}

export type RuleInput = z.output<ReturnType<typeof ruleInputSchema>>;

/** The domain rule a validated payload describes (the id comes from storage). */
export function toRule(id: string, input: RuleInput): Rule {
  return {
    id,
    name: input.name,
    active: input.active,
    priority: input.priority,
    kind: input.kind,
    surfaces: input.surfaces,
    conditions: input.conditions as Condition[],
    offer: input.offer,
    ...(input.discount ? { discount: input.discount } : {}),
    ...(input.startsAt || input.endsAt ? { schedule: { startsAt: input.startsAt, endsAt: input.endsAt } } : {}),
  };
}
