// An extension moves a mentee's remaining checkpoints and end date by whole weeks, within bounds the
// program sets for every term (an evaluation's "extend" outcome and an administrator's extension alike).
import { InvalidInput } from "../errors.js";

export const EXTENSION_WEEKS = { min: 1, max: 5 } as const;

export const isExtensionWeeks = (weeks: number | undefined): weeks is number =>
  weeks !== undefined && Number.isInteger(weeks) && weeks >= EXTENSION_WEEKS.min && weeks <= EXTENSION_WEEKS.max;

export const EXTENSION_RULE = `An extension is ${EXTENSION_WEEKS.min} to ${EXTENSION_WEEKS.max} weeks.`;

/** The weeks, or a refusal keyed by the field that gave them. */
export function extensionWeeks(weeks: number | undefined, field = "weeks"): number {
  if (!isExtensionWeeks(weeks)) throw new InvalidInput({ [field]: EXTENSION_RULE });
  return weeks;
}

/** The DOMAIN's 1–5 weeks bound also holds for an enrollment's extensions added up. */
export const EXTENSION_TOTAL_RULE = `An enrollment's extensions add up to at most ${EXTENSION_WEEKS.max} weeks.`;

/**
 * The weeks an enrollment may still be extended by, or a refusal keyed by the field that asked: `total` is what
 * it has now, `replacing` what this change takes back (an evaluation's earlier "extend" being edited).
 */
export function withinExtensionTotal(weeks: number, total: number, replacing = 0, field = "weeks"): number {
  const already = total - replacing;
  if (already + weeks > EXTENSION_WEEKS.max) {
    const left = EXTENSION_WEEKS.max - already;
    const more = left > 0 ? `at most ${left} more` : "none";
    throw new InvalidInput({ [field]: `${EXTENSION_TOTAL_RULE} This one has ${already} already, so ${more}.` });
  }
  return weeks;
}
