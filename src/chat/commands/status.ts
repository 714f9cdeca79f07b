import { isReadyForReview, myApplications } from "../../core/applications.js";
import { myEnrollment } from "../../core/enrollments.js";
import { projectRef } from "../../core/lookup.js";
import { upcomingCheckpoints } from "../../core/rules/checkpoints.js";
import { defineCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import { formatStatus, commandHint as hint } from "../format.js";
import type { Section } from "../views.js";
import { info, when } from "./common.js";

defineCommand({
  path: ["status"],
  summary: "Where you stand: applications, tasks, enrollment and next deadlines, in your time zone.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const [applications, enrollment] = await Promise.all([
      myApplications(ctx.core, ctx.actor),
      myEnrollment(ctx.core, ctx.actor),
    ]);
    const sections: Section[] = applications.map((a) => ({
      heading: `${a.project.name} (${projectRef(a.project)})`,
      lines: [
        `Application: ${a.status}` +
          `${a.status === "pending" && isReadyForReview(a) ? " — ready for review" : ""}` +
          `${a.declineReason ? ` — ${a.declineReason}` : ""}`,
        ...a.tasks.map(
          (t) => `Task "${t.prerequisite.name}": ${formatStatus(t.status)}, due ${when(ctx, t.prerequisite.dueAt)}`,
        ),
        ...(a.status === "pending"
          ? [
              `Decision after applications close (${when(ctx, a.project.term.applicationsCloseAt)}); ` +
                `selection ${when(ctx, a.project.term.selectionAt)}.`,
            ]
          : []),
      ],
    }));
    if (enrollment) {
      const next = upcomingCheckpoints(enrollment, ctx.core.clock.now());
      sections.push({
        heading: `Enrollment in ${enrollment.project.name}: ${enrollment.status}`,
        lines: [
          ...(enrollment.status === "onboarding"
            ? [
                `Onboarding: ${enrollment.onboarding.filter((s) => s.confirmedAt).length}` +
                  `/${enrollment.onboarding.length} steps confirmed.`,
              ]
            : []),
          `Plan: ${enrollment.planItems.filter((i) => i.doneAt).length}/${enrollment.planItems.length} done.`,
          ...next.slice(0, 2).map((s) => `${s.checkpoint.name}: due ${when(ctx, s.dueAt)}`),
          `Ends ${when(ctx, enrollment.endAt)}` +
            `${enrollment.extensionWeeks ? ` (extended ${enrollment.extensionWeeks} week(s))` : ""}.`,
          ...enrollment.payments.map(
            (p) =>
              `Stipend (${p.checkpoint.name}): ${(p.amountCents / 100).toFixed(2)} ${p.currency}, ` +
              `${formatStatus(p.status)}`,
          ),
          ...(enrollment.letter ? [letterLine(ctx, enrollment.letter)] : []),
        ],
      });
    }
    if (sections.length === 0)
      return [info("Your status", { text: `Nothing yet. ${hint("projects")} lists projects open for applications.` })];
    return [info("Your status", { sections })];
  },
});

function letterLine(ctx: ChatContext, letter: { code: string; revokedAt: Date | null }): string {
  return letter.revokedAt
    ? `Letter of Completion: revoked on ${when(ctx, letter.revokedAt)}`
    : `Letter of Completion: verification code ${letter.code}`;
}
