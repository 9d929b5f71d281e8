/**
 * The offers endpoint's recent shoppers, for a few seconds: a storefront asks for offers several
 * times a minute per shopper (page, cart, drawer), and their history only changes when they send
 * events. Events and new links stored here drop the shopper's entries at once; another server's
 * writes are seen within `TTL_MS` (docs/decisions/011-shopper-identity.md).
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

interface Entry<T> {
  value: T;
  at: number;
  ids: string[];
}

const entries = new Map<string, Entry<unknown>>();
/** `${shop}\n${id}` → the entry keys that cover that id. */
const byId = new Map<string, Set<string>>();

/** The cached value for the key if fresh, else `load()`'s (cached under every id it covers). */
export async function cachedShopper<T>(
  shop: string,
  key: string,
  now: number,
  load: () => Promise<{ value: T; ids: string[] }>,
): Promise<T> {
  const entryKey = `${shop}\n${key}`;
  const hit = entries.get(entryKey) as Entry<T> | undefined;
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const { value, ids } = await load();
  drop(entryKey);
  entries.set(entryKey, { value, at: now, ids });
  for (const id of ids) {
    const idKey = `${shop}\n${id}`;
    let keys = byId.get(idKey);
    if (!keys) byId.set(idKey, (keys = new Set()));
    keys.add(entryKey);
  }
  if (entries.size > MAX_ENTRIES) drop(entries.keys().next().value!);
  return value;
}

/** Forgets every cached shopper that covers one of the ids (they sent events or were linked). */
export function forgetShopperIds(shop: string, ids: string[]): void {
  for (const id of ids) {
    const keys = byId.get(`${shop}\n${id}`);
    if (!keys) continue;
    for (const key of [...keys]) drop(key);
  }
}

function drop(entryKey: string): void {
  const entry = entries.get(entryKey);
  if (!entry) return;
  entries.delete(entryKey);
  const shop = entryKey.slice(0, entryKey.indexOf("\n"));
  for (const id of entry.ids) {
    const idKey = `${shop}\n${id}`;
    const keys = byId.get(idKey);
    keys?.delete(entryKey);
    if (keys?.size === 0) byId.delete(idKey);
  }
}
