import { extend } from "../../../core/enrollments.js";
import { notNow } from "../../../core/errors.js";
import { defineCommand } from "../../command-tree.js";
import { success, when } from "../common.js";

defineCommand({
  path: ["admin", "extend"],
  summary: "Extend a mentee's enrollment by 1–5 weeks (moves remaining checkpoints and the end date).",
  audience: "administrator",
  args: [
    { name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" },
    { name: "weeks", description: "1 to 5", required: true },
  ],
  run: async (ctx, args) => {
    const weeks = Number(args.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 5) throw notNow("Weeks must be a whole number from 1 to 5.");
    const enrollment = await extend(ctx.core, ctx.actor, args.mentee, weeks);
    return [
      success(
        `${enrollment.mentee.displayName}'s enrollment is extended by ${weeks} week(s); it now ends ${when(ctx, enrollment.endAt)}.`,
      ),
    ];
  },
});
