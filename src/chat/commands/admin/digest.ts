import { programDigest } from "../../../core/digest.js";
import { digestWithChart } from "../../digest-view.js";
import { defineCommand } from "../../command-tree.js";

defineCommand({
  path: ["admin", "digest"],
  summary:
    "The program's digest now: new applications, reviews, prerequisites, " +
    "overdue evaluations, payments to approve, mentees at risk.",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: async (ctx, args) => [
    await digestWithChart(
      await programDigest(ctx.core, ctx.actor, args.program),
      ctx.core.clock.now(),
      ctx.actor.timeZone,
    ),
  ],
});
