/**
 * Personas: the editor's payload → the domain's persona fields, and the stored JSON columns →
 * domain types. Money arrives as decimal strings in the shop's currency and leaves as integer
 * minor units; every refusal names the field path the editor shows it on.
 */
import { z } from "zod";
import { OFFER_KINDS, type Behaviour, type OfferKind, type PersonaCondition, type Surface } from "../domain/offers";
import { checkRange, moneyField } from "./fields";
import { formatMoneyInput } from "./money";

/** Why a shipped persona has no delete: it would be seeded again, and turning it off does the same job. */
export const BUILT_IN_DELETE_MESSAGE =
  "Built-in personas can't be deleted: Cartlift ships them and would add them back. Turn this one off instead.";

/** Every condition type, in the order the editor offers them. */
export const PERSONA_CONDITION_TYPES = [
  "customer_tag",
  "order_count",
  "total_spent",
  "b2b",
  "country",
  "cart_value",
  "behaviour",
  "new_visitor",
] as const satisfies readonly PersonaCondition["type"][];

export const BEHAVIOURS = ["removed_items", "browsed_cheaper"] as const satisfies readonly Behaviour[];

/** Techniques each surface accepts: the cart-removal surface exists to catch a rejection, so only down-sells. */
export const SURFACE_KINDS: Readonly<Record<Surface, readonly OfferKind[]>> = {
  product: OFFER_KINDS,
  cart: OFFER_KINDS,
  cart_removal: ["down_sell"],
  checkout: OFFER_KINDS,
  thank_you: OFFER_KINDS,
};

/** A condition as the editor holds it: amounts and counts are the text in their fields. */
export type PersonaFormCondition =
  | { type: "customer_tag"; tags: string[] }
  | { type: "order_count"; min: string; max: string }
  | { type: "total_spent"; min: string; max: string }
  | { type: "b2b" }
  | { type: "country"; countries: string[] }
  | { type: "cart_value"; min: string; max: string }
  | { type: "behaviour"; anyOf: Behaviour[] }
  | { type: "new_visitor" };

/** What the persona editor submits. */
export type PersonaFormValues = {
  name: string;
  active: boolean;
  conditions: PersonaFormCondition[];
  techniques: Record<Surface, OfferKind[]>;
};

/** Validated persona fields, in domain units. */
export interface PersonaInput {
  name: string;
  active: boolean;
  conditions: PersonaCondition[];
  techniques: Record<Surface, OfferKind[]>;
}

const kind = z.enum(OFFER_KINDS as [OfferKind, ...OfferKind[]]);
const behaviour = z.enum(BEHAVIOURS);

function kindsFor(surface: Surface) {
  const allowed = SURFACE_KINDS[surface];
  return z
    .array(kind)
    .max(OFFER_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "Each technique once")
    .refine((kinds) => kinds.every((k) => allowed.includes(k)), "Only down-sells appear on cart removal");
}

/** Techniques per surface, in preference order (first tried first). */
export const techniquesSchema = z.object({
  product: kindsFor("product"),
  cart: kindsFor("cart"),
  cart_removal: kindsFor("cart_removal"),
  checkout: kindsFor("checkout"),
  thank_you: kindsFor("thank_you"),
}) satisfies z.ZodType<Record<Surface, OfferKind[]>>;

const words = (what: string, max: number) =>
  z
    .array(z.string().trim().min(1, `Empty ${what}`).max(255, `A ${what} has at most 255 characters`))
    .min(1, `Enter at least one ${what}`)
    .max(max, `At most ${max} ${what}s`);

const countries = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Use two-letter country codes, like US or DE"),
  )
  .min(1, "Enter at least one country code")
  .max(250, "At most 250 countries");

// Empty text means "no bound"; anything else must be a whole number, never a float.
const count = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value, ctx) => {
    const text = typeof value === "number" ? String(value) : (value ?? "").trim();
    if (text === "") return undefined;
    const parsed = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (Number.isSafeInteger(parsed)) return parsed;
    ctx.addIssue({ code: "custom", message: "Enter a whole number, 0 or more" });
    return z.NEVER;
  });

function rangeCondition<T extends "total_spent" | "cart_value">(type: T, currency: string) {
  return z
    .object({ type: z.literal(type), min: moneyField(currency), max: moneyField(currency) })
    .superRefine(checkRange)
    .transform(({ min, max }) => ({ type, minMinor: min, maxMinor: max }));
}

function formConditionSchema(currency: string) {
  return z.discriminatedUnion("type", [
    z.object({ type: z.literal("customer_tag"), tags: words("tag", 50) }),
    z
      .object({ type: z.literal("order_count"), min: count, max: count })
      .superRefine(checkRange)
      .transform(({ min, max }) => ({ type: "order_count" as const, min, max })),
    rangeCondition("total_spent", currency),
    z.object({ type: z.literal("b2b") }),
    z.object({ type: z.literal("country"), countries }),
    rangeCondition("cart_value", currency),
    z.object({
      type: z.literal("behaviour"),
      anyOf: z.array(behaviour).min(1, "Choose at least one behaviour").max(BEHAVIOURS.length),
    }),
    z.object({ type: z.literal("new_visitor") }),
  ]);
}

/** The editor's payload → validated persona fields in minor units. */
export function personaInputSchema(currency: string) {
  return z.object({
    name: z.string().trim().min(1, "Enter a name").max(80, "Use 80 characters or fewer"),
    active: z.boolean(),
    conditions: z.array(formConditionSchema(currency)).max(20, "At most 20 conditions"),
    techniques: techniquesSchema,
  }) satisfies z.ZodType<PersonaInput>;
}

const minor = z.number().int().nonnegative().optional();

/** Conditions as stored (domain shape, minor units); guards against rows written by older code. */
export const storedConditionsSchema = z.array(
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("customer_tag"), tags: z.array(z.string()) }),
    z.object({ type: z.literal("order_count"), min: minor, max: minor }),
    z.object({ type: z.literal("total_spent"), minMinor: minor, maxMinor: minor }),
    z.object({ type: z.literal("b2b") }),
    z.object({ type: z.literal("country"), countries: z.array(z.string()) }),
    z.object({ type: z.literal("cart_value"), minMinor: minor, maxMinor: minor }),
    z.object({ type: z.literal("behaviour"), anyOf: z.array(behaviour) }),
    z.object({ type: z.literal("new_visitor") }),
  ]),
) satisfies z.ZodType<PersonaCondition[]>;

const storedKinds = z.array(kind).default([]);

/** Techniques as stored: any technique on any surface, so a shipped persona always loads. */
export const storedTechniquesSchema = z.object({
  product: storedKinds,
  cart: storedKinds,
  cart_removal: storedKinds,
  checkout: storedKinds,
  thank_you: storedKinds,
}) satisfies z.ZodType<Record<Surface, OfferKind[]>>;

/** A domain condition as the editor's fields show it. */
export function toFormCondition(condition: PersonaCondition, currency: string): PersonaFormCondition {
  const text = (value: number | undefined, asMoney: boolean) =>
    value === undefined ? "" : asMoney ? formatMoneyInput(value, currency) : String(value);
  switch (condition.type) {
    case "order_count":
      return { type: condition.type, min: text(condition.min, false), max: text(condition.max, false) };
    case "total_spent":
    case "cart_value":
      return { type: condition.type, min: text(condition.minMinor, true), max: text(condition.maxMinor, true) };
    case "customer_tag":
    case "b2b":
    case "country":
    case "behaviour":
    case "new_visitor":
      return condition;
    default: {
      const unknown: never = condition;
      throw new Error(`unknown persona condition ${JSON.stringify(unknown)}`);
    }
  }
}

/** An empty condition of a type, as the editor adds it. */
export function blankFormCondition(type: PersonaFormCondition["type"]): PersonaFormCondition {
  switch (type) {
    case "customer_tag":
      return { type, tags: [] };
    case "order_count":
    case "total_spent":
    case "cart_value":
      return { type, min: "", max: "" };
    case "country":
      return { type, countries: [] };
    case "behaviour":
      return { type, anyOf: ["removed_items"] };
    case "b2b":
    case "new_visitor":
      return { type };
    default: {
      const unknown: never = type;
      throw new Error(`unknown persona condition type ${String(unknown)}`);
    }
  }
}

/** The personas list's move buttons. */
export const personaMoveSchema = z.object({
  id: z.string().min(1, "Choose a persona"),
  direction: z.enum(["up", "down"], "Move up or down"),
});

/** What the persona editor posts: a save with the form's values, or a delete. */
export const personaActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), persona: z.unknown() }),
  z.object({ intent: z.literal("delete") }),
]);
