/**
 * The one error convention (docs/decisions/008-error-convention.md): services throw typed errors,
 * this file maps them to HTTP, and routes never catch.
 *
 * Services throw:
 * - `NotFoundError`: the shop has no such record (or it is another shop's)   → 404 `{ error }`
 * - `ValidationError`: input that failed validation, with field errors       → 400 `{ errors: { path: message } }`
 * - `DomainError` (app/domain/offers/errors.ts): a domain rule refused it    → 422 `{ error, code }`
 * Anything else is a bug and stays a 500 (Remix logs it).
 *
 * Routes use, with no try/catch of their own:
 * - `parseWith(schema, input)`: the parsed value, or a thrown 400 Response with field errors.
 * - `runService(() => service(...))`: the service's result; a known error becomes a thrown JSON
 *   Response. Public routes (app proxy, webhooks, API) use this: every error they answer is JSON.
 *   e.g. `const query = parseWith(offersQuerySchema, params); return Response.json(await runService(() => offersFor(shop, query)));`
 * - `runFormAction(() => …)`: for an admin form's action. Field errors (a `ValidationError`, or
 *   `parseWith`'s 400) are *returned* as `data({ errors }, 400)`, so `useActionData` puts them on
 *   the form's fields; every other known error is thrown, as in `runService`.
 * - `requireFound(value, what)`: the value, or a thrown 404.
 * Admin routes render what is thrown with `RouteErrorBoundary` (app/components/route-error-boundary.tsx).
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import { isDomainError } from "../domain/offers/errors";
import { fieldErrors, type FieldErrors } from "../schemas/form-errors";

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

/** The body of every 400 this file makes. */
export interface FieldErrorsBody {
  errors: FieldErrors;
}

// The field errors of the 400s made here, so `runFormAction` can return them without reading a body.
const fieldErrorsOf = new WeakMap<Response, FieldErrors>();

/** A 400 JSON Response `{ errors }`. */
export function badRequest(errors: FieldErrors): Response {
  const response = Response.json({ errors } satisfies FieldErrorsBody, { status: 400 });
  fieldErrorsOf.set(response, errors);
  return response;
}

/** A Response for a known error, or the error itself (a bug: let it be a 500). */
export function toHttpResponse(error: unknown): unknown {
  if (error instanceof Response) return error;
  if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
  if (error instanceof ValidationError) return badRequest(error.fieldErrors);
  if (isDomainError(error)) return Response.json({ error: error.message, code: error.code }, { status: 422 });
  return error;
}

/** The input parsed by `schema`; else throws a 400 Response with one message per field path. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
  return parsed.data;
}

/** `value` unless it is null or undefined; else throws a 404 Response ("<what> not found"). */
export function requireFound<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw toHttpResponse(new NotFoundError(what));
  return value;
}

/** Runs a service call; known errors are thrown as their Responses (404, 400, 422), bugs as they are. */
export async function runService<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpResponse(error);
  }
}

/**
 * Runs an admin form action: field errors come back to the form as a returned 400 (`{ errors }`);
 * every other known error is thrown as its Response, for the route's error boundary.
 */
export async function runFormAction<T>(work: () => Promise<T>): Promise<T | ReturnType<typeof data<FieldErrorsBody>>> {
  try {
    return await work();
  } catch (error) {
    const mapped = toHttpResponse(error);
    const errors = mapped instanceof Response ? fieldErrorsOf.get(mapped) : undefined;
    if (errors) return data({ errors }, { status: 400 });
    throw mapped;
  }
}
