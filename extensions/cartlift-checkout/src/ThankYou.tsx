/**
 * Thank-you page offers for the next order. The order is final (this target has no
 * applyCartLinesChange), so each offer links to the shop's `/apps/cartlift/next` page, which puts
 * the offer and its mark in a new cart.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OfferRow, t } from "./offer-row";
import { useOffers } from "./use-offers";

export default async () => {
  render(<Extension />, document.body);
};

function Extension() {
  // An offer without its link has nothing to do here.
  const loaded = useOffers("thank_you", true, (offer) => offer.url !== null);
  // As at checkout: nothing until the answer, so nothing to collapse when there is no offer.
  const shown = loaded?.offers.filter((offer) => offer.url !== null) ?? [];
  if (!loaded || shown.length === 0) return null;
  return (
    <s-stack gap="base">
      <s-heading>{t("thankYou.heading")}</s-heading>
      {shown.map((offer) => (
        <OfferRow key={offer.mark} offer={offer}>
          <s-button
            variant="secondary"
            href={offer.url ?? undefined}
            accessibilityLabel={t("thankYou.shopLabel", { title: offer.title })}
            onClick={() => loaded.track("click", [offer])}
          >
            {t("thankYou.shop")}
          </s-button>
        </OfferRow>
      ))}
    </s-stack>
  );
}
