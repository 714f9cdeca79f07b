// A program's stipend table: the percent of a project's base stipend paid to a mentee by their
// country of residence, e.g. IN=60, BR=70, DE=100.
import { InvalidInput } from "../errors.js";
import { COUNTRY_RULE, isCountryCode } from "./countries.js";

export const STIPEND_PERCENT = { min: 0, max: 200 } as const;

/** Percent of the base stipend by two-letter country code. */
export type StipendTable = Record<string, number>;

const problem = (pair: string) =>
  new InvalidInput({
    table: `"${pair}" is not country=percent (e.g. IN=60; percent ${STIPEND_PERCENT.min} to ${STIPEND_PERCENT.max}).`,
  });

const notACountry = (code: string) =>
  new InvalidInput({
    table: `${code.toUpperCase()} is not a country: ${COUNTRY_RULE.replace("Country must be", "use")}`,
  });

const inBounds = (percent: number) =>
  Number.isInteger(percent) && percent >= STIPEND_PERCENT.min && percent <= STIPEND_PERCENT.max;

/** "IN=60, br=70 DE=100" → { IN: 60, BR: 70, DE: 100 }: pairs split by commas or spaces. */
export function parseStipendTable(text: string): StipendTable {
  const table: StipendTable = {};
  for (const pair of text.split(/[,\s]+/).filter(Boolean)) {
    const match = /^([A-Za-z]{2})=(\d{1,3})$/.exec(pair);
    const [, country, percent] = match ?? [];
    if (!country || !percent || !inBounds(Number(percent))) throw problem(pair);
    if (!isCountryCode(country.toUpperCase())) throw notACountry(country);
    table[country.toUpperCase()] = Number(percent);
  }
  return table;
}

/** A table given whole (not typed by a person) keeps the same rule. */
export function checkStipendTable(table: StipendTable): StipendTable {
  for (const [country, percent] of Object.entries(table)) {
    if (!/^[A-Z]{2}$/.test(country) || !inBounds(percent)) throw problem(`${country}=${percent}`);
    if (!isCountryCode(country)) throw notACountry(country);
  }
  return table;
}
