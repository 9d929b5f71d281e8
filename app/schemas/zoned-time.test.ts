import { describe, expect, it } from "vitest";
import {
  formatGmtOffset,
  isValidTimeZone,
  timeZoneLabel,
  utcToZonedInput,
  zonedInputToUtc,
  zoneOffsetMinutes,
} from "./zoned-time";

describe("zonedInputToUtc", () => {
  it.each([
    ["2026-12-24T10:00", "Asia/Tokyo", "2026-12-24T01:00:00.000Z"],
    ["2027-01-01T00:00", "Asia/Tokyo", "2026-12-31T15:00:00.000Z"],
    ["2026-12-24T10:00", "UTC", "2026-12-24T10:00:00.000Z"],
    ["2026-12-24T10:00:30", "UTC", "2026-12-24T10:00:30.000Z"],
    ["2026-01-15T12:00", "America/New_York", "2026-01-15T17:00:00.000Z"],
    ["2026-07-15T12:00", "America/New_York", "2026-07-15T16:00:00.000Z"],
    ["2026-01-15T12:00", "Europe/Berlin", "2026-01-15T11:00:00.000Z"],
    ["2026-07-15T12:00", "Europe/Berlin", "2026-07-15T10:00:00.000Z"],
    ["2026-06-01T09:15", "Asia/Kolkata", "2026-06-01T03:45:00.000Z"],
    // New York springs forward on 2026-03-08 at 02:00 (to 03:00): either side of the gap.
    ["2026-03-08T01:59", "America/New_York", "2026-03-08T06:59:00.000Z"],
    ["2026-03-08T03:00", "America/New_York", "2026-03-08T07:00:00.000Z"],
    // …and falls back on 2026-11-01 at 02:00 (to 01:00): 01:30 happens twice, the first one counts.
    ["2026-11-01T01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
    ["2026-11-01T00:59", "America/New_York", "2026-11-01T04:59:00.000Z"],
    ["2026-11-01T02:00", "America/New_York", "2026-11-01T07:00:00.000Z"],
    // Berlin: forward on 2026-03-29 at 02:00, back on 2026-10-25 at 03:00 (02:00–02:59 twice).
    ["2026-03-29T01:59", "Europe/Berlin", "2026-03-29T00:59:00.000Z"],
    ["2026-03-29T03:00", "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    ["2026-10-25T02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["2026-10-25T03:00", "Europe/Berlin", "2026-10-25T02:00:00.000Z"],
  ])("%s in %s → %s", (local, zone, iso) => {
    expect(zonedInputToUtc(local, zone)).toEqual({ ok: true, iso });
  });

  it.each([
    ["2026-03-08T02:00", "America/New_York"],
    ["2026-03-08T02:30", "America/New_York"],
    ["2026-03-29T02:30", "Europe/Berlin"],
    // Samoa skipped 2011-12-30 entirely when it crossed the date line.
    ["2011-12-30T12:00", "Pacific/Apia"],
  ])("%s in %s does not exist (the clocks skip it)", (local, zone) => {
    expect(zonedInputToUtc(local, zone)).toEqual({ ok: false, reason: "nonexistent" });
  });

  it.each([
    [""],
    ["tomorrow"],
    ["2026-12-24"],
    ["2026-12-24 10:00"],
    ["2026-12-24T10:00Z"],
    ["2026-12-24T10:00+09:00"],
    ["2026-02-29T10:00"],
    ["2026-02-30T10:00"],
    ["2026-13-01T10:00"],
    ["2026-00-10T10:00"],
    ["2026-12-24T24:00"],
    ["2026-12-24T10:60"],
    ["0050-12-24T10:00"],
  ])("%j is not a local date and time", (local) => {
    expect(zonedInputToUtc(local, "Asia/Tokyo")).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts the 29th of February in a leap year", () => {
    expect(zonedInputToUtc("2028-02-29T10:00", "Asia/Tokyo")).toEqual({ ok: true, iso: "2028-02-29T01:00:00.000Z" });
  });
});

describe("utcToZonedInput", () => {
  it.each([
    ["2026-12-24T01:00:00.000Z", "Asia/Tokyo", "2026-12-24T10:00"],
    ["2026-12-31T15:00:00.000Z", "Asia/Tokyo", "2027-01-01T00:00"],
    ["2026-12-24T10:00:00.000Z", "UTC", "2026-12-24T10:00"],
    ["2026-03-08T06:59:00.000Z", "America/New_York", "2026-03-08T01:59"],
    ["2026-03-08T07:00:00.000Z", "America/New_York", "2026-03-08T03:00"],
    // Both 01:30s of the night New York falls back read 01:30.
    ["2026-11-01T05:30:00.000Z", "America/New_York", "2026-11-01T01:30"],
    ["2026-11-01T06:30:00.000Z", "America/New_York", "2026-11-01T01:30"],
    ["2026-10-25T00:30:00.000Z", "Europe/Berlin", "2026-10-25T02:30"],
    ["2026-10-25T01:30:00.000Z", "Europe/Berlin", "2026-10-25T02:30"],
    ["2026-06-01T03:45:00.000Z", "Asia/Kolkata", "2026-06-01T09:15"],
  ])("%s in %s → %s", (iso, zone, local) => {
    expect(utcToZonedInput(iso, zone)).toBe(local);
    expect(utcToZonedInput(new Date(iso), zone)).toBe(local);
  });

  it.each([[undefined], [null], [""], ["not a date"]])("%j → an empty field", (value) => {
    expect(utcToZonedInput(value, "Asia/Tokyo")).toBe("");
  });

  it.each([
    ["2026-12-24T10:00", "Asia/Tokyo"],
    ["2026-07-04T23:45", "America/New_York"],
    ["2026-10-25T01:59", "Europe/Berlin"],
    ["2026-11-01T01:00", "America/New_York"],
  ])("round-trips %s in %s", (local, zone) => {
    const parsed = zonedInputToUtc(local, zone);
    expect(parsed.ok && utcToZonedInput(parsed.iso, zone)).toBe(local);
  });
});

describe("offsets and labels", () => {
  it.each([
    ["2026-12-24T01:00:00Z", "Asia/Tokyo", 540, "GMT+9"],
    ["2026-01-15T12:00:00Z", "America/New_York", -300, "GMT-5"],
    ["2026-07-15T12:00:00Z", "America/New_York", -240, "GMT-4"],
    ["2026-07-15T12:00:00Z", "Europe/Berlin", 120, "GMT+2"],
    ["2026-07-15T12:00:00Z", "Asia/Kolkata", 330, "GMT+5:30"],
    ["2026-07-15T12:00:00Z", "America/St_Johns", -150, "GMT-2:30"],
    ["2026-07-15T12:00:00Z", "UTC", 0, "GMT+0"],
  ])("at %s %s is %d minutes from UTC (%s)", (iso, zone, minutes, label) => {
    expect(zoneOffsetMinutes(new Date(iso), zone)).toBe(minutes);
    expect(formatGmtOffset(new Date(iso), zone)).toBe(label);
  });

  it("names the zone with its offset", () => {
    expect(timeZoneLabel("Asia/Tokyo", new Date("2026-12-01T00:00:00Z"))).toBe("Asia/Tokyo (GMT+9)");
    expect(timeZoneLabel("UTC", new Date("2026-12-01T00:00:00Z"))).toBe("UTC (GMT+0)");
  });

  it.each([
    ["Asia/Tokyo", true],
    ["America/New_York", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
    ["GMT+9 or so", false],
  ])("%j is a time zone: %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
