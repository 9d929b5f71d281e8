/**
 * `GET /apps/cartlift/offers` with a time budget. Fails closed: a slow (aborted after the budget) or
 * failing answer resolves to `undefined` and never throws, so the blocks stay empty and the theme works
 * as before; a malformed one makes the drawing fail, which is caught the same way (main.ts).
 */
import { json } from "./net";
import { noop } from "./util";
import type { Answer } from "./types";

export const PROXY = "/apps/cartlift/";
export const BUDGET_MS = 1500;

const cache = new Map<string, Promise<Answer | void>>();

/**
 * Asks for offers; `query` is the URL-encoded query string (mostly rendered by Liquid). The same query
 * is asked once per page view (a page view asks few).
 */
export function getOffers(query: string, budget = BUDGET_MS): Promise<Answer | void> {
  const url = PROXY + "offers?" + query;
  // AbortSignal.timeout aborts the request and the body read alike once the budget is spent.
  if (!cache.has(url)) cache.set(url, json<Answer>(url, 0, { signal: AbortSignal.timeout(budget) }).catch(noop));
  return cache.get(url)!;
}

/**
 * Variants the shopper said "No thanks" to in this page view: blocks draw them no more, even from an
 * answer kept from before the decline reached the app (blocks.ts).
 */
export const declined = new Set<string>();

/** Test hook: forget the answers and declines of this page view. */
export const clearOffers = () => (cache.clear(), declined.clear());
