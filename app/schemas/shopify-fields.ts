/**
 * Field schemas every parser of Shopify's payloads shares (webhook bodies, bulk export rows, Admin
 * API answers): GIDs, decimal money strings, timestamps, currency codes, and money converted to the
 * currency's integer minor units inside a transform (docs/decisions/004).
 */
import { z } from "zod";
import { parseMoneyMinor } from "./money";

/** A GID of the type with a numeric id, e.g. gid://shopify/Product/123. */
export const gidOf = (type: string) =>
  z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} GID`);

/** A non-negative decimal string, as Shopify sends amounts ("19.99", "1500.000"). */
export const decimal = z.string().regex(/^\d+(?:\.\d+)?$/, "must be a decimal string");

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");

export const timestamp = z.iso.datetime({ offset: true });

/**
 * Minor units of an amount in the currency, inside a transform; an amount with more precision than
 * the currency's minor unit is an issue at `path` (rounding it would be a guess), and yields 0.
 */
export function minorUnits(amount: string, currency: string, path: (string | number)[], ctx: z.RefinementCtx): number {
  const value = parseMoneyMinor(amount, currency);
  if (value === null) ctx.addIssue({ code: "custom", path, message: `${amount} is not a ${currency} amount` });
  return value ?? 0;
}

/** A mutation's user error (DiscountUserError, MetafieldsSetUserError…): `field` is the input path. */
export const adminUserError = z.object({
  field: z.array(z.string()).nullish(),
  message: z.string(),
  code: z.string().nullish(),
});

export type AdminUserError = z.infer<typeof adminUserError>;

/** "message (field.path) [CODE]; …", or "no reason given" when Shopify gave none. */
export function describeUserErrors(errors: readonly AdminUserError[]): string {
  const one = (error: AdminUserError) =>
    `${error.message}${error.field?.length ? ` (${error.field.join(".")})` : ""}${error.code ? ` [${error.code}]` : ""}`;
  return errors.map(one).join("; ") || "no reason given";
}
