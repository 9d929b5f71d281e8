/**
 * The script's own requests go through `net.fetch`: the page's fetch as it was before the cart watch
 * wrapped it (watch.ts), so the watch only sees the theme's and other apps' cart requests.
 */
export const net = {
  fetch: (input: string, init?: RequestInit): Promise<Response> => fetch(input, init),
};

export const JSON_HEADERS = { "Content-Type": "application/json" };

/** Resolves with the JSON answer; rejects on a non-2xx status. POSTs `body` as JSON when given. */
export async function json<T>(url: string, body?: unknown, init?: RequestInit): Promise<T> {
  const res = await net.fetch(
    url,
    body ? { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body), ...init } : init,
  );
  if (!res.ok) throw res.status;
  return res.json();
}
