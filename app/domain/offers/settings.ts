/** Guardrail defaults and validation of a shop's stored settings. */
import { DomainError } from "./errors";
import { SURFACES, type ShopSettings, type ShopSettingsInput } from "./types";

/** The defaults from the product brief: 25% cap, small per-surface caps, 7-day cooldown, 5% holdout. */
export const DEFAULT_SETTINGS: Readonly<ShopSettings> = Object.freeze({
  priceCapPercent: 25,
  maxOffersPerSurface: Object.freeze({ product: 1, cart: 3, checkout: 2, cart_removal: 1, thank_you: 2 }),
  maxBoughtTogether: 2,
  declineCooldownDays: 7,
  maxImpressionsPerOfferPerDay: 3,
  holdoutPercent: 5,
  explorationPercent: 0,
});

/** Fills in defaults and rejects impossible values with `invalid_settings`. */
export function resolveSettings(input: ShopSettingsInput = {}): ShopSettings {
  const settings: ShopSettings = {
    ...DEFAULT_SETTINGS,
    ...stripUndefined(input),
    maxOffersPerSurface: {
      ...DEFAULT_SETTINGS.maxOffersPerSurface,
      ...stripUndefined(input.maxOffersPerSurface ?? {}),
    },
  };
  checkRange("priceCapPercent", settings.priceCapPercent, 0, 1_000);
  checkRange("holdoutPercent", settings.holdoutPercent, 0, 100);
  checkRange("explorationPercent", settings.explorationPercent, 0, 100);
  checkCount("maxBoughtTogether", settings.maxBoughtTogether);
  checkCount("declineCooldownDays", settings.declineCooldownDays);
  checkCount("maxImpressionsPerOfferPerDay", settings.maxImpressionsPerOfferPerDay);
  for (const surface of SURFACES) checkCount(`maxOffersPerSurface.${surface}`, settings.maxOffersPerSurface[surface]);
  return settings;
}

// Stored JSON may carry explicit undefined/null for "not set"; those must not hide a default.
function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined && value[key] !== null) out[key] = value[key];
  }
  return out;
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new DomainError("invalid_settings", `${name} must be between ${min} and ${max}, got ${value}`, { name });
  }
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError("invalid_settings", `${name} must be a whole number ≥ 0, got ${value}`, { name });
  }
}
