/**
 * Guardrails, applied to every candidate in a fixed order: first whether the technique may run
 * at all (persona, down-sell timing, B2B), then the facts about the product (catalog, for sale,
 * stock, itself, in cart, already offered, upgrade/down-grade relation, fatigue), and last the
 * two budgets that earlier offers use up (the cumulative price cap, then the surface's slots), so
 * that a candidate rejected for any other reason never spends budget.
 */
import { cheapestAvailable, lookupProduct, type PricedItem, type SnapshotFacts } from "./facts";
import { KIND_NAMES, SURFACE_NAMES } from "./names";
import { applyDiscount, formatMinor, percentOf } from "./money";
import { isB2BPersona, techniquesFor } from "./personas";
import type { CatalogProduct, CatalogVariant, Guardrail, OfferKind, Persona, Rule, ShopSettings } from "./types";

const DAY_MS = 86_400_000;

/** A product proposed by a rule or by the automatic fallback, before guardrails. */
export interface Candidate {
  productId: string;
  kind: OfferKind;
  rule: Rule | null;
  /** Named in a rule's product list: the merchant linked it, so upsell/down-sell may cross product types. */
  linked: boolean;
  /** Variants the rule pins, if any. */
  variantIds?: string[];
  score: number;
  /** The recommendation's own explanation, if it came from (or also appears in) a list. */
  signal: string | null;
  exploring: boolean;
}

/** A candidate that passed the guardrails, priced. */
export interface PricedOffer {
  candidate: Candidate;
  product: CatalogProduct;
  variant: CatalogVariant;
  finalPriceMinor: number;
  comparesTo: PricedItem | null;
  /** What it adds to the order for the price cap. */
  addsMinor: number;
}

/** Why a candidate (or a whole technique) is turned away; the text is only built when a trace asks. */
export interface Refusal {
  guardrail: Guardrail;
  why: () => string;
}

/** Budgets that accepted offers use up. */
export interface Selection {
  capBaseMinor: number;
  addedMinor: number;
  slotsLeft: { main: number; boughtTogether: number };
  offeredIds: Set<string>;
}

/** The empty selection for this decision: the cap base and the surface's slots. */
export function startSelection(facts: SnapshotFacts, settings: ShopSettings): Selection {
  const surface = facts.snapshot.surface;
  return {
    // The product page has no order yet: the item in view is what the shopper means to spend.
    capBaseMinor: surface === "product" ? (facts.viewItem?.priceMinor ?? 0) : facts.snapshot.context.cartSubtotalMinor,
    addedMinor: 0,
    slotsLeft: {
      main: settings.maxOffersPerSurface[surface],
      boughtTogether: surface === "product" ? settings.maxBoughtTogether : 0,
    },
    offeredIds: new Set(),
  };
}

/** Technique-level guardrails: persona eligibility, down-sell only after a rejection, no B2B impulse buys. */
export function checkKind(kind: OfferKind, facts: SnapshotFacts, persona: Persona | null): Refusal | null {
  const surface = facts.snapshot.surface;
  if (!techniquesFor(persona, surface).includes(kind)) {
    const who = persona ? `Persona ${persona.name}` : "No persona";
    return refuse("technique", () => `${who} gets no ${KIND_NAMES[kind]} on the ${SURFACE_NAMES[surface]}`);
  }
  if (kind === "down_sell" && !facts.rejectedItem) {
    return refuse("down_sell_timing", () => "Down-sell only after a removal or a declined upsell");
  }
  if (kind === "cross_sell" && (surface === "cart" || surface === "checkout") && isB2BPersona(persona)) {
    return refuse("b2b_impulse", () => "B2B buyers get no impulse cross-sell");
  }
  return null;
}

const LASTING: ReadonlySet<Guardrail> = new Set<Guardrail>([
  "unknown_product",
  "not_for_sale",
  "out_of_stock",
  "itself",
  "in_cart",
  "duplicate",
  "not_upgrade",
  "not_cheaper",
  "substitute",
  "declined",
  "impressions",
]);

/** Whether a refusal holds for the rest of the decision whatever the price (offers only accumulate). */
export function isLasting(refusal: Refusal): boolean {
  return LASTING.has(refusal.guardrail);
}

/** Whether the kind's slots on this surface are used up. */
export function slotsFull(selection: Selection, facts: SnapshotFacts, kind: OfferKind): boolean {
  return slotsLeft(selection, facts, kind) <= 0;
}

/** Product-level guardrails then budgets; on success the offer is priced and the budgets are spent. */
export function admitCandidate(
  candidate: Candidate,
  facts: SnapshotFacts,
  settings: ShopSettings,
  selection: Selection,
): PricedOffer | Refusal {
  const product = lookupProduct(facts.snapshot, candidate.productId);
  if (!product) return refuse("unknown_product", () => "Not in the catalog snapshot");
  if (product.offerable === false) return refuse("not_for_sale", () => "Not for sale on the Online Store");
  const variant = pickVariant(product, candidate.variantIds);
  if (!variant) return refuse("out_of_stock", () => "No variant is available for sale");
  const misplaced = checkPlacement(candidate, facts, selection);
  if (misplaced) return misplaced;
  // Upgrade and down-grade are judged on what the shopper would pay, i.e. after the offer's discount.
  const finalPriceMinor = applyDiscount(variant.priceMinor, candidate.rule?.discount);
  const related = relate(candidate, product, finalPriceMinor, facts);
  if ("guardrail" in related) return related;
  const tired = checkFatigue(candidate, facts, settings);
  if (tired) return tired;
  const offer = { candidate, product, variant, finalPriceMinor, comparesTo: related.comparesTo, addsMinor: 0 };
  offer.addsMinor = addedBy(offer);
  return spendBudgets(offer, facts, settings, selection) ?? offer;
}

// The pinned variants when the rule names some of this product's; else the cheapest for sale.
function pickVariant(product: CatalogProduct, variantIds: string[] | undefined): CatalogVariant | null {
  const pinned = variantIds ? product.variants.filter((v) => variantIds.includes(v.id)) : [];
  if (pinned.length === 0) return cheapestAvailable(product);
  return pinned.find((v) => v.availableForSale) ?? null;
}

function checkPlacement(c: Candidate, facts: SnapshotFacts, selection: Selection): Refusal | null {
  if (facts.selfIds.has(c.productId)) return refuse("itself", () => "Is the item itself");
  if (facts.cart.productIds.has(c.productId)) return refuse("in_cart", () => "Already in the cart");
  if (selection.offeredIds.has(c.productId)) return refuse("duplicate", () => "Already offered on this surface");
  return null;
}

// Fatigue counts by offer key across every surface, so a shopper is not chased from page to page.
function checkFatigue(c: Candidate, facts: SnapshotFacts, settings: ShopSettings): Refusal | null {
  const declinedMs = facts.lastDeclineMs.get(c.kind)?.get(c.productId);
  // The cooldown is a half-open window: exactly N days after the decline the offer may return.
  if (declinedMs !== undefined && facts.nowMs - declinedMs < settings.declineCooldownDays * DAY_MS) {
    return refuse("declined", () => `Declined within the last ${settings.declineCooldownDays} days`);
  }
  const shown = facts.impressionsLastDay.get(c.kind)?.get(c.productId) ?? 0;
  if (shown >= settings.maxImpressionsPerOfferPerDay) {
    return refuse(
      "impressions",
      () => `Shown ${shown} times in the last 24 hours (limit ${settings.maxImpressionsPerOfferPerDay})`,
    );
  }
  return null;
}

function relate(c: Candidate, product: CatalogProduct, finalPriceMinor: number, facts: SnapshotFacts) {
  const price = () => `${money(facts, finalPriceMinor)}${c.rule?.discount ? " after its discount" : ""}`;
  switch (c.kind) {
    case "cross_sell": {
      // A learned complement of the same product type as the item in view or a cart line is an
      // alternative to it (another coffee machine beside the one in the cart), not something to add.
      // A merchant who names it in a rule decides otherwise.
      const items = facts.viewItem ? [facts.viewItem, ...facts.cartItems] : facts.cartItems;
      const twin = c.linked ? undefined : items.find((i) => i.productType && i.productType === product.productType);
      if (twin) {
        return refuse(
          "substitute",
          () => `An alternative to ${twin.title} (both ${product.productType}), not a complement`,
        );
      }
      return { comparesTo: null };
    }
    case "upsell": {
      const subjects = facts.viewItem ? [facts.viewItem] : facts.cartItems;
      let best: PricedItem | null = null;
      for (const s of subjects) {
        const sameKind = c.linked || s.productType === product.productType;
        if (sameKind && s.priceMinor < finalPriceMinor && (!best || s.priceMinor > best.priceMinor)) best = s;
      }
      if (best) return { comparesTo: best };
      const what = c.linked ? "anything" : `a ${product.productType}`;
      return refuse(
        "not_upgrade",
        () => `Not an upgrade: ${price()} is not above the price of ${what} in view or in the cart`,
      );
    }
    case "down_sell": {
      const from = facts.rejectedItem;
      if (from && (c.linked || from.productType === product.productType) && finalPriceMinor < from.priceMinor) {
        return { comparesTo: from };
      }
      return refuse("not_cheaper", () => {
        const than = from ? `${from.title} (${money(facts, from.priceMinor)})` : "the rejected item";
        return `Not a down-sell: ${price()} is not a cheaper version of ${than}`;
      });
    }
    default: {
      const unknown: never = c.kind;
      return refuse("technique", () => `Unknown technique ${String(unknown)}`);
    }
  }
}

// Upsell: the extra over the replaced line, once per unit of it (upgrading a ×3 line replaces all
// three); cross-sell: its whole price (one is added); down-sell replaces, adds nothing.
function addedBy(offer: PricedOffer): number {
  switch (offer.candidate.kind) {
    case "upsell": {
      const replaced = offer.comparesTo;
      return replaced
        ? Math.max(0, offer.finalPriceMinor - replaced.priceMinor) * replaced.quantity
        : offer.finalPriceMinor;
    }
    case "cross_sell":
      return offer.finalPriceMinor;
    case "down_sell":
      return 0;
    default: {
      const unknown: never = offer.candidate.kind;
      return unknown;
    }
  }
}

function spendBudgets(offer: PricedOffer, facts: SnapshotFacts, settings: ShopSettings, selection: Selection) {
  const total = selection.addedMinor + offer.addsMinor;
  // Exact integer comparison of total ≤ cap% × base: no rounding decides a borderline case.
  if (offer.addsMinor > 0 && total * 100 > selection.capBaseMinor * settings.priceCapPercent) {
    const { capBaseMinor } = selection;
    return refuse("price_cap", () => {
      const cap = money(facts, percentOf(capBaseMinor, settings.priceCapPercent));
      const over = `over ${settings.priceCapPercent}% of ${money(facts, capBaseMinor)} (${cap})`;
      return `Adds ${money(facts, offer.addsMinor)}; offers would add ${money(facts, total)}, ${over}`;
    });
  }
  const kind = offer.candidate.kind;
  const left = slotsLeft(selection, facts, kind);
  if (left <= 0)
    return refuse(
      "surface_cap",
      () => `The ${SURFACE_NAMES[facts.snapshot.surface]} has no ${slotName(facts, kind)} left`,
    );
  selection.addedMinor = total;
  selection.offeredIds.add(offer.candidate.productId);
  if (usesBoughtTogether(facts, kind)) selection.slotsLeft.boughtTogether--;
  else selection.slotsLeft.main--;
  return null;
}

function slotsLeft(selection: Selection, facts: SnapshotFacts, kind: OfferKind): number {
  return usesBoughtTogether(facts, kind) ? selection.slotsLeft.boughtTogether : selection.slotsLeft.main;
}

// On the product page, cross-sells are "frequently bought together", counted apart from the upsell slot.
function usesBoughtTogether(facts: SnapshotFacts, kind: OfferKind): boolean {
  return facts.snapshot.surface === "product" && kind === "cross_sell";
}

function slotName(facts: SnapshotFacts, kind: OfferKind): string {
  return usesBoughtTogether(facts, kind) ? '"bought together" slot' : "offer slot";
}

// Reasons are formatted only on refusal: accepted candidates never pay for the text.
function money(facts: SnapshotFacts, amountMinor: number): string {
  return formatMinor(amountMinor, facts.snapshot.context.currency);
}

function refuse(guardrail: Guardrail, why: () => string): Refusal {
  return { guardrail, why };
}
