import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../src/core/errors.js";
import { EXTENSION_RULE, EXTENSION_WEEKS, extensionWeeks } from "../../../src/core/rules/extensions.js";

describe("an extension", () => {
  it("is 1 to 5 whole weeks", () => {
    expect(EXTENSION_WEEKS).toEqual({ min: 1, max: 5 });
    for (const weeks of [1, 3, 5]) expect(extensionWeeks(weeks)).toBe(weeks);
  });

  it("refuses no weeks, too few, too many or a fraction, keyed by the field that gave them", () => {
    for (const weeks of [undefined, 0, 6, 2.5, Number.NaN, -1]) {
      expect(() => extensionWeeks(weeks)).toThrow(InvalidInput);
    }
    try {
      extensionWeeks(6, "extendWeeks");
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInput).fieldErrors).toEqual({ extendWeeks: EXTENSION_RULE });
    }
    expect(EXTENSION_RULE).toBe("An extension is 1 to 5 weeks.");
  });
});
