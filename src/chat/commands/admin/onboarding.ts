import { confirmOnboardingStep, onboardingQueue } from "../../../core/enrollments.js";
import { defineAction } from "../../actions.js";
import { defineCommand } from "../../command-tree.js";
import { info, success, when } from "../common.js";

defineCommand({
  path: ["admin", "onboarding"],
  summary: "Onboarding steps waiting for your confirmation.",
  audience: "administrator",
  args: [],
  run: async (ctx) => {
    const queue = await onboardingQueue(ctx.core, ctx.actor);
    if (queue.length === 0) return [info("Onboarding", { text: "Every accepted mentee is onboarded." })];
    return [
      info("Onboarding to confirm", {
        sections: queue.map((e) => ({
          heading: `${e.mentee.displayName} — ${e.project.name}`,
          lines: e.onboarding.map((s) => `${s.confirmedAt ? "✓" : "○"} ${s.name}`),
          buttons: e.onboarding
            .filter((s) => !s.confirmedAt)
            .map((s) => ({
              label: `Confirm "${s.name}"`,
              action: "onboarding.confirm",
              value: s.id,
              style: "primary" as const,
            })),
        })),
      }),
    ];
  },
});

defineAction({
  id: "onboarding.confirm",
  run: async (ctx, stepId) => {
    const { step, enrollment, activated } = await confirmOnboardingStep(ctx.core, ctx.actor, stepId);
    return [
      success(
        `"${step.name}" is confirmed for ${enrollment.mentee.displayName} ` +
          `by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.` +
          `${activated ? " Every step is done: the enrollment is active." : ""}`,
      ),
    ];
  },
});
