/**
 * Substitutes for upsell (pricier) and down-sell (cheaper): products bought *instead of* the one
 * in view. Candidates meet the same need (same-need.ts: a stated family, another tier of the
 * line, a look-alike title, or the type when titles are missing), or were observed as substitutes
 * in shopper behaviour and are neither complements nor of another stated family, and sit in the
 * price band. Catalog candidates with title evidence come in tier order, the next tier first (of a
 * tiered line only that one). Otherwise ranking, strongest first:
 * repeat customers' switches (see switches.ts; `switchWeight · P̃(b | switch from a)` whenever
 * the product has any switch toward a candidate, so the shrunk rate leans on popularity while
 * evidence is thin), storefront behaviour evidence, then catalog similarity, rarely bought
 * together (complements are not substitutes), price closeness and popularity. Switches only
 * re-rank candidates the catalog already allows: a later order of another type is usually a
 * complement or a refill, not a replacement. Works from the catalog alone when there is nothing else.
 *
 * switchWeight = 3 was chosen with γ on the inner splits described in switches.ts (grid
 * {1, 3, 10, 100}): a clear switch preference outranks price closeness (at most 0.5 points).
 */
import type { ScoredCandidate } from "./types";
import { TopNStrings } from "./top-strings";
import { DEFAULT_SWITCH_PRIOR, SwitchCounts, switchRates, type FrameOf, type ProductFrame } from "./switches";
import { DEFAULT_HISTORY_WEIGHT } from "./shopper-purchases";
import { judgeSameNeed, tierOrder, type NeedProduct, type SameNeedVerdict } from "./same-need";

/** A catalog product; price in integer minor units. */
export interface CatalogProduct {
  productId: string;
  /** Shown in reasons and used for similarity where the catalog side reads it. */
  title?: string;
  productType?: string;
  /** Same-need reads it: another tier from the same vendor is the same line. */
  vendor?: string;
  price: number;
  tags?: string[];
  collections?: string[];
  /** Variant option values ("1.5 L", "30-pack"), of all variants, for the same-need reasons. */
  optionValues?: string[];
}

/** Shopper behaviour that shows one product replacing another. */
export type BehaviourKind = "viewed_then_bought" | "removed_then_added" | "declined_then_bought_cheaper";

/** How often shoppers went from `fromProductId` to `toProductId` in a given way. */
export interface BehaviourSignal {
  kind: BehaviourKind;
  fromProductId: string;
  toProductId: string;
  count: number;
}

/** Price bands. */
export interface SubstituteOptions {
  /** Upsell: at most this much pricier, as a fraction (1 = up to double). */
  upsellMaxIncrease: number;
  /**
   * Upsell to another tier of the same line (same-need on title or family evidence, not the
   * type alone): at most this much pricier. Lines step further apart than look-alikes of one
   * type, and the gate keeps out everything else; the merchant's offer cap still applies.
   */
  tierMaxIncrease: number;
  /** Down-sell: at least this much cheaper, as a fraction (0.2 = 20% off or more). */
  downsellMinDiscount: number;
  /** γ: pseudo-switches of the popularity prior in the shrunk switch rate. */
  switchPrior: number;
  /** How many points a switch rate of 1 adds to a candidate's score. */
  switchWeight: number;
  /** Points per earlier order of the shopper holding a candidate (shopper-purchases.ts). */
  historyWeight: number;
}

/** Default bands (upsell up to +100%, a line's next tier up to +200%, down-sell at least 20% cheaper) and switch weighting. */
export const DEFAULT_SUBSTITUTES: SubstituteOptions = {
  upsellMaxIncrease: 1,
  tierMaxIncrease: 2,
  downsellMinDiscount: 0.2,
  switchPrior: DEFAULT_SWITCH_PRIOR,
  switchWeight: 3,
  historyWeight: DEFAULT_HISTORY_WEIGHT,
};

/** Upsell or down-sell. */
export type SubstituteKind = "upsell" | "down_sell";

/** Co-purchase evidence, by product id (orders containing both / containing one / all). */
export interface CoPurchaseLookup {
  pairCount(a: string, b: string): number;
  itemCount(id: string): number;
  orderCount(): number;
}

interface Entry {
  id: string;
  type: string;
  price: number;
  labels: string[];
  need: NeedProduct;
}

type Relation = "type" | "label" | "behaviour";

interface Candidate {
  relation: Relation;
  verdict: SameNeedVerdict;
}

// Behaviour may add a candidate the catalog does not relate, but never one of these.
const VETOED: readonly string[] = ["bought together", "other family"];

// Points between the next tier and the farthest one among titled candidates: less than one
// observed behaviour (log1p(1) ≈ 0.69) or a switch rate of 1/4, so evidence still re-ranks.
const TIER_SPREAD = 0.6;
const FAMILY_LABEL = "tag:family:";

const BEHAVIOUR_TEXT: Record<BehaviourKind, string> = {
  viewed_then_bought: "viewed, then bought instead",
  removed_then_added: "swapped in the cart",
  declined_then_bought_cheaper: "bought instead after declining",
};

// Which evidence counts for which direction: a declined upsell says nothing about pricier items.
const RELEVANT: Record<SubstituteKind, readonly BehaviourKind[]> = {
  upsell: ["viewed_then_bought", "removed_then_added"],
  down_sell: ["viewed_then_bought", "removed_then_added", "declined_then_bought_cheaper"],
};

/** Catalog indexes for finding substitutes. */
export class SubstituteIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byType = new Map<string, Entry[]>();
  private readonly byLabel = new Map<string, Entry[]>();
  private readonly signals = new Map<string, Map<string, Map<BehaviourKind, number>>>();

  constructor(
    catalog: readonly CatalogProduct[],
    signals: readonly BehaviourSignal[] = [],
    readonly options: SubstituteOptions = DEFAULT_SUBSTITUTES,
    private readonly switches: SwitchCounts = new SwitchCounts(),
  ) {
    for (const product of catalog) this.addProduct(product);
    for (const signal of signals) this.addSignal(signal);
  }

  /** Learns a customer's new order for the switch signal (see `SwitchCounts.add`). */
  addPurchase(customerId: string, at: number, productIds: readonly string[]): void {
    this.switches.add(customerId, at, productIds);
  }

  /** The shop's repeat-purchase share of a product (0 when nobody ordered it twice). */
  repeatRate(productId: string): number {
    return this.switches.repeat.rate(productId);
  }

  /** Every product some customer ordered again, with its share. */
  repeatRates(): Map<string, number> {
    return this.switches.repeat.rates();
  }

  /** Catalog size. */
  get size(): number {
    return this.entries.size;
  }

  /** The catalog product with this id, if any. */
  product(id: string): CatalogProduct | undefined {
    const entry = this.entries.get(id);
    return entry && { productId: entry.id, productType: entry.type || undefined, price: entry.price };
  }

  /** All catalog product ids. */
  productIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Up to `limit` substitutes of `productId` in the band for `kind`, best first. */
  find(productId: string, kind: SubstituteKind, limit: number, co?: CoPurchaseLookup): ScoredCandidate[] {
    const base = this.entries.get(productId);
    if (!base || limit <= 0) return [];
    const evidence = this.evidenceFor(productId, kind);
    const candidates = this.candidates(base, kind, evidence, co);
    const tiers = tierPositions(base, candidates, kind, co);
    const switched = this.switchesFor(base, [...candidates.keys()], co);
    const top = new TopNStrings<ScoredCandidate>(limit);
    for (const [entry, candidate] of candidates) {
      // Of a line's tiers only the next one is offered: a later purchase two tiers away (a
      // switch) is no reason to skip one, only storefront "instead of" evidence is. Look-alikes
      // (sizes, a stated family) stay, in tier order, for switches to re-rank.
      const tier = tiers.get(entry.id);
      if (tier && tier.position > 0 && tier.basis === "tier" && !evidence.has(entry.id)) continue;
      const scored = this.score(base, entry, candidate, kind, evidence.get(entry.id), co, tier);
      const rate = switched.get(entry.id);
      if (rate !== undefined) {
        scored.score += this.options.switchWeight * rate;
        const count = this.switches.count(base.id, entry.id);
        if (count >= 1 && !evidence.has(entry.id)) scored.reason = switchReason(count, priceText(base, entry, kind));
      }
      top.offer(scored);
    }
    return top.drain();
  }

  // Shrunk switch rates over the candidates; empty when no customer ever switched to one of them.
  private switchesFor(base: Entry, candidates: Entry[], co: CoPurchaseLookup | undefined): Map<string, number> {
    if (candidates.length === 0 || this.switches.targets(base.id).size === 0) return new Map();
    const ids = candidates.map((e) => e.id);
    const sold = (id: string): number => (co ? co.itemCount(id) : 0);
    const { evidence, rates } = switchRates(this.switches, base.id, ids, sold, this.options.switchPrior);
    return evidence > 0 ? rates : new Map();
  }

  // Catalog candidates are the ones same-need accepts (the frame, or a stated family across
  // types); behaviour adds others unless same-need vetoes them as complements or another family.
  private candidates(
    base: Entry,
    kind: SubstituteKind,
    evidence: Map<string, Map<BehaviourKind, number>>,
    co: CoPurchaseLookup | undefined,
  ): Map<Entry, Candidate> {
    const out = new Map<Entry, Candidate>();
    const take = (entry: Entry, relation: Relation): void => {
      if (entry.id === base.id || out.has(entry) || !this.inBand(base.price, entry.price, kind, true)) return;
      const verdict = judgeSameNeed(base.need, entry.need, { coPurchase: co });
      const line = verdict.sameNeed && verdict.basis !== "type";
      if (!line && !this.inBand(base.price, entry.price, kind)) return;
      if (verdict.sameNeed || (relation === "behaviour" && !VETOED.includes(verdict.why)))
        out.set(entry, { relation, verdict });
    };
    if (base.type) for (const entry of this.byType.get(base.type) ?? []) take(entry, "type");
    for (const label of base.labels) {
      // Collections frame only a product without a type; a stated family frames any product.
      if (base.type && !label.startsWith(FAMILY_LABEL)) continue;
      for (const entry of this.byLabel.get(label) ?? []) take(entry, "label");
    }
    for (const id of evidence.keys()) {
      const entry = this.entries.get(id);
      if (entry) take(entry, "behaviour");
    }
    return out;
  }

  /**
   * True when `price` is in the band of `basePrice` for `kind` (integer arithmetic on minor
   * units); `line`: the wider upsell band of another tier of the same line.
   */
  inBand(basePrice: number, price: number, kind: SubstituteKind, line = false): boolean {
    const increase = line
      ? Math.max(this.options.tierMaxIncrease, this.options.upsellMaxIncrease)
      : this.options.upsellMaxIncrease;
    if (kind === "upsell") return price > basePrice && price <= basePrice + Math.floor(basePrice * increase);
    const ceiling = Math.min(basePrice - 1, Math.floor(basePrice * (1 - this.options.downsellMinDiscount)));
    return price > 0 && price <= ceiling;
  }

  private score(
    base: Entry,
    entry: Entry,
    candidate: Candidate,
    kind: SubstituteKind,
    evidence: Map<BehaviourKind, number> | undefined,
    co: CoPurchaseLookup | undefined,
    tier: TierPosition | undefined,
  ): ScoredCandidate {
    const shown = evidence ? sumValues(evidence) : 0;
    const told = evidence && evidence.size > 0 ? behaviourReason(base, entry, kind, evidence) : null;
    // The next tier first: the complement veto already ran, and popularity would reorder tiers.
    if (tier) {
      const score = Math.log1p(shown) + 1 + TIER_SPREAD * (1 - tier.position / tier.of);
      return { productId: entry.id, score, reason: told ?? tier.reason };
    }
    const together = co ? co.pairCount(base.id, entry.id) : 0;
    const rarer = co ? Math.min(co.itemCount(base.id), co.itemCount(entry.id)) : 0;
    const coRate = rarer > 0 ? together / rarer : 0;
    const popularity = co && co.orderCount() > 0 ? Math.log1p(co.itemCount(entry.id)) / Math.log1p(co.orderCount()) : 0;
    const sameType = base.type !== "" && entry.type === base.type;
    const relationBonus = !candidate.verdict.sameNeed ? 0 : sameType || candidate.relation !== "label" ? 1 : 0.5;
    // Weights step down by importance; price closeness and popularity (both in [0, 1]) refine.
    const closeness = this.closeness(base.price, entry.price, kind);
    const score = Math.log1p(shown) + relationBonus - coRate + 0.5 * closeness + 0.25 * popularity;
    const link = candidate.relation === "label" && !sameType ? "shares a tag or collection" : "same product type";
    return { productId: entry.id, score, reason: told ?? `${link}, ${priceText(base, entry, kind)}` };
  }

  // 1 at the nearest edge of the band (the most comparable price), falling to 0 at the far edge.
  private closeness(basePrice: number, price: number, kind: SubstituteKind): number {
    if (basePrice <= 0) return 0;
    const ratio = price / basePrice;
    if (kind === "upsell") return Math.max(0, 1 - (ratio - 1) / Math.max(this.options.upsellMaxIncrease, 1e-9));
    return Math.min(1, ratio / Math.max(1 - this.options.downsellMinDiscount, 1e-9));
  }

  private evidenceFor(productId: string, kind: SubstituteKind): Map<string, Map<BehaviourKind, number>> {
    const out = new Map<string, Map<BehaviourKind, number>>();
    for (const [to, byKind] of this.signals.get(productId) ?? []) {
      const relevant = new Map([...byKind].filter(([k, n]) => RELEVANT[kind].includes(k) && n > 0));
      if (relevant.size > 0) out.set(to, relevant);
    }
    return out;
  }

  private addProduct(product: CatalogProduct): void {
    if (this.entries.has(product.productId)) return;
    const labels = labelsOf(product);
    const entry: Entry = {
      id: product.productId,
      type: product.productType?.trim() ?? "",
      price: product.price,
      labels,
      need: product,
    };
    this.entries.set(entry.id, entry);
    if (entry.type) pushTo(this.byType, entry.type, entry);
    for (const label of labels) pushTo(this.byLabel, label, entry);
  }

  private addSignal(signal: BehaviourSignal): void {
    if (signal.fromProductId === signal.toProductId || !(signal.count > 0)) return;
    const targets = this.signals.get(signal.fromProductId) ?? new Map<string, Map<BehaviourKind, number>>();
    this.signals.set(signal.fromProductId, targets);
    const byKind = targets.get(signal.toProductId) ?? new Map<BehaviourKind, number>();
    targets.set(signal.toProductId, byKind);
    byKind.set(signal.kind, (byKind.get(signal.kind) ?? 0) + signal.count);
  }
}

// "customers switched to it 12 times, 20% more".
function switchReason(count: number, price: string): string {
  const times = Math.round(count);
  return `customers switched to it ${times} time${times === 1 ? "" : "s"}, ${price}`;
}

// "60% more" or "29% cheaper".
function priceText(base: Entry, entry: Entry, kind: SubstituteKind): string {
  const change = Math.round((Math.abs(entry.price - base.price) / Math.max(base.price, 1)) * 100);
  return kind === "upsell" ? `${change}% more` : `${change}% cheaper`;
}

/** Catalog frames for the switch signal: products outside the catalog have none. */
export function catalogFrames(catalog: readonly CatalogProduct[]): FrameOf {
  const frames = new Map<string, ProductFrame>(
    catalog.map((p) => [p.productId, { type: p.productType?.trim() ?? "", labels: labelsOf(p) }]),
  );
  return (id) => frames.get(id);
}

function labelsOf(product: CatalogProduct): string[] {
  return [
    ...(product.tags ?? []).map((t) => `tag:${t.trim().toLowerCase()}`),
    ...(product.collections ?? []).map((c) => `collection:${c.trim()}`),
  ];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sumValues(map: Map<BehaviourKind, number>): number {
  let sum = 0;
  for (const n of map.values()) sum += n;
  return sum;
}

interface TierPosition {
  position: number;
  of: number;
  reason: string;
  basis: "family" | "tier" | "similar" | "type";
}

// Places in tier order (next tier first), with the reason to show, of the candidates same-need
// accepts on title evidence; those judged by type alone rank by price closeness and popularity.
function tierPositions(
  base: Entry,
  candidates: Map<Entry, Candidate>,
  kind: SubstituteKind,
  co: CoPurchaseLookup | undefined,
): Map<string, TierPosition> {
  const basisOf = new Map<string, TierPosition["basis"]>();
  for (const [entry, { verdict }] of candidates)
    if (verdict.sameNeed && verdict.basis !== "type") basisOf.set(entry.id, verdict.basis);
  const titled = [...candidates.keys()].filter((entry) => basisOf.has(entry.id)).map((entry) => entry.need);
  const steps = tierOrder(base.need, titled, kind === "upsell" ? "up" : "down", { coPurchase: co });
  return new Map(
    steps.map((step, position) => {
      const basis = basisOf.get(step.product.productId) ?? "type";
      return [step.product.productId, { position, of: steps.length, reason: step.reason, basis }];
    }),
  );
}

function behaviourReason(
  base: Entry,
  entry: Entry,
  kind: SubstituteKind,
  evidence: Map<BehaviourKind, number>,
): string {
  const [top, count] = [...evidence.entries()].sort((a, b) => b[1] - a[1])[0];
  return `${BEHAVIOUR_TEXT[top]} ${count} time${count === 1 ? "" : "s"}, ${priceText(base, entry, kind)}`;
}
