// Mentees apply and submit prerequisite tasks; mentors verify them;
// administrators decide.
import { z } from "zod";
import {
  accept,
  applicationsToReview,
  apply,
  decline,
  declineRemaining,
  isReadyForReview,
  MAX_APPLICATIONS_PER_TERM,
  myApplications,
  reviewTask,
  submitTask,
  withdraw,
  type ReviewedApplication,
} from "../../core/applications.js";
import { projectRef } from "../../core/lookup.js";
import { browseProjects } from "../../core/projects.js";
import { myEnrollment } from "../../core/enrollments.js";
import { notNow } from "../../core/errors.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import { buildForm, choice, defineForm, optionalText, text, urlList } from "../forms.js";
import type { Button, Section } from "../views.js";
import { formatStatus } from "../format.js";
import { field, info, optional, success, when } from "./common.js";

const applyForm = defineForm({
  id: "apply",
  title: "Apply to a project",
  submitLabel: "Apply",
  fields: async (ctx, chosen) => {
    const ranked = await browseProjects(ctx.core, ctx.actor);
    const profile = await ctx.core.db.prisma.menteeProfile.findUnique({ where: { personId: ctx.actor.personId } });
    const options = ranked.map(({ project }) => ({
      label: `${project.name} (${projectRef(project)})`,
      value: projectRef(project),
    }));
    const initial = chosen
      ? options.find((o) => o.value === chosen.toLowerCase() || o.value.endsWith(`/${chosen.toLowerCase()}`))?.value
      : undefined;
    return [
      field("project", "Project", "select", { options, initial }),
      field("motivation", "Why this project?", "textarea", { maxLength: 2000 }),
      field("experience", "Relevant experience", "textarea", { maxLength: 2000 }),
      optional(field("links", "Links (pull requests, portfolio)", "list", { initial: profile?.links.join(", ") })),
      field("availability", "Availability", "select", {
        options: [
          { label: "Full-time", value: "full_time" },
          { label: "Part-time", value: "part_time" },
        ],
        initial: profile?.availability,
      }),
    ];
  },
  schema: z.object({
    project: text("Project", 200),
    motivation: text("Why this project", 2000),
    experience: text("Relevant experience", 2000),
    links: urlList("link"),
    availability: choice("full-time or part-time", ["full_time", "part_time"]),
  }),
  submit: async (ctx, values) => {
    const { project, prerequisites } = await apply(ctx.core, ctx.actor, values);
    const next = prerequisites.length
      ? `Next: ${prerequisites.length} prerequisite task(s) — /mentorship tasks.`
      : "This project has no prerequisite tasks.";
    return [success(`You applied to ${project.name}. ${next} /mentorship status shows where you stand.`)];
  },
});

defineCommand({
  path: ["apply"],
  summary: `Apply to a project (at most ${MAX_APPLICATIONS_PER_TERM} per term).`,
  audience: "mentee",
  args: [
    { name: "project", description: "the project (optional: pick in the form)", required: false, choices: "project" },
  ],
  run: async (ctx, args) => {
    await requireMenteeProfile(ctx);
    return [await buildForm(ctx, applyForm.id, args.project ?? "")];
  },
});

async function requireMenteeProfile(ctx: ChatContext): Promise<void> {
  const profile = await ctx.core.db.prisma.menteeProfile.findUnique({ where: { personId: ctx.actor.personId } });
  if (!profile) throw notNow("Set up your mentee profile first: /mentorship profile mentee.");
}

defineAction({
  id: "application.apply",
  run: async (ctx, ref) => {
    await requireMenteeProfile(ctx);
    return [await buildForm(ctx, applyForm.id, ref)];
  },
});

// ---------------------------------------------------------------- a mentee's tasks and status

function taskButtons(task: { id: string; status: string }): Button[] {
  return task.status === "completed"
    ? []
    : [{ label: task.status === "submitted" ? "Submit again" : "Submit", action: "task.submit", value: task.id }];
}

defineCommand({
  path: ["tasks"],
  summary: "Your prerequisite tasks, with buttons to submit each.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const applications = (await myApplications(ctx.core, ctx.actor)).filter((a) => a.status === "pending");
    if (applications.length === 0)
      return [info("Your prerequisite tasks", { text: "You have no pending application." })];
    return [
      info("Your prerequisite tasks", {
        sections: applications.flatMap((a) =>
          a.tasks.length === 0
            ? [{ heading: a.project.name, lines: ["No prerequisites."] }]
            : a.tasks.map((t) => ({
                heading: `${a.project.name}: ${t.prerequisite.name}`,
                lines: [
                  `Status: ${formatStatus(t.status)} — due ${when(ctx, t.prerequisite.dueAt)}${t.prerequisite.evidenceRequired ? " — evidence required" : ""}`,
                  ...(t.comment ? [`Sent back: ${t.comment}`] : []),
                  ...(t.evidence ? [`Evidence: ${t.evidence}`] : []),
                ],
                buttons: taskButtons(t),
              })),
        ),
      }),
    ];
  },
});

const taskForm = defineForm({
  id: "task-submit",
  title: "Submit a prerequisite task",
  submitLabel: "Submit",
  fields: () => [
    optional(
      field("evidence", "Evidence (a link to your work)", "text", {
        hint: "e.g. https://github.com/org/repo/pull/123",
      }),
    ),
  ],
  schema: z.object({
    evidence: optionalText(500).refine(
      (v) => v === undefined || /^https?:\/\/\S+$/.test(v),
      "Evidence must be a link starting with http:// or https://.",
    ),
  }),
  submit: async (ctx, values, taskId) => {
    const { prerequisite } = await submitTask(ctx.core, ctx.actor, taskId, values.evidence);
    return [success(`"${prerequisite.name}" is submitted; a mentor will verify it.`)];
  },
});

defineAction({ id: "task.submit", run: async (ctx, taskId) => [await buildForm(ctx, taskForm.id, taskId)] });

defineCommand({
  path: ["withdraw"],
  summary: "Withdraw your application to a project (or leave the project you joined).",
  audience: "mentee",
  args: [{ name: "project", description: "the project", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const { project, wasEnrolled } = await withdraw(ctx.core, ctx.actor, args.project!);
    return [
      success(
        wasEnrolled
          ? `You left ${project.name}. No further stipend is paid.`
          : `Your application to ${project.name} is withdrawn; it no longer counts toward your ${MAX_APPLICATIONS_PER_TERM} per term.`,
      ),
    ];
  },
});

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
        `Application: ${a.status}${a.status === "pending" && isReadyForReview(a) ? " — ready for review" : ""}${a.declineReason ? ` — ${a.declineReason}` : ""}`,
        ...a.tasks.map(
          (t) => `Task "${t.prerequisite.name}": ${formatStatus(t.status)}, due ${when(ctx, t.prerequisite.dueAt)}`,
        ),
        ...(a.status === "pending"
          ? [
              `Decision after applications close (${when(ctx, a.project.term.applicationsCloseAt)}); selection ${when(ctx, a.project.term.selectionAt)}.`,
            ]
          : []),
      ],
    }));
    if (enrollment) {
      const now = ctx.core.clock.now();
      const next = enrollment.checkpoints.filter(
        (s) =>
          s.dueAt > now &&
          !enrollment.evaluations.some((e) => e.checkpointId === s.checkpointId && e.outcome === "pass"),
      );
      sections.push({
        heading: `Enrollment in ${enrollment.project.name}: ${enrollment.status}`,
        lines: [
          ...(enrollment.status === "onboarding"
            ? [
                `Onboarding: ${enrollment.onboarding.filter((s) => s.confirmedAt).length}/${enrollment.onboarding.length} steps confirmed.`,
              ]
            : []),
          `Plan: ${enrollment.planItems.filter((i) => i.doneAt).length}/${enrollment.planItems.length} done.`,
          ...next.slice(0, 2).map((s) => `${s.checkpoint.name}: due ${when(ctx, s.dueAt)}`),
          `Ends ${when(ctx, enrollment.endAt)}${enrollment.extensionWeeks ? ` (extended ${enrollment.extensionWeeks} week(s))` : ""}.`,
          ...enrollment.payments.map(
            (p) =>
              `Stipend (${p.checkpoint.name}): ${(p.amountCents / 100).toFixed(2)} ${p.currency}, ${formatStatus(p.status)}`,
          ),
          ...(enrollment.letter ? [`Letter of Completion: verification code ${enrollment.letter.code}`] : []),
        ],
      });
    }
    if (sections.length === 0)
      return [info("Your status", { text: "Nothing yet. /mentorship projects lists projects open for applications." })];
    return [info("Your status", { sections })];
  },
});

// ---------------------------------------------------------------- review

function reviewSection(ctx: ChatContext, a: ReviewedApplication, asAdministrator: boolean): Section {
  const ready = isReadyForReview(a);
  const buttons: Button[] = [];
  for (const t of a.tasks) {
    if (t.status === "submitted") {
      buttons.push({
        label: `Verify "${t.prerequisite.name}"`,
        action: "task.complete",
        value: t.id,
        style: "primary",
      });
      buttons.push({ label: `Send back "${t.prerequisite.name}"`, action: "task.send-back", value: t.id });
    }
  }
  if (asAdministrator && a.status === "pending") {
    buttons.push(
      { label: "Accept", action: "application.accept", value: a.id, style: "primary" },
      { label: "Decline", action: "application.decline", value: a.id, style: "danger" },
    );
  }
  const profile = a.mentee.menteeProfile;
  return {
    heading: `${a.mentee.displayName} → ${a.project.name}: ${a.status}${ready ? " — ready for review" : ""}`,
    lines: [
      `Why: ${a.motivation}`,
      `Experience: ${a.experience}`,
      ...(a.links.length ? [`Links: ${a.links.join(" ")}`] : []),
      ...(profile
        ? [`Skills: ${profile.skills.join(", ")}; ${profile.country}; ${a.availability.replace("_", "-")}`]
        : []),
      ...a.tasks.map(
        (t) => `Task "${t.prerequisite.name}": ${formatStatus(t.status)}${t.evidence ? ` — ${t.evidence}` : ""}`,
      ),
      ...(a.declineReason ? [`Declined: ${a.declineReason}`] : []),
      `Applied ${when(ctx, a.createdAt)}`,
    ],
    buttons,
  };
}

const STATUS_FILTERS = ["ready", "pending", "accepted", "declined", "withdrawn", "graduated"] as const;

defineCommand({
  path: ["applications"],
  summary:
    "Applications to your projects (mentors) or programs (administrators), ready for review first; filter by status.",
  audience: "mentor",
  args: [
    { name: "project", description: "one project (optional)", required: false, choices: "project" },
    { name: "status", description: `one of ${STATUS_FILTERS.join(", ")}`, required: false },
  ],
  run: async (ctx, args) => {
    let { project, status } = args;
    if (project && (STATUS_FILTERS as readonly string[]).includes(project) && !status)
      [project, status] = [undefined, project];
    if (status && !(STATUS_FILTERS as readonly string[]).includes(status)) {
      return [info("Applications", { tone: "error", text: `Status must be one of ${STATUS_FILTERS.join(", ")}.` })];
    }
    const applications = await applicationsToReview(ctx.core, ctx.actor, { project, status });
    if (applications.length === 0) return [info("Applications", { text: "No application matches." })];
    const administered = new Set(
      (await ctx.core.db.prisma.programAdministrator.findMany({ where: { personId: ctx.actor.personId } })).map(
        (a) => a.programId,
      ),
    );
    const ready = applications.filter(isReadyForReview).length;
    return [
      info(`Applications (${applications.length}, ${ready} ready for review)`, {
        sections: applications.map((a) => reviewSection(ctx, a, administered.has(a.project.term.programId))),
      }),
    ];
  },
});

defineAction({
  id: "task.complete",
  run: async (ctx, taskId) => {
    const { prerequisite, application } = await reviewTask(ctx.core, ctx.actor, taskId, { complete: true });
    return [
      success(
        `"${prerequisite.name}" of ${application.mentee.displayName} is verified as completed by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
      ),
    ];
  },
});

const sendBackForm = defineForm({
  id: "task-send-back",
  title: "Send a task back",
  submitLabel: "Send back",
  fields: () => [field("comment", "What should the mentee change?", "textarea", { maxLength: 1000 })],
  schema: z.object({ comment: text("Comment", 1000) }),
  submit: async (ctx, values, taskId) => {
    const { prerequisite, application } = await reviewTask(ctx.core, ctx.actor, taskId, {
      complete: false,
      comment: values.comment,
    });
    return [success(`"${prerequisite.name}" is sent back to ${application.mentee.displayName} with your comment.`)];
  },
});

defineAction({ id: "task.send-back", run: async (ctx, taskId) => [await buildForm(ctx, sendBackForm.id, taskId)] });

defineAction({
  id: "application.accept",
  run: async (ctx, applicationId) => {
    const { application } = await accept(ctx.core, ctx.actor, applicationId);
    return [
      success(
        `${application.mentee.displayName} is accepted into ${application.project.name} — by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}. They are told by direct message; their onboarding starts now.`,
      ),
    ];
  },
});

const declineForm = defineForm({
  id: "application-decline",
  title: "Decline an application",
  submitLabel: "Decline",
  fields: () => [field("reason", "Reason (the mentee reads it)", "textarea", { maxLength: 1000 })],
  schema: z.object({ reason: text("Reason", 1000) }),
  submit: async (ctx, values, applicationId) => {
    const application = await decline(ctx.core, ctx.actor, applicationId, values.reason);
    return [
      success(
        `${application.mentee.displayName}'s application to ${application.project.name} is declined — by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
      ),
    ];
  },
});

defineAction({
  id: "application.decline",
  run: async (ctx, applicationId) => [await buildForm(ctx, declineForm.id, applicationId)],
});

defineCommand({
  path: ["admin", "decline-remaining"],
  summary: "Decline every application of a project still pending, with one reason.",
  audience: "administrator",
  args: [
    { name: "project", description: "the project", required: true, choices: "project" },
    { name: "reason", description: "the reason mentees read", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const { project, count } = await declineRemaining(ctx.core, ctx.actor, args.project!, args.reason!);
    return [success(`${count} pending application(s) to ${project.name} are declined; each mentee is told.`)];
  },
});
