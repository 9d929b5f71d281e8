import { z } from "zod";
import { SURFACES, type Surface } from "../domain/offers";

/** The offer preview's question: which surface, as whom, looking at what. */
export const previewInputSchema = z
  .object({
    surface: z.enum(SURFACES as [Surface, ...Surface[]], { error: "choose where the shopper is" }),
    as: z.discriminatedUnion("type", [
      z.object({ type: z.literal("persona"), personaId: z.string().min(1, "choose a persona") }),
      z.object({ type: z.literal("customer"), customerId: z.string().min(1, "enter a customer id") }),
      z.object({ type: z.literal("visitor") }),
    ]),
    productId: z
      .string()
      .nullish()
      .transform((v) => v || undefined),
    cartProductIds: z.array(z.string().min(1)).max(20, "at most 20 cart lines").default([]),
  })
  .refine((p) => !["product", "cart_removal"].includes(p.surface) || !!p.productId, {
    message: "choose the product in view (or the one removed)",
    path: ["productId"],
  })
  .refine((p) => !["cart", "checkout", "thank_you"].includes(p.surface) || p.cartProductIds.length > 0, {
    message: "put at least one product in the cart",
    path: ["cartProductIds"],
  });

export type PreviewInput = z.output<typeof previewInputSchema>;
