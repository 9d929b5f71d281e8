/**
 * Which lines of an order Cartlift's offers earned (docs/decisions/026-attribution.md). Pure: the
 * service verifies the lines' offer marks and loads the buyer's recent offer adds; this decides.
 *
 * - A line carrying a valid mark that names the line's own variant was added from that offer
 *   (source `mark`): rule, kind, surface and persona come from the mark.
 * - Failing that, a line whose variant the same buyer added from an offer within the window before
 *   the order (an `add` event; source `recent_add`), the latest such add first. Each add earns one
 *   line at most.
 * - A cancelled order earns nothing; a line with no units left earns nothing. Revenue is the unit
 *   price × quantity in the shop's currency (and the buyer's, when known); refunds are kept beside
 *   it, never subtracted from it.
 */

export type AttributionSource = "mark" | "recent_add";

/** A mark as the service verified it (signature and expiry at the order's time). */
export interface VerifiedMark {
  ruleId: string | null;
  kind: string;
  /** The offered variant's GID. */
  variantId: string;
  surface: string | null;
  personaId: string | null;
}

export interface AttributableOrder {
  id: string;
  processedAt: Date;
  cancelled: boolean;
  currency: string;
  presentmentCurrency: string | null;
  customerId: string | null;
}

export interface AttributableLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  priceMinor: number;
  presentmentPriceMinor: number | null;
  refundedMinor: number;
  /** The line's mark when it verified; null when absent, forged or expired. */
  mark: VerifiedMark | null;
}

/** An `add` offer event of the order's buyer. */
export interface RecentAdd {
  variantId: string;
  kind: string;
  surface: string;
  ruleId: string | null;
  at: Date;
}

export interface Attribution {
  lineId: string;
  orderId: string;
  processedAt: Date;
  source: AttributionSource;
  kind: string;
  surface: string | null;
  ruleId: string | null;
  personaId: string | null;
  productId: string;
  variantId: string;
  customerId: string | null;
  quantity: number;
  revenueMinor: number;
  refundedMinor: number;
  currency: string;
  presentmentCurrency: string | null;
  presentmentRevenueMinor: number | null;
}

/** How long before an order an unmarked add from an offer still counts. */
export const RECENT_ADD_WINDOW_MS = 7 * 86_400_000;

export function attributeOrder(
  order: AttributableOrder,
  lines: readonly AttributableLine[],
  recentAdds: readonly RecentAdd[],
  windowMs = RECENT_ADD_WINDOW_MS,
): Attribution[] {
  if (order.cancelled) return [];
  const from = order.processedAt.getTime() - windowMs;
  // Latest first, so a line takes the add nearest the order.
  const adds = recentAdds
    .filter((add) => add.at.getTime() >= from && add.at.getTime() <= order.processedAt.getTime())
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const used = new Set<number>();
  const result: Attribution[] = [];
  for (const line of lines) {
    if (line.quantity <= 0 || !line.variantId || !line.productId) continue;
    const base = {
      lineId: line.id,
      orderId: order.id,
      processedAt: order.processedAt,
      productId: line.productId,
      variantId: line.variantId,
      customerId: order.customerId,
      quantity: line.quantity,
      revenueMinor: line.priceMinor * line.quantity,
      refundedMinor: line.refundedMinor,
      currency: order.currency,
      presentmentCurrency: order.presentmentCurrency,
      presentmentRevenueMinor:
        order.presentmentCurrency && line.presentmentPriceMinor !== null
          ? line.presentmentPriceMinor * line.quantity
          : null,
    };
    if (line.mark && line.mark.variantId === line.variantId) {
      const { kind, surface, ruleId, personaId } = line.mark;
      result.push({ ...base, source: "mark", kind, surface, ruleId, personaId });
      continue;
    }
    const index = adds.findIndex((add, i) => !used.has(i) && add.variantId === line.variantId);
    if (index < 0) continue;
    used.add(index);
    const add = adds[index]!;
    result.push({
      ...base,
      source: "recent_add",
      kind: add.kind,
      surface: add.surface,
      ruleId: add.ruleId,
      personaId: null,
    });
  }
  return result;
}

/** Revenue after refunds, never below zero. */
export const netRevenueMinor = (attribution: Pick<Attribution, "revenueMinor" | "refundedMinor">) =>
  Math.max(0, attribution.revenueMinor - attribution.refundedMinor);
