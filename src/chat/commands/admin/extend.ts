import { plural } from "../../format.js";
import { extend } from "../../../core/enrollments.js";
import { EXTENSION_WEEKS } from "../../../core/rules/extensions.js";
import { defineCommand } from "../../command-tree.js";
import { success, when } from "../common.js";

defineCommand({
  path: ["admin", "extend"],
  summary:
    `Extend a mentee's enrollment by ${EXTENSION_WEEKS.min}–${EXTENSION_WEEKS.max} weeks ` +
    `(moves remaining checkpoints and the end date).`,
  audience: "administrator",
  args: [
    { name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" },
    { name: "weeks", description: `${EXTENSION_WEEKS.min} to ${EXTENSION_WEEKS.max}`, required: true },
  ],
  run: async (ctx, args) => {
    const weeks = Number(args.weeks);
    const enrollment = await extend(ctx.core, ctx.actor, args.mentee, weeks);
    return [
      success(
        `${enrollment.mentee.displayName}'s enrollment is extended by ${plural(weeks, "week")}; ` +
          `it now ends ${when(ctx, enrollment.endAt)}.`,
      ),
    ];
  },
});
