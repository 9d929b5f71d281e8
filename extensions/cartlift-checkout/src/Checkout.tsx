/**
 * Checkout cross-sells (under the cart lines, or in the merchant's block): one tap adds the offer
 * as a cart line carrying its mark, which the offer discount Function reads. Each target renders
 * its own list; the backend caps how many offers each answer holds.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";
import { triggerOf, type EventType, type Offer } from "./backend";
import { OfferRow, t } from "./offer-row";
import { useOffers } from "./use-offers";

export default async () => {
  render(<Extension />, document.body);
};

const inCart = () => new Set(shopify.lines.value.map((line) => line.merchandise.id));

// An offer is shown while it is not in the cart yet and the line that earned it still is: without
// that line its discount would not hold, and the reason to offer it has left.
function showable(offer: Offer, cart: Set<string>): boolean {
  const trigger = triggerOf(offer.mark);
  return !cart.has(offer.variant) && (trigger === null || cart.has(trigger));
}

function Extension() {
  // False in accelerated checkouts (Apple Pay, Google Pay…): an offer there could not be added.
  const canAdd = shopify.instructions.value.lines.canAddCartLine;
  const loaded = useOffers("checkout", canAdd, (offer) => showable(offer, inCart()));
  const [added, setAdded] = useState<string[]>([]);
  // While the backend thinks, nothing renders: most carts get no offer, and a placeholder that then
  // collapsed would move the page more than a list that appears.
  if (!canAdd || !loaded) return null;
  const cart = inCart();
  const shown = loaded.offers.filter((offer) => showable(offer, cart) && !added.includes(offer.mark));
  if (shown.length === 0) return null;
  return (
    <s-stack gap="base">
      <s-heading>{t("checkout.heading")}</s-heading>
      {shown.map((offer) => (
        <AddableOffer
          key={offer.mark}
          offer={offer}
          track={loaded.track}
          // The new line is in the cart now; hide the row before the cart lines catch up.
          onAdded={() => setAdded((marks) => [...marks, offer.mark])}
        />
      ))}
    </s-stack>
  );
}

interface AddableOfferProps {
  offer: Offer;
  track: (type: EventType, offers: Offer[]) => void;
  onAdded: () => void;
}

function AddableOffer({ offer, track, onAdded }: AddableOfferProps) {
  const [state, setState] = useState<"idle" | "adding" | "failed">("idle");
  const add = async () => {
    if (state === "adding") return;
    track("click", [offer]);
    setState("adding");
    let added = false;
    try {
      const result = await shopify.applyCartLinesChange({
        type: "addCartLine",
        merchandiseId: offer.variant,
        quantity: 1,
        attributes: [{ key: "_cartlift", value: offer.mark }],
      });
      added = result.type === "success";
    } catch {
      added = false;
    }
    if (!added) return setState("failed");
    track("add", [offer]);
    onAdded();
  };
  const adding = state === "adding";
  return (
    <OfferRow offer={offer} error={state === "failed" ? t("checkout.addFailed", { title: offer.title }) : undefined}>
      <s-button
        variant="secondary"
        loading={adding}
        accessibilityLabel={t(adding ? "checkout.adding" : "checkout.addLabel", { title: offer.title })}
        onClick={add}
      >
        {t("checkout.add")}
      </s-button>
    </OfferRow>
  );
}
