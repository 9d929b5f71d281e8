import { describe, expect, it } from "vitest";
import { exposurePeriod, periodEnd, periodStart } from "./period";

describe("exposurePeriod", () => {
  it.each([
    ["2026-12-07T00:00:00Z", "2026-12-07"], // a Monday
    ["2026-12-13T23:59:59Z", "2026-12-07"], // its Sunday
    ["2026-12-14T00:00:00Z", "2026-12-14"],
    ["2027-01-01T12:00:00Z", "2026-12-28"], // a week across the new year
    ["2024-02-29T08:00:00Z", "2024-02-26"],
  ])("puts %s in the week of %s", (at, week) => {
    expect(exposurePeriod(new Date(at))).toBe(week);
  });

  it("gives the week's bounds", () => {
    expect(periodStart(new Date("2026-12-09T15:00:00Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(periodEnd("2026-12-07").toISOString()).toBe("2026-12-14T00:00:00.000Z");
  });
});
