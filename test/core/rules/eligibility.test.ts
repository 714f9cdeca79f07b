import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../src/core/errors.js";
import { describeEligibility, eligibilityChange, oneAtATimeApplies } from "../../../src/core/rules/eligibility.js";

const fieldErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInput)
      return Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, String(v)]));
  }
  throw new Error("expected InvalidInput");
};

// A new program's settings (the schema's defaults; test/core/eligibility.db.test.ts checks a created one has them).
const LFX_ELIGIBILITY = { allowReturningMentees: false, oneMentorshipAtATime: true, applicationsPerTerm: 3 };

describe("eligibility settings", () => {
  it("are described in the program's view", () => {
    expect(describeEligibility(LFX_ELIGIBILITY)).toBe(
      "returning mentees refused; one mentorship at a time; up to 3 applications per term",
    );
  });

  it("are changed one at a time, as typed", () => {
    expect(eligibilityChange("returning-mentees", "Allowed")).toEqual({ allowReturningMentees: true });
    expect(eligibilityChange("returning-mentees", "refused")).toEqual({ allowReturningMentees: false });
    expect(eligibilityChange("One-Mentorship-At-A-Time", "no")).toEqual({ oneMentorshipAtATime: false });
    expect(eligibilityChange("one-mentorship-at-a-time", "yes")).toEqual({ oneMentorshipAtATime: true });
    expect(eligibilityChange("applications-per-term", "5")).toEqual({ applicationsPerTerm: 5 });
  });

  it("refuse an unknown setting or a value it does not take, saying what it takes", () => {
    expect(fieldErrors(() => eligibilityChange("returning", "yes")).setting).toContain(
      "The settings are returning-mentees, one-mentorship-at-a-time, applications-per-term.",
    );
    expect(fieldErrors(() => eligibilityChange("returning-mentees", "yes")).value).toBe(
      'returning-mentees is allowed or refused, not "yes".',
    );
    expect(fieldErrors(() => eligibilityChange("one-mentorship-at-a-time", "maybe")).value).toContain("yes or no");
    for (const count of ["0", "11", "2.5", "-1", "three", ""]) {
      expect(fieldErrors(() => eligibilityChange("applications-per-term", count)).value).toContain("from 1 to 10");
    }
  });

  it("one mentorship at a time holds when either program asks for it", () => {
    const only = { ...LFX_ELIGIBILITY, oneMentorshipAtATime: true };
    const several = { ...LFX_ELIGIBILITY, oneMentorshipAtATime: false };
    expect(oneAtATimeApplies(only, several)).toBe(true);
    expect(oneAtATimeApplies(several, only)).toBe(true);
    expect(oneAtATimeApplies(only, only)).toBe(true);
    expect(oneAtATimeApplies(several, several)).toBe(false);
  });
});
