/**
 * Shopper behaviour behind the demo orders. These numbers are what a recommender trained
 * on the demo history should rediscover, so keep them plausible and clearly structured:
 * strong complements per product family, weak cross-family noise.
 */
import type { Family, Tier } from "./catalog-schema";

export type Segment = "regular" | "vip" | "b2b";

export type OrderKind = "anchor" | "repeat" | "accessory";

export interface Complement {
  handle: string;
  probability: number;
  /** Plans and upgrades sell better alongside pricier items. */
  tierLift?: boolean;
}

export const ORDER_KIND_WEIGHTS: Record<OrderKind, number> = {
  anchor: 0.66,
  repeat: 0.22,
  accessory: 0.12,
};

/** Share of anchor and accessory orders placed without an account. */
export const GUEST_SHARE = 0.12;

/** How often each family's main item starts an order. */
export const FAMILY_POPULARITY: Record<Family, number> = {
  coffee: 22,
  headphones: 18,
  notebooks: 15,
  backpacks: 12,
  blenders: 11,
  camera: 9,
  printers: 7,
  speakers: 6,
};

export const TIER_WEIGHTS: Record<Segment, Record<Tier, number>> = {
  regular: { good: 0.55, better: 0.3, best: 0.15 },
  vip: { good: 0.2, better: 0.35, best: 0.45 },
  b2b: { good: 0.2, better: 0.35, best: 0.45 },
};

export const TIER_LIFT: Record<Tier, number> = {
  good: 0.75,
  better: 1,
  best: 1.5,
};

const plan = (family: Family, probability: number): Complement => ({
  handle: `${family}-protection-plan`,
  probability,
  tierLift: true,
});

export const COMPLEMENTS: Record<Family, Complement[]> = {
  coffee: [
    { handle: "coffee-pods", probability: 0.55 },
    { handle: "descaler", probability: 0.25 },
    { handle: "milk-frother", probability: 0.15 },
    plan("coffee", 0.12),
    { handle: "burr-grinder", probability: 0.1, tierLift: true },
    { handle: "house-blend-beans", probability: 0.1 },
    { handle: "water-filter-cartridges", probability: 0.08 },
    { handle: "espresso-cup-set", probability: 0.06 },
  ],
  camera: [
    { handle: "sd-card", probability: 0.6 },
    { handle: "camera-bag", probability: 0.35 },
    { handle: "spare-battery", probability: 0.2 },
    { handle: "photo-editing-suite", probability: 0.15, tierLift: true },
    { handle: "travel-tripod", probability: 0.12 },
    plan("camera", 0.1),
    { handle: "lens-cleaning-kit", probability: 0.08 },
  ],
  headphones: [
    { handle: "headphone-case", probability: 0.3 },
    { handle: "ear-cushions", probability: 0.12 },
    plan("headphones", 0.1),
    { handle: "headphone-stand", probability: 0.08 },
    { handle: "bluetooth-adapter", probability: 0.06 },
  ],
  notebooks: [
    { handle: "gel-pen-set", probability: 0.4 },
    { handle: "sticky-tabs", probability: 0.2 },
    { handle: "journal-refill-pages", probability: 0.15, tierLift: true },
    { handle: "rollerball-pen", probability: 0.12 },
  ],
  backpacks: [
    { handle: "rain-cover", probability: 0.3 },
    { handle: "packing-cubes", probability: 0.25 },
    { handle: "laptop-sleeve", probability: 0.2 },
    { handle: "insulated-bottle", probability: 0.15 },
  ],
  blenders: [
    { handle: "travel-blend-cup", probability: 0.35 },
    { handle: "blender-cleaning-tablets", probability: 0.2 },
    plan("blenders", 0.12),
    { handle: "extra-blender-jar", probability: 0.1 },
    { handle: "smoothie-recipe-pass", probability: 0.1 },
  ],
  printers: [
    { handle: "black-ink", probability: 0.6 },
    { handle: "color-ink", probability: 0.45 },
    { handle: "printer-paper", probability: 0.35 },
    { handle: "photo-paper", probability: 0.15, tierLift: true },
    plan("printers", 0.08),
  ],
  speakers: [
    { handle: "speaker-wall-mount", probability: 0.2 },
    { handle: "battery-base", probability: 0.15 },
    plan("speakers", 0.08),
  ],
};

/** What owners come back to restock, with relative weights. */
export const REPEAT_CONSUMABLES: Partial<Record<Family, Record<string, number>>> = {
  coffee: {
    "coffee-pods": 6,
    "house-blend-beans": 3,
    descaler: 2,
    "water-filter-cartridges": 2,
  },
  printers: {
    "black-ink": 5,
    "color-ink": 4,
    "printer-paper": 3,
    "photo-paper": 1,
  },
  notebooks: {
    "journal-refill-pages": 3,
    "gel-pen-set": 3,
    "rollerball-ink-refills": 2,
    "sticky-tabs": 1,
  },
  blenders: { "blender-cleaning-tablets": 1 },
  camera: { "lens-cleaning-kit": 1 },
};

/** Small chances of off-pattern additions, so the data isn't unrealistically clean. */
export const NOISE = {
  strayAccessory: 0.05,
  secondAnchor: 0.04,
  repeatSecondFamily: 0.15,
  accessoryWithConsumable: 0.2,
};
