/**
 * The offer discount Function's configuration (extensions/cartlift-discount, and
 * docs/decisions/019-offer-discount-function.md): the shop's mark key, and the discount of every
 * active rule that has one. The app writes it as the discount's `$app` / `function-configuration`
 * metafield; the Function honours a mark only for a rule listed here, with the amount listed here.
 */
import { DomainError } from "./errors";
import { decimalString, describeDiscount } from "./money";
import type { Rule } from "./types";

/** Shopify's limit on a metafield value read by a Function. */
export const DISCOUNT_CONFIG_MAX_BYTES = 10_000;

export type ConfiguredDiscount =
  { type: "percentage"; value: number; message: string } | { type: "fixed"; amount: string; message: string };

export interface OfferDiscountConfig {
  v: 1;
  /** The shop's offer-mark key (base64url, 32 bytes), so the Function checks signatures itself. */
  key: string;
  /** By rule id. */
  rules: Record<string, ConfiguredDiscount>;
}

/**
 * The configuration for a shop: active rules with a discount, fixed amounts as decimal strings in
 * the shop's currency (the Function converts them to the cart's). Throws when it would not fit the
 * metafield limit, rather than writing one Shopify would refuse or cut.
 */
export function buildOfferDiscountConfig(key: string, rules: readonly Rule[], currency: string): OfferDiscountConfig {
  const configured: Record<string, ConfiguredDiscount> = {};
  for (const rule of rules) {
    if (!rule.active || !rule.discount) continue;
    const message = `Offer: ${describeDiscount(rule.discount, currency)}`;
    configured[rule.id] =
      rule.discount.type === "percentage"
        ? { type: "percentage", value: rule.discount.value, message }
        : { type: "fixed", amount: decimalString(rule.discount.amountMinor, currency), message };
  }
  const config: OfferDiscountConfig = { v: 1, key, rules: configured };
  const bytes = new TextEncoder().encode(JSON.stringify(config)).length;
  if (bytes > DISCOUNT_CONFIG_MAX_BYTES)
    throw new DomainError(
      "invalid_rule",
      `discounted rules need ${bytes} bytes of configuration, over Shopify's 10,000`,
      { bytes },
    );
  return config;
}

/**
 * The metafield value for a configuration: JSON with the rules in id order, so the same rules give
 * the same bytes whatever order they were listed in (the app compares hashes of this value to skip
 * writes that would change nothing).
 */
export function serializeOfferDiscountConfig(config: OfferDiscountConfig): string {
  const rules = Object.fromEntries(Object.entries(config.rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ v: config.v, key: config.key, rules });
}
