import type { ComponentChildren } from "preact";
import type { Offer } from "./backend";

export const t = (key: string, options?: Record<string, string | number>): string =>
  shopify.i18n.translate(key, options);

/** One offer: image, title, variant, price (the original struck through), its action, its error. */
export function OfferRow({ offer, error, children }: { offer: Offer; error?: string; children: ComponentChildren }) {
  const money = (amount: string) => shopify.i18n.formatCurrency(Number(amount), { currency: offer.currency });
  const variant = offer.variantTitle !== "" && offer.variantTitle !== "Default Title" ? offer.variantTitle : null;
  return (
    <s-stack gap="small-200">
      <s-grid gridTemplateColumns="auto 1fr auto" gap="base" alignItems="center">
        {/* Without an image the thumbnail shows Shopify's placeholder, keeping the rows aligned. */}
        <s-product-thumbnail src={offer.image ?? undefined} alt={offer.title} />
        <s-stack gap="none">
          <s-text type="strong">{offer.title}</s-text>
          {variant && <s-text color="subdued">{variant}</s-text>}
          <s-stack direction="inline" gap="small-200">
            <s-text>{money(offer.price)}</s-text>
            {offer.compareAt && (
              // s-text type "redundant" is the 2026-07 strikethrough (an <s> element in HTML
              // hosts); screen readers may not announce it, hence the label only they hear.
              <s-text>
                <s-text accessibilityVisibility="exclusive">{t("offer.originalPrice")} </s-text>
                <s-text type="redundant" color="subdued">
                  {money(offer.compareAt)}
                </s-text>
              </s-text>
            )}
          </s-stack>
        </s-stack>
        {children}
      </s-grid>
      {error && <s-text tone="critical">{error}</s-text>}
    </s-stack>
  );
}
