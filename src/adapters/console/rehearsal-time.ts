// `/time` in a rehearsal: where the simulated clock goes. `+2w`, `+3d`, `+4h`, `+30m` (or several, `+1w2d`)
// move it forward; `2027-03-15` or `2027-03-15 09:00` set it, read in UTC, the rehearsal's zone.
import { formatInstant } from "../../chat/format.js";

export type TimeRequest = { kind: "show" } | { kind: "move"; to: Date } | { kind: "bad"; reason: string };

const UNIT_MS = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
export const TIME_USAGE =
  "Usage: /time shows the rehearsal's time; /time +2w, +3d, +4h or +30m moves it forward; " +
  "/time 2027-03-15 09:00 (UTC) sets it.";

/** `startFree`: nothing has happened yet, so the clock may be set to any time, earlier too (a script's start). */
export function readTimeRequest(argument: string, now: Date, startFree = false): TimeRequest {
  const text = argument.trim();
  if (text === "") return { kind: "show" };
  let to: number;
  if (text.startsWith("+")) {
    const parts = [...text.slice(1).matchAll(/(\d{1,4})([wdhm])/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.slice(1)) return bad(TIME_USAGE);
    to = now.getTime() + parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS], 0);
  } else {
    const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/.exec(text);
    if (!match) return bad(TIME_USAGE);
    const iso = `${match[1]}T${match[2] ?? "00:00"}:00Z`;
    to = Date.parse(iso);
    // Date.parse rolls 2027-02-30 over to March; a date that does not exist is refused.
    if (Number.isNaN(to) || new Date(to).toISOString().slice(0, 16) !== iso.slice(0, 16)) {
      return bad(`${text} is not a real date and time.`);
    }
  }
  if (to < now.getTime() && !startFree)
    return bad("Once a command has run, rehearsal time only moves forward: give a later time, or +2d to move on.");
  return { kind: "move", to: new Date(to) };
}

const bad = (reason: string): TimeRequest => ({ kind: "bad", reason });

/**
 * A rehearsal instant as people read it in the console: written as every message writes its dates
 * ("Mon 4 Jan 2027, 10:00 (UTC)"), in UTC, the zone `/time` reads its dates in.
 */
export const rehearsalTime = (at: Date): string => formatInstant(at, "UTC");
