/**
 * The Admin API's answers to the offer discount's mutations (CartliftOfferDiscountCreate and
 * CartliftOfferDiscountUpdate, API 2026-10: discountAutomaticAppCreate / discountAutomaticAppUpdate),
 * and how to read a refusal that means "that discount is gone".
 */
import { z } from "zod";
import { adminUserError } from "./shopify-fields";

/** DiscountUserError: `code` a DiscountErrorCode. */
export const discountUserError = adminUserError;

export type DiscountUserError = z.infer<typeof discountUserError>;

const payload = z.object({
  automaticAppDiscount: z.object({ discountId: z.string().startsWith("gid://shopify/") }).nullable(),
  userErrors: z.array(discountUserError),
});

export const offerDiscountCreateResponse = z.object({ data: z.object({ discountAutomaticAppCreate: payload }) });

export const offerDiscountUpdateResponse = z.object({ data: z.object({ discountAutomaticAppUpdate: payload }) });

/**
 * Whether an update was refused because no discount has that id (the merchant deleted it, or the
 * app was reinstalled): Shopify names the `id` argument itself ("Automatic discount does not
 * exist.", code INVALID). Errors on any input field are real refusals, not a missing discount.
 */
export function namesMissingDiscount(userErrors: readonly DiscountUserError[]): boolean {
  return userErrors.some((error) => error.field?.length === 1 && error.field[0] === "id");
}
