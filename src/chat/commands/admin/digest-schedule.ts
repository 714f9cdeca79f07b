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
    const program = await setDigestSchedule(ctx.core, ctx.actor, args.program, args.cron);
    return [success(`The digest of ${program.name} is posted on "${program.digestSchedule}" (${program.timeZone}).`)];
  },
});
