// When a program's digest is posted: five-field cron, read in the program's time zone.
import cron from "node-cron";
import { InvalidInput } from "../errors.js";

export const DEFAULT_DIGEST_SCHEDULE = "0 9 * * 1";

/** The schedule as typed (quotes around it allowed), or a refusal naming what is wrong. */
export function digestSchedule(typed: string): string {
  const expression = typed.trim().replace(/^"|"$/g, "").trim();
  // node-cron also takes six fields (seconds first); a digest has no use for them.
  if (expression.split(/\s+/).length !== 5 || !cron.validate(expression)) {
    throw new InvalidInput({
      cron:
        `"${expression}" is not a cron expression of five fields, ` +
        `e.g. "${DEFAULT_DIGEST_SCHEDULE}" for Mondays at 09:00.`,
    });
  }
  return expression;
}
