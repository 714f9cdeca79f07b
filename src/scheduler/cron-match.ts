// Whether a wall-clock minute matches a five-field cron expression
// ("minute hour day-of-month month day-of-week"), so the digest schedule can
// be evaluated on the injected clock and in the program's time zone.
import { DateTime } from "luxon";

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function fieldMatches(field: string, value: number, [min, max]: [number, number]): boolean {
  return field.split(",").some((part) => {
    const [range = "*", stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    const [from, to] =
      range === "*"
        ? [min, max]
        : range.includes("-")
          ? (range.split("-").map(Number) as [number, number])
          : [Number(range), stepText ? max : Number(range)];
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

export function cronMatches(expression: string, minute: DateTime): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const [m, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const weekday = minute.weekday % 7; // luxon: Monday 1 … Sunday 7; cron: Sunday 0 (or 7)
  const dayOfWeek = fieldMatches(dow, weekday, RANGES[4]!) || (weekday === 0 && fieldMatches(dow, 7, RANGES[4]!));
  const dayOfMonth = fieldMatches(dom, minute.day, RANGES[2]!);
  // Cron's rule: when both day fields are restricted, either may match.
  const day = dom !== "*" && dow !== "*" ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  return (
    fieldMatches(m, minute.minute, RANGES[0]!) &&
    fieldMatches(h, minute.hour, RANGES[1]!) &&
    fieldMatches(mon, minute.month, RANGES[3]!) &&
    day
  );
}

/** The newest minute in (since, now] that matches, in `zone`; undefined if none. */
export function lastMatch(expression: string, since: Date, now: Date, zone: string): DateTime | undefined {
  let minute = DateTime.fromJSDate(now, { zone }).startOf("minute");
  const stop = DateTime.fromJSDate(since, { zone });
  for (; minute > stop; minute = minute.minus({ minutes: 1 })) {
    if (cronMatches(expression, minute)) return minute;
  }
  return undefined;
}
