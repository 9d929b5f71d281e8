/**
 * Offer events folded into daily counts (docs/decisions/028-offer-rollups.md): one row per UTC
 * day, surface, kind, rule, persona and product, with a count per event type. The analytics page and
 * the engine's accept rates read these sums; the raw events are never scanned for them.
 */

/** The event types a rollup counts, and the column each adds to. */
export const ROLLUP_COLUMNS = {
  impression: "impressions",
  click: "clicks",
  add: "adds",
  decline: "declines",
} as const;

export type RollupColumn = (typeof ROLLUP_COLUMNS)[keyof typeof ROLLUP_COLUMNS];

export interface RollupEvent {
  type: string;
  surface: string;
  kind: string;
  ruleId: string | null;
  personaId: string | null;
  productId: string;
  occurredAt: Date;
}

export interface RollupKey {
  day: string;
  surface: string;
  kind: string;
  /** "" for an offer no rule made (automatic recommendations). */
  ruleId: string;
  /** "" when no persona matched, or for events from before marks carried it. */
  personaId: string;
  productId: string;
}

export type RollupCounts = Record<RollupColumn, number>;

/** The day of an event, YYYY-MM-DD in UTC. */
export const rollupDay = (at: Date) => at.toISOString().slice(0, 10);

/** The increments a batch of new events makes, one entry per rollup row; types not counted are left out. */
export function rollupIncrements(events: readonly RollupEvent[]): { key: RollupKey; counts: RollupCounts }[] {
  const rows = new Map<string, { key: RollupKey; counts: RollupCounts }>();
  for (const event of events) {
    const column = ROLLUP_COLUMNS[event.type as keyof typeof ROLLUP_COLUMNS];
    if (!column) continue;
    const key: RollupKey = {
      day: rollupDay(event.occurredAt),
      surface: event.surface,
      kind: event.kind,
      ruleId: event.ruleId ?? "",
      personaId: event.personaId ?? "",
      productId: event.productId,
    };
    const id = [key.day, key.surface, key.kind, key.ruleId, key.personaId, key.productId].join("\n");
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { key, counts: { impressions: 0, clicks: 0, adds: 0, declines: 0 } }));
    row.counts[column] += 1;
  }
  return [...rows.values()];
}
