/**
 * Wall-clock times in a named time zone (the shop's IANA zone, e.g. Asia/Tokyo) ↔ UTC instants,
 * with nothing but Intl. `<input type="datetime-local">` speaks "YYYY-MM-DDTHH:mm" without a zone;
 * rule schedules are entered and shown in the shop's zone, whatever the browser's or the server's.
 */

/** "2026-12-24T10:00" (seconds optional). */
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

export type ZonedParse =
  | { ok: true; iso: string }
  /** `invalid`: not a date and time (or not a day of the calendar); `nonexistent`: skipped by a clock change. */
  | { ok: false; reason: "invalid" | "nonexistent" };

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True for a zone name Intl knows ("Asia/Tokyo", "UTC"); false for "Mars/Olympus" or "". */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

// The wall clock in the zone at an instant, as if that wall clock were UTC (ms, whole seconds).
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Tokyo: 540; America/New_York in July: −240). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const instant = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((wallClockMs(instant, timeZone) - instant) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in the zone. A time the clocks skip (02:30 on the night
 * they go forward) is `nonexistent`; a time they pass twice (01:30 on the night they go back) is
 * its first occurrence, as a merchant who schedules "01:30" means the first time it reads 01:30.
 */
export function zonedInputToUtc(local: string, timeZone: string): ZonedParse {
  const match = LOCAL_INPUT.exec(local.trim());
  if (!match) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second);
  const back = new Date(wall);
  // Date.UTC rolls 2026-02-30 over to March (and reads year 0050 as 1950): no such day is invalid input.
  const rolledOver = back.getUTCFullYear() !== year || back.getUTCMonth() !== month! - 1 || back.getUTCDate() !== day;
  if (rolledOver || hour! > 23 || minute! > 59 || second > 59) {
    return { ok: false, reason: "invalid" };
  }
  // The offsets in force a day either side cover any clock change near this time (zones change at
  // most once a day); each is a candidate, kept when it reads back as the same wall clock.
  const offsets = new Set([wall - DAY_MS, wall + DAY_MS].map((t) => wallClockMs(t, timeZone) - t));
  const instants = [...offsets].map((offset) => wall - offset).filter((t) => wallClockMs(t, timeZone) === wall);
  if (instants.length === 0) return { ok: false, reason: "nonexistent" };
  return { ok: true, iso: new Date(Math.min(...instants)).toISOString() };
}

/** The wall-clock "YYYY-MM-DDTHH:mm" in the zone of a UTC instant; "" for none. */
export function utcToZonedInput(at: Date | string | null | undefined, timeZone: string): string {
  if (at === null || at === undefined || at === "") return "";
  const instant = new Date(at).getTime();
  if (Number.isNaN(instant)) return "";
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 16);
}

/** "GMT+9", "GMT-4", "GMT+5:30", "GMT+0": the zone's offset at that instant. */
export function formatGmtOffset(at: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(at, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `GMT${sign}${hours}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}`;
}

/** "Asia/Tokyo (GMT+9)": how the admin names the zone its times are in. */
export function timeZoneLabel(timeZone: string, at: Date): string {
  return `${timeZone} (${formatGmtOffset(at, timeZone)})`;
}
