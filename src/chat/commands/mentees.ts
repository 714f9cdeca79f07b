import { menteesOf } from "../../core/enrollments.js";
import { evaluationsOwed } from "../../core/rules/checkpoints.js";
import { defineCommand } from "../command-tree.js";
import { info, when } from "./common.js";

defineCommand({
  path: ["mentees"],
  summary: "Your mentees (mentors), or every mentee of a term (administrators), with plan and checkpoint progress.",
  audience: "mentor",
  args: [{ name: "term", description: "program/term (administrators)", required: false, choices: "term" }],
  run: async (ctx, args) => {
    const enrollments = await menteesOf(ctx.core, ctx.actor, args.term);
    if (enrollments.length === 0) return [info("Mentees", { text: "No mentee yet." })];
    const now = ctx.core.clock.now();
    return [
      info("Mentees", {
        sections: enrollments.map((e) => {
          const passed = e.evaluations.filter((v) => v.outcome === "pass").length;
          const open = evaluationsOwed(e, now);
          return {
            heading: `${e.mentee.displayName} — ${e.project.name}: ${e.status}`,
            lines: [
              `Plan ${e.planItems.filter((i) => i.doneAt).length}/${e.planItems.length} done; ` +
                `checkpoints passed ${passed}/${e.checkpoints.length}; ends ${when(ctx, e.endAt)}.`,
              ...open.map((s) => `Evaluation open: ${s.checkpoint.name}, due ${when(ctx, s.dueAt)}.`),
            ],
          };
        }),
      }),
    ];
  },
});
