import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { cronMatches, lastMatch } from "../../src/scheduler/cron-match.js";

const at = (iso: string, zone = "UTC") => DateTime.fromISO(iso, { zone });

describe("cron matching for the digest schedule", () => {
  it("matches minutes, hours, ranges, lists, steps and weekdays", () => {
    expect(cronMatches("0 9 * * 1", at("2027-03-01T09:00"))).toBe(true); // a Monday
    expect(cronMatches("0 9 * * 1", at("2027-03-02T09:00"))).toBe(false);
    expect(cronMatches("0 9 * * 1", at("2027-03-01T09:01"))).toBe(false);
    expect(cronMatches("*/15 8-10 * * *", at("2027-03-01T10:45"))).toBe(true);
    expect(cronMatches("*/15 8-10 * * *", at("2027-03-01T11:00"))).toBe(false);
    expect(cronMatches("0 9 1,15 * *", at("2027-03-15T09:00"))).toBe(true);
    expect(cronMatches("0 9 * * 0", at("2027-03-07T09:00"))).toBe(true); // Sunday as 0
    expect(cronMatches("0 9 * * 7", at("2027-03-07T09:00"))).toBe(true); // and as 7
    expect(cronMatches("0 9 * * 1-5", at("2027-03-06T09:00"))).toBe(false); // Saturday
  });

  it("finds the newest due minute in the program's time zone, across a DST change", () => {
    // Monday 29 March 2027, 09:00 in Berlin (CEST) is 07:00 UTC.
    const found = lastMatch(
      "0 9 * * 1",
      new Date("2027-03-29T06:00:00Z"),
      new Date("2027-03-29T07:30:00Z"),
      "Europe/Berlin",
    );
    expect(found?.toUTC().toISO()).toBe("2027-03-29T07:00:00.000Z");
    expect(
      lastMatch("0 9 * * 1", new Date("2027-03-29T07:00:00Z"), new Date("2027-03-29T07:30:00Z"), "Europe/Berlin"),
    ).toBeUndefined();
  });
});
