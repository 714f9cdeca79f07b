import { isReadyForReview, myApplications } from "../../core/applications.js";
import { myEnrollment } from "../../core/enrollments.js";
import { projectRef } from "../../core/lookup.js";
import { upcomingCheckpoints } from "../../core/rules/checkpoints.js";
import { decisionHeld } from "../../core/rules/timeline.js";
import { defineCommand } from "../command-tree.js";
import { stipendSchedule, type ScheduledPayment } from "../../core/rules/stipend-schedule.js";
import type { ChatContext } from "../context.js";
import { formatInstant, formatMoney, formatStatus, commandHint as hint, plural, sentence } from "../format.js";
import type { Section } from "../views.js";
import { info, when } from "./common.js";

/** Where one stipend payment stands, in the mentee's words; decisions' dates in their own zone. */
function paymentState(ctx: ChatContext, p: ScheduledPayment): string {
  switch (p.state) {
    case "waiting_for_evaluation":
      return "waiting for the evaluation";
    case "pending_approval":
      return `evaluation passed, pending an administrator's approval since ${when(ctx, p.since)}`;
    case "approved":
      return `approved${p.approvedAt ? ` ${when(ctx, p.approvedAt)}` : ""}, waiting for finance to pay it`;
    case "paid":
      return `paid${p.paidAt ? ` ${when(ctx, p.paidAt)}` : ""}, reference ${p.reference}`;
    case "declined":
      return `declined: ${p.reason}`;
    case "not_due":
      return `not paid: the enrollment ended (${formatStatus(p.enrollmentStatus)})`;
  }
}

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
    const now = ctx.core.clock.now();
    /** Decided but not yet announced: the applicant reads the decision on the selection date, not before. */
    const held = (a: { status: string; project: { term: { selectionAt: Date } } }) =>
      (a.status === "accepted" || a.status === "declined") && decisionHeld(a.project.term, now);
    const sections: Section[] = applications.map((a) => ({
      heading: `${a.project.name} (${projectRef(a.project)})`,
      lines: [
        held(a)
          ? `Application: the decision is announced ${when(ctx, a.project.term.selectionAt)}.`
          : `Application: ${a.status}` +
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
    if (enrollment && !decisionHeld(enrollment.project.term, now)) {
      // An enrollment that has ended has no deadlines left.
      const ongoing = enrollment.status === "active" || enrollment.status === "onboarding";
      const next = ongoing ? upcomingCheckpoints(enrollment, ctx.core.clock.now()) : [];
      sections.push({
        heading: `Enrollment in ${enrollment.project.name}: ${enrollment.status}`,
        lines: [
          ...(enrollment.status === "onboarding"
            ? [
                `Onboarding: ${enrollment.onboarding.filter((s) => s.confirmedAt).length}` +
                  `/${enrollment.onboarding.length} steps confirmed.`,
              ]
            : []),
          ...(enrollment.planItems.length
            ? [`Plan: ${enrollment.planItems.filter((i) => i.doneAt).length}/${enrollment.planItems.length} done.`]
            : []),
          ...next.slice(0, 2).map((s) => `${s.checkpoint.name}: due ${when(ctx, s.dueAt)}`),
          ...(ongoing ? [] : [howItEnded(ctx, enrollment)]),
          ...(enrollment.status === "completed"
            ? []
            : [
                `${ongoing ? "Ends" : "Was to end"} ${when(ctx, enrollment.endAt)}` +
                  `${enrollment.extensionWeeks ? ` (extended ${plural(enrollment.extensionWeeks, "week")})` : ""}.`,
              ]),
          ...(enrollment.letter ? [letterLine(ctx, enrollment.letter)] : []),
        ],
      });
      const schedule = stipendSchedule(enrollment);
      if (schedule.length > 0) {
        const zone = enrollment.project.term.program.timeZone;
        sections.push({
          heading: "Stipend payments",
          lines: schedule.map(
            (p) =>
              `${p.checkpoint}: ${formatMoney(p.amountCents, p.currency)}, evaluation expected ` +
              `${formatInstant(p.expectedAt, zone)} — ${paymentState(ctx, p)}`,
          ),
        });
      }
    }
    if (sections.length === 0)
      return [info("Your status", { text: `Nothing yet. ${hint("projects")} lists projects open for applications.` })];
    return [info("Your status", { sections })];
  },
});

/** How, when and why an enrollment ended, as its enrollment records it (the export's end_reason, ended_at). */
function howItEnded(
  ctx: ChatContext,
  enrollment: { status: string; endedAt: Date | null; endReason: string | null },
): string {
  const on = enrollment.endedAt ? ` on ${when(ctx, enrollment.endedAt)}` : "";
  const reason = enrollment.endReason?.trim() ? `: ${sentence(enrollment.endReason)}` : ".";
  switch (enrollment.status) {
    case "completed":
      return `Completed${on}: you graduated.`;
    case "failed":
      return `Failed${on}${reason}`;
    case "terminated":
      return `Ended by an administrator${on}, for non-performance${reason}`;
    case "withdrawn":
      return `Ended by an administrator${on}, at your request${reason}`;
    default:
      return `Ended${on}${reason}`;
  }
}

function letterLine(ctx: ChatContext, letter: { code: string; revokedAt: Date | null }): string {
  return letter.revokedAt
    ? `Letter of Completion: revoked on ${when(ctx, letter.revokedAt)}`
    : `Letter of Completion: verification code ${letter.code}`;
}
