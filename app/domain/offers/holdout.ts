/** Deterministic holdout: the same shopper always lands in the same group, on every surface and server. */
import type { ShopSettings } from "./types";

/** FNV-1a, 32-bit, over UTF-16 code units: small, fast and stable across runtimes. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether this shopper is in the holdout group that sees no offers. */
export function isInHoldout(
  shopperId: string,
  settings: Pick<ShopSettings, "holdoutPercent" | "holdoutSalt">,
): boolean {
  if (settings.holdoutPercent <= 0) return false;
  const key = settings.holdoutSalt ? `${settings.holdoutSalt}:${shopperId}` : shopperId;
  // 10,000 buckets so that percentages with two decimals are exact.
  return fnv1a32(key) % 10_000 < Math.round(settings.holdoutPercent * 100);
}
