/**
 * The app's backend as the extension sees it (docs/checkout-api.md): where it is, who the shopper is,
 * the offers request and the events beacon. Nothing here throws or waits long: a missing metafield,
 * a slow, failing or odd answer all come out as "no offers", so checkout never waits on the app.
 */

export type Surface = "checkout" | "thank_you";
export type EventType = "impression" | "click" | "add";

/** One offer as the backend sends it, after `readOffer` checked what the UI relies on. */
export interface Offer {
  variant: string;
  title: string;
  variantTitle: string;
  image: string | null;
  price: string;
  compareAt: string | null;
  currency: string;
  mark: string;
  /** Thank-you offers only: the shop's link that puts the offer in a new cart. */
  url: string | null;
}

/** Past this the answer is ignored: a list arriving late would move the page under the buyer. */
export const OFFERS_TIMEOUT_MS = 2_500;
export const SID_ATTRIBUTE = "_cartlift_sid";
export const SID_STORAGE_KEY = "sid";
const ID = /^[A-Za-z0-9_-]{8,64}$/;
const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/[1-9]\d*$/;
// 64 symbols, so `byte & 63` picks each one equally often.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** The app's URL from the `$app:cartlift`/`backend` shop metafield, or null (then nothing renders). */
export function backendUrl(): string | null {
  const entry = shopify.appMetafields.value.find(
    ({ metafield }) => metafield.namespace === "$app:cartlift" && metafield.key === "backend",
  );
  try {
    const url = new URL(entry?.metafield.value.trim() ?? "");
    return /^https?:$/.test(url.protocol) ? (url.origin + url.pathname).replace(/\/+$/, "") : null;
  } catch {
    return null;
  }
}

export function randomId(length = 20): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => ALPHABET[byte & 63]).join("");
}

/** The storefront's shopper id when it wrote one on the cart, else one this extension keeps. */
export async function shopperId(): Promise<string> {
  const given = shopify.attributes.value.find(({ key }) => key === SID_ATTRIBUTE)?.value;
  if (given && ID.test(given)) return given;
  try {
    const kept = await shopify.storage.read<string>(SID_STORAGE_KEY);
    if (typeof kept === "string" && ID.test(kept)) return kept;
    const sid = randomId();
    await shopify.storage.write(SID_STORAGE_KEY, sid);
    return sid;
  } catch {
    return randomId();
  }
}

/**
 * The variant GID of the cart line that earned the offer, read from its mark's payload (signed,
 * not secret: docs/decisions/010-offer-mark.md); null when the mark names none or cannot be read.
 */
export function triggerOf(mark: string): string | null {
  try {
    const payload = JSON.parse(atob(mark.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/"))) as { t?: unknown };
    return typeof payload.t === "string" && /^[1-9]\d{0,19}$/.test(payload.t)
      ? `gid://shopify/ProductVariant/${payload.t}`
      : null;
  } catch {
    return null;
  }
}

/** `cost.totalAmount.amount` as the decimal string the backend reads (no exponent, ≤ 6 places). */
function decimal(amount: number): string {
  return Number.isFinite(amount) && amount > 0 ? amount.toFixed(6).replace(/\.?0+$/, "") : "0";
}

function cartLines() {
  return shopify.lines.value
    .filter((line) => VARIANT_GID.test(line.merchandise.id) && line.quantity >= 1)
    .slice(0, 100)
    .map((line) => ({
      variant: line.merchandise.id,
      quantity: line.quantity,
      amount: decimal(line.cost.totalAmount.amount),
      discounted: line.discountAllocations.length > 0,
    }));
}

async function post(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const token = await shopify.sessionToken.get();
  return fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

function text(raw: Record<string, unknown>, key: string): string | null {
  const value = raw[key];
  return typeof value === "string" && value !== "" ? value : null;
}

const amount = (value: string | null) => (value !== null && Number.isFinite(Number(value)) ? value : null);

function readOffer(raw: unknown): Offer | null {
  if (!raw || typeof raw !== "object") return null;
  const o = raw as Record<string, unknown>;
  const [variant, title, currency, mark] = ["variant", "title", "currency", "mark"].map((key) => text(o, key));
  const price = amount(text(o, "price"));
  if (!variant || !title || !price || !currency || !mark) return null;
  const url = text(o, "url");
  return {
    variant,
    title,
    variantTitle: text(o, "variantTitle") ?? "",
    image: text(o, "image"),
    price,
    compareAt: amount(text(o, "compareAt")),
    currency,
    mark,
    url: url?.startsWith("https://") ? url : null,
  };
}

async function askOffers(backend: string, surface: Surface, sid: string, signal: AbortSignal): Promise<Offer[]> {
  const country = shopify.localization.country.value?.isoCode;
  const body = {
    surface,
    sid,
    currency: shopify.localization.currency.value.isoCode,
    ...(country ? { country } : {}),
    lines: cartLines(),
  };
  const response = await post(`${backend}/api/checkout/offers`, body, signal);
  if (response.status !== 200) return [];
  const answer = (await response.json()) as { offers?: unknown } | null;
  if (!Array.isArray(answer?.offers)) return [];
  return answer.offers.map(readOffer).filter((offer): offer is Offer => offer !== null);
}

/** The offers for this surface, or [] after OFFERS_TIMEOUT_MS or on any failure. Never rejects. */
export function fetchOffers(backend: string, surface: Surface, sid: string): Promise<Offer[]> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race also covers the session token and the body: the whole exchange has one deadline.
  const late = new Promise<Offer[]>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve([]);
    }, OFFERS_TIMEOUT_MS);
  });
  const answer = askOffers(backend, surface, sid, controller.signal).catch(() => []);
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

/** Fire and forget: one batch of events, one per offer. A lost event costs a statistic, not a sale. */
export function postEvents(backend: string, sid: string, surface: Surface, type: EventType, offers: Offer[]): void {
  if (offers.length === 0) return;
  const at = new Date().toISOString();
  const events = offers.slice(0, 50).map(({ mark }) => ({ id: randomId(), at, surface, type, mark }));
  post(`${backend}/api/checkout/events`, { sid, events }).catch(() => undefined);
}
