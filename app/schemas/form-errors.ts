/**
 * Field errors shared by the admin forms: zod issues become `{ "conditions.0.min": "message" }`,
 * keyed by the same dotted path the form uses for its fields, so each error lands on its field.
 * Pure (zod types only): services build them, and components import them on the client.
 */
import type { z } from "zod";

/** One message per field path; issues about the whole form are keyed by "". */
export type FieldErrors = Record<string, string>;

/** The first message per field path (the first is the most basic, e.g. "required" before "too long"). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** The error on a field or on anything inside it (e.g. one bad tag in a tag list shows on the list). */
export function errorAt(errors: FieldErrors | undefined, path: string): string | undefined {
  if (!errors) return undefined;
  if (errors[path] !== undefined) return errors[path];
  const prefix = `${path}.`;
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(prefix)) return message;
  return undefined;
}
