import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../src/core/errors.js";
import {
  EXTENSION_RULE,
  EXTENSION_WEEKS,
  extensionWeeks,
  withinExtensionTotal,
} from "../../../src/core/rules/extensions.js";

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

describe("an enrollment's extensions", () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as InvalidInput).fieldErrors;
    }
    return undefined;
  };

  it("add up to at most 5 weeks", () => {
    expect(withinExtensionTotal(2, 3)).toBe(2);
    expect(refusal(() => withinExtensionTotal(3, 3))).toEqual({
      weeks: "An enrollment's extensions add up to at most 5 weeks. This one has 3 already, so at most 2 more.",
    });
    expect(refusal(() => withinExtensionTotal(1, 5, 0, "extendWeeks"))).toEqual({
      extendWeeks: "An enrollment's extensions add up to at most 5 weeks. This one has 5 already, so none.",
    });
  });

  it("count an edited extension once: the weeks it replaces are taken back first", () => {
    // An evaluation's 2 weeks changed to 4, on an enrollment that had those 2 and 1 more.
    expect(withinExtensionTotal(4, 3, 2)).toBe(4);
    expect(refusal(() => withinExtensionTotal(5, 3, 2))).toBeDefined();
  });
});
