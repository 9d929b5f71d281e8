/**
 * `POST /apps/cartlift/events` (docs/storefront-api.md): a batch of impressions, clicks, adds and
 * declines (each with this shop's valid offer mark) and product views and removals (this shop's
 * products), stored once per event id. One bad event rejects the batch and nothing is stored.
 */
import { customerGid, productGid, variantGid } from "../schemas/shopify-ids";
import {
  findShopProducts,
  storeEventsOnce,
  type NewOfferEvent,
  type NewShopperEvent,
} from "../adapters/storefront-events.server";
import type { CheckoutEventsBody } from "../schemas/checkout";
import type { EventsBody, StorefrontEvent } from "../schemas/storefront";
import { cachedVariantProducts } from "./catalog-cache.server";
import { NotFoundError, ValidationError } from "./errors";
import { verifyMark } from "./offer-mark.server";
import { forgetShopperIds } from "./shopper-cache.server";
import { resolveShopper } from "./shopper-identity.server";
import { storefrontShop } from "./storefront-shop.server";

// Client clocks drift: an event's time is kept within the last day and never in the future.
const MAX_AGE_MS = 86_400_000;

export interface EventsRequest {
  shop: string;
  /** The numeric id (app proxy) or the GID (checkout token `sub`) of a logged-in customer. */
  customerId: string | undefined;
  /** A storefront batch, or a checkout one (offer events only, on the checkout surfaces). */
  body: EventsBody | CheckoutEventsBody;
}

type AnyEvent = StorefrontEvent | CheckoutEventsBody["events"][number];

/** Stores the batch's new events; returns how many events the batch carried (retries included). */
export async function recordStorefrontEvents(request: EventsRequest, now: Date): Promise<{ accepted: number }> {
  const shop = await storefrontShop(request.shop, now.getTime());
  if (!shop) throw new NotFoundError("shop");
  const { events, sid } = request.body;
  const customerId = request.customerId ? customerGid(request.customerId) : null;
  const errors: Record<string, string> = {};
  const marks = new Map<number, ReturnType<typeof verifyMark>>();
  events.forEach((event, index) => {
    if (!("mark" in event)) return;
    const check = verifyMark(shop.markKey, event.mark, now);
    marks.set(index, check);
    if (!check.valid)
      errors[`events.${index}.mark`] = `offer mark ${check.reason === "expired" ? "expired" : "invalid"}`;
  });
  const offered = [...marks.values()].flatMap((c) => (c.valid ? [variantGid(c.mark.o)] : []));
  const viewed = events.flatMap((e) => ("product" in e ? [productGid(e.product)] : []));
  const [variantProducts, products] = await Promise.all([
    cachedVariantProducts(request.shop, offered, now.getTime()),
    findShopProducts(request.shop, viewed),
  ]);
  events.forEach((event, index) => {
    if ("product" in event && !products.has(productGid(event.product)))
      errors[`events.${index}.product`] = "unknown product";
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  // Shopify vouches for the customer; linking happens only for a batch that is otherwise valid.
  const shopper = await resolveShopper(request.shop, sid, customerId);
  const offerEvents: NewOfferEvent[] = [];
  const shopperEvents: NewShopperEvent[] = [];
  for (const [index, event] of uniqueById(events)) {
    const occurredAt = clampTime(event.at, now);
    if ("mark" in event) {
      const check = marks.get(index)!;
      if (!check.valid) continue;
      const variantId = variantGid(check.mark.o);
      const productId = variantProducts.get(variantId);
      // The mark is ours, but the item left the catalog since: nothing left to count it against.
      if (!productId) continue;
      offerEvents.push({
        clientEventId: event.id,
        type: event.type,
        shopperId: shopper.eventId,
        customerId,
        offerKey: `${check.mark.k}:${productId}`,
        productId,
        variantId,
        kind: check.mark.k,
        surface: event.surface,
        ruleId: check.mark.r,
        personaId: check.mark.p ?? null,
        occurredAt,
      });
    } else {
      shopperEvents.push({
        clientEventId: event.id,
        type: event.type,
        shopperId: shopper.eventId,
        productId: productGid(event.product),
        variantId: event.variant ? variantGid(event.variant) : null,
        occurredAt,
      });
    }
  }
  await storeEventsOnce(request.shop, offerEvents, shopperEvents);
  // Their next offers must see these events (and any new link) at once.
  forgetShopperIds(request.shop, [sid, ...(customerId ? [customerId] : []), ...shopper.ids]);
  return { accepted: events.length };
}

// The same id twice in one batch is one event sent twice: the first counts.
function uniqueById(events: readonly AnyEvent[]): [number, AnyEvent][] {
  const seen = new Set<string>();
  const result: [number, AnyEvent][] = [];
  events.forEach((event, index) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    result.push([index, event]);
  });
  return result;
}

function clampTime(at: string, now: Date): Date {
  const time = Date.parse(at);
  return new Date(Math.min(now.getTime(), Math.max(now.getTime() - MAX_AGE_MS, time)));
}
