/**
 * Personas: ordered shopper segments; the first whose conditions all hold decides which
 * techniques the shopper gets on each surface. Each matched condition explains itself so the
 * merchant can see why ("Persona VIP: spent $1,234.00 over 7 orders").
 */
import { inRange } from "./conditions";
import { DomainError } from "./errors";
import { lookupProduct, type SnapshotFacts } from "./facts";
import { formatMinor } from "./money";
import type { OfferKind, Persona, PersonaCondition, PersonaMatch, Surface } from "./types";

/** Spend at or above this (in minor units of the shop's currency) makes a VIP by default. */
export const VIP_MIN_SPENT_MINOR = 100_000;

const ALL_BUT_REMOVAL: OfferKind[] = ["upsell", "cross_sell", "down_sell"];

/** Techniques when no persona matches: the new-visitor defaults. */
export const DEFAULT_TECHNIQUES: Readonly<Record<Surface, OfferKind[]>> = Object.freeze({
  product: ["upsell", "cross_sell"],
  cart: ["cross_sell"],
  checkout: ["cross_sell"],
  cart_removal: ["down_sell"],
  thank_you: ["cross_sell"],
});

/** The shipped personas, in precedence order; merchants may edit or reorder them. */
export function builtInPersonas(): Persona[] {
  return [
    persona("b2b", "B2B buyer", [{ type: "b2b" }], {
      // Company buyers: a better tier of what they buy, never impulse add-ons.
      product: ["upsell"],
      cart: ["upsell"],
      checkout: ["upsell"],
      cart_removal: [],
      thank_you: ["upsell"],
    }),
    persona("vip", "VIP", [{ type: "total_spent", minMinor: VIP_MIN_SPENT_MINOR }], {
      product: [...ALL_BUT_REMOVAL],
      cart: [...ALL_BUT_REMOVAL],
      checkout: [...ALL_BUT_REMOVAL],
      cart_removal: ["down_sell"],
      thank_you: [...ALL_BUT_REMOVAL],
    }),
    persona("bargain_hunter", "Bargain hunter", [{ type: "behaviour", anyOf: ["removed_items", "browsed_cheaper"] }], {
      product: ["cross_sell", "down_sell"],
      cart: ["down_sell", "cross_sell"],
      checkout: ["cross_sell"],
      cart_removal: ["down_sell"],
      thank_you: ["cross_sell"],
    }),
    persona("returning", "Returning customer", [{ type: "order_count", min: 1 }], {
      product: ["upsell", "cross_sell", "down_sell"],
      cart: ["cross_sell", "upsell", "down_sell"],
      checkout: ["cross_sell", "upsell"],
      cart_removal: ["down_sell"],
      thank_you: ["cross_sell", "upsell"],
    }),
    persona("new_visitor", "New visitor", [], { ...DEFAULT_TECHNIQUES }),
  ];
}

/** The first persona whose conditions all hold, with its explanation; null when none does. */
export function matchPersona(
  personas: Persona[],
  facts: SnapshotFacts,
): { persona: Persona; match: PersonaMatch } | null {
  for (const candidate of personas) {
    const reasons: string[] = [];
    let holds = true;
    for (const condition of candidate.conditions) {
      const reason = explainCondition(condition, facts, candidate);
      if (reason === null) {
        holds = false;
        break;
      }
      reasons.push(reason);
    }
    if (!holds) continue;
    const why = reasons.length > 0 ? reasons.join(", ") : "no earlier persona matched";
    return {
      persona: candidate,
      match: { personaId: candidate.id, name: candidate.name, explanation: `Persona ${candidate.name}: ${why}` },
    };
  }
  return null;
}

/** The techniques a persona allows on a surface, in preference order. */
export function techniquesFor(persona: Persona | null, surface: Surface): readonly OfferKind[] {
  return (persona ? persona.techniques[surface] : DEFAULT_TECHNIQUES[surface]) ?? [];
}

/** Whether the persona is for company buyers (it requires the B2B condition). */
export function isB2BPersona(persona: Persona | null): boolean {
  return persona !== null && persona.conditions.some((condition) => condition.type === "b2b");
}

function persona(id: string, name: string, conditions: PersonaCondition[], techniques: Persona["techniques"]): Persona {
  return { id, name, builtIn: true, conditions, techniques };
}

// Null when the condition fails; otherwise the words that explain why it holds.
function explainCondition(condition: PersonaCondition, facts: SnapshotFacts, owner: Persona): string | null {
  const { shopper, context } = facts.snapshot;
  switch (condition.type) {
    case "customer_tag": {
      const tag = condition.tags.find((t) => facts.customerTags.has(t.toLowerCase()));
      return tag === undefined ? null : `tagged "${tag}"`;
    }
    case "order_count":
      return inRange(shopper.orderCount, condition.min, condition.max) ? plural(shopper.orderCount, "order") : null;
    case "total_spent":
      return inRange(shopper.totalSpentMinor, condition.minMinor, condition.maxMinor)
        ? `spent ${formatMinor(shopper.totalSpentMinor, context.currency)} over ${plural(shopper.orderCount, "order")}`
        : null;
    case "b2b":
      return shopper.b2bCompany ? `buys for ${shopper.b2bCompany}` : null;
    case "country":
      return shopper.country !== undefined && condition.countries.includes(shopper.country)
        ? `in ${shopper.country}`
        : null;
    case "cart_value":
      return inRange(context.cartSubtotalMinor, condition.minMinor, condition.maxMinor)
        ? `cart at ${formatMinor(context.cartSubtotalMinor, context.currency)}`
        : null;
    case "behaviour":
      return explainBehaviour(condition.anyOf, facts);
    case "new_visitor":
      return !shopper.customerId && shopper.orderCount === 0 ? "no account and no orders" : null;
    default: {
      const unknown: never = condition;
      throw new DomainError("invalid_persona", `persona "${owner.name}": unknown condition`, {
        personaId: owner.id,
        condition: String((unknown as { type?: unknown }).type),
      });
    }
  }
}

function explainBehaviour(behaviours: readonly ("removed_items" | "browsed_cheaper")[], facts: SnapshotFacts) {
  for (const behaviour of behaviours) {
    switch (behaviour) {
      case "removed_items": {
        const removed = facts.snapshot.shopper.removedProductIds.length;
        if (removed > 0) return `removed ${plural(removed, "item")} this session`;
        break;
      }
      case "browsed_cheaper": {
        const cheaper = findCheaperViewed(facts);
        if (cheaper) return `viewed the cheaper ${cheaper.viewed} after ${cheaper.than}`;
        break;
      }
      default: {
        const unknown: never = behaviour;
        throw new DomainError("invalid_persona", `unknown behaviour "${String(unknown)}"`);
      }
    }
  }
  return null;
}

// A recently viewed product of the same type priced below the item in view or a cart item.
function findCheaperViewed(facts: SnapshotFacts): { viewed: string; than: string } | null {
  const items = facts.viewItem ? [facts.viewItem, ...facts.cartItems] : facts.cartItems;
  for (const productId of facts.snapshot.shopper.recentlyViewedProductIds) {
    const viewed = lookupProduct(facts.snapshot, productId);
    if (!viewed || viewed.variants.length === 0) continue;
    const lowest = Math.min(...viewed.variants.map((v) => v.priceMinor));
    const pricier = items.find(
      (item) => item.productId !== productId && item.productType === viewed.productType && lowest < item.priceMinor,
    );
    if (pricier) return { viewed: viewed.title, than: pricier.title };
  }
  return null;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
