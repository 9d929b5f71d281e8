import { describe, expect, it } from "vitest";
import { logGamma, normalCdf, normalQuantile, regularizedBeta, studentTCdf, studentTQuantile } from "./student-t";

function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe("studentTQuantile", () => {
  it.each([
    { df: 1, expected: 12.706 },
    { df: 2, expected: 4.303 },
    { df: 5, expected: 2.571 },
    { df: 10, expected: 2.228 },
    { df: 30, expected: 2.042 },
    { df: 120, expected: 1.98 },
    { df: Infinity, expected: 1.96 },
  ])("t(0.975, $df) = $expected as printed in t tables", ({ df, expected }) => {
    expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(1e-3);
  });

  it("tends to the normal quantile as df grows", () => {
    expect(studentTQuantile(0.975, 1e9) - 1.959963984540054).toBeLessThan(1e-8);
    expect(studentTQuantile(0.975, 1e9)).toBeGreaterThan(studentTQuantile(0.975, Infinity));
  });

  // Reference values: scipy.stats.t.ppf(p, df) (scipy 1.17), for real df as Welch–Satterthwaite gives them.
  it.each([
    { p: 0.975, df: 1, expected: 12.706204736174694 },
    { p: 0.975, df: 2, expected: 4.302652729749462 },
    { p: 0.975, df: 5, expected: 2.5705818356363146 },
    { p: 0.975, df: 10, expected: 2.228138851986274 },
    { p: 0.975, df: 30, expected: 2.0422724563012378 },
    { p: 0.975, df: 120, expected: 1.9799304050824402 },
    { p: 0.975, df: 3.7, expected: 2.8675207071911895 },
    { p: 0.975, df: 47.25, expected: 2.0114595755281686 },
    { p: 0.995, df: 2.5, expected: 7.163728138948783 },
    { p: 0.9, df: 0.5, expected: 10.27032441023451 },
    { p: 0.999999, df: 3, expected: 103.29946777942898 },
    { p: 0.025, df: 7.3, expected: -2.3450667365477034 },
    { p: 0.975, df: 5000, expected: 1.9604385517065073 },
    { p: 0.975, df: 12345.6, expected: 1.9601561582595104 },
    { p: 0.975, df: 1e6, expected: 1.959966356814107 },
  ])("t($p, $df) matches scipy to 1e-9", ({ p, df, expected }) => {
    expectClose(studentTQuantile(p, df), expected, 1e-9);
  });

  it("matches the closed forms for df = 1, 2 and 4", () => {
    for (const p of [0.6, 0.9, 0.975, 0.995, 0.9999]) {
      expectClose(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-10);
      expectClose(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-10);
      const alpha = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
      expectClose(studentTQuantile(p, 4), 2 * Math.sqrt(q - 1), 1e-10);
    }
  });

  it("is odd around p = 1/2 and inverts the CDF", () => {
    for (const df of [0.7, 1, 3.3, 9, 40.5, 300, 9999, 10001]) {
      for (const p of [0.001, 0.05, 0.3, 0.5, 0.8, 0.975]) {
        const t = studentTQuantile(p, df);
        expectClose(t, -studentTQuantile(1 - p, df), 1e-12);
        expectClose(studentTCdf(t, df), p, 1e-9);
      }
    }
  });

  it("is continuous where it switches to the series in 1/df", () => {
    expectClose(studentTQuantile(0.999, 9999.9999), studentTQuantile(0.999, 10_000), 1e-10);
  });

  it.each([
    { p: 0, df: 5 },
    { p: 1, df: 5 },
    { p: NaN, df: 5 },
    { p: 0.975, df: 0 },
    { p: 0.975, df: -1 },
    { p: 0.975, df: NaN },
  ])("is NaN outside its domain (p = $p, df = $df)", ({ p, df }) => {
    expect(studentTQuantile(p, df)).toBeNaN();
  });
});

describe("the functions beneath", () => {
  it("studentTCdf matches scipy and its limits", () => {
    expectClose(studentTCdf(1.5, 4.2), 0.8976596079371644, 1e-12);
    expectClose(studentTCdf(-3, 2.5), 0.036288047774515914, 1e-12);
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
  });

  it("normal quantile and CDF match known values, far tails included", () => {
    expectClose(normalQuantile(0.975), 1.959963984540054, 1e-14);
    expectClose(normalQuantile(1e-10), -6.361340902404056, 1e-13);
    expectClose(normalCdf(1.959963984540054), 0.975, 1e-15);
    expectClose(normalCdf(-8) / 6.22096057427178e-16, 1, 1e-12);
  });

  it("logGamma and the incomplete beta agree with exact values", () => {
    expectClose(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    expectClose(logGamma(10), Math.log(362_880), 1e-14);
    // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
    expectClose(regularizedBeta(0.3, 1, 4.5), 1 - 0.7 ** 4.5, 1e-14);
    expectClose(regularizedBeta(0.8, 2.5, 1), 0.8 ** 2.5, 1e-14);
  });
});
