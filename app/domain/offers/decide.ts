/**
 * The offer engine: `decideOffers(snapshot, now, random)` returns the offers to show, best first.
 * It only decides; services load the snapshot and record impressions. Order of work: persona,
 * holdout, matching rules by priority (each rule's products, or the top of its recommendation
 * list), else automatic recommendations for the persona's techniques; every candidate passes the
 * guardrails in `guardrails.ts`. With accept stats in the snapshot, the top of each list is ordered
 * by Thompson sampling (`bandit.ts`).
 */
import type { ScoredCandidate } from "../recommendations/types";
import { thompsonOrder, type AcceptStats } from "./bandit";
import { DomainError } from "./errors";
import { buildFacts, type SnapshotFacts } from "./facts";
import {
  admitCandidate,
  isLasting,
  checkKind,
  slotsFull,
  startSelection,
  type Candidate,
  type Refusal,
  type Selection,
} from "./guardrails";
import { isInHoldout } from "./holdout";
import { matchPersona, techniquesFor } from "./personas";
import { buildDecision } from "./decision";
import { selectRules } from "./rules";
import { resolveSettings } from "./settings";
import type { DecisionTrace, OfferDecision, OfferKind, OfferSnapshot, Persona, Rule, ShopSettings } from "./types";

// Deeper than this an automatic list is no longer a recommendation; the bound also caps p95 latency.
const AUTOMATIC_SCAN_LIMIT = 100;
// Exploration promotes one of the next few candidates, never one from deep in the list.
const EXPLORATION_DEPTH = 10;
// The bandit reorders the same window: past it, the recommender's (or the merchant's) order holds.
const BANDIT_DEPTH = EXPLORATION_DEPTH;

interface Run {
  facts: SnapshotFacts;
  settings: ShopSettings;
  persona: Persona | null;
  selection: Selection;
  trace: DecisionTrace;
  random: () => number;
  /** Whether rejections are written out (the trace) or only acted on (the storefront). */
  explain: boolean;
  ranked: Map<OfferKind, ScoredCandidate[]>;
  refused: Map<OfferKind, Map<string, "always" | "undiscounted">>;
  /** The accept rates for this shopper's persona, when the snapshot has them (the bandit orders by them). */
  acceptStats: ReadonlyMap<string, AcceptStats> | undefined;
}

/** Decides the offers and explains every candidate that was turned away (for previews). */
export function decideOffersWithTrace(snapshot: OfferSnapshot, now: Date, random: () => number): DecisionTrace {
  return decide(snapshot, now, random, true);
}

/** The offers to show on this surface, best first (empty for the holdout group). */
export function decideOffers(snapshot: OfferSnapshot, now: Date, random: () => number): OfferDecision[] {
  // Same decisions as the trace; the storefront path just skips writing out the rejections.
  return decide(snapshot, now, random, false).decisions;
}

function decide(snapshot: OfferSnapshot, now: Date, random: () => number, explain: boolean): DecisionTrace {
  const settings = resolveSettings(snapshot.settings);
  const facts = buildFacts(snapshot, now);
  const matched = matchPersona(snapshot.personas, facts);
  const persona = matched?.persona ?? null;
  const trace: DecisionTrace = {
    decisions: [],
    rejected: [],
    persona: matched?.match ?? null,
    holdout: false,
    matchedRuleIds: [],
  };
  if (isInHoldout(snapshot.shopper.id, settings)) return { ...trace, holdout: true };
  const rules = selectRules(snapshot.rules, facts, persona?.id ?? null, snapshot.ruleIndex);
  const selection = startSelection(facts, settings);
  const run: Run = {
    facts,
    settings,
    persona,
    selection,
    trace,
    random,
    explain,
    ranked: new Map(),
    refused: new Map(),
    acceptStats: snapshot.acceptStats ?? snapshot.acceptStatsByPersona?.get(persona?.id ?? ""),
  };
  runRules(run, rules);
  return trace;
}

function runRules(run: Run, rules: Rule[]): void {
  const { facts, persona } = run;
  const ruled = new Set<OfferKind>();
  for (const rule of rules) {
    run.trace.matchedRuleIds.push(rule.id);
    const refusal = checkKind(rule.kind, facts, persona);
    if (refusal) reject(run, null, rule.kind, rule, refusal);
    else {
      ruled.add(rule.kind);
      offerFromRule(run, rule);
    }
  }
  // A technique no usable rule spoke for still works: the persona's techniques from recommendations
  // (a merchant's bought-together rule does not switch off the automatic upgrade beside it).
  for (const kind of techniquesFor(persona, facts.snapshot.surface)) {
    if (ruled.has(kind)) continue;
    const refusal = checkKind(kind, facts, persona);
    if (refusal) reject(run, null, kind, null, refusal);
    else offerAutomatic(run, kind, null, Infinity);
  }
}

function offerFromRule(run: Run, rule: Rule): void {
  const { offer } = rule;
  switch (offer.type) {
    case "products":
      for (const productId of ruleProductOrder(run, rule, offer.productIds)) {
        consider(run, {
          productId,
          kind: rule.kind,
          rule,
          linked: true,
          variantIds: offer.variantIds,
          score: 0,
          signal: null,
          exploring: false,
        });
      }
      return;
    case "automatic":
      offerAutomatic(run, rule.kind, rule, offer.limit ?? Infinity);
      return;
    default: {
      const unknown: never = offer;
      throw new DomainError("invalid_rule", `rule "${rule.name}": unknown offer ${JSON.stringify(unknown)}`, {
        ruleId: rule.id,
      });
    }
  }
}

function offerAutomatic(run: Run, kind: OfferKind, rule: Rule | null, limit: number): void {
  if (slotsFull(run.selection, run.facts, kind)) {
    reject(run, null, kind, rule, { guardrail: "surface_cap", why: () => "No slot left for this technique" });
    return;
  }
  const list = rankedList(run, kind);
  const scan = Math.min(list.length, AUTOMATIC_SCAN_LIMIT);
  const explore = explorationPick(run, scan);
  // Exploration draws first, as it always has; the bandit's draws follow, only with accept stats.
  const order = banditOrder(run, list, kind, rule);
  const discounted = Boolean(rule?.discount);
  let accepted = 0;
  for (let step = 0; step < scan && accepted < limit && !slotsFull(run.selection, run.facts, kind); step++) {
    // With exploration the picked candidate goes first and the others keep their (bandit's) order.
    const index = explore < 0 ? step : step === 0 ? explore : step <= explore ? step - 1 : step;
    const entry = order[index];
    if (knownRefused(run, kind, entry.productId, discounted)) continue;
    const candidate: Candidate = {
      productId: entry.productId,
      kind,
      rule,
      linked: false,
      score: entry.score,
      signal: entry.reason || null,
      exploring: index === explore,
    };
    if (consider(run, candidate)) accepted++;
  }
}

// A rule's products in the merchant's order, or with accept stats the bandit's; no allocation without stats.
function ruleProductOrder(run: Run, rule: Rule, productIds: string[]): readonly string[] {
  if (!run.acceptStats || productIds.length < 2) return productIds;
  const list = productIds.map((productId) => ({ productId }));
  return banditOrder(run, list, rule.kind, rule).map((c) => c.productId);
}

// The list itself without accept stats; else its top reordered by one posterior draw per candidate.
function banditOrder<T extends { productId: string }>(
  run: Run,
  list: readonly T[],
  kind: OfferKind,
  rule: Rule | null,
): readonly T[] {
  const stats = run.acceptStats;
  if (!stats || list.length < 2) return list;
  const { order, draws } = thompsonOrder(list, stats, run.random, BANDIT_DEPTH);
  if (run.explain) {
    const posteriors = (run.trace.posteriors ??= []);
    for (const d of draws) posteriors.push({ kind, ruleId: rule?.id ?? null, ...d });
  }
  return order;
}

// Automatic lists overlap, so an automatic candidate's refusal is remembered: budgets only shrink
// and offers only accumulate, so it would be refused again. A price-cap refusal is only known for
// the same (undiscounted) price. Each remembered refusal is recorded once.
function knownRefused(run: Run, kind: OfferKind, productId: string, discounted: boolean): boolean {
  const known = run.refused.get(kind)?.get(productId);
  return known === "always" || (known === "undiscounted" && !discounted);
}

function remember(run: Run, candidate: Candidate, refusal: Refusal): void {
  if (candidate.linked) return;
  const always = isLasting(refusal);
  if (!always && !(refusal.guardrail === "price_cap" && !candidate.rule?.discount)) return;
  let refused = run.refused.get(candidate.kind);
  if (!refused) run.refused.set(candidate.kind, (refused = new Map()));
  if (refused.get(candidate.productId) !== "always")
    refused.set(candidate.productId, always ? "always" : "undiscounted");
}

function consider(run: Run, candidate: Candidate): boolean {
  const { facts, settings, selection, trace } = run;
  const result = admitCandidate(candidate, facts, settings, selection);
  if ("guardrail" in result) {
    reject(run, candidate.productId, candidate.kind, candidate.rule, result);
    remember(run, candidate, result);
    return false;
  }
  if (candidate.linked) {
    // A rule's product borrows the score and signal of its recommendation, if the list has it.
    const known = findInList(run, candidate.kind, candidate.productId);
    if (known) Object.assign(candidate, { score: known.score, signal: known.reason || null });
  }
  trace.decisions.push(buildDecision(result, facts, run.persona?.id ?? null, trace.persona));
  return true;
}

function reject(run: Run, productId: string | null, kind: OfferKind, rule: Rule | null, refusal: Refusal): void {
  if (!run.explain) return;
  run.trace.rejected.push({
    productId,
    kind,
    ruleId: rule?.id ?? null,
    guardrail: refusal.guardrail,
    reason: refusal.why(),
  });
}

// Lists arrive best first; equal scores are re-ordered by product id so the order never depends on the source.
function rankedList(run: Run, kind: OfferKind): ScoredCandidate[] {
  let list = run.ranked.get(kind);
  if (list) return list;
  const given = run.facts.snapshot.recommendations[kind] ?? [];
  list = isRanked(given) ? given : [...given].sort(compareCandidates);
  run.ranked.set(kind, list);
  return list;
}

function isRanked(list: ScoredCandidate[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareCandidates(list[i - 1], list[i]) > 0) return false;
  return true;
}

function compareCandidates(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.score - a.score || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);
}

// Looked up only for accepted offers (a handful), so a scan of the considered part beats an index.
function findInList(run: Run, kind: OfferKind, productId: string): ScoredCandidate | undefined {
  const list = rankedList(run, kind);
  for (let i = 0; i < Math.min(list.length, AUTOMATIC_SCAN_LIMIT); i++) {
    if (list[i].productId === productId) return list[i];
  }
  return undefined;
}

// -1 for no exploration; else the index (1 … depth-1) to show first. Draws from `random` only when enabled.
function explorationPick(run: Run, length: number): number {
  const percent = run.settings.explorationPercent;
  if (percent <= 0 || length < 2 || run.random() * 100 >= percent) return -1;
  return 1 + Math.floor(run.random() * (Math.min(length, EXPLORATION_DEPTH) - 1));
}
