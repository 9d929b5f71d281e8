/**
 * The accept rates the engine's Thompson sampling reads (docs/decisions/024-thompson-sampling.md,
 * 028-offer-rollups.md): impressions and adds per product for a surface and a persona over the last
 * 90 days, from the daily counts, cached per shop and surface for five minutes. Until a persona has
 * MIN_IMPRESSIONS on a surface its offers keep the recommender's order: a handful of impressions
 * would only shuffle them.
 */
import { acceptCountsBySurface } from "../adapters/offer-rollups.server";
import type { AcceptStats } from "../domain/offers";

export const ACCEPT_WINDOW_DAYS = 90;
export const MIN_IMPRESSIONS = 1_000;
const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;

type ByPersona = ReadonlyMap<string, ReadonlyMap<string, AcceptStats>>;
const cache = new Map<string, { at: number; byPersona: ByPersona }>();

async function countsFor(shop: string, surface: string, now: Date): Promise<ByPersona> {
  const key = `${shop}\n${surface}`;
  const cached = cache.get(key);
  if (cached && now.getTime() - cached.at < TTL_MS) return cached.byPersona;
  const since = new Date(now.getTime() - ACCEPT_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const totals = new Map<string, number>();
  const grouped = new Map<string, Map<string, AcceptStats>>();
  for (const row of await acceptCountsBySurface(shop, surface, since)) {
    totals.set(row.personaId, (totals.get(row.personaId) ?? 0) + row.impressions);
    let products = grouped.get(row.personaId);
    if (!products) grouped.set(row.personaId, (products = new Map()));
    products.set(row.productId, { impressions: row.impressions, adds: row.adds });
  }
  // Only personas with enough impressions are kept: the others get no stats at all.
  const byPersona = new Map([...grouped].filter(([persona]) => (totals.get(persona) ?? 0) >= MIN_IMPRESSIONS));
  cache.delete(key);
  cache.set(key, { at: now.getTime(), byPersona });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return byPersona;
}

/**
 * The accept stats on this surface for every persona with enough of them (persona id, "" for none),
 * or undefined when none has: the engine takes its matched persona's.
 */
export async function acceptStatsFor(
  shop: string,
  surface: string,
  now: Date,
): Promise<ReadonlyMap<string, ReadonlyMap<string, AcceptStats>> | undefined> {
  const byPersona = await countsFor(shop, surface, now);
  return byPersona.size > 0 ? byPersona : undefined;
}

/** Forgets the cached counts (tests; shop/redact). */
export function forgetAcceptStats(shop?: string): void {
  if (!shop) return cache.clear();
  for (const key of cache.keys()) if (key.startsWith(`${shop}\n`)) cache.delete(key);
}
