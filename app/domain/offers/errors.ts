/** Typed domain errors: one place outside the domain maps `code` to an HTTP status. */

/** What kind of bad state was found. */
export type DomainErrorCode =
  "invalid_rule" | "invalid_persona" | "invalid_settings" | "invalid_snapshot" | "invalid_amount" | "invalid_currency";

/** Bad input or state that the engine refuses to decide from. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Type guard for callers that map errors. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
