/**
 * The "instead of" signal from repeat customers: when a customer's next order drops product a and
 * takes product b, b was bought instead of a (a switch a → b). Counted from order history alone
 * (customer id + order time), so every shop with returning customers has it.
 *
 * Weighting: one transition between consecutive orders spreads one unit over what replaced each
 * dropped product (`1 / |new related items|` per pair), so a large follow-up order does not
 * outweigh a one-item one. Only pairs in the same catalog frame count (same product type, else a
 * shared tag / collection; the only pairs a switch may re-rank): that also keeps a big shop's
 * counts to a few pairs per order instead of every dropped × taken pair. `SwitchCounts.rate` is the shrunk conditional rate
 * `P̃(b | switch from a) = (s_ab + γ·q_b) / (s_a + γ)`, the posterior mean under a Dirichlet prior
 * of γ pseudo-switches spread by the candidate's popularity share `q_b`: few switches fall back
 * toward what sells best, many let the customers' own choices decide.
 *
 * γ = 20 (with switchWeight 3 in substitutes.ts) is the best HR@1 + HR@3 of the grid
 * γ ∈ {0.5, 1, 2, 5, 10, 20, 50} × weight ∈ {1, 3, 10, 100} on inner 80/20 splits (seeds 101–103)
 * of seed 1's training households of the margarine panel only (`reco eval-substitutes` prints it
 * as seed 1's nested pick); the surface is flat (inner HR@1 0.605–0.607, HR@3 0.879–0.894). The
 * command also reports a nested run where every seed tunes on its own training households.
 */

import { RepeatBuyers } from "./shopper-purchases";

/** One order of a known customer: when, and which products it holds. */
export interface CustomerPurchase {
  customerId: string;
  /** Order time (ms since the epoch, or any increasing sequence number). */
  at: number;
  productIds: readonly string[];
}

/** A product's catalog frame: its type, else its tags / collections as labels. */
export interface ProductFrame {
  type: string;
  labels: readonly string[];
}

/** The frame of a product; undefined for a product outside the catalog (never a switch). */
export type FrameOf = (id: string) => ProductFrame | undefined;

// Without a catalog every pair counts.
const ANY_FRAME: ProductFrame = { type: "", labels: [] };
const EVERY_PRODUCT: FrameOf = () => ANY_FRAME;

/** Pseudo-switches of the popularity prior (γ). */
export const DEFAULT_SWITCH_PRIOR = 20;

/**
 * Switch counts s_ab (how often b replaced a in a customer's next order), plus each customer's
 * latest order so that a new order extends the history exactly as a retrain would (`add`), and
 * the products' repeat-purchase shares (which only a retrain's pass updates).
 */
export class SwitchCounts {
  private readonly pairs = new Map<string, Map<string, number>>();
  private readonly latest = new Map<string, { at: number; productIds: readonly string[] }>();
  /** Repeat-purchase shares, from the same pass (see shopper-purchases.ts). */
  readonly repeat = new RepeatBuyers();

  constructor(private readonly frameOf: FrameOf = EVERY_PRODUCT) {}

  /**
   * Adds a customer's order. Orders of one customer must come in time order; one older than the
   * customer's latest is ignored here (the next retrain, which sorts, places it).
   */
  add(customerId: string, at: number, productIds: readonly string[]): void {
    const previous = this.latest.get(customerId);
    if (previous && at < previous.at) return;
    this.repeat.add(customerId, productIds, !previous);
    if (previous) this.countTransition(previous.productIds, productIds);
    // Kept as given (callers hand over fresh arrays); repeats are dropped where pairs are made.
    this.latest.set(customerId, { at, productIds });
  }

  /** s_ab: weighted switches from `from` to `to`. */
  count(from: string, to: string): number {
    return this.pairs.get(from)?.get(to) ?? 0;
  }

  /** Products that replaced `from` at least once, with their weighted counts. */
  targets(from: string): ReadonlyMap<string, number> {
    return this.pairs.get(from) ?? EMPTY;
  }

  /** Number of products with at least one switch away from them. */
  get size(): number {
    return this.pairs.size;
  }

  private countTransition(before: readonly string[], after: readonly string[]): void {
    const dropped = before.filter((id, i) => !after.includes(id) && before.indexOf(id) === i);
    const taken = after.filter((id, i) => !before.includes(id) && after.indexOf(id) === i);
    if (dropped.length === 0 || taken.length === 0) return;
    // Frames are looked up once per product, not once per pair: this runs for every repeat order.
    const takenFrames = taken.map((id) => this.frameOf(id));
    for (const from of dropped) {
      const frame = this.frameOf(from);
      if (!frame) continue;
      const replacing = taken.filter((_, i) => related(frame, takenFrames[i]));
      if (replacing.length === 0) continue;
      const targets = this.pairs.get(from) ?? new Map<string, number>();
      this.pairs.set(from, targets);
      const weight = 1 / replacing.length;
      for (const to of replacing) targets.set(to, (targets.get(to) ?? 0) + weight);
    }
  }
}

const EMPTY: ReadonlyMap<string, number> = new Map();

// Same type; for a product without a type (or without a catalog), a shared label.
function related(from: ProductFrame, to: ProductFrame | undefined): boolean {
  if (!to) return false;
  if (from === ANY_FRAME) return true;
  if (from.type !== "") return from.type === to.type;
  return to.labels.some((label) => from.labels.includes(label));
}

/** Counts switches from purchases in any order (sorted here by customer, then time). */
export function countSwitches(purchases: Iterable<CustomerPurchase>, frameOf?: FrameOf): SwitchCounts {
  const sorted = [...purchases].sort(
    (a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0) || a.at - b.at,
  );
  const counts = new SwitchCounts(frameOf);
  for (const purchase of sorted) counts.add(purchase.customerId, purchase.at, purchase.productIds);
  return counts;
}

/**
 * Shrunk switch rates from `from` over `candidates` (which must be what may be offered, e.g. the
 * products on the right side of the price): `(s_ab + γ·q_b) / (s_a + γ)` with `q_b` the
 * candidate's share of `popularity` (uniform when nothing sold). Also returns s_a, the evidence.
 */
export function switchRates(
  switches: SwitchCounts,
  from: string,
  candidates: readonly string[],
  popularity: (id: string) => number,
  prior: number = DEFAULT_SWITCH_PRIOR,
): { evidence: number; rates: Map<string, number> } {
  const targets = switches.targets(from);
  let evidence = 0;
  let sold = 0;
  for (const id of candidates) {
    evidence += targets.get(id) ?? 0;
    sold += popularity(id);
  }
  const rates = new Map<string, number>();
  const denominator = evidence + prior;
  for (const id of candidates) {
    const share = sold > 0 ? popularity(id) / sold : 1 / candidates.length;
    rates.set(id, denominator > 0 ? ((targets.get(id) ?? 0) + prior * share) / denominator : share);
  }
  return { evidence, rates };
}
