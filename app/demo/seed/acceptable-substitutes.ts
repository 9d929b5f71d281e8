/**
 * The demo catalog, judged by hand: for every demo product (by handle), the upsell and the
 * down-sell a merchant would accept. Written from the catalog's families, not from any model:
 * a tier's upsell is the next tier of its line and its down-sell the tier below (never two tiers
 * away, never another line); an accessory, a supply, a digital item or a protection plan has no
 * other product in the demo that meets the same need, so it gets none. The demo has one pod
 * pack, one descaler, one filter pack: nothing can stand in for them, and an empty answer beats
 * water filters offered for coffee pods.
 *
 * Tests fail on any upsell or down-sell outside these lists; do not widen them to make one pass.
 */

/** Acceptable substitutes of one product, by handle; an empty list means "offer none". */
export interface AcceptableSubstitutes {
  up: readonly string[];
  down: readonly string[];
}

const NONE: AcceptableSubstitutes = { up: [], down: [] };

const tiers = (good: string, better: string, best: string): Record<string, AcceptableSubstitutes> => ({
  [good]: { up: [better], down: [] },
  [better]: { up: [best], down: [good] },
  [best]: { up: [], down: [better] },
});

const none = (...handles: string[]): Record<string, AcceptableSubstitutes> =>
  Object.fromEntries(handles.map((handle) => [handle, NONE]));

export const ACCEPTABLE_SUBSTITUTES: Readonly<Record<string, AcceptableSubstitutes>> = {
  // Coffee
  ...tiers("brew-basic", "brew-plus", "brew-pro"),
  ...none("burr-grinder", "milk-frother", "espresso-cup-set"),
  ...none("coffee-pods", "descaler", "water-filter-cartridges", "house-blend-beans"),
  ...none("coffee-protection-plan"),
  // Cameras
  ...tiers("snap-lite", "snap-plus", "snap-pro"),
  ...none("camera-bag", "sd-card", "travel-tripod", "spare-battery", "lens-cleaning-kit"),
  ...none("photo-editing-suite", "camera-protection-plan"),
  // Headphones
  ...tiers("tune-go", "tune-studio", "tune-elite"),
  ...none("ear-cushions", "headphone-case", "headphone-stand", "bluetooth-adapter", "headphones-protection-plan"),
  // Notebooks: a notebook, a planner and a journal are the demo's good/better/best of one need.
  ...tiers("daily-notebook", "weekly-planner", "leather-journal"),
  // Gel pens and a rollerball are both pens, but a set of six and a refillable pen are bought for
  // different reasons; refill pages and ink refills share a word, not a need.
  ...none("gel-pen-set", "journal-refill-pages", "rollerball-pen", "rollerball-ink-refills", "sticky-tabs"),
  // Backpacks
  ...tiers("trail-daypack", "commuter-pack", "voyager-pro-pack"),
  ...none("rain-cover", "packing-cubes", "laptop-sleeve", "insulated-bottle"),
  // Blenders
  ...tiers("blend-mini", "blend-plus", "blend-pro"),
  ...none("travel-blend-cup", "extra-blender-jar", "blender-cleaning-tablets", "smoothie-recipe-pass"),
  ...none("blenders-protection-plan"),
  // Printers: black and colour ink are both needed, photo and plain paper are for different jobs.
  ...tiers("print-home", "print-office", "print-studio"),
  ...none("black-ink", "color-ink", "photo-paper", "printer-paper", "printers-protection-plan"),
  // Smart speakers
  ...tiers("sound-mini", "sound-home", "sound-max"),
  ...none("speaker-wall-mount", "battery-base", "speakers-protection-plan"),
};
