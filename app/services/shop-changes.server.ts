/**
 * "The merchant changed this shop's rules, personas or settings": services that save them call
 * `shopChanged`, and caches of those (the storefront's) subscribe. A leaf module, so the admin
 * services need not import the storefront's.
 */
type Listener = (shop: string) => void;

const listeners = new Set<Listener>();

/** Calls `listener` with the shop on every change; returns the unsubscribe function. */
export function onShopChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every cache that the shop's merchant settings changed. */
export function shopChanged(shop: string): void {
  for (const listener of listeners) listener(shop);
}
