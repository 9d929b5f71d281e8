/**
 * The guardrail settings form → validated settings. Numbers arrive as the text of their fields
 * (or as numbers from an API caller); the free-shipping threshold is a decimal string in the
 * shop's currency and leaves as integer minor units.
 */
import { z } from "zod";
import type { ShopSettings, Surface } from "../domain/offers";
import { formatMoneyInput, parseMoneyMinor } from "./money";

/** The ranges the form allows; narrower than the domain's, to keep merchants within sane guardrails. */
export const SETTING_RANGES = {
  priceCapPercent: [1, 100],
  maxOffersPerSurface: [0, 10],
  maxBoughtTogether: [0, 10],
  declineCooldownDays: [0, 365],
  maxImpressionsPerOfferPerDay: [1, 50],
  holdoutPercent: [0, 50],
  explorationPercent: [0, 50],
} as const satisfies Record<string, readonly [number, number]>;

/** What the settings form submits: every number is its field's text. */
export type SettingsFormValues = {
  priceCapPercent: string;
  maxOffersPerSurface: Record<Surface, string>;
  maxBoughtTogether: string;
  declineCooldownDays: string;
  maxImpressionsPerOfferPerDay: string;
  holdoutPercent: string;
  explorationPercent: string;
  /** Empty: no threshold. */
  freeShippingThreshold: string;
};

/** Validated settings, in domain units. */
export interface SettingsInput {
  settings: Omit<ShopSettings, "holdoutSalt">;
  freeShippingThresholdMinor: number | null;
}

function wholeNumber([min, max]: readonly [number, number]) {
  const message = `Enter a whole number from ${min} to ${max}`;
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const text = String(value).trim();
    const parsed = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (parsed >= min && parsed <= max) return parsed;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });
}

function threshold(currency: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? "").trim();
      if (text === "") return null;
      const minor = parseMoneyMinor(text, currency);
      if (minor !== null && minor > 0) return minor;
      ctx.addIssue({
        code: "custom",
        message: `Enter an amount above zero like ${formatMoneyInput(5_000, currency)}, or leave it empty`,
      });
      return z.NEVER;
    });
}

/** The settings form → settings and threshold, for a shop whose currency is `currency`. */
export function settingsInputSchema(currency: string) {
  const perSurface = wholeNumber(SETTING_RANGES.maxOffersPerSurface);
  return z
    .object({
      priceCapPercent: wholeNumber(SETTING_RANGES.priceCapPercent),
      maxOffersPerSurface: z.object({
        product: perSurface,
        cart: perSurface,
        cart_removal: perSurface,
        checkout: perSurface,
        thank_you: perSurface,
      }),
      maxBoughtTogether: wholeNumber(SETTING_RANGES.maxBoughtTogether),
      declineCooldownDays: wholeNumber(SETTING_RANGES.declineCooldownDays),
      maxImpressionsPerOfferPerDay: wholeNumber(SETTING_RANGES.maxImpressionsPerOfferPerDay),
      holdoutPercent: wholeNumber(SETTING_RANGES.holdoutPercent),
      explorationPercent: wholeNumber(SETTING_RANGES.explorationPercent),
      freeShippingThreshold: threshold(currency),
    })
    .transform(({ freeShippingThreshold, ...settings }) => ({
      settings,
      freeShippingThresholdMinor: freeShippingThreshold,
    })) satisfies z.ZodType<SettingsInput>;
}

/** Settings as the form's fields show them. */
export function toSettingsForm(input: SettingsInput, currency: string): SettingsFormValues {
  const { settings } = input;
  const text = (value: number) => String(value);
  return {
    priceCapPercent: text(settings.priceCapPercent),
    maxOffersPerSurface: {
      product: text(settings.maxOffersPerSurface.product),
      cart: text(settings.maxOffersPerSurface.cart),
      cart_removal: text(settings.maxOffersPerSurface.cart_removal),
      checkout: text(settings.maxOffersPerSurface.checkout),
      thank_you: text(settings.maxOffersPerSurface.thank_you),
    },
    maxBoughtTogether: text(settings.maxBoughtTogether),
    declineCooldownDays: text(settings.declineCooldownDays),
    maxImpressionsPerOfferPerDay: text(settings.maxImpressionsPerOfferPerDay),
    holdoutPercent: text(settings.holdoutPercent),
    explorationPercent: text(settings.explorationPercent),
    freeShippingThreshold:
      input.freeShippingThresholdMinor === null ? "" : formatMoneyInput(input.freeShippingThresholdMinor, currency),
  };
}
