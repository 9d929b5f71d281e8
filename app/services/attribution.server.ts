/**
 * Offer attribution (docs/decisions/026-attribution.md): after every change to a stored order (its
 * creation, a newer state, a cancellation, a refund) the order's attribution rows are derived again
 * from what is stored, so a webhook delivered twice or out of order leaves the rows the order's
 * newest state earns. Marks are verified with the shop's key at the order's own time: a mark that
 * was valid when the buyer checked out still counts when a late webhook arrives.
 */
import { findOrderForAttribution, findRecentOfferAdds, replaceOrderAttributions } from "../adapters/attribution.server";
import { attributeOrder, RECENT_ADD_WINDOW_MS, type VerifiedMark } from "../domain/attribution/attribute";
import { variantGid } from "../schemas/shopify-ids";
import { verifyMark } from "./offer-mark.server";
import { ensureOfferMarkKey } from "./offer-mark-keys.server";

export interface AttributionResult {
  /** Lines the order's offers earned now (0 for an unknown or cancelled order). */
  attributed: number;
}

/** Derives and stores the order's attribution; an order Cartlift does not have earns nothing. */
export async function attributeStoredOrder(shop: string, orderId: string): Promise<AttributionResult> {
  const order = await findOrderForAttribution(shop, orderId);
  if (!order) return { attributed: 0 };
  const key = order.lines.some((line) => line.offerMark) ? await ensureOfferMarkKey(shop) : null;
  const lines = order.lines.map((line) => ({
    ...line,
    mark: key && line.offerMark ? verified(key, line.offerMark, order.processedAt) : null,
  }));
  const unmarked = lines.filter((line) => !line.mark && line.variantId).map((line) => line.variantId!);
  const adds =
    order.customerId && !order.cancelled
      ? await findRecentOfferAdds(
          shop,
          order.customerId,
          unmarked,
          new Date(order.processedAt.getTime() - RECENT_ADD_WINDOW_MS),
          order.processedAt,
        )
      : [];
  const rows = attributeOrder(order, lines, adds);
  await replaceOrderAttributions(shop, orderId, rows);
  return { attributed: rows.length };
}

function verified(key: string, token: string, at: Date): VerifiedMark | null {
  const check = verifyMark(key, token, at);
  if (!check.valid) return null;
  const { mark } = check;
  return {
    ruleId: mark.r,
    kind: mark.k,
    variantId: variantGid(mark.o),
    surface: mark.s ?? null,
    personaId: mark.p ?? null,
  };
}
