/** The merchant's offer preview: what the engine would show a shopper, and why (nothing is recorded). */
import { loadCatalogFacts } from "../adapters/catalog.server";
import { fieldErrors } from "../schemas/form-errors";
import type { CartLine, CatalogProduct, DecisionTrace, Persona } from "../domain/offers";
import { previewInputSchema, type PreviewInput } from "../schemas/preview";
import { ValidationError } from "./errors";
import { decideForShopper } from "./offer-decisions.server";
import { activePersonas } from "./personas.server";

export interface PreviewResult {
  input: PreviewInput;
  trace: DecisionTrace;
  /** Titles of every product the trace mentions. */
  titles: Record<string, string>;
  currency: string;
  subject: string;
}

/** Validates the question and asks the engine, as the chosen persona, customer or new visitor. */
export async function previewOffers(shop: string, payload: unknown, now: Date): Promise<PreviewResult> {
  const parsed = previewInputSchema.safeParse(payload);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const input = parsed.data;
  const persona = input.as.type === "persona" ? await findPersona(shop, input.as.personaId) : undefined;
  const facts = await loadCatalogFacts(shop, [...input.cartProductIds, ...(input.productId ? [input.productId] : [])]);
  const cartLines = input.cartProductIds.flatMap((id) => cartLine(facts[id]));
  const itemLine = input.productId ? cartLine(facts[input.productId])[0] : undefined;
  if (input.productId && !itemLine) throw new ValidationError({ productId: "that product is not in the catalog" });
  const { trace, snapshot } = await decideForShopper(
    shop,
    {
      surface: input.surface,
      shopper: shopperFor(input),
      cartLines,
      ...(itemLine
        ? {
            item: {
              productId: itemLine.productId,
              variantId: itemLine.variantId,
              unitPriceMinor: itemLine.unitPriceMinor,
            },
          }
        : {}),
      preview: persona ? { persona } : {},
    },
    now,
    () => 0.5,
  );
  const titles = Object.fromEntries(Object.values(snapshot.catalog).map((p) => [p.productId, p.title]));
  return { input, trace, titles, currency: snapshot.context.currency, subject: subjectOf(input, persona) };
}

async function findPersona(shop: string, personaId: string): Promise<Persona> {
  const persona = (await activePersonas(shop)).find((p) => p.id === personaId);
  if (!persona) throw new ValidationError({ "as.personaId": "choose one of the active personas" });
  return persona;
}

// The preview's shopper has no stored history, so fatigue caps never hide what the rules would show.
function shopperFor(input: PreviewInput) {
  const empty = { impressions: [], declines: [], recentlyViewedProductIds: [], removedProductIds: [] };
  if (input.as.type === "customer") {
    return { shopperId: `preview:${input.as.customerId}`, customerId: input.as.customerId, overrides: empty };
  }
  const removed = input.surface === "cart_removal" && input.productId ? [input.productId] : [];
  return { shopperId: "preview:visitor", overrides: { ...empty, removedProductIds: removed } };
}

function cartLine(product: CatalogProduct | undefined): CartLine[] {
  const variant = product?.variants.filter((v) => v.availableForSale).sort((a, b) => a.priceMinor - b.priceMinor)[0];
  return product && variant
    ? [{ productId: product.productId, variantId: variant.id, quantity: 1, unitPriceMinor: variant.priceMinor }]
    : [];
}

function subjectOf(input: PreviewInput, persona: Persona | undefined): string {
  if (persona) return `Persona “${persona.name}” (its conditions taken as met)`;
  if (input.as.type === "customer") return `Customer ${input.as.customerId} (their real order history)`;
  return "A new visitor with no history";
}
