/** One-sentence product descriptions, keyed by handle (warranties are worded in catalog.ts). */
export const DESCRIPTIONS: Record<string, string> = {
  "brew-basic":
    "A no-fuss pod and ground-coffee machine that brews a mug in under a minute.",
  "brew-plus":
    "Adds a 15-bar pump and a steam wand so lattes are as easy as filter coffee.",
  "brew-pro":
    "A dual-boiler espresso machine with PID temperature control for café-level shots.",
  "burr-grinder":
    "A conical burr grinder with 30 settings from espresso-fine to French-press coarse.",
  "milk-frother":
    "Heats and froths milk for cappuccinos and flat whites at the press of a button.",
  "espresso-cup-set":
    "Four double-walled glass cups that keep espresso hot and show off the crema.",
  "coffee-pods": "Thirty compostable pods that fit every Brewline machine.",
  descaler:
    "Removes limescale so your machine keeps brewing at the right temperature.",
  "water-filter-cartridges":
    "Three cartridges that soften water and protect the boiler for two months each.",
  "house-blend-beans":
    "A chocolatey medium roast from Roast Republic, roasted to order.",
  "snap-lite":
    "A pocketable 24 MP camera with a bright zoom lens for travel and everyday shots.",
  "snap-plus":
    "An interchangeable-lens mirrorless body with fast autofocus and 4K video.",
  "snap-pro":
    "A full-frame flagship with in-body stabilisation and weather sealing.",
  "camera-bag":
    "A padded shoulder bag with dividers for one body, two lenses and accessories.",
  "sd-card":
    "A fast V30 card that keeps up with burst shooting and 4K recording.",
  "travel-tripod":
    "A carbon-fibre tripod that folds down to 35 cm and holds 8 kg.",
  "spare-battery":
    "A second battery so the shoot doesn't end when the first one does.",
  "lens-cleaning-kit":
    "A blower, brush, fluid and microfibre cloths for smear-free glass.",
  "photo-editing-suite":
    "Raw processing, presets and cloud sync for every photo you take.",
  "tune-go": "Light on-ear wireless headphones with 30 hours of battery.",
  "tune-studio":
    "Over-ear headphones with active noise cancelling and a warm, detailed sound.",
  "tune-elite":
    "Premium noise-cancelling headphones with lossless audio and memory-foam cushions.",
  "ear-cushions":
    "A pair of memory-foam cushions that clip onto any Tuneworks headphones.",
  "headphone-case":
    "A crush-proof zip case with a pocket for cables and adapters.",
  "headphone-stand":
    "A weighted stand that keeps headphones tidy and their headband in shape.",
  "bluetooth-adapter":
    "Pairs wireless headphones with in-flight entertainment and older TVs.",
  "daily-notebook":
    "A lay-flat A5 notebook with 192 pages of fountain-pen-friendly paper.",
  "weekly-planner":
    "An undated weekly planner with goal pages and a linen cover.",
  "leather-journal":
    "A refillable full-grain leather journal that ages beautifully.",
  "gel-pen-set": "Six quick-drying gel pens in everyday colours.",
  "journal-refill-pages": "Three A5 refill inserts for the leather journal.",
  "rollerball-pen":
    "A balanced metal rollerball that writes smoothly on any paper.",
  "rollerball-ink-refills":
    "Five smudge-resistant black refills for the rollerball pen.",
  "sticky-tabs":
    "Repositionable tabs for marking sections, goals and deadlines.",
  "trail-daypack":
    "A 20 L daypack with a hydration sleeve and breathable back panel.",
  "commuter-pack":
    "A weatherproof 24 L pack with a padded laptop compartment and quick-access pockets.",
  "voyager-pro-pack":
    "A 35 L carry-on travel pack that opens flat like a suitcase.",
  "rain-cover":
    "A packable high-visibility cover that keeps your pack dry in a downpour.",
  "packing-cubes":
    "Three compression cubes that keep clothes organised and take up less space.",
  "laptop-sleeve": "A slim padded sleeve that protects a laptop in any bag.",
  "insulated-bottle": "Keeps drinks cold for 24 hours or hot for 12.",
  "blend-mini": "A compact personal blender for single-serve smoothies.",
  "blend-plus":
    "A 1,200 W blender with presets for smoothies, soups and crushed ice.",
  "blend-pro":
    "A commercial-grade 2,000 W blender that can mill flour and make nut butter.",
  "travel-blend-cup":
    "Blend straight into this leak-proof cup and take it with you.",
  "extra-blender-jar":
    "A second BPA-free 2 L jar so you can prep two recipes back to back.",
  "blender-cleaning-tablets":
    "Fizzing tablets that clean the jar and blades in 60 seconds.",
  "smoothie-recipe-pass":
    "A year of new smoothie and soup recipes tuned for Vortex blenders.",
  "print-home":
    "A compact wireless inkjet for homework, tickets and the odd photo.",
  "print-office": "A fast duplex all-in-one with a 35-page document feeder.",
  "print-studio":
    "A six-ink photo printer for gallery-quality prints up to A3+.",
  "black-ink": "Genuine Inkwell black ink for crisp text, page after page.",
  "color-ink": "Genuine Inkwell tri-colour ink for vivid graphics and photos.",
  "photo-paper": "Fifty sheets of instant-dry glossy 4×6 photo paper.",
  "printer-paper": "A ream of bright white 80 gsm paper that won't jam.",
  "sound-mini":
    "A small smart speaker with surprisingly big sound and a built-in assistant.",
  "sound-home":
    "A room-filling smart speaker with stereo pairing and a smart-home hub.",
  "sound-max":
    "A flagship smart speaker with spatial audio and room calibration.",
  "speaker-wall-mount":
    "A low-profile mount that hides the cable and frees up shelf space.",
  "battery-base":
    "Turns any Soundnest speaker portable with up to 12 hours of playback.",
};
