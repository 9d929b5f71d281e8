import { useEffect, useState } from "preact/hooks";
import { backendUrl, fetchOffers, postEvents, shopperId, type EventType, type Offer, type Surface } from "./backend";

export interface LoadedOffers {
  offers: Offer[];
  track: (type: EventType, offers: Offer[]) => void;
}

/**
 * Asks the backend once per rendered target; null while it has not answered, when `enabled` is
 * false or without a backend URL (then nothing is fetched). `shown` picks the offers the surface will
 * show: they get one batched `impression` event.
 */
export function useOffers(surface: Surface, enabled: boolean, shown: (offer: Offer) => boolean): LoadedOffers | null {
  const backend = enabled ? backendUrl() : null;
  const [loaded, setLoaded] = useState<LoadedOffers | null>(null);
  useEffect(() => {
    if (!backend) return;
    let live = true;
    void (async () => {
      const sid = await shopperId();
      const offers = await fetchOffers(backend, surface, sid);
      if (!live) return;
      const track = (type: EventType, of: Offer[]) => postEvents(backend, sid, surface, type, of);
      track("impression", offers.filter(shown));
      setLoaded({ offers, track });
    })();
    return () => {
      live = false;
    };
    // `shown` is read once, when the answer arrives: impressions are counted per answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, surface]);
  return backend ? loaded : null;
}
