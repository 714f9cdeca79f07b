import { terminate } from "../../../core/enrollments.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["admin", "terminate"],
  summary: "End a mentee's enrollment early, with a reason (no further stipend).",
  audience: "administrator",
  args: [
    { name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" },
    { name: "reason", description: "why", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const enrollment = await terminate(ctx.core, ctx.actor, args.mentee, args.reason);
    return [success(`${enrollment.mentee.displayName}'s enrollment in ${enrollment.project.name} is terminated.`)];
  },
});
