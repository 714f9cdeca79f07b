import { describe, expect, it } from "vitest";
import { COUNTRY_RULE, countryProblem, isCountryCode } from "../../../src/core/rules/countries.js";
import { parseStipendTable } from "../../../src/core/rules/stipend-table.js";

describe("a country", () => {
  it("is one of the 249 ISO 3166-1 alpha-2 codes", () => {
    for (const code of ["IN", "DE", "BR", "US", "GB", "ZW", "AX"]) expect(isCountryCode(code)).toBe(true);
    for (const code of ["XX", "UK", "EU", "XK", "ZZ", "de", "D", "DEU"]) expect(isCountryCode(code)).toBe(false);
    let assigned = 0;
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) if (isCountryCode(String.fromCharCode(a, b))) assigned++;
    expect(assigned).toBe(249);
  });

  it("refused points to the ISO code a common look-alike means", () => {
    expect(countryProblem("DE")).toBeUndefined();
    expect(countryProblem("UK")).toBe("UK is not an ISO 3166-1 code: use GB.");
    expect(countryProblem("XX")).toBe(COUNTRY_RULE);
  });

  it("is checked in a stipend table too", () => {
    expect(parseStipendTable("in=60 BR=70")).toEqual({ IN: 60, BR: 70 });
    expect(() => parseStipendTable("IN=60, XX=70")).toThrow();
  });
});
