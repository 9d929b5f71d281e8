/**
 * `POST /api/checkout/offers` (docs/checkout-api.md, docs/decisions/020-checkout-offers.md): the
 * checkout's lines become catalog-priced cart lines, the engine decides for the `checkout` or
 * `thank_you` surface, and each decision goes out in the checkout's currency with a signed mark.
 * Nothing is written except identity links.
 */
import type { CartLine, CatalogProduct, OfferDecision } from "../domain/offers";
import { currencyExponent, decimalString } from "../domain/offers/money";
import type { CheckoutLineInput, CheckoutOffer, CheckoutOffersBody } from "../schemas/checkout";
import { cachedCatalogFacts, cachedVariantProducts } from "./catalog-cache.server";
import { NotFoundError } from "./errors";
import { presentmentFor, type Presentment } from "./presentment.server";
import type { OfferReason } from "../schemas/storefront";
import { decideForSurface, markFor, triggerOf } from "./storefront-offers.server";
import { storefrontShop, type StorefrontShop } from "./storefront-shop.server";

/** A next-order offer waits longer than a cart's: the shopper comes back on another day. */
export const THANK_YOU_MARK_LIFETIME_S = 14 * 86_400;

export interface CheckoutRequest {
  /** The shop the session token was issued for. */
  shop: string;
  /** The token's `sub`, when the buyer is logged in. */
  customerId: string | null;
  body: CheckoutOffersBody;
}

/** The offers for the checkout or thank-you page; NotFoundError for a shop that is not installed. */
export async function checkoutOffers(request: CheckoutRequest, now: Date): Promise<{ offers: CheckoutOffer[] }> {
  const shop = await storefrontShop(request.shop, now.getTime());
  if (!shop) throw new NotFoundError("shop");
  const { body } = request;
  const { cartLines, given } = await priceLines(request.shop, body.lines, now);
  const presentment = checkoutPresentment(shop.decision.currency, body.currency, cartLines, given);
  // The checkout's own prices can't be matched to the catalog: showing a guessed price would lie.
  if (!presentment) return { offers: [] };
  const { trace, snapshot } = await decideForSurface(
    shop,
    {
      shop: request.shop,
      surface: body.surface,
      sid: body.sid,
      customerId: request.customerId,
      country: body.country,
      cartLines,
    },
    now,
  );
  // Checkout can only add lines: an upgrade there would leave the item it replaces in the cart.
  const shown = trace.decisions.filter((d) => body.surface === "thank_you" || d.kind === "cross_sell");
  return {
    offers: shown.map((decision) =>
      toCheckoutOffer(decision, {
        shop,
        domain: request.shop,
        body,
        presentment,
        cartLines,
        facts: snapshot.catalog,
        now,
      }),
    ),
  };
}

interface PricedLines {
  cartLines: CartLine[];
  /** The checkout's own totals for the same lines, in its currency's major units. */
  given: Map<CartLine, { totalMajor: number; discounted: boolean }>;
}

// Lines the catalog does not know (a gift card, a custom line, a product created a moment ago)
// are left out: they are not this shop's products as far as offers go, and cannot be priced.
async function priceLines(shop: string, lines: CheckoutLineInput[], now: Date): Promise<PricedLines> {
  const products = await cachedVariantProducts(
    shop,
    lines.map((l) => l.variant),
    now.getTime(),
  );
  const catalog = await cachedCatalogFacts(shop, [...new Set(products.values())]);
  const cartLines: CartLine[] = [];
  const given = new Map<CartLine, { totalMajor: number; discounted: boolean }>();
  for (const line of lines) {
    const productId = products.get(line.variant);
    const variant = productId ? catalog[productId]?.variants.find((v) => v.id === line.variant) : undefined;
    if (!productId || !variant) continue;
    const cartLine = {
      productId,
      variantId: line.variant,
      quantity: line.quantity,
      unitPriceMinor: variant.priceMinor,
    };
    cartLines.push(cartLine);
    // The amount is a ratio's numerator only: never stored, charged or compared with a price.
    given.set(cartLine, { totalMajor: Number(line.amount), discounted: line.discounted });
  }
  return { cartLines, given };
}

/**
 * The checkout's currency and rate. The checkout API has no exchange rate, so it is implied by the
 * cart: the checkout's total for its undiscounted lines over the catalog's price for the same
 * lines. Null when the currencies differ and no such line exists.
 */
export function checkoutPresentment(
  shopCurrency: string,
  currency: string,
  cartLines: readonly CartLine[],
  given: ReadonlyMap<CartLine, { totalMajor: number; discounted: boolean }>,
): Presentment | null {
  if (currency === shopCurrency) return presentmentFor(shopCurrency, undefined, undefined);
  let checkoutMajor = 0;
  let shopMinor = 0;
  for (const line of cartLines) {
    const amount = given.get(line);
    if (!amount || amount.discounted || line.unitPriceMinor <= 0) continue;
    checkoutMajor += amount.totalMajor;
    shopMinor += line.unitPriceMinor * line.quantity;
  }
  if (shopMinor === 0 || checkoutMajor <= 0) return null;
  const rate = checkoutMajor / (shopMinor / 10 ** currencyExponent(shopCurrency));
  return presentmentFor(shopCurrency, currency, rate);
}

interface OfferContext {
  shop: StorefrontShop;
  domain: string;
  body: CheckoutOffersBody;
  presentment: Presentment;
  cartLines: CartLine[];
  facts: Record<string, CatalogProduct>;
  now: Date;
}

function toCheckoutOffer(decision: OfferDecision, ctx: OfferContext): CheckoutOffer {
  const { presentment } = ctx;
  const thankYou = ctx.body.surface === "thank_you";
  const variant = ctx.facts[decision.productId]?.variants.find((v) => v.id === decision.variantId);
  // A next-order offer starts a new cart without the line that earned it: the discount Function
  // would not honour it there, so the page shows the price the shopper will pay.
  const pays = thankYou ? decision.priceMinor : decision.finalPriceMinor;
  const was = Math.max(decision.compareAtPriceMinor ?? 0, decision.priceMinor);
  const trigger = thankYou ? null : triggerOf(ctx.shop, decision, ctx.cartLines, ctx.facts);
  const mark = markFor(ctx.shop, decision, trigger, ctx.now, thankYou ? THANK_YOU_MARK_LIFETIME_S : undefined);
  const money = (shopMinor: number) => decimalString(presentment.convert(shopMinor), presentment.currency);
  return {
    kind: decision.kind,
    product: decision.productId,
    variant: decision.variantId,
    title: decision.title,
    variantTitle: variant && variant.title !== "Default Title" ? variant.title : "",
    image: decision.imageUrl,
    price: money(pays),
    compareAt: was > pays ? money(was) : null,
    currency: presentment.currency,
    reason: reasonOf(decision, ctx),
    mark,
    ...(thankYou ? { url: `https://${ctx.domain}/apps/cartlift/next?m=${encodeURIComponent(mark)}` } : {}),
  };
}

function reasonOf(decision: OfferDecision, ctx: OfferContext): OfferReason {
  const rule = decision.ruleId ? ctx.shop.decision.rules.find((r) => r.id === decision.ruleId) : undefined;
  if (rule?.offer.type === "products") return "rule";
  switch (decision.kind) {
    case "cross_sell":
      return "frequently_added";
    case "upsell":
      return "upgrade";
    case "down_sell":
      return "alternative";
  }
}
