import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../src/core/errors.js";
import { DEFAULT_DIGEST_SCHEDULE, digestSchedule } from "../../../src/core/rules/digest-schedule.js";

describe("the digest schedule", () => {
  it("is five cron fields, quotes and spaces around them dropped", () => {
    expect(digestSchedule(DEFAULT_DIGEST_SCHEDULE)).toBe("0 9 * * 1");
    expect(digestSchedule(' "30 17 * * 5" ')).toBe("30 17 * * 5");
  });

  it("refuses six fields (seconds), four, and nonsense, saying what is expected", () => {
    for (const typed of ["0 0 9 * * 1", "0 9 * *", "every monday", "61 9 * * 1"]) {
      expect(() => digestSchedule(typed)).toThrow(InvalidInput);
    }
    try {
      digestSchedule("0 9 * *");
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInput).fieldErrors.cron).toBe(
        '"0 9 * *" is not a cron expression of five fields, e.g. "0 9 * * 1" for Mondays at 09:00.',
      );
    }
  });
});
