import { describe, expect, it } from "vitest";
import {
  defaultCheckpoints,
  defaultTermEnd,
  MIN_REVIEW_DAYS,
  TERM_WEEKS,
  validateTimeline,
} from "../../../src/core/rules/timeline.js";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("a term's timeline", () => {
  it("ends 12 weeks after the start when full-time, 24 when part-time, by default", () => {
    expect(TERM_WEEKS).toEqual({ full_time: 12, part_time: 24 });
    expect(defaultTermEnd(day("2027-03-01"), "full_time", "UTC")).toEqual(day("2027-05-24"));
    expect(defaultTermEnd(day("2027-03-01"), "part_time", "UTC")).toEqual(day("2027-08-16"));
  });

  it("keeps midnight in the program's zone across a daylight-saving change", () => {
    // 2027-03-01 00:00 in Berlin is 23:00 UTC the day before (winter); 12 weeks later it is summer time.
    const start = new Date("2027-02-28T23:00:00Z");
    expect(defaultTermEnd(start, "full_time", "Europe/Berlin")).toEqual(new Date("2027-05-23T22:00:00Z"));
  });

  it("passes a timeline with the default end, and refuses a review period under two weeks", () => {
    const startAt = day("2027-03-01");
    const timeline = {
      kind: "full_time" as const,
      applicationsOpenAt: day("2027-01-01"),
      applicationsCloseAt: day("2027-01-29"),
      selectionAt: day("2027-02-12"),
      startAt,
      endAt: defaultTermEnd(startAt, "full_time", "UTC"),
    };
    expect(validateTimeline(timeline, "UTC")).toEqual({});
    expect(MIN_REVIEW_DAYS).toBe(14);
    expect(validateTimeline({ ...timeline, selectionAt: day("2027-02-11") }, "UTC").selectionAt).toContain(
      "at least 14 days",
    );
  });

  it("has four default checkpoints, the midterm and the final carrying half the stipend each", () => {
    const full = defaultCheckpoints("full_time");
    expect(full.map((c) => c.week)).toEqual([3, 6, 9, 12]);
    expect(defaultCheckpoints("part_time").map((c) => c.week)).toEqual([6, 12, 18, 24]);
    expect(full.map((c) => c.stipendPercent)).toEqual([0, 50, 0, 50]);
    expect(full.filter((c) => c.isFinal).map((c) => c.number)).toEqual([4]);
  });
});

describe("a new term's timeline", () => {
  const timeline = {
    kind: "full_time" as const,
    applicationsOpenAt: day("2027-01-11"),
    applicationsCloseAt: day("2027-02-08"),
    selectionAt: day("2027-02-22"),
    startAt: day("2027-03-01"),
    endAt: day("2027-05-24"),
  };

  it("opens applications today or later, in the program's zone", () => {
    expect(validateTimeline(timeline, "UTC", new Date("2027-01-11T23:00:00Z"))).toEqual({});
    const late = validateTimeline(timeline, "UTC", new Date("2027-01-12T00:00:00Z"));
    expect(Object.keys(late)).toEqual(["applicationsOpenAt"]);
    // The refusal names today, for the reader to compare with.
    expect(String(late.applicationsOpenAt)).toBe(
      "A new term's applications open today (2027-01-12) or later, not in the past.",
    );
    // 2027-01-12 01:00 in Kolkata is still 2027-01-11 in UTC, but the program's day is the 12th.
    const kolkata = { ...timeline, applicationsOpenAt: new Date("2027-01-10T18:30:00Z") };
    expect(
      validateTimeline(kolkata, "Asia/Kolkata", new Date("2027-01-11T19:30:00Z")).applicationsOpenAt,
    ).toBeDefined();
  });
});
