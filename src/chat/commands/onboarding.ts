import { myEnrollment } from "../../core/enrollments.js";
import { defineCommand } from "../command-tree.js";
import { awaitingSelection, info, when } from "./common.js";
import { decisionHeld } from "../../core/rules/timeline.js";

defineCommand({
  path: ["onboarding"],
  summary: "Your onboarding checklist (an administrator confirms each step).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    if (!enrollment) return [info("Onboarding", { text: "You are not enrolled in a project yet." })];
    if (decisionHeld(enrollment.project.term, ctx.core.clock.now()))
      return [info("Onboarding", awaitingSelection(ctx, enrollment))];
    const lines = enrollment.onboarding.map(
      (s) => `${s.confirmedAt ? "✓" : "○"} ${s.name}${s.confirmedAt ? ` (confirmed ${when(ctx, s.confirmedAt)})` : ""}`,
    );
    const text =
      enrollment.status === "onboarding"
        ? "Your enrollment becomes active when an administrator has confirmed every step."
        : `Your enrollment is ${enrollment.status}.`;
    return [info(`Onboarding for ${enrollment.project.name}`, { text, sections: [{ lines }] })];
  },
});
