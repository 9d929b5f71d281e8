/**
 * What a premium item adds over the item it replaces, as the storefront lists it under an upsell
 * (docs/storefront-api.md, `features`). Only the catalog's own words: nothing is made up.
 */
import type { CatalogProduct } from "./types";

export const MAX_FEATURES = 5;
export const MAX_FEATURE_LENGTH = 80;

const FEATURE_TAG = "feature:";
const NO_OPTIONS = "default title";

/** A product and, when known, the variant of it that is offered or replaced. */
export interface UpgradeSide {
  product: CatalogProduct;
  variantId?: string | null;
}

/**
 * The first source that says something: the offered product's `cartlift.upgrade_features`
 * metafield, else its `feature:` tags, else its variant's measurable option values; each less
 * what the replaced item has too. At most 5, trimmed, deduplicated, each at most 80 characters.
 */
export function upgradeFeatures(offered: UpgradeSide, replaced?: UpgradeSide): string[] {
  const sources = [
    () => lacking(offered.product.upgradeFeatures ?? [], replaced?.product.upgradeFeatures ?? []),
    () => lacking(featureTags(offered.product), replaced ? featureTags(replaced.product) : []),
    () => optionFeatures(offered, replaced),
  ];
  for (const source of sources) {
    const features = source();
    if (features.length > 0) return features;
  }
  return [];
}

// The offered texts, cleaned, without those the replaced item lists as well.
function lacking(offered: string[], had: string[]): string[] {
  const seen = new Set(had.map((text) => keyOf(clean(text))));
  const result: string[] = [];
  for (const text of offered.map(clean)) {
    const key = keyOf(text);
    if (!text || seen.has(key)) continue;
    seen.add(key);
    result.push(text);
    if (result.length === MAX_FEATURES) break;
  }
  return result;
}

function featureTags(product: CatalogProduct): string[] {
  return product.tags.filter((tag) => tag.startsWith(FEATURE_TAG)).map((tag) => tag.slice(FEATURE_TAG.length));
}

// Option values (a variant title is its values joined by " / ") of the offered variant that the
// replaced variant lacks, or every variant of the replaced product when the shopper's is unknown.
// An upsell is always another product, so only a measurable value (a size, a capacity: it has a
// digit) says what the extra buys; another colour or style is a choice, not an addition.
function optionFeatures(offered: UpgradeSide, replaced: UpgradeSide | undefined): string[] {
  const variant = offered.product.variants.find((v) => v.id === offered.variantId);
  if (!variant || !replaced) return [];
  const theirs = replaced.product.variants.filter((v) => !replaced.variantId || v.id === replaced.variantId);
  if (theirs.length === 0) return [];
  const measurable = optionValues(variant.title).filter((value) => /\d/.test(value));
  return lacking(
    measurable,
    theirs.flatMap((v) => optionValues(v.title)),
  );
}

function optionValues(title: string): string[] {
  return keyOf(clean(title)) === NO_OPTIONS ? [] : title.split(" / ");
}

// One line of at most 80 characters; a longer text is cut at a word and marked as cut.
function clean(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= MAX_FEATURE_LENGTH) return line;
  // The space may be the 80th character: the word before it still fits with the "…".
  const space = line.lastIndexOf(" ", MAX_FEATURE_LENGTH - 1);
  const cut = space > MAX_FEATURE_LENGTH / 2 ? line.slice(0, space) : line.slice(0, MAX_FEATURE_LENGTH - 1);
  return `${cut.trimEnd()}…`;
}

function keyOf(text: string): string {
  return text.toLocaleLowerCase("en");
}
