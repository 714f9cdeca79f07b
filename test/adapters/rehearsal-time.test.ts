import { describe, expect, it } from "vitest";
import { readTimeRequest, rehearsalTime } from "../../src/adapters/console/rehearsal-time.js";
import { formatInstant } from "../../src/chat/format.js";

const now = new Date("2027-01-04T10:00:00Z");

describe("/time in a rehearsal", () => {
  it("shows the time with no argument", () => {
    expect(readTimeRequest("  ", now)).toEqual({ kind: "show" });
    // Written as every message writes an instant (chat/format.ts), in UTC.
    expect(rehearsalTime(now)).toBe("Mon 4 Jan 2027, 10:00 (UTC)");
    expect(rehearsalTime(now)).toBe(formatInstant(now, "UTC"));
  });

  it("moves forward by weeks, days, hours and minutes, alone or together", () => {
    expect(readTimeRequest("+2w", now)).toEqual({ kind: "move", to: new Date("2027-01-18T10:00:00Z") });
    expect(readTimeRequest("+1w2d", now)).toEqual({ kind: "move", to: new Date("2027-01-13T10:00:00Z") });
    expect(readTimeRequest("+4h30m", now)).toEqual({ kind: "move", to: new Date("2027-01-04T14:30:00Z") });
  });

  it("sets a date, or a date and time, in UTC", () => {
    expect(readTimeRequest("2027-03-15", now)).toEqual({ kind: "move", to: new Date("2027-03-15T00:00:00Z") });
    expect(readTimeRequest("2027-03-15 09:00", now)).toEqual({ kind: "move", to: new Date("2027-03-15T09:00:00Z") });
  });

  it("sets any time, earlier too, before anything has happened", () => {
    expect(readTimeRequest("2027-01-01", now, true)).toEqual({ kind: "move", to: new Date("2027-01-01T00:00:00Z") });
  });

  it("refuses what is not a time, a date that does not exist, and the past", () => {
    expect(readTimeRequest("+2 weeks", now)).toMatchObject({ kind: "bad", reason: expect.stringContaining("Usage") });
    expect(readTimeRequest("+2y", now)).toMatchObject({ kind: "bad" });
    expect(readTimeRequest("2027-02-30", now)).toMatchObject({
      kind: "bad",
      reason: "2027-02-30 is not a real date and time.",
    });
    expect(readTimeRequest("2027-01-01", now)).toMatchObject({
      kind: "bad",
      reason: expect.stringContaining("only moves forward"),
    });
  });
});
