/** Form fields shared by the admin's schemas: money in the shop's currency and min/max ranges. */
import { z } from "zod";
import { formatMoneyInput, parseMoneyMinor } from "./money";

/** An optional decimal amount in `currency` → integer minor units; empty text means "not set". */
export function moneyField(currency: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? "").trim();
      if (text === "") return undefined;
      const minor = parseMoneyMinor(text, currency);
      if (minor !== null) return minor;
      ctx.addIssue({ code: "custom", message: `Enter an amount like ${formatMoneyInput(100_000, currency)}` });
      return z.NEVER;
    });
}

/** A range needs at least one bound, and its bounds in order; errors go on the field to fix. */
export function checkRange(range: { min?: number; max?: number }, ctx: z.RefinementCtx): void {
  if (range.min === undefined && range.max === undefined) {
    ctx.addIssue({ code: "custom", path: ["min"], message: "Enter a minimum, a maximum or both" });
  } else if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
    ctx.addIssue({ code: "custom", path: ["max"], message: "The maximum is below the minimum" });
  }
}
