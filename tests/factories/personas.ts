/** Persona and settings payloads as the admin forms send them, and a way to read what a route answered. */
import type { PersonaFormValues } from "../../app/schemas/personas";
import type { SettingsFormValues } from "../../app/schemas/settings";
import { adminFetch } from "./shopify";

/** A valid custom persona: big spenders in the US get upsells first. */
export function personaForm(overrides: Partial<PersonaFormValues> = {}): PersonaFormValues {
  return {
    name: "Big US spenders",
    active: true,
    conditions: [
      { type: "total_spent", min: "1000.00", max: "" },
      { type: "country", countries: ["US"] },
    ],
    techniques: {
      product: ["upsell"],
      cart: ["upsell", "cross_sell"],
      cart_removal: ["down_sell"],
      checkout: ["cross_sell"],
      thank_you: [],
    },
    ...overrides,
  };
}

/** Every setting as the settings form sends it. */
export function settingsForm(overrides: Partial<SettingsFormValues> = {}): SettingsFormValues {
  return {
    priceCapPercent: "20",
    maxOffersPerSurface: { product: "1", cart: "2", cart_removal: "1", checkout: "1", thank_you: "3" },
    maxBoughtTogether: "3",
    declineCooldownDays: "14",
    maxImpressionsPerOfferPerDay: "5",
    holdoutPercent: "10",
    explorationPercent: "5",
    freeShippingThreshold: "75.50",
    ...overrides,
  };
}

/** A JSON POST from the embedded admin (what `useSubmit(…, { encType: "application/json" })` sends). */
export function postJson(path: string, token: string, body: unknown): Request {
  return adminFetch(path, token, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
}

/** A form POST from the embedded admin. */
export function postForm(path: string, token: string, fields: Record<string, string>): Request {
  return adminFetch(path, token, { method: "POST", body: new URLSearchParams(fields) });
}

export interface Answer {
  status: number;
  body: unknown;
  location: string | null;
}

/**
 * What a loader or action answered, whichever way it did: a returned or thrown Response, a
 * `data(value, status)` wrapper, or a plain value (200).
 */
export async function answerOf(run: () => Promise<unknown>): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (result instanceof Response) {
    const text = await result.text();
    const isJson = result.headers.get("Content-Type")?.includes("json");
    return { status: result.status, body: isJson ? JSON.parse(text) : text, location: result.headers.get("Location") };
  }
  if (isDataWithInit(result)) return { status: result.init?.status ?? 200, body: result.data, location: null };
  return { status: 200, body: result, location: null };
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}
