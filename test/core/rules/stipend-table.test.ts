import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../src/core/errors.js";
import { checkStipendTable, parseStipendTable, STIPEND_PERCENT } from "../../../src/core/rules/stipend-table.js";

const problem = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInput) return String(error.fieldErrors.table);
    throw error;
  }
  throw new Error("no refusal");
};

describe("a stipend table", () => {
  it("reads country=percent pairs split by commas or spaces, country codes in capitals", () => {
    expect(parseStipendTable("IN=60,br=70 DE=100")).toEqual({ IN: 60, BR: 70, DE: 100 });
    expect(parseStipendTable("  ")).toEqual({});
  });

  it("keeps each percent from 0 to 200", () => {
    expect(STIPEND_PERCENT).toEqual({ min: 0, max: 200 });
    expect(parseStipendTable("IN=0,US=200")).toEqual({ IN: 0, US: 200 });
    expect(problem(() => parseStipendTable("IN=60,US=201"))).toBe(
      '"US=201" is not country=percent (e.g. IN=60; percent 0 to 200).',
    );
  });

  it("refuses a pair that is not a two-letter country and a whole percent", () => {
    for (const pair of ["IND=60", "IN60", "IN=-5", "IN=6.5", "IN=", "=60"])
      expect(problem(() => parseStipendTable(pair))).toContain(`"${pair}"`);
  });

  it("holds a table given whole to the same rule", () => {
    expect(checkStipendTable({ IN: 60 })).toEqual({ IN: 60 });
    expect(problem(() => checkStipendTable({ IN: 250 }))).toContain('"IN=250"');
    expect(problem(() => checkStipendTable({ in: 60 }))).toContain('"in=60"');
  });
});
