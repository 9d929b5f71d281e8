/**
 * `GET /apps/cartlift/next?m=<mark>`: the thank-you page's offer for the next order
 * (docs/checkout-api.md). The link carries the offer's signed mark; the page it opens on the shop
 * puts the offered variant in the shopper's cart with the mark as its `_cartlift` property (the
 * AJAX cart API, as the storefront script does), then goes to the cart. A forged, expired or
 * stale mark opens the cart with nothing added.
 */
import { variantGid } from "../schemas/shopify-ids";
import { cachedVariantProducts } from "./catalog-cache.server";
import { NotFoundError } from "./errors";
import { verifyMark } from "./offer-mark.server";
import { storefrontShop } from "./storefront-shop.server";

export type NextOrderOffer =
  { ok: true; variant: string; mark: string } | { ok: false; reason: "invalid" | "expired" | "gone" };

export async function nextOrderOffer(shop: string, mark: string, now: Date): Promise<NextOrderOffer> {
  const found = await storefrontShop(shop, now.getTime());
  if (!found) throw new NotFoundError("shop");
  const check = verifyMark(found.markKey, mark, now);
  if (!check.valid) return { ok: false, reason: check.reason === "expired" ? "expired" : "invalid" };
  const variant = variantGid(check.mark.o);
  const products = await cachedVariantProducts(shop, [variant], now.getTime());
  if (!products.has(variant)) return { ok: false, reason: "gone" };
  return { ok: true, variant: check.mark.o, mark };
}

const MESSAGES: Record<"adding" | "invalid" | "expired" | "gone", string> = {
  adding: "Adding your offer to the cart…",
  invalid: "This offer link is not valid.",
  expired: "This offer has expired.",
  gone: "This product is no longer available.",
};

/**
 * The page Shopify renders inside the shop's theme. Its only script adds the line and goes to
 * the cart; without JavaScript the shopper gets a link to the cart. Values are JSON-encoded into
 * the script and the mark's alphabet (base64url and ".") needs no HTML escaping.
 */
export function nextOrderPage(offer: NextOrderOffer): string {
  const message = MESSAGES[offer.ok ? "adding" : offer.reason];
  const link = `<p><a href="{{ routes.cart_url }}">View cart</a></p>`;
  if (!offer.ok) return `<div class="cartlift-next" role="status"><p>${message}</p>${link}</div>`;
  const item = JSON.stringify({
    items: [{ id: Number(offer.variant), quantity: 1, properties: { _cartlift: offer.mark } }],
  });
  return `<div class="cartlift-next" role="status"><p>${message}</p><noscript>${link}</noscript></div>
<script>
(function () {
  var root = (window.Shopify && window.Shopify.routes && window.Shopify.routes.root) || "/";
  var done = function () { window.location.assign(root + "cart"); };
  fetch(root + "cart/add.js", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: ${JSON.stringify(item)} }).then(done, done);
})();
</script>`;
}
