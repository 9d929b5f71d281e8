/**
 * The demo catalog as data. Product and variant ids derive from handles and variant
 * titles, so rows can be reordered freely but renaming a handle changes its id.
 */
import { extra, main, sized, type FamilySpec, type Merchandising } from "./catalog-schema";

export const WARRANTY_VENDOR = "Cartlift Care";

const BEST_SELLERS = new Set([
  "brew-basic",
  "coffee-pods",
  "sd-card",
  "tune-go",
  "daily-notebook",
  "trail-daypack",
  "blend-plus",
  "black-ink",
]);
/** Compare-at prices of items on sale. */
const COMPARE_AT: Record<string, number> = {
  "brew-plus": 17900,
  "tune-elite": 16900,
  "blend-pro": 11900,
};
/** Out-of-stock variant titles; orders never pick these. */
const SOLD_OUT: Record<string, string[]> = {
  "brew-pro": ["Matte Black"],
  "house-blend-beans": ["1 kg"],
  "tune-elite": ["Rose"],
};
const VENDOR: Record<string, string> = {
  "house-blend-beans": "Roast Republic",
};

/**
 * The `cartlift.upgrade_features` metafield of every "better" and "best" item: what it adds over
 * the tier below, in the merchant's words, and only what its description promises.
 */
export const UPGRADE_FEATURES: Record<string, string[]> = {
  "brew-plus": ["15-bar espresso pump", "Steam wand for lattes and cappuccinos"],
  "brew-pro": ["Dual boilers: brew and steam at once", "PID temperature control", "Café-level espresso shots"],
  "snap-plus": ["Interchangeable lenses", "Fast autofocus", "4K video"],
  "snap-pro": ["Full-frame sensor", "In-body stabilisation", "Weather sealing"],
  "tune-studio": ["Active noise cancelling", "Over-ear design", "Warm, detailed sound"],
  "tune-elite": ["Lossless audio", "Memory-foam cushions", "Premium noise cancelling"],
  "weekly-planner": ["Undated weekly layout", "Goal-setting pages", "Linen cover"],
  "leather-journal": ["Full-grain leather cover", "Refillable with A5 inserts"],
  "commuter-pack": ["Weatherproof", "Padded laptop compartment", "Quick-access pockets", "24 L capacity"],
  "voyager-pro-pack": ["35 L capacity", "Carry-on size", "Opens flat like a suitcase"],
  "blend-plus": ["1,200 W motor", "Presets for smoothies, soups and crushed ice"],
  "blend-pro": ["Commercial-grade 2,000 W motor", "Mills flour", "Makes nut butter"],
  "print-office": ["Automatic duplex printing", "All-in-one: print, scan and copy", "35-page document feeder"],
  "print-studio": ["Six-ink photo printing", "Prints up to A3+", "Gallery-quality prints"],
  "sound-home": ["Room-filling sound", "Stereo pairing", "Built-in smart-home hub"],
  "sound-max": ["Spatial audio", "Room calibration"],
};

export function merchandising(handle: string): Merchandising {
  return {
    bestSeller: BEST_SELLERS.has(handle),
    compareAt: COMPARE_AT[handle] ?? null,
    soldOut: SOLD_OUT[handle] ?? [],
    vendor: VENDOR[handle] ?? null,
  };
}

const coffeeGear = extra("accessory", "Coffee Accessories");
const coffeeSupply = extra("consumable", "Coffee Supplies");
const cameraGear = extra("accessory", "Camera Accessories");
const cameraCare = extra("consumable", "Camera Care");
const audioGear = extra("accessory", "Audio Accessories");
const stationery = extra("consumable", "Stationery");
const writingGear = extra("accessory", "Stationery");
const travelGear = extra("accessory", "Travel Accessories");
const kitchenGear = extra("accessory", "Kitchen Accessories");
const kitchenSupply = extra("consumable", "Kitchen Supplies");
const printerSupply = extra("consumable", "Printer Supplies");
const digital = extra("digital", "Digital");

export const FAMILIES: FamilySpec[] = [
  {
    family: "coffee",
    mainType: "Coffee Machines",
    vendor: "Brewline",
    colour: "#6f4e37",
    collections: ["coffee", "kitchen"],
    warranty: true,
    items: [
      main("brew-basic", "Brew Basic", "good", 12800, ["Black", "White"]),
      main("brew-plus", "Brew Plus", "better", 16000, ["Black", "Silver"]),
      main("brew-pro", "Brew Pro", "best", 20000, ["Silver", "Matte Black"]),
      coffeeGear("burr-grinder", "Burr Grinder", 5900),
      coffeeGear("milk-frother", "Milk Frother", 2900, ["Black", "White"]),
      coffeeGear("espresso-cup-set", "Espresso Cup Set", 2400),
      coffeeSupply("coffee-pods", "Coffee Pods (30-pack)", 1499, ["Classic", "Intense", "Decaf"]),
      coffeeSupply("descaler", "Descaling Solution", 1199),
      coffeeSupply("water-filter-cartridges", "Water Filter Cartridges (3-pack)", 1799),
      coffeeSupply("house-blend-beans", "House Blend Whole Beans", 1199, [
        sized("250 g", 1199),
        sized("500 g", 2099),
        sized("1 kg", 3799),
      ]),
    ],
  },
  {
    family: "camera",
    mainType: "Cameras",
    vendor: "Lumen Optics",
    colour: "#2f4858",
    collections: ["photography", "electronics"],
    warranty: true,
    items: [
      main("snap-lite", "Snap Lite", "good", 40000, ["Black", "Silver"]),
      main("snap-plus", "Snap Plus", "better", 50000, ["Black"]),
      main("snap-pro", "Snap Pro", "best", 62500, ["Black", "Silver"]),
      cameraGear("camera-bag", "Camera Bag", 4900, ["Grey", "Olive"]),
      cameraGear("sd-card", "SD Card", 1999, [sized("64 GB", 1999), sized("128 GB", 2999), sized("256 GB", 4999)]),
      cameraGear("travel-tripod", "Travel Tripod", 3900),
      cameraGear("spare-battery", "Spare Battery", 3500),
      cameraCare("lens-cleaning-kit", "Lens Cleaning Kit", 999),
      digital("photo-editing-suite", "Photo Editing Suite Licence", 7900, [
        sized("1 Year", 7900),
        sized("Lifetime", 14900),
      ]),
    ],
  },
  {
    family: "headphones",
    mainType: "Headphones",
    vendor: "Tuneworks",
    colour: "#3d5a80",
    collections: ["audio", "electronics"],
    warranty: true,
    items: [
      main("tune-go", "Tune Go", "good", 9600, ["Black", "White"]),
      main("tune-studio", "Tune Studio", "better", 12000, ["Black", "Navy"]),
      main("tune-elite", "Tune Elite", "best", 15000, ["Black", "Rose"]),
      audioGear("ear-cushions", "Replacement Ear Cushions", 1900),
      audioGear("headphone-case", "Hard Carrying Case", 2500),
      audioGear("headphone-stand", "Headphone Stand", 2900, ["Walnut", "Black"]),
      audioGear("bluetooth-adapter", "Bluetooth Adapter", 2900),
    ],
  },
  {
    family: "notebooks",
    mainType: "Notebooks & Planners",
    vendor: "Paperfield",
    colour: "#b5838d",
    collections: ["stationery", "office"],
    warranty: false,
    items: [
      main("daily-notebook", "Daily Notebook", "good", 1600, ["Dotted", "Lined", "Blank"]),
      main("weekly-planner", "Weekly Planner", "better", 2000, ["Sage", "Navy", "Sand"]),
      main("leather-journal", "Leather Journal", "best", 2500, ["Tan", "Black"]),
      stationery("gel-pen-set", "Gel Pen Set (6)", 900),
      stationery("journal-refill-pages", "Journal Refill Pages", 800),
      writingGear("rollerball-pen", "Rollerball Pen", 1200, ["Black", "Brass"]),
      stationery("rollerball-ink-refills", "Rollerball Ink Refills (5)", 600),
      stationery("sticky-tabs", "Sticky Index Tabs", 500),
    ],
  },
  {
    family: "backpacks",
    mainType: "Backpacks",
    vendor: "Northtrail",
    colour: "#588157",
    collections: ["travel", "outdoors"],
    warranty: false,
    items: [
      main("trail-daypack", "Trail Daypack", "good", 6400, ["Black", "Olive", "Rust"]),
      main("commuter-pack", "Commuter Pack", "better", 8000, ["Black", "Grey"]),
      main("voyager-pro-pack", "Voyager Pro Pack", "best", 10000, ["Black"]),
      travelGear("rain-cover", "Rain Cover", 1900),
      travelGear("packing-cubes", "Packing Cubes (Set of 3)", 2900),
      travelGear("laptop-sleeve", "Laptop Sleeve", 3500, ["13-inch", "15-inch"]),
      travelGear("insulated-bottle", "Insulated Water Bottle", 2400, ["Steel", "Sage"]),
    ],
  },
  {
    family: "blenders",
    mainType: "Blenders",
    vendor: "Vortex Kitchen",
    colour: "#e07a5f",
    collections: ["kitchen", "healthy-living"],
    warranty: true,
    items: [
      main("blend-mini", "Blend Mini", "good", 6400, ["White", "Mint"]),
      main("blend-plus", "Blend Plus", "better", 8000, ["Black", "White"]),
      main("blend-pro", "Blend Pro", "best", 10000, ["Black", "Stainless"]),
      kitchenGear("travel-blend-cup", "Travel Blend Cup", 1900),
      kitchenGear("extra-blender-jar", "Extra 2 L Jar", 3900),
      kitchenSupply("blender-cleaning-tablets", "Cleaning Tablets", 900),
      digital("smoothie-recipe-pass", "Smoothie Recipe Pass", 1900),
    ],
  },
  {
    family: "printers",
    mainType: "Printers",
    vendor: "Inkwell",
    colour: "#4a4e69",
    collections: ["office", "electronics"],
    warranty: true,
    items: [
      main("print-home", "Print Home", "good", 12800, ["White"]),
      main("print-office", "Print Office", "better", 16000, ["White", "Black"]),
      main("print-studio", "Print Studio", "best", 20000, ["Black"]),
      printerSupply("black-ink", "Black Ink Cartridge", 2500, [sized("Standard", 2500), sized("XL", 3900)]),
      printerSupply("color-ink", "Color Ink Cartridge", 3500, [sized("Standard", 3500), sized("XL", 5400)]),
      printerSupply("photo-paper", "Glossy Photo Paper (50 sheets)", 1500),
      printerSupply("printer-paper", "Printer Paper (500 sheets)", 900),
    ],
  },
  {
    family: "speakers",
    mainType: "Smart Speakers",
    vendor: "Soundnest",
    colour: "#0081a7",
    collections: ["audio", "smart-home"],
    warranty: true,
    items: [
      main("sound-mini", "Sound Mini", "good", 6400, ["Charcoal", "Chalk"]),
      main("sound-home", "Sound Home", "better", 8000, ["Charcoal", "Chalk"]),
      main("sound-max", "Sound Max", "best", 10000, ["Charcoal"]),
      audioGear("speaker-wall-mount", "Speaker Wall Mount", 1900),
      audioGear("battery-base", "Battery Base", 3900),
    ],
  },
];
