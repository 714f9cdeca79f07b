// Deadlines are instants (stored UTC); people type and read them in a time
// zone. luxon does the zone arithmetic, including daylight-saving changes.
import { DateTime } from "luxon";

export const DAY_MS = 86_400_000;

/** "2027-03-01" or "2027-03-01 17:00" in `zone` → the instant. Dates alone mean 00:00. */
export function parseLocal(value: string, zone: string): Date {
  const [date, time = "00:00"] = value.trim().split(/[ T]/);
  const parsed = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!parsed.isValid) throw new Error(`Not a date: ${value}`);
  return parsed.toJSDate();
}

/** Adds calendar weeks in `zone`, so 00:00 stays 00:00 across a DST change. */
export function addWeeks(instant: Date, weeks: number, zone: string): Date {
  return DateTime.fromJSDate(instant, { zone }).plus({ weeks }).toJSDate();
}

export function addDays(instant: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(instant, { zone }).plus({ days }).toJSDate();
}

/** Whole calendar days between two instants as seen in `zone`. */
export function calendarDays(from: Date, to: Date, zone: string): number {
  const a = DateTime.fromJSDate(from, { zone }).startOf("day");
  const b = DateTime.fromJSDate(to, { zone }).startOf("day");
  return Math.round(b.diff(a, "days").days);
}
