/** Public API of the offer engine (pure: no I/O, time and randomness passed in). */
export * from "./types";
export { decideOffers, decideOffersWithTrace } from "./decide";
export {
  credibleRange,
  posteriorFor,
  sampleBeta,
  thompsonOrder,
  type AcceptStats,
  type BetaPosterior,
  type RankedDraw,
} from "./bandit";
export { DomainError, isDomainError, type DomainErrorCode } from "./errors";
export {
  applyDiscount,
  currencyExponent,
  describeDiscount,
  formatMinor,
  percentOf,
  toBasisPoints,
  assertMinor,
} from "./money";
export { DEFAULT_SETTINGS, resolveSettings } from "./settings";
export { fnv1a32, isInHoldout } from "./holdout";
export {
  builtInPersonas,
  matchPersona,
  techniquesFor,
  isB2BPersona,
  DEFAULT_TECHNIQUES,
  VIP_MIN_SPENT_MINOR,
} from "./personas";
export { selectRules, isScheduled, validateRule } from "./rules";
export { indexRules, candidateRules, type RuleIndex } from "./rule-index";
export { evaluateCondition, allConditionsHold } from "./conditions";
export { crossSellTrigger } from "./trigger";
export { buildFacts, type SnapshotFacts } from "./facts";
export { KIND_NAMES, SURFACE_NAMES } from "./names";
