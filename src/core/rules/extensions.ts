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
