import { describe, expect, it } from "vitest";
import {
  averageOrderValueEstimate,
  buildLiftStats,
  conversionEstimate,
  emptyLiftStats,
  fiellerRatioInterval,
  measureAverageOrderValue,
  measureConversion,
  measureLift,
  measureRevenuePerVisitor,
  mergeStats,
  resolveLiftOptions,
  revenuePerVisitorEstimate,
  welchInterval,
  type GroupStats,
  type LiftGroup,
  type LiftStats,
  type LiftVerdict,
  type MeanEstimate,
} from "./index";
import { flat, PLANTED, row, rows, seededRandom, simulate, TRUE_RPV_HOLDOUT, varied } from "./test-fixtures";

// [orders, revenue minor] per shopper-period.
// prettier-ignore
const EXPOSED: [number, number][] = [[0, 0], [1, 1200], [0, 0], [2, 3400], [1, 800], [0, 0], [1, 2500], [1, 900]];
// prettier-ignore
const HOLDOUT: [number, number][] = [[0, 0], [1, 500], [0, 0], [0, 0], [1, 2100], [3, 4200]];
const FIXTURE = buildLiftStats([...rows("exposed", EXPOSED), ...rows("holdout", HOLDOUT)]);

function expectClose(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

// Welch's interval the textbook way: two-pass means and variances, then Welch–Satterthwaite.
function welchByHand(a: number[], b: number[], t: number) {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const varianceOfMean = (xs: number[]) =>
    xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1) / xs.length;
  const [va, vb] = [varianceOfMean(a), varianceOfMean(b)];
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const difference = mean(a) - mean(b);
  return { difference, df, low: difference - t * Math.sqrt(va + vb), high: difference + t * Math.sqrt(va + vb) };
}

// Our interval (with our t quantile) against the step-by-step one (with scipy's) and scipy's own bounds.
function expectWelch(
  estimates: [MeanEstimate | null, MeanEstimate | null],
  byHand: ReturnType<typeof welchByHand>,
  scipy: [low: number, high: number],
): void {
  const interval = welchInterval(estimates[0]!, estimates[1]!)!;
  expectClose(interval.difference, byHand.difference);
  expectClose(interval.df, byHand.df);
  expectClose(interval.low, byHand.low);
  expectClose(interval.high, byHand.high);
  expectClose(interval.low, scipy[0]);
  expectClose(interval.high, scipy[1]);
}

describe("known answers: Welch intervals computed step by step", () => {
  // t quantiles for each df: scipy.stats.t.ppf(0.975, df); the intervals: scipy's ttest_ind(equal_var=False).
  it("revenue per visitor: Welch on each unit's revenue, zeros included", () => {
    const byHand = welchByHand(
      EXPOSED.map(([, r]) => r),
      HOLDOUT.map(([, r]) => r),
      2.2687607519756354,
    );
    expectClose(byHand.df, 8.831318903080023);
    const estimates = [revenuePerVisitorEstimate(FIXTURE.exposed), revenuePerVisitorEstimate(FIXTURE.holdout)];
    expectWelch([estimates[0], estimates[1]], byHand, [-1908.6396427683587, 1841.9729761016922]);
  });

  it("conversion: Welch on the 0/1 values", () => {
    const converted = (pairs: [number, number][]) => pairs.map(([o]) => (o > 0 ? 1 : 0));
    const byHand = welchByHand(converted(EXPOSED), converted(HOLDOUT), 2.2123038088986604);
    expectClose(byHand.df, 10.557089008306523);
    const estimates = [conversionEstimate(FIXTURE.exposed), conversionEstimate(FIXTURE.holdout)];
    expectWelch([estimates[0], estimates[1]], byHand, [-0.5142070571629249, 0.7642070571629249]);
  });

  it("AOV: the ratio of sums with its delta-method variance, per converting unit", () => {
    // Linearised per converter: z = revenue − AOV·orders; Var(AOV) ≈ Var(z) / (c · mean orders²).
    const estimate = (pairs: [number, number][]): MeanEstimate => {
      const converters = pairs.filter(([o]) => o > 0);
      const orders = converters.reduce((s, [o]) => s + o, 0);
      const aov = converters.reduce((s, [, r]) => s + r, 0) / orders;
      const z = converters.map(([o, r]) => r - aov * o);
      const c = converters.length;
      const variance = z.reduce((s, v) => s + v * v, 0) / (c - 1); // Σz = 0
      return { mean: aov, varianceOfMean: variance / (c * (orders / c) ** 2), df: c - 1 };
    };
    const [e, h] = [estimate(EXPOSED), estimate(HOLDOUT)];
    for (const [actual, expected] of [
      [averageOrderValueEstimate(FIXTURE.exposed)!, e],
      [averageOrderValueEstimate(FIXTURE.holdout)!, h],
    ]) {
      expectClose(actual.mean, expected.mean);
      expectClose(actual.varianceOfMean, expected.varianceOfMean);
      expect(actual.df).toBe(expected.df);
    }
    const interval = welchInterval(
      averageOrderValueEstimate(FIXTURE.exposed)!,
      averageOrderValueEstimate(FIXTURE.holdout)!,
    )!;
    expectClose(interval.df, 5.227718228692715);
    expectClose(interval.low, -881.8390954978299);
    expectClose(interval.high, 1095.1724288311634);
  });

  it("Fieller's bounds solve |e − ρh| = t·√(v_e + ρ²·v_h), and are unbounded when the holdout mean is not", () => {
    const exposed = { mean: 157, varianceOfMean: 140, df: 20_000 };
    const holdout = { mean: 148, varianceOfMean: 120, df: 19_000 };
    const t = welchInterval(exposed, holdout)!.t;
    const ratio = fiellerRatioInterval(exposed, holdout, t)!;
    for (const rho of [ratio.low, ratio.high]) {
      expectClose(
        Math.abs(exposed.mean - rho * holdout.mean),
        t * Math.sqrt(exposed.varianceOfMean + rho ** 2 * holdout.varianceOfMean),
      );
    }
    const rpv = [revenuePerVisitorEstimate(FIXTURE.exposed)!, revenuePerVisitorEstimate(FIXTURE.holdout)!] as const;
    expect(fiellerRatioInterval(rpv[0], rpv[1], welchInterval(...rpv)!.t)).toBeNull();
  });
});

const contains = (v: LiftVerdict, value: number) => v.status === "ok" && v.low <= value && value <= v.high;
const containsRelative = (v: LiftVerdict, value: number) =>
  v.status === "ok" && v.relativeLow <= value && value <= v.relativeHigh;

describe("a seeded simulation with a planted lift (20,000 units per group)", () => {
  const truth = {
    rpv: 0.08 * TRUE_RPV_HOLDOUT,
    conversion: 0.003,
    aov: PLANTED.orderValue.exposed - PLANTED.orderValue.holdout,
  };

  it("the first sample's intervals hold the planted lifts", () => {
    const report = measureLift(buildLiftStats(simulate(seededRandom(1), 20_000)));
    expect(contains(report.revenuePerVisitor, truth.rpv)).toBe(true);
    expect(containsRelative(report.revenuePerVisitor, 0.08)).toBe(true);
    expect(contains(report.conversion, truth.conversion)).toBe(true);
    expect(containsRelative(report.conversion, 0.1)).toBe(true);
    expect(contains(report.averageOrderValue, truth.aov)).toBe(true);
  });

  it("across 200 samples the 95% intervals cover the truth 92–98% of the time", () => {
    const covered = { rpv: 0, rpvRelative: 0, conversion: 0, aov: 0 };
    const repetitions = 200;
    for (let seed = 1000; seed < 1000 + repetitions; seed++) {
      // The width gate off (f = 1): coverage is a property of the interval, not of when it is shown.
      const report = measureLift(buildLiftStats(simulate(seededRandom(seed), 20_000)), { maxRelativeHalfWidth: 1 });
      const rpv = report.revenuePerVisitor;
      covered.rpv += contains(rpv, truth.rpv) ? 1 : 0;
      covered.rpvRelative += containsRelative(rpv, 0.08) ? 1 : 0;
      covered.conversion += contains(report.conversion, truth.conversion) ? 1 : 0;
      covered.aov += contains(report.averageOrderValue, truth.aov) ? 1 : 0;
      // Fieller's interval holds 0 exactly when Welch's does: the two never disagree on significance.
      for (const v of Object.values(report))
        if (v.status === "ok") expect(v.relativeLow > 0 || v.relativeHigh < 0).toBe(v.significant);
    }
    const coverage = Object.fromEntries(Object.entries(covered).map(([k, n]) => [k, n / repetitions]));
    // Measured with these seeds: rpv 0.96, rpvRelative 0.96, conversion 0.975, aov 0.955.
    for (const value of Object.values(coverage)) {
      expect(value).toBeGreaterThanOrEqual(0.92);
      expect(value).toBeLessThanOrEqual(0.98);
    }
  });
});

describe("building and merging sufficient statistics", () => {
  const outcomes = [...simulate(seededRandom(7), 3_000)];

  it("building from all units equals merging the stats of two halves, in either order", () => {
    const whole = buildLiftStats(outcomes);
    const [first, second] = [buildLiftStats(outcomes.slice(0, 2_345)), buildLiftStats(outcomes.slice(2_345))];
    expect(mergeStats(first, second)).toEqual(whole);
    expect(mergeStats(second, first)).toEqual(whole);
    expect(mergeStats(whole, emptyLiftStats())).toEqual(whole);
  });

  it.each([
    { outcome: row("exposed", 1, 10.5), message: /revenueMinor/ },
    { outcome: row("exposed", 1, -100), message: /revenueMinor/ },
    { outcome: row("holdout", -1, 0), message: /orders/ },
    { outcome: row("holdout", 1.5, 100), message: /orders/ },
    { outcome: row("holdout", 0, 100), message: /revenue without an order/ },
    { outcome: row("control" as LiftGroup, 0, 0), message: /unknown group/ },
  ])("refuses $outcome", ({ outcome, message }) => {
    expect(() => buildLiftStats([outcome])).toThrow(message);
  });
});

describe("not enough data yet", () => {
  const cases: { name: string; stats: LiftStats; rpv: object; conversion: object; aov: object }[] = [
    {
      name: "empty groups",
      stats: emptyLiftStats(),
      rpv: { reason: "too_few_units", needed: { exposed: 100, holdout: 100, of: "units" } },
      conversion: { reason: "too_few_units", needed: { exposed: 100, holdout: 100, of: "units" } },
      aov: { reason: "too_few_converters", needed: { exposed: 30, holdout: 30, of: "converters" } },
    },
    {
      name: "one unit in each group",
      stats: buildLiftStats([row("exposed", 1, 2500), row("holdout", 0, 0)]),
      rpv: { reason: "too_few_units", needed: { exposed: 99, holdout: 99, of: "units" } },
      conversion: { reason: "too_few_units", needed: { exposed: 99, holdout: 99, of: "units" } },
      aov: { reason: "too_few_converters", needed: { exposed: 29, holdout: 30, of: "converters" } },
    },
    {
      name: "no converters",
      stats: buildLiftStats([...flat("exposed", 500, 0, 0), ...flat("holdout", 500, 0, 0)]),
      rpv: { reason: "too_few_converters", needed: { exposed: 30, holdout: 30, of: "converters" } },
      conversion: { reason: "too_few_converters", needed: { exposed: 30, holdout: 30, of: "converters" } },
      aov: { reason: "too_few_converters", needed: { exposed: 30, holdout: 30, of: "converters" } },
    },
    {
      name: "zero variance: every unit bought once for the same amount",
      stats: buildLiftStats([...flat("exposed", 200, 1, 1000), ...flat("holdout", 200, 1, 1000)]),
      rpv: { reason: "zero_variance", needed: { exposed: 1, holdout: 1, of: "units" } },
      conversion: { reason: "too_few_non_converters", needed: { exposed: 30, holdout: 30, of: "non_converters" } },
      aov: { reason: "zero_variance", needed: { exposed: 1, holdout: 1, of: "converters" } },
    },
    {
      name: "zero variance in the holdout only",
      stats: buildLiftStats([...varied("exposed", 200, 200), ...flat("holdout", 200, 2, 3000)]),
      rpv: { reason: "zero_variance", needed: { exposed: 0, holdout: 1, of: "units" } },
      conversion: { reason: "too_few_non_converters", needed: { exposed: 30, holdout: 30, of: "non_converters" } },
      aov: { reason: "zero_variance", needed: { exposed: 0, holdout: 1, of: "converters" } },
    },
  ];

  it.each(cases)("$name", ({ stats, rpv, conversion, aov }) => {
    const report = measureLift(stats);
    expect(report.revenuePerVisitor).toEqual({ status: "insufficient", ...rpv });
    expect(report.conversion).toEqual({ status: "insufficient", ...conversion });
    expect(report.averageOrderValue).toEqual({ status: "insufficient", ...aov });
  });

  const wide = buildLiftStats([...varied("exposed", 400, 40), ...varied("holdout", 300, 35)]);
  const scale = (stats: LiftStats, k: number): LiftStats => {
    const times = (g: GroupStats) =>
      Object.fromEntries(Object.entries(g).map(([f, v]) => [f, v * k])) as unknown as GroupStats;
    return { exposed: times(stats.exposed), holdout: times(stats.holdout) };
  };

  it.each([
    { metric: "revenue per visitor", measure: measureRevenuePerVisitor, count: (g: GroupStats) => g.units },
    { metric: "conversion", measure: measureConversion, count: (g: GroupStats) => g.units },
    { metric: "AOV", measure: measureAverageOrderValue, count: (g: GroupStats) => g.converters },
  ])(
    "$metric: an interval wider than ±20% of the holdout mean says how much more data it needs",
    ({ measure, count }) => {
      const verdict = measure(wide);
      if (verdict.status !== "insufficient") throw new Error("expected insufficient");
      expect(verdict.reason).toBe("interval_too_wide");
      // k copies of the same data: the estimate is met at the growth it names, and not at 90% of it.
      const growth =
        1 + Math.max(verdict.needed.exposed / count(wide.exposed), verdict.needed.holdout / count(wide.holdout));
      expect(measure(scale(wide, growth)).status).toBe("ok");
      expect(measure(scale(wide, growth * 0.9))).toMatchObject({ reason: "interval_too_wide" });
    },
  );

  it("never returns NaN or Infinity, whatever the data", () => {
    const all = [...cases.map((c) => c.stats), wide, FIXTURE, buildLiftStats(simulate(seededRandom(3), 2_000))];
    for (const stats of all) {
      for (const options of [{}, { minUnits: 2, minConverters: 2, maxRelativeHalfWidth: 1 }]) {
        for (const verdict of Object.values(measureLift(stats, options))) {
          const numbers = Object.values(verdict.status === "ok" ? verdict : verdict.needed).filter(
            (v) => typeof v === "number",
          );
          for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
        }
      }
    }
  });
});

describe("options and stats that cannot be judged", () => {
  it.each([
    { level: 1 },
    { level: 0 },
    { minUnits: 1 },
    { minConverters: 1.5 },
    { maxRelativeHalfWidth: 0 },
    { maxRelativeHalfWidth: 1.5 },
  ])("refuses %o", (options) => {
    expect(() => resolveLiftOptions(options)).toThrow(RangeError);
  });

  it.each<Partial<GroupStats>>([
    { converters: 5, units: 3 },
    { revenueSquared: NaN },
    { orders: -1 },
    { converters: 0, orders: 2 },
  ])("refuses inconsistent sums %o", (override) => {
    const stats = { exposed: { ...FIXTURE.exposed, ...override }, holdout: FIXTURE.holdout };
    expect(() => measureLift(stats)).toThrow(RangeError);
  });
});
