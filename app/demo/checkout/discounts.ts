/**
 * What Shopify does with the offer discount in a checkout, for the demo's checkout harness: build
 * the Function's input from the cart (the fields of its input query, nothing more), run the real
 * `cartLinesDiscountsGenerateRun`, and apply the candidates it returns to the lines, in minor units.
 * Pure; the harness passes the configuration the app would have written to the discount metafield.
 */
import { cartLinesDiscountsGenerateRun } from "../../../extensions/cartlift-discount/src/index.js";
import { currencyExponent, decimalString } from "../../domain/offers/money";
import type { CartLine } from "../storefront/cart";
import type { StoreData } from "../storefront/shop-data";

export const MARK_PROPERTY = "_cartlift";

/** A cart line as the checkout shows it: its unit price, and the discount the Function gave it. */
export interface CheckoutLine {
  /** `gid://shopify/CartLine/<n>`: the id the Function's targets name. */
  id: string;
  key: string;
  variantId: number;
  quantity: number;
  unitPrice: number;
  /** quantity × unitPrice. */
  subtotal: number;
  /** The discount on this line, in minor units (0 when none). */
  discount: number;
  /** The discount's title as the Function wrote it ("Offer: 10% off"), or null. */
  discountMessage: string | null;
  mark: string | null;
}

interface Candidate {
  message: string;
  targets: { cartLine: { id: string; quantity: number } }[];
  value: { percentage: { value: number } } | { fixedAmount: { amount: string; appliesToEachItem: boolean } };
}

interface FunctionResult {
  operations: { productDiscountsAdd?: { candidates: Candidate[]; selectionStrategy: string } }[];
}

const lineGid = (index: number) => `gid://shopify/CartLine/${index + 1}`;

/** The Function's input for this cart (cart_lines_discounts_generate_run.graphql), in the shop's currency. */
export function functionInput(store: StoreData, lines: readonly CartLine[], configJson: unknown, today: string) {
  return {
    cart: {
      lines: lines.map((line, index) => {
        const found = store.variantById.get(line.variantId);
        const mark = line.properties[MARK_PROPERTY];
        return {
          id: lineGid(index),
          quantity: line.quantity,
          mark: mark === undefined ? null : { value: mark },
          cost: {
            amountPerQuantity: {
              amount: decimalString(found?.variant.price ?? 0, store.currency),
              currencyCode: store.currency,
            },
          },
          merchandise: {
            __typename: "ProductVariant",
            id: found?.variant.gid ?? `gid://shopify/ProductVariant/${line.variantId}`,
          },
        };
      }),
    },
    discount: { discountClasses: ["PRODUCT"], metafield: configJson === null ? null : { jsonValue: configJson } },
    shop: { localTime: { date: today } },
    presentmentCurrencyRate: "1.0",
  };
}

/**
 * The cart's lines with the offer discount applied as Shopify applies a product discount: a
 * percentage of the targeted units' price (rounded to the cent), or a fixed amount per targeted
 * unit, never more than the targeted units cost. `configJson` null: no discount is installed.
 */
export function discountedLines(
  store: StoreData,
  lines: readonly CartLine[],
  configJson: unknown,
  today: string,
): CheckoutLine[] {
  const result = cartLinesDiscountsGenerateRun(functionInput(store, lines, configJson, today)) as FunctionResult;
  const shown: CheckoutLine[] = lines.map((line, index) => {
    const unitPrice = store.variantById.get(line.variantId)?.variant.price ?? 0;
    return {
      id: lineGid(index),
      key: line.key,
      variantId: line.variantId,
      quantity: line.quantity,
      unitPrice,
      subtotal: unitPrice * line.quantity,
      discount: 0,
      discountMessage: null,
      mark: line.properties[MARK_PROPERTY] ?? null,
    };
  });
  const scale = 10 ** currencyExponent(store.currency);
  const byId = new Map(shown.map((line) => [line.id, line]));
  for (const operation of result.operations) {
    for (const candidate of operation.productDiscountsAdd?.candidates ?? []) {
      for (const { cartLine } of candidate.targets) {
        const line = byId.get(cartLine.id);
        if (!line) continue;
        const units = Math.min(cartLine.quantity, line.quantity);
        const covered = units * line.unitPrice;
        const amount =
          "percentage" in candidate.value
            ? Math.round((covered * candidate.value.percentage.value) / 100)
            : Math.round(Number(candidate.value.fixedAmount.amount) * scale) *
              (candidate.value.fixedAmount.appliesToEachItem ? units : 1);
        // Selection strategy ALL: every candidate applies, but a line never goes below zero.
        line.discount = Math.min(line.subtotal, line.discount + Math.min(amount, covered));
        line.discountMessage = candidate.message;
      }
    }
  }
  return shown;
}
