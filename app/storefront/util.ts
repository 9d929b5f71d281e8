/** Small helpers; no dependencies, so the compiled asset stays tiny. */

export const noop = () => {};

export const doc = document;
export const win = window;

/** `querySelector` on `scope`. */
export const $ = <T extends HTMLElement = HTMLElement>(scope: ParentNode, selector: string) =>
  scope.querySelector<T>(selector);

/** `addEventListener`, shorter once minified. */
export const listen = (target: EventTarget, type: string, fn: (e: Event) => unknown) =>
  target.addEventListener(type, fn);

/**
 * Formats integer minor units of `currency` in the page's language (`<html lang>`, which Shopify sets
 * from the storefront's locale); the fraction digits come from the currency (JPY 0, KWD 3).
 */
export function money(minor: number, currency: string): string {
  const nf = new Intl.NumberFormat(doc.documentElement.lang || undefined, { style: "currency", currency });
  return nf.format(minor / 10 ** nf.resolvedOptions().maximumFractionDigits!);
}

/** A random id (a UUID) for events and the anonymous shopper. */
export const uid = (): string => crypto.randomUUID();
