/** Words for personas: labels for surfaces, techniques and conditions, and readable summaries. */
import { BlockStack, Text } from "@shopify/polaris";
import { KIND_LABELS, SURFACE_LABELS } from "./labels";
import { formatMinor, SURFACES, type OfferKind, type PersonaCondition, type Surface } from "../domain/offers";

export const CONDITION_LABELS: Record<PersonaCondition["type"], string> = {
  customer_tag: "Customer tag",
  order_count: "Number of orders",
  total_spent: "Total spent",
  b2b: "B2B buyer",
  country: "Country",
  cart_value: "Cart value",
  behaviour: "Price-sensitive behaviour",
  new_visitor: "New visitor",
};

const BEHAVIOUR_LABELS = { removed_items: "removed items", browsed_cheaper: "browsed cheaper versions" };

/** One condition in words, e.g. "Spent $1,000.00 or more". */
export function describeCondition(condition: PersonaCondition, currency: string): string {
  const money = (minor: number) => formatMinor(minor, currency);
  switch (condition.type) {
    case "customer_tag":
      return `Tagged ${condition.tags.map((tag) => `“${tag}”`).join(" or ")}`;
    case "order_count":
      return `${describeRange(condition.min, condition.max, String)} orders`;
    case "total_spent":
      return `Spent ${describeRange(condition.minMinor, condition.maxMinor, money)}`;
    case "b2b":
      return "Buys for a company (B2B)";
    case "country":
      return `In ${condition.countries.join(", ")}`;
    case "cart_value":
      return `Cart at ${describeRange(condition.minMinor, condition.maxMinor, money)}`;
    case "behaviour":
      return `This session: ${condition.anyOf.map((b) => BEHAVIOUR_LABELS[b]).join(" or ")}`;
    case "new_visitor":
      return "No account and no orders";
    default: {
      const unknown: never = condition;
      return `Unknown condition ${JSON.stringify(unknown)}`;
    }
  }
}

/** All conditions in words ("and" between them); none means every shopper. */
export function describeConditions(conditions: PersonaCondition[], currency: string): string {
  if (conditions.length === 0) return "Every shopper (no conditions)";
  return conditions.map((condition) => describeCondition(condition, currency)).join(" and ");
}

/** The techniques of one surface in preference order, e.g. "Cross-sell, then upsell". */
export function describeKinds(kinds: readonly OfferKind[]): string {
  if (kinds.length === 0) return "No offers";
  const [first, ...rest] = kinds.map((kind) => KIND_LABELS[kind]);
  return rest.length === 0 ? first! : `${first}, then ${rest.map((label) => label.toLowerCase()).join(", then ")}`;
}

/** A compact surface-by-surface list of techniques. */
export function PersonaTechniquesSummary({ techniques }: { techniques: Record<Surface, OfferKind[]> }) {
  return (
    <BlockStack gap="050">
      {SURFACES.map((surface) => (
        <Text as="p" variant="bodySm" key={surface}>
          <Text as="span" variant="bodySm" fontWeight="semibold">
            {SURFACE_LABELS[surface]}:
          </Text>{" "}
          <Text as="span" variant="bodySm" tone={techniques[surface].length === 0 ? "subdued" : undefined}>
            {describeKinds(techniques[surface])}
          </Text>
        </Text>
      ))}
    </BlockStack>
  );
}

function describeRange(min: number | undefined, max: number | undefined, format: (value: number) => string): string {
  if (min !== undefined && max !== undefined) return min === max ? format(min) : `${format(min)}–${format(max)}`;
  if (min !== undefined) return `${format(min)} or more`;
  if (max !== undefined) return `up to ${format(max)}`;
  return "any";
}
