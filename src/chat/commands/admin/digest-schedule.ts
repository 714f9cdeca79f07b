import cron from "node-cron";
import { InvalidInput } from "../../../core/errors.js";
import { setDigestSchedule } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["admin", "digest-schedule"],
  summary: 'When the digest is posted, as cron in the program\'s time zone (default "0 9 * * 1", Mondays 09:00).',
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "cron", description: 'five fields, e.g. "0 9 * * 1"', required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const expression = args.cron.replace(/^"|"$/g, "").trim();
    if (expression.split(/\s+/).length !== 5 || !cron.validate(expression)) {
      throw new InvalidInput({
        cron: `"${expression}" is not a cron expression of five fields, e.g. "0 9 * * 1" for Mondays at 09:00.`,
      });
    }
    const program = await setDigestSchedule(ctx.core, ctx.actor, args.program, expression);
    return [success(`The digest of ${program.name} is posted on "${expression}" (${program.timeZone}).`)];
  },
});
