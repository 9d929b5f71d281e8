/**
 * Which cart line earned a cross-sell (docs/decisions/020-checkout-offers.md). The offer mark names
 * it (`t`), and the discount Function honours a discounted cross-sell only while that line is in
 * the cart, for at most its quantity. A rule's own "in the cart" conditions say which lines earn
 * it; a rule without one (or an automatic offer) is earned by the cart as a whole, and the line
 * with the most units (then the dearest) stands for it.
 */
import type { CartLine, CatalogProduct, Condition, Rule } from "./types";

/** The variant GID of the line that earned the cross-sell, or null for an empty cart. */
export function crossSellTrigger(
  rule: Pick<Rule, "conditions"> | null,
  cartLines: readonly CartLine[],
  catalog: Readonly<Record<string, CatalogProduct>>,
  offeredProductId: string,
): string | null {
  const others = cartLines.filter((line) => line.productId !== offeredProductId);
  const lineConditions = (rule?.conditions ?? []).filter(isLineCondition);
  const earning =
    lineConditions.length === 0
      ? others
      : others.filter((line) => lineConditions.some((c) => lineMeets(c, line, catalog[line.productId])));
  let best: CartLine | null = null;
  for (const line of earning) {
    if (
      !best ||
      line.quantity > best.quantity ||
      (line.quantity === best.quantity && line.unitPriceMinor > best.unitPriceMinor)
    )
      best = line;
  }
  return best?.variantId ?? null;
}

type LineCondition = Extract<
  Condition,
  {
    type:
      | "product_in_cart"
      | "variant_in_cart"
      | "collection_in_cart"
      | "tag_in_cart"
      | "product_type_in_cart"
      | "vendor_in_cart";
  }
>;

function isLineCondition(condition: Condition): condition is LineCondition {
  switch (condition.type) {
    case "product_in_cart":
    case "variant_in_cart":
    case "collection_in_cart":
    case "tag_in_cart":
    case "product_type_in_cart":
    case "vendor_in_cart":
      return true;
    default:
      return false;
  }
}

function lineMeets(condition: LineCondition, line: CartLine, product: CatalogProduct | undefined): boolean {
  switch (condition.type) {
    case "product_in_cart":
      return condition.productIds.includes(line.productId);
    case "variant_in_cart":
      return condition.variantIds.includes(line.variantId);
    case "collection_in_cart":
      return !!product && condition.handles.some((h) => product.collections.includes(h));
    case "tag_in_cart": {
      if (!product) return false;
      const tags = new Set(product.tags.map((t) => t.toLowerCase()));
      return condition.tags.some((t) => tags.has(t.toLowerCase()));
    }
    case "product_type_in_cart":
      return !!product && condition.productTypes.includes(product.productType);
    case "vendor_in_cart":
      return !!product && condition.vendors.includes(product.vendor);
  }
}
