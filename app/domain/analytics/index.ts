/** Public API of the lift analytics (pure: sufficient statistics in, verdicts out). */
export {
  DEFAULT_LIFT_OPTIONS,
  measureAverageOrderValue,
  measureConversion,
  measureLift,
  measureRevenuePerVisitor,
  resolveLiftOptions,
  type InsufficientReason,
  type InsufficientVerdict,
  type LiftEstimate,
  type LiftOptions,
  type LiftReport,
  type LiftVerdict,
  type Needed,
} from "./lift";
export {
  averageOrderValueEstimate,
  buildLiftStats,
  conversionEstimate,
  emptyGroupStats,
  emptyLiftStats,
  mergeGroupStats,
  mergeStats,
  revenuePerVisitorEstimate,
  type GroupStats,
  type LiftGroup,
  type LiftStats,
  type MeanEstimate,
  type ShopperPeriodOutcome,
} from "./sufficient-stats";
export { fiellerRatioInterval, welchDegreesOfFreedom, welchInterval, type DifferenceInterval } from "./intervals";
export { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from "./student-t";
