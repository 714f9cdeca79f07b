// After acceptance: onboarding, the plan, evaluations and self-reports,
// extensions and terminations, the survey and the Letter of Completion.
import { z } from "zod";
import {
  addPlanItem,
  confirmOnboardingStep,
  enrollmentOf,
  extend,
  markPlanItemDone,
  menteesOf,
  myEnrollment,
  myLetter,
  onboardingQueue,
  submitSurvey,
  terminate,
  verifyLetter,
  type EnrollmentView,
} from "../../core/enrollments.js";
import { evaluationTarget, openCheckpoints, submitEvaluation, submitSelfReport } from "../../core/evaluations.js";
import { notNow } from "../../core/errors.js";
import { parseLocal } from "../../core/time.js";
import { formatDate } from "../format.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import { letterPdf } from "../letter-pdf.js";
import { buildForm, choice, defineForm, integer, localDate, optionalInteger, text, yesNo } from "../forms.js";
import type { MessageView } from "../views.js";
import { field, info, optional, success, when } from "./common.js";

// ---------------------------------------------------------------- onboarding

defineCommand({
  path: ["onboarding"],
  summary: "Your onboarding checklist (an administrator confirms each step).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    if (!enrollment) return [info("Onboarding", { text: "You are not enrolled in a project yet." })];
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
        `"${step.name}" is confirmed for ${enrollment.mentee.displayName} by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.${activated ? " Every step is done: the enrollment is active." : ""}`,
      ),
    ];
  },
});

// ---------------------------------------------------------------- plan

function planView(ctx: ChatContext, e: EnrollmentView, mine: boolean): MessageView {
  const canEdit = e.status === "active";
  return info(`${mine ? "Your plan" : `Plan of ${e.mentee.displayName}`} — ${e.project.name}`, {
    text: `${e.planItems.filter((i) => i.doneAt).length}/${e.planItems.length} done. Enrollment: ${e.status}.${canEdit ? "" : " The plan is editable once the enrollment is active."}`,
    sections: e.planItems.map((i) => ({
      heading: `${i.doneAt ? "✓" : "○"} ${i.kind === "milestone" ? "Milestone" : "Task"}: ${i.title}`,
      lines: [`Due ${when(ctx, i.dueAt)}${i.doneAt ? `, done ${when(ctx, i.doneAt)}` : ""}`],
      buttons: !i.doneAt && canEdit ? [{ label: "Mark done", action: "plan.done", value: i.id }] : [],
    })),
    buttons: canEdit ? [{ label: "Add an item", action: "plan.add", value: e.id }] : [],
  });
}

defineCommand({
  path: ["plan"],
  summary: "Your plan (mentee), or a mentee's plan (their mentor): milestones and tasks, mark done, add.",
  audience: "mentee",
  args: [
    { name: "mentee", description: "whose plan (mentors and administrators)", required: false, choices: "mentee" },
  ],
  run: async (ctx, args) => {
    if (args.mentee)
      return [
        planView(ctx, await enrollmentOf(ctx.core.db.prisma, ctx.actor, args.mentee, "see this mentee's plan"), false),
      ];
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    if (!enrollment) return [info("Your plan", { text: "You are not enrolled in a project yet." })];
    return [planView(ctx, enrollment, true)];
  },
});

defineAction({
  id: "plan.done",
  run: async (ctx, itemId) => {
    const { item, letter } = await markPlanItemDone(ctx.core, ctx.actor, itemId);
    return [
      success(
        `"${item.title}" is done.${letter ? ` Everything is complete: the Letter of Completion is issued (code ${letter.code}).` : ""}`,
      ),
    ];
  },
});

const planItemForm = defineForm({
  id: "plan-add",
  title: "Add to the plan",
  submitLabel: "Add",
  fields: () => [
    field("kind", "Kind", "select", {
      options: [
        { label: "Milestone", value: "milestone" },
        { label: "Task", value: "task" },
      ],
    }),
    field("title", "Title", "text", { maxLength: 200 }),
    field("dueAt", "Due (date, your time zone)", "date"),
  ],
  schema: z.object({
    kind: choice("milestone or task", ["milestone", "task"]),
    title: text("Title", 200),
    dueAt: localDate("Due"),
  }),
  submit: async (ctx, v, enrollmentId) => {
    await addPlanItem(ctx.core, ctx.actor, enrollmentId, {
      kind: v.kind,
      title: v.title,
      dueAt: parseLocal(v.dueAt, ctx.actor.timeZone),
    });
    return [success(`"${v.title}" is added to the plan.`)];
  },
});

defineAction({
  id: "plan.add",
  run: async (ctx, enrollmentId) => [await buildForm(ctx, planItemForm.id, enrollmentId)],
});

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
          const open = openCheckpoints(e, now).filter(
            (s) => !e.evaluations.some((v) => v.checkpointId === s.checkpointId && v.outcome !== "extend"),
          );
          return {
            heading: `${e.mentee.displayName} — ${e.project.name}: ${e.status}`,
            lines: [
              `Plan ${e.planItems.filter((i) => i.doneAt).length}/${e.planItems.length} done; checkpoints passed ${passed}/${e.checkpoints.length}; ends ${when(ctx, e.endAt)}.`,
              ...open.map((s) => `Evaluation open: ${s.checkpoint.name}, due ${when(ctx, s.dueAt)}.`),
            ],
          };
        }),
      }),
    ];
  },
});

// ---------------------------------------------------------------- evaluations

const ratings = (label: string) => integer(label, 1, 5);

const evaluationForm = defineForm({
  id: "evaluation",
  title: "Checkpoint evaluation",
  submitLabel: "Submit",
  fields: async (ctx, mention) => {
    const enrollment = await evaluationTarget(ctx.core, ctx.actor, mention);
    const open = openCheckpoints(enrollment, ctx.core.clock.now());
    const current =
      open.find(
        (s) => !enrollment.evaluations.some((e) => e.checkpointId === s.checkpointId && e.outcome === "pass"),
      ) ?? open[0];
    const previous = enrollment.evaluations.find((e) => e.checkpointId === current?.checkpointId);
    const rating = (id: string, label: string, initial?: number) =>
      field(id, `${label} (1–5)`, "number", { initial: initial ? String(initial) : undefined });
    return [
      field("checkpoint", "Checkpoint", "select", {
        options: open.map((s) => ({
          label: `${s.checkpoint.name} (due ${formatDate(s.dueAt, ctx.actor.timeZone)})`,
          value: String(s.checkpoint.number),
        })),
        initial: current ? String(current.checkpoint.number) : undefined,
      }),
      rating("ratingTasks", "Completion of tasks and milestones", previous?.ratingTasks),
      rating("ratingEngagement", "Engagement with you and the community", previous?.ratingEngagement),
      rating("ratingProgress", "Steady progress against the plan", previous?.ratingProgress),
      field("lastContactOn", "Last contact with the mentee", "date", {
        initial: previous ? formatDate(previous.lastContactOn, ctx.actor.timeZone) : undefined,
      }),
      field("report", "Report", "textarea", { maxLength: 3000, initial: previous?.report }),
      field("outcome", "Outcome", "select", {
        options: [
          { label: "Pass and continue", value: "pass" },
          { label: "Extend by N weeks", value: "extend" },
          { label: "Fail (ends the enrollment)", value: "fail" },
        ],
        initial: previous?.outcome,
      }),
      optional(
        field("extendWeeks", "Extend by how many weeks (1–5, only for Extend)", "number", {
          initial: previous?.extendWeeks ? String(previous.extendWeeks) : undefined,
        }),
      ),
    ];
  },
  schema: z
    .object({
      checkpoint: integer("Checkpoint", 1, 4),
      ratingTasks: ratings("Completion of tasks"),
      ratingEngagement: ratings("Engagement"),
      ratingProgress: ratings("Progress"),
      lastContactOn: localDate("Last contact"),
      report: text("Report", 3000),
      outcome: choice("the outcome", ["pass", "extend", "fail"]),
      extendWeeks: optionalInteger("Weeks", 1, 5),
    })
    .refine((v) => v.outcome !== "extend" || v.extendWeeks !== undefined, {
      path: ["extendWeeks"],
      message: "Give the weeks of the extension (1 to 5).",
    }),
  submit: async (ctx, v, mention) => {
    const result = await submitEvaluation(ctx.core, ctx.actor, mention, {
      ...v,
      lastContactOn: parseLocal(v.lastContactOn, ctx.actor.timeZone),
    });
    const name = result.mentee.displayName;
    const outcome =
      v.outcome === "pass"
        ? "passed"
        : v.outcome === "extend"
          ? `extended by ${v.extendWeeks} week(s)`
          : "failed: the enrollment has ended";
    const editable = `You can edit it until ${when(ctx, result.schedule.graceEndsAt)}.`;
    return [
      success(
        `${result.edited ? "Updated" : "Saved"}: ${result.schedule.checkpoint.name} of ${name} ${outcome}. ${v.outcome === "fail" ? "" : editable}${result.letter ? ` ${name} has completed the program; the Letter of Completion is issued.` : ""}`,
      ),
    ];
  },
});

defineCommand({
  path: ["evaluate"],
  summary: "Submit or edit a mentee's checkpoint evaluation (their project's mentors only).",
  audience: "mentor",
  args: [{ name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" }],
  run: async (ctx, args) => {
    const enrollment = await evaluationTarget(ctx.core, ctx.actor, args.mentee!);
    if (openCheckpoints(enrollment, ctx.core.clock.now()).length === 0) {
      const next = enrollment.checkpoints.find((s) => s.opensAt > ctx.core.clock.now());
      throw notNow(
        `No evaluation of ${enrollment.mentee.displayName} is open now.${next ? ` ${next.checkpoint.name} opens ${when(ctx, next.opensAt)}.` : ""}`,
      );
    }
    return [await buildForm(ctx, evaluationForm.id, args.mentee!)];
  },
});

const selfReportForm = defineForm({
  id: "self-report",
  title: "Self-report",
  submitLabel: "Send",
  fields: async (ctx) => {
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    const open = enrollment
      ? openCheckpoints(enrollment, ctx.core.clock.now()).filter(
          (s) => !enrollment.selfReports.some((r) => r.checkpointId === s.checkpointId),
        )
      : [];
    return [
      field("checkpoint", "Checkpoint", "select", {
        options: open.map((s) => ({ label: s.checkpoint.name, value: String(s.checkpoint.number) })),
        initial: open[0] ? String(open[0].checkpoint.number) : undefined,
      }),
      field("hours", "Hours worked per week, on average", "number"),
      field("support", "Support you received from your mentor and the community", "textarea", { maxLength: 2000 }),
      field("progress", "Your progress since the last checkpoint", "textarea", { maxLength: 2000 }),
    ];
  },
  schema: z.object({
    checkpoint: integer("Checkpoint", 1, 4),
    hours: integer("Hours", 0, 80),
    support: text("Support", 2000),
    progress: text("Progress", 2000),
  }),
  submit: async (ctx, v) => {
    const { schedule } = await submitSelfReport(ctx.core, ctx.actor, v);
    return [success(`Your self-report for ${schedule.checkpoint.name} is sent. Thank you!`)];
  },
});

defineCommand({
  path: ["self-report"],
  summary: "Send your self-report for the open checkpoint (hours, support, progress).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    if (!enrollment || enrollment.status !== "active")
      throw notNow("Self-reports are for mentees with an active enrollment.");
    if (openCheckpoints(enrollment, ctx.core.clock.now()).length === 0)
      throw notNow("No checkpoint is open now; /mentorship status shows the next one.");
    return [await buildForm(ctx, selfReportForm.id)];
  },
});

// ---------------------------------------------------------------- extensions, terminations

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
    const enrollment = await extend(ctx.core, ctx.actor, args.mentee!, weeks);
    return [
      success(
        `${enrollment.mentee.displayName}'s enrollment is extended by ${weeks} week(s); it now ends ${when(ctx, enrollment.endAt)}.`,
      ),
    ];
  },
});

defineCommand({
  path: ["admin", "terminate"],
  summary: "End a mentee's enrollment early, with a reason (no further stipend).",
  audience: "administrator",
  args: [
    { name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" },
    { name: "reason", description: "why", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const enrollment = await terminate(ctx.core, ctx.actor, args.mentee!, args.reason!);
    return [success(`${enrollment.mentee.displayName}'s enrollment in ${enrollment.project.name} is terminated.`)];
  },
});

// ---------------------------------------------------------------- survey, letter

const surveyForm = defineForm({
  id: "survey",
  title: "Feedback survey",
  submitLabel: "Send",
  fields: () => [
    field("overall", "How was the program overall? (1–5)", "number"),
    field("mentorSupport", "How well did your mentor support you? (1–5)", "number"),
    field("wouldRecommend", "Would you recommend it to a friend? (yes/no)", "text"),
    optional(field("comments", "Anything else?", "textarea", { maxLength: 3000 })),
  ],
  schema: z.object({
    overall: integer("Overall", 1, 5),
    mentorSupport: integer("Mentor support", 1, 5),
    wouldRecommend: yesNo("Recommend"),
    comments: z.string().trim().max(3000).default(""),
  }),
  submit: async (ctx, v) => {
    const { letter } = await submitSurvey(ctx.core, ctx.actor, v);
    return [
      success(
        `Thank you for your feedback.${letter ? ` You have completed the program: your Letter of Completion is ready (/mentorship letter).` : " Your letter is issued once your final evaluation passed and your plan is done."}`,
      ),
    ];
  },
});

defineCommand({
  path: ["survey"],
  summary: "Send the feedback survey (needed for completion).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    if (!enrollment || enrollment.status !== "active")
      throw notNow("The feedback survey is for mentees with an active enrollment.");
    if (enrollment.survey) throw notNow("You submitted the feedback survey already. Thank you!");
    return [await buildForm(ctx, surveyForm.id)];
  },
});

defineCommand({
  path: ["letter"],
  summary: "Your Letter of Completion (a PDF) and its verification code.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const letter = await myLetter(ctx.core, ctx.actor);
    const e = letter.enrollment;
    const zone = e.project.term.program.timeZone;
    const content = {
      menteeName: e.mentee.displayName,
      projectName: e.project.name,
      programName: e.project.term.program.name,
      termName: e.project.term.name,
      kind: e.project.term.kind === "full_time" ? ("full-time" as const) : ("part-time" as const),
      startedOn: formatDate(e.project.term.startAt, zone),
      completedOn: formatDate(letter.issuedAt, zone),
      code: letter.code,
    };
    return [
      info("Letter of Completion", {
        text: `This certifies that ${content.menteeName} completed the ${content.kind} mentorship term ${content.termName} of ${content.programName} on the project ${content.projectName}, ${content.startedOn} to ${content.completedOn}.`,
        sections: [
          {
            fields: [
              ["Verification code", letter.code],
              ["Check it", `/mentorship verify ${letter.code}`],
            ],
          },
        ],
        files: [
          {
            name: `letter-of-completion-${letter.code}.pdf`,
            mimeType: "application/pdf",
            content: await letterPdf(content),
          },
        ],
      }),
    ];
  },
});

defineCommand({
  path: ["verify"],
  summary: "Check a Letter of Completion by its verification code.",
  audience: "everyone",
  args: [{ name: "code", description: "the code on the letter", required: true }],
  run: async (ctx, args) => {
    const letter = await verifyLetter(ctx.core, args.code!);
    if (!letter)
      return [
        {
          type: "message",
          tone: "error",
          text: `No Letter of Completion has the code ${args.code}. Check the code as printed on the letter.`,
        },
      ];
    const e = letter.enrollment;
    return [
      success(
        `Valid: ${e.mentee.displayName} completed ${e.project.name} in ${e.project.term.program.name}, term ${e.project.term.name}; issued ${formatDate(letter.issuedAt, e.project.term.program.timeZone)}.`,
      ),
    ];
  },
});
