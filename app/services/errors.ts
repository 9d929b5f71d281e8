/**
 * Errors services throw for what a client sent, and the one place that maps them (and the domain's
 * errors) to HTTP responses. Routes rethrow `toHttpResponse(error)`.
 */
import { isDomainError } from "../domain/offers/errors";

/** The shop has no such record (or it belongs to another shop: never say which). */
export class NotFoundError extends Error {
  override name = "NotFoundError";
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** Input that failed validation, with messages keyed by field path ("conditions.0.productIds"). */
export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(readonly fieldErrors: Record<string, string>) {
    super(`invalid input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

/** A Response for a known error, or the error itself (a bug: let it be a 500). */
export function toHttpResponse(error: unknown): unknown {
  if (error instanceof Response) return error;
  if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
  if (error instanceof ValidationError) return Response.json({ errors: error.fieldErrors }, { status: 400 });
  if (isDomainError(error)) return Response.json({ error: error.message, code: error.code }, { status: 422 });
  return error;
}
