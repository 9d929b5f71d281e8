import type { Random } from "./random";

export const WINDOW_DAYS = 365;
const DAY_SECONDS = 86_400;
const WINDOW_SECONDS = WINDOW_DAYS * DAY_SECONDS;

// Holiday peak and a January lull, indexed by UTC month.
const MONTH_WEIGHT = [0.85, 0.8, 0.9, 0.95, 1, 0.95, 0.9, 0.95, 1, 1.05, 1.45, 1.7];
// Weekend browsing converts a little better, indexed by UTC weekday (Sunday first).
const WEEKDAY_WEIGHT = [1.15, 0.95, 0.95, 0.95, 1, 1.05, 1.15];
// The shop grows over the year: the oldest day sells this share of the newest day.
const OLDEST_DAY_SHARE = 0.6;
const MAX_WEIGHT = Math.max(...MONTH_WEIGHT) * Math.max(...WEEKDAY_WEIGHT);

export function parseAnchor(anchorDate: string): number {
  const ms = new Date(anchorDate).getTime();
  if (Number.isNaN(ms)) throw new Error(`Invalid anchorDate: ${anchorDate}`);
  return ms;
}

function seasonalWeight(ms: number, offsetSeconds: number): number {
  const date = new Date(ms);
  const age = offsetSeconds / WINDOW_SECONDS;
  const growth = 1 - (1 - OLDEST_DAY_SHARE) * age;
  const month = MONTH_WEIGHT[date.getUTCMonth()] as number;
  const weekday = WEEKDAY_WEIGHT[date.getUTCDay()] as number;
  return month * weekday * growth;
}

/**
 * Order timestamps (epoch ms, ascending) in the 365 days before the anchor, drawn by
 * rejection sampling against a seasonal curve. Offsets are whole seconds of at least 1,
 * so every timestamp is strictly before the anchor.
 */
export function sampleOrderTimes(rng: Random, count: number, anchorMs: number): number[] {
  const times: number[] = [];
  while (times.length < count) {
    const offsetSeconds = rng.int(1, WINDOW_SECONDS);
    const ms = anchorMs - offsetSeconds * 1000;
    if (rng.next() * MAX_WEIGHT < seasonalWeight(ms, offsetSeconds)) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}
