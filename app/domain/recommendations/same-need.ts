/**
 * "The same need": whether product b can stand in for product a (an upsell or a down-sell of
 * it), judged from the catalog alone, and how the two differ, in words the admin can show.
 *
 * - A merchant-stated family wins: the tag `family:<slug>` (e.g. `family:espresso-machines`).
 *   Same family → substitutes; two different stated families → never; stated on one side only,
 *   the rules below decide (the other may simply be untagged).
 * - Otherwise the product type is the coarse frame (collections only when a type is missing).
 *   Within it b must be the same line at another tier (a `tier:<name>` tag, else a tier word in
 *   the title: basic/lite/mini/go < plus < pro < max/ultra/elite) from the same vendor or with a
 *   shared title word, or have a similar title: Jaccard ≥ 0.75 over title words, measures aside,
 *   i.e. the same name give or take one word of a long one ("Black Ink" and "Color Ink" differ).
 * - Items bought together are complements, not substitutes: at least 3 shared orders that are
 *   at least 20% of the rarer item's orders rule the pair out, whatever the catalog says.
 * - Without titles the type is the only evidence: the frame decides and popularity ranks.
 */

/** What the catalog says about a product; price in integer minor units. */
export interface NeedProduct {
  productId: string;
  title?: string;
  productType?: string;
  vendor?: string;
  tags?: readonly string[];
  collections?: readonly string[];
  /** Variant option values ("1.5 L", "30-pack", "Black"), of all variants. */
  optionValues?: readonly string[];
  price?: number;
}

/** Co-purchase counts, by product id (structurally the same as substitutes' lookup). */
export interface PairCounts {
  pairCount(a: string, b: string): number;
  itemCount(id: string): number;
}

export interface SameNeedContext {
  coPurchase?: PairCounts;
}

/** Why b can stand in for a (`basis`), or why not. */
export type SameNeedVerdict =
  | { sameNeed: true; basis: "family" | "tier" | "similar" | "type"; similarity: number; reason: string }
  | { sameNeed: false; why: "same product" | "bought together" | "other family" | "other frame" | "other need" };

/** The reason shown for the popularity fallback. */
export const POPULARITY_REASON = "sells best at this price";
/** Shared orders, and their share of the rarer item's orders, from which a pair is complements. */
export const COMPLEMENT_MIN_ORDERS = 3;
export const COMPLEMENT_MIN_RATE = 0.2;
/** Title-word Jaccard similarity from which two products in one frame are the same thing. */
export const SIMILAR_TITLE = 0.75;

const FAMILY_TAG = "family:";
const TIER_TAG = "tier:";
const TAG_TIERS: Record<string, number> = { good: 1, better: 2, best: 3 };
const TITLE_TIERS: Record<string, number> = {
  basic: 1,
  lite: 1,
  mini: 1,
  go: 1,
  starter: 1,
  plus: 2,
  pro: 3,
  max: 4,
  ultra: 4,
  elite: 4,
};
const STOP_WORDS = new Set(["the", "and", "of", "for", "with", "a", "set"]);

/** Whether b can stand in for a, and on what evidence. */
export function judgeSameNeed(a: NeedProduct, b: NeedProduct, context: SameNeedContext = {}): SameNeedVerdict {
  if (a.productId === b.productId) return { sameNeed: false, why: "same product" };
  if (boughtTogether(a.productId, b.productId, context.coPurchase)) return { sameNeed: false, why: "bought together" };
  const similarity = titleSimilarity(a, b);
  const [familyA, familyB] = [familyOf(a), familyOf(b)];
  if (familyA && familyB) {
    if (familyA !== familyB) return { sameNeed: false, why: "other family" };
    return { sameNeed: true, basis: "family", similarity, reason: describe("same family", a, b) };
  }
  if (!sameFrame(a, b)) return { sameNeed: false, why: "other frame" };
  if (!a.title || !b.title) return { sameNeed: true, basis: "type", similarity, reason: POPULARITY_REASON };
  if (sameLine(a, b, similarity)) {
    const link = norm(a.vendor) !== "" && norm(a.vendor) === norm(b.vendor) ? "same type and vendor" : "same line";
    return { sameNeed: true, basis: "tier", similarity, reason: describe(link, a, b) };
  }
  if (similarity >= SIMILAR_TITLE) {
    return { sameNeed: true, basis: "similar", similarity, reason: describe("same type", a, b) };
  }
  return { sameNeed: false, why: "other need" };
}

/** True when b can stand in for a. */
export function isSameNeed(a: NeedProduct, b: NeedProduct, context: SameNeedContext = {}): boolean {
  return judgeSameNeed(a, b, context).sameNeed;
}

/** The admin's reason for offering b instead of a, or null when b is no substitute. */
export function sameNeedReason(a: NeedProduct, b: NeedProduct, context: SameNeedContext = {}): string | null {
  const verdict = judgeSameNeed(a, b, context);
  return verdict.sameNeed ? verdict.reason : null;
}

export type TierDirection = "up" | "down";

export interface TierOptions extends SameNeedContext {
  /** Upsell only: at most this much pricier, as a fraction (0.25 = the default cap). */
  maxIncrease?: number;
}

/** A substitute in tier order, with the reason to show. */
export interface TierStep {
  product: NeedProduct;
  reason: string;
}

/**
 * The believable substitutes of `product` above (or below) its price, nearest tier first: an
 * upsell is the next tier up, not the dearest item of the type. Ties by title similarity.
 */
export function tierOrder(
  product: NeedProduct,
  candidates: readonly NeedProduct[],
  direction: TierDirection,
  options: TierOptions = {},
): TierStep[] {
  const base = product.price;
  if (base === undefined) return [];
  const steps: { step: TierStep; distance: number; similarity: number }[] = [];
  for (const candidate of candidates) {
    const price = candidate.price;
    if (price === undefined || !onSide(base, price, direction, options.maxIncrease)) continue;
    const verdict = judgeSameNeed(product, candidate, options);
    if (!verdict.sameNeed) continue;
    const step = { product: candidate, reason: verdict.reason };
    steps.push({ step, distance: Math.abs(price - base), similarity: verdict.similarity });
  }
  steps.sort((x, y) => x.distance - y.distance || y.similarity - x.similarity);
  return steps.map((s) => s.step);
}

/** The next tier up or down among believable substitutes, if any. */
export function nextTier(
  product: NeedProduct,
  candidates: readonly NeedProduct[],
  direction: TierDirection,
  options: TierOptions = {},
): TierStep | undefined {
  return tierOrder(product, candidates, direction, options)[0];
}

// Integer arithmetic on minor units, as the offer engine's cap does.
function onSide(base: number, price: number, direction: TierDirection, maxIncrease?: number): boolean {
  if (direction === "down") return price > 0 && price < base;
  if (price <= base) return false;
  return maxIncrease === undefined || price <= base + Math.floor(base * maxIncrease);
}

function boughtTogether(a: string, b: string, co: PairCounts | undefined): boolean {
  if (!co) return false;
  const together = co.pairCount(a, b);
  const rarer = Math.min(co.itemCount(a), co.itemCount(b));
  return together >= COMPLEMENT_MIN_ORDERS && rarer > 0 && together / rarer >= COMPLEMENT_MIN_RATE;
}

function familyOf(product: NeedProduct): string {
  return tagValue(product, FAMILY_TAG);
}

function tagValue(product: NeedProduct, prefix: string): string {
  const tag = (product.tags ?? []).map(norm).find((t) => t.startsWith(prefix));
  return tag ? tag.slice(prefix.length).trim() : "";
}

// The type when both have one; collections stand in only when a type is missing.
function sameFrame(a: NeedProduct, b: NeedProduct): boolean {
  const [typeA, typeB] = [norm(a.productType), norm(b.productType)];
  if (typeA && typeB) return typeA === typeB;
  const theirs = new Set((b.collections ?? []).map(norm));
  return (a.collections ?? []).some((c) => theirs.has(norm(c)));
}

// Another tier of the same line: both tiered, at different ranks, and the same vendor or a
// shared title word (so two vendors' "Pro" models are not one line).
function sameLine(a: NeedProduct, b: NeedProduct, similarity: number): boolean {
  const [tierA, tierB] = [tierOf(a), tierOf(b)];
  if (!tierA || !tierB || tierA.rank === tierB.rank) return false;
  return (norm(a.vendor) !== "" && norm(a.vendor) === norm(b.vendor)) || similarity > 0;
}

/** A product's tier: its `tier:` tag, else the first tier word in its title. */
export function tierOf(product: NeedProduct): { name: string; rank: number } | null {
  const tagged = tagValue(product, TIER_TAG);
  if (tagged && TAG_TIERS[tagged] !== undefined) return { name: tagged, rank: TAG_TIERS[tagged] };
  const word = words(product.title ?? "").find((w) => TITLE_TIERS[w] !== undefined);
  return word ? { name: word, rank: TITLE_TIERS[word] } : null;
}

/** Jaccard similarity of title words, leaving out tier words and measures ("30-pack", "1.5 L"). */
export function titleSimilarity(a: NeedProduct, b: NeedProduct): number {
  const [x, y] = [nameWords(a.title ?? ""), nameWords(b.title ?? "")];
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

function nameWords(title: string): Set<string> {
  const stripped = title.replace(MEASURE, " ");
  const kept = words(stripped).filter((w) => TITLE_TIERS[w] === undefined && !STOP_WORDS.has(w) && !/\d/.test(w));
  return new Set(kept.map(singular));
}

// Lower case, split on anything but letters and digits.
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

// A plural "s" dropped, so that "pods" and "pod" match ("glass", "plus", "chassis" are left alone).
function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

function norm(text: string | undefined): string {
  return (text ?? "").trim().toLowerCase();
}

// "30-pack", "1.5 L", "500 g", "128 GB", "(6)", "50 sheets", "set of 3".
const MEASURE =
  /(\d+(?:[.,]\d+)?)\s*-?\s*(pack|pk|count|ct|pcs|pieces|sheets|ml|cl|l|litres?|liters?|kg|g|oz|lb|tb|gb|w)\b|\((\d+)\)|set of (\d+)/gi;

type Dimension = "pack size" | "capacity" | "weight" | "storage" | "power";
const UNITS: Record<string, [Dimension, number]> = {
  pack: ["pack size", 1],
  pk: ["pack size", 1],
  count: ["pack size", 1],
  ct: ["pack size", 1],
  pcs: ["pack size", 1],
  pieces: ["pack size", 1],
  sheets: ["pack size", 1],
  ml: ["capacity", 1],
  cl: ["capacity", 10],
  l: ["capacity", 1000],
  g: ["weight", 1],
  kg: ["weight", 1000],
  oz: ["weight", 28.35],
  lb: ["weight", 453.6],
  gb: ["storage", 1],
  tb: ["storage", 1000],
  w: ["power", 1],
};

/** Measures in a product's title and option values, by dimension, in base units. */
export function measuresOf(product: NeedProduct): Map<Dimension, number> {
  const out = new Map<Dimension, number>();
  const texts = [product.title ?? "", ...(product.optionValues ?? [])];
  for (const text of texts) {
    for (const match of text.matchAll(MEASURE)) {
      const [, amount, unit, count, setOf] = match;
      const key = unit ? unit.toLowerCase().replace(/^(litre|liter)s?$/, "l") : "pack";
      const entry = UNITS[key];
      const value = Number((amount ?? count ?? setOf ?? "").replace(",", "."));
      if (entry && value > 0 && !out.has(entry[0])) out.set(entry[0], value * entry[1]);
    }
  }
  return out;
}

// "<link>, 2× the capacity" or "<link>, the pro tier"; the link alone when nothing differs.
function describe(link: string, a: NeedProduct, b: NeedProduct): string {
  const diff = measureDifference(a, b) ?? tierDifference(a, b);
  return diff ? `${link}, ${diff}` : link;
}

function measureDifference(a: NeedProduct, b: NeedProduct): string | null {
  const theirs = measuresOf(b);
  for (const [dimension, mine] of measuresOf(a)) {
    const other = theirs.get(dimension);
    if (other === undefined || other === mine) continue;
    const ratio = other / mine;
    if (ratio > 1) return `${formatRatio(ratio)}× the ${dimension}`;
    return Math.abs(ratio - 0.5) < 0.05 ? `half the ${dimension}` : `${Math.round(ratio * 100)}% of the ${dimension}`;
  }
  return null;
}

function tierDifference(a: NeedProduct, b: NeedProduct): string | null {
  const [mine, theirs] = [tierOf(a), tierOf(b)];
  return theirs && theirs.rank !== mine?.rank ? `the ${theirs.name} tier` : null;
}

function formatRatio(ratio: number): string {
  const rounded = Math.round(ratio * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
