/**
 * `GET /apps/cartlift/offers` (docs/storefront-api.md): the storefront's numeric ids become this
 * shop's GIDs, cart prices come from the catalog, the engine decides, and each decision goes out in
 * the presentment currency with a signed offer mark. Nothing is written except identity links.
 */
import {
  crossSellTrigger,
  isInHoldout,
  type CartLine,
  type CatalogProduct,
  type ContextItem,
  type OfferDecision,
  type Rule,
  type Surface,
} from "../domain/offers";
import { upgradeFeatures } from "../domain/offers/upgrade-features";
import { customerGid, numericId, productGid, variantGid } from "../schemas/shopify-ids";
import type { LineParam, OfferReason, OffersQuery } from "../schemas/storefront";
import { cachedCatalogFacts, cachedVariantProducts } from "./catalog-cache.server";
import { NotFoundError } from "./errors";
import { decideForShopper, signalWindows, type DecisionRequest } from "./offer-decisions.server";
import { MARK_LIFETIME_S, signMark } from "./offer-mark.server";
import { presentmentFor, type Presentment } from "./presentment.server";
import { noteExposure } from "./exposures.server";
import { cachedShopper } from "./shopper-cache.server";
import { resolveShopperWithSignals } from "./shopper-identity.server";
import { storefrontShop, type StorefrontShop } from "./storefront-shop.server";

/** One offer as the storefront script renders it. */
export interface StorefrontOffer {
  kind: OfferDecision["kind"];
  surface: OfferDecision["surface"];
  product: string;
  variant: string;
  handle: string;
  title: string;
  variantTitle: string;
  image: string | null;
  price: number;
  compareAt: number | null;
  currency: string;
  reason: OfferReason;
  features: string[];
  replaces?: { product: string; variant: string | null; price: number };
  mark: string;
}

export interface StorefrontOffers {
  offers: StorefrontOffer[];
  freeShipping: { thresholdMinor: number; subtotalMinor: number; currency: string } | null;
}

/** The offers for one storefront surface; NotFoundError for an uninstalled shop or another shop's ids. */
export async function storefrontOffers(query: OffersQuery, now: Date): Promise<StorefrontOffers> {
  const shop = await storefrontShop(query.shop, now.getTime());
  if (!shop) throw new NotFoundError("shop");
  const context = await resolveContext(query, now);
  const customerId = query.logged_in_customer_id ? customerGid(query.logged_in_customer_id) : null;
  const { trace, snapshot } = await decideForSurface(
    shop,
    {
      shop: query.shop,
      surface: query.surface,
      sid: query.sid,
      customerId,
      // Customer tags and B2B are the theme's word; Shopify only vouches for them when logged in.
      tags: customerId && query.ctags ? splitTags(query.ctags) : [],
      b2bCompany: customerId && query.b2b === "1" ? "B2B customer" : null,
      country: query.country,
      cartLines: context.cartLines,
      item: context.item,
      declined: context.declined,
    },
    now,
  );
  const presentment = presentmentFor(shop.decision.currency, query.currency, query.rate);
  const subtotal = context.cartLines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  const offers = trace.decisions.map((decision) =>
    toStorefrontOffer(decision, {
      shop,
      catalog: snapshot.catalog,
      presentment,
      subtotal,
      query,
      cartLines: context.cartLines,
      now,
    }),
  );
  const threshold = shop.freeShippingThresholdMinor;
  return {
    offers,
    freeShipping:
      threshold === null
        ? null
        : {
            thresholdMinor: presentment.convert(threshold),
            subtotalMinor: presentment.convert(subtotal),
            currency: presentment.currency,
          },
  };
}

/** Who asks, on which surface, with what in the cart: the part the storefront and checkout share. */
export interface SurfaceRequest {
  shop: string;
  surface: Surface;
  sid: string;
  customerId: string | null;
  tags?: string[];
  b2bCompany?: string | null;
  country?: string | undefined;
  cartLines: CartLine[];
  item?: ContextItem | undefined;
  declined?: ContextItem | undefined;
}

/**
 * Resolves the shopper across their ids (cached briefly), loads their signals and decides. Nothing
 * is written except a new identity link.
 */
export async function decideForSurface(shop: StorefrontShop, request: SurfaceRequest, now: Date) {
  const windows = signalWindows(shop.decision.settings, now);
  const { shopper, signals } = await cachedShopper(
    request.shop,
    `${request.sid}\n${request.customerId ?? ""}`,
    now.getTime(),
    async () => {
      const resolved = await resolveShopperWithSignals(request.shop, request.sid, request.customerId, windows);
      return { value: resolved, ids: resolved.shopper.ids };
    },
  );
  const decision: DecisionRequest = {
    surface: request.surface,
    shopper: {
      shopperId: shopper.key,
      signalIds: shopper.ids,
      customerId: request.customerId,
      tags: request.tags ?? [],
      b2bCompany: request.b2bCompany ?? null,
      ...(request.country ? { country: request.country } : {}),
    },
    cartLines: request.cartLines,
    ...(request.item ? { item: request.item } : {}),
    ...(request.declined ? { declinedUpsell: request.declined } : {}),
  };
  const decided = await decideForShopper(request.shop, decision, now, Math.random, {
    context: shop.decision,
    signals,
    catalog: cachedCatalogFacts,
  });
  // This shopper reached a surface this week, in one group or the other (the lift's unit).
  await noteExposure(
    request.shop,
    {
      shopperKey: shopper.key,
      holdout: isInHoldout(shopper.key, shop.decision.settings),
      surface: request.surface,
    },
    now,
  );
  return decided;
}

/** The signed mark for a decision, naming the variant that earned it (`triggerOf`). */
export function markFor(
  shop: StorefrontShop,
  decision: OfferDecision,
  trigger: string | null,
  now: Date,
  lifetimeS = MARK_LIFETIME_S,
): string {
  return signMark(shop.markKey, {
    v: 1,
    r: decision.ruleId,
    k: decision.kind,
    o: numericId(decision.variantId),
    t: trigger ? numericId(trigger) : null,
    x: Math.floor(now.getTime() / 1000) + lifetimeS,
    s: decision.surface,
    p: decision.personaId,
  });
}

/**
 * The variant that earned an offer: the line it replaces, else (on a product page) the variant in
 * view, else, for a cross-sell in a cart, the cart line that earned it (`crossSellTrigger`).
 */
export function triggerOf(
  shop: StorefrontShop,
  decision: OfferDecision,
  cartLines: readonly CartLine[],
  catalog: Record<string, CatalogProduct>,
  viewed?: { variantId: string | null },
): string | null {
  if (decision.comparesTo?.variantId) return decision.comparesTo.variantId;
  if (viewed) return viewed.variantId;
  if (decision.kind !== "cross_sell") return null;
  const rule = decision.ruleId ? (shop.decision.rules.find((r) => r.id === decision.ruleId) ?? null) : null;
  return crossSellTrigger(rule, cartLines, catalog, decision.productId);
}

interface RequestContext {
  cartLines: CartLine[];
  item?: ContextItem;
  declined?: ContextItem;
}

// Every id must be this shop's: another shop's (or an unknown) id is a 404 and nothing is decided.
// A cart line or viewed page of a draft, archived or unpublished product is still priced from its
// facts (the shopper has it); the engine only refuses to offer such a product (`offerable: false`).
async function resolveContext(query: OffersQuery, now: Date): Promise<RequestContext> {
  const variantIds = [
    ...query.lines.map((l) => variantGid(l.variant)),
    ...(query.removed ? [variantGid(query.removed.variant)] : []),
    ...(query.declined ? [variantGid(query.declined)] : []),
    ...(query.variant && query.surface === "product" ? [variantGid(query.variant)] : []),
  ];
  const products = await cachedVariantProducts(query.shop, variantIds, now.getTime());
  if (variantIds.some((id) => !products.has(id))) throw new NotFoundError("product");
  const viewed = query.surface === "product" && query.product ? productGid(query.product) : null;
  const catalog = await cachedCatalogFacts(query.shop, [...products.values(), ...(viewed ? [viewed] : [])]);
  const priced = (variant: string): ContextItem & { variantId: string; unitPriceMinor: number } => {
    const gid = variantGid(variant);
    const productId = products.get(gid)!;
    const found = catalog[productId]?.variants.find((v) => v.id === gid);
    if (!found) throw new NotFoundError("product");
    return { productId, variantId: gid, unitPriceMinor: found.priceMinor };
  };
  const cartLines = query.lines.map((line: LineParam) => ({ ...priced(line.variant), quantity: line.quantity }));
  if (query.surface === "product") {
    if (!viewed || !catalog[viewed]) throw new NotFoundError("product");
    if (query.variant && products.get(variantGid(query.variant)) !== viewed) throw new NotFoundError("product");
    return { cartLines, item: query.variant ? priced(query.variant) : { productId: viewed } };
  }
  return {
    cartLines,
    ...(query.surface === "cart_removal" && query.removed ? { item: priced(query.removed.variant) } : {}),
    ...(query.declined ? { declined: priced(query.declined) } : {}),
  };
}

interface OfferContext {
  shop: StorefrontShop;
  catalog: Record<string, CatalogProduct>;
  presentment: Presentment;
  subtotal: number;
  query: OffersQuery;
  cartLines: CartLine[];
  now: Date;
}

function toStorefrontOffer(decision: OfferDecision, ctx: OfferContext): StorefrontOffer {
  const { presentment } = ctx;
  const product = ctx.catalog[decision.productId];
  const variant = product?.variants.find((v) => v.id === decision.variantId);
  const was = Math.max(decision.compareAtPriceMinor ?? 0, decision.discount ? decision.priceMinor : 0);
  const replaced = decision.comparesTo;
  const viewed =
    ctx.query.surface === "product"
      ? { variantId: ctx.query.variant ? variantGid(ctx.query.variant) : null }
      : undefined;
  const mark = markFor(ctx.shop, decision, triggerOf(ctx.shop, decision, ctx.cartLines, ctx.catalog, viewed), ctx.now);
  return {
    kind: decision.kind,
    surface: decision.surface,
    product: numericId(decision.productId),
    variant: numericId(decision.variantId),
    handle: decision.handle,
    title: decision.title,
    variantTitle: variant?.title ?? "",
    image: decision.imageUrl,
    price: presentment.convert(decision.finalPriceMinor),
    compareAt: was > decision.finalPriceMinor ? presentment.convert(was) : null,
    currency: presentment.currency,
    reason: reasonOf(decision, ctx),
    features: decision.kind === "upsell" ? featuresOf(decision, ctx.catalog) : [],
    ...(replaced
      ? {
          replaces: {
            product: numericId(replaced.productId),
            variant: replaced.variantId ? numericId(replaced.variantId) : null,
            price: presentment.convert(replaced.priceMinor),
          },
        }
      : {}),
    mark,
  };
}

function reasonOf(decision: OfferDecision, ctx: OfferContext): OfferReason {
  const rule: Rule | undefined = decision.ruleId
    ? ctx.shop.decision.rules.find((r) => r.id === decision.ruleId)
    : undefined;
  const threshold = ctx.shop.freeShippingThresholdMinor;
  switch (decision.kind) {
    case "cross_sell":
      if (
        decision.surface !== "product" &&
        threshold !== null &&
        ctx.subtotal < threshold &&
        ctx.subtotal + decision.finalPriceMinor >= threshold
      ) {
        return "free_shipping";
      }
      if (rule?.offer.type === "products") return "rule";
      return decision.surface === "product" ? "bought_together" : "frequently_added";
    case "upsell":
      return rule?.offer.type === "products" ? "rule" : "upgrade";
    case "down_sell":
      return rule?.offer.type === "products" ? "rule" : "alternative";
  }
}

// What the premium item adds over the item it replaces (metafield, else tags, else option values).
function featuresOf(decision: OfferDecision, catalog: Record<string, CatalogProduct>): string[] {
  const offered = catalog[decision.productId];
  if (!offered) return [];
  const replaced = decision.comparesTo;
  const had = replaced && catalog[replaced.productId];
  return upgradeFeatures(
    { product: offered, variantId: decision.variantId },
    had ? { product: had, variantId: replaced.variantId } : undefined,
  );
}

function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ].slice(0, 50);
}
