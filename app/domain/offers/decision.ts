/** Turning an admitted offer into the decision a surface shows, with its "why was this shown" text. */
import type { SnapshotFacts } from "./facts";
import type { PricedOffer } from "./guardrails";
import { describeDiscount, formatMinor } from "./money";
import { KIND_NAMES } from "./names";
import type { OfferDecision, PersonaMatch } from "./types";

/** The decision for an offer that passed every guardrail. */
export function buildDecision(
  offer: PricedOffer,
  facts: SnapshotFacts,
  personaId: string | null,
  persona: PersonaMatch | null,
): OfferDecision {
  const { candidate, product, variant, finalPriceMinor, comparesTo } = offer;
  const currency = facts.snapshot.context.currency;
  return {
    offerKey: `${candidate.kind}:${product.productId}`,
    kind: candidate.kind,
    surface: facts.snapshot.surface,
    productId: product.productId,
    variantId: variant.id,
    title: product.title,
    handle: product.handle,
    imageUrl: product.imageUrl,
    priceMinor: variant.priceMinor,
    compareAtPriceMinor: variant.compareAtPriceMinor,
    ...(candidate.rule?.discount ? { discount: candidate.rule.discount } : {}),
    finalPriceMinor,
    currency,
    ruleId: candidate.rule?.id ?? null,
    personaId,
    reason: describeOffer(offer, currency, persona),
    score: candidate.score,
    ...(comparesTo
      ? {
          comparesTo: {
            productId: comparesTo.productId,
            variantId: comparesTo.variantId,
            priceMinor: comparesTo.priceMinor,
          },
          priceDeltaMinor: finalPriceMinor - comparesTo.priceMinor,
        }
      : {}),
  };
}

/** Source, what the offer is, the recommendation signal and the persona, e.g. `Rule "X" (upsell): …; Persona VIP: …`. */
export function describeOffer(offer: PricedOffer, currency: string, persona: PersonaMatch | null): string {
  const { candidate } = offer;
  const kind = KIND_NAMES[candidate.kind];
  const source = candidate.rule
    ? `Rule "${candidate.rule.name}" (${kind}${candidate.rule.offer.type === "automatic" ? ", automatic" : ""})`
    : `Automatic ${kind}`;
  const parts = [`${source}: ${describeBody(offer, currency)}`];
  if (candidate.signal) parts.push(candidate.signal);
  if (candidate.exploring) parts.push("exploring a lower-ranked pick");
  if (persona) parts.push(persona.explanation);
  return parts.join("; ");
}

// Amounts are always shown as positive figures: the word ("+", "saves") carries the direction.
function describeBody(offer: PricedOffer, currency: string): string {
  const { product, comparesTo, finalPriceMinor, candidate } = offer;
  const discount = candidate.rule?.discount ? ` with ${describeDiscount(candidate.rule.discount, currency)}` : "";
  const from = comparesTo ? `${comparesTo.title}${comparesTo.quantity > 1 ? ` (×${comparesTo.quantity})` : ""}` : "";
  const each = comparesTo && comparesTo.quantity > 1 ? " each" : "";
  const delta = formatMinor(Math.abs(finalPriceMinor - (comparesTo?.priceMinor ?? 0)), currency);
  switch (candidate.kind) {
    case "upsell":
      return `premium ${product.title} instead of ${from}, +${delta}${each}${discount}`;
    case "down_sell":
      return `${product.title} instead of ${from}, saves ${delta}${each}${discount}`;
    case "cross_sell":
      return `${product.title} at ${formatMinor(finalPriceMinor, currency)}${discount}`;
    default: {
      const unknown: never = candidate.kind;
      return String(unknown);
    }
  }
}
