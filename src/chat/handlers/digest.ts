import cron from "node-cron";
import { programDigest } from "../../core/digest.js";
import { InvalidInput } from "../../core/errors.js";
import { setDigestChannel, setDigestSchedule } from "../../core/programs.js";
import { digestView } from "../digest-view.js";
import { defineCommand } from "../command-tree.js";
import { success } from "./common.js";

defineCommand({
  path: ["admin", "digest"],
  summary:
    "The program's digest now: new applications, reviews, prerequisites, overdue evaluations, payments to approve, mentees at risk.",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: async (ctx, args) => [
    digestView(await programDigest(ctx.core, ctx.actor, args.program!), ctx.core.clock.now(), ctx.actor.timeZone),
  ],
});

defineCommand({
  path: ["admin", "digest-channel"],
  summary: "Choose the channel the program's weekly digest is posted to (this platform).",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "channel", description: "the channel (a #channel mention or its id)", required: true },
  ],
  run: async (ctx, args) => {
    const channel = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(args.channel!)?.[1] ?? args.channel!.replace(/^#/, "");
    await setDigestChannel(ctx.core, ctx.actor, args.program!, channel);
    return [success(`The digest of ${args.program} will be posted to ${args.channel} on ${ctx.actor.platform}.`)];
  },
});

defineCommand({
  path: ["admin", "digest-schedule"],
  summary: 'When the digest is posted, as cron in the program\'s time zone (default "0 9 * * 1", Mondays 09:00).',
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "cron", description: 'five fields, e.g. "0 9 * * 1"', required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const expression = args.cron!.replace(/^"|"$/g, "").trim();
    if (expression.split(/\s+/).length !== 5 || !cron.validate(expression)) {
      throw new InvalidInput({
        cron: `"${expression}" is not a cron expression of five fields, e.g. "0 9 * * 1" for Mondays at 09:00.`,
      });
    }
    const program = await setDigestSchedule(ctx.core, ctx.actor, args.program!, expression);
    return [success(`The digest of ${program.name} is posted on "${expression}" (${program.timeZone}).`)];
  },
});
