import { describe, expect, it } from "vitest";
import { isShortName, shortNameRule } from "../../../src/core/rules/names.js";

describe("a short name (program, term, project)", () => {
  it("is 2 to 40 lowercase letters, digits or dashes, not starting with a dash", () => {
    for (const name of ["lfx", "2027-spring", "k8", "kernel-docs", "a".repeat(40)])
      expect(isShortName(name)).toBe(true);
    for (const name of ["t", "-lfx", "LFX", "kernel docs", "kernel_docs", "a".repeat(41), ""])
      expect(isShortName(name)).toBe(false);
  });

  it("is explained in one sentence, whatever it names", () => {
    expect(shortNameRule("Short name")).toBe(
      "Short name: 2 to 40 lowercase letters, digits or dashes, e.g. lfx or 2027-spring.",
    );
    expect(shortNameRule("Term name")).toMatch(/^Term name: 2 to 40/);
  });
});
