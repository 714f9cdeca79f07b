import {
  accept,
  applicationsToReview,
  decline,
  isReadyForReview,
  programsDecidedBy,
  reviewTask,
  type ReviewedApplication,
} from "../../core/applications.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import { formatStatus } from "../format.js";
import { buildForm, defineForm, field, text } from "../forms.js";
import type { Button, Section } from "../views.js";
import { info, success, when } from "./common.js";

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
    const administered = await programsDecidedBy(ctx.core, ctx.actor);
    const ready = applications.filter(isReadyForReview).length;
    return [
      info(`Applications (${applications.length}, ${ready} ready for review)`, {
        sections: applications.map((a) => reviewSection(ctx, a, administered.has(a.project.term.programId))),
      }),
    ];
  },
});

// ---------------------------------------------------------------- the buttons under each application

defineAction({
  id: "task.complete",
  run: async (ctx, taskId) => {
    const { prerequisite, application } = await reviewTask(ctx.core, ctx.actor, taskId, { complete: true });
    return [
      success(
        `"${prerequisite.name}" of ${application.mentee.displayName} is verified as completed ` +
          `by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
      ),
    ];
  },
});

const sendBackForm = defineForm({
  id: "task-send-back",
  title: "Send a task back",
  submitLabel: "Send back",
  fields: { comment: field("What should the mentee change?", "textarea", text("Comment", 1000), { maxLength: 1000 }) },
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
        `${application.mentee.displayName} is accepted into ${application.project.name} ` +
          `— by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}. ` +
          `They are told by direct message; their onboarding starts now.`,
      ),
    ];
  },
});

const declineForm = defineForm({
  id: "application-decline",
  title: "Decline an application",
  submitLabel: "Decline",
  fields: { reason: field("Reason (the mentee reads it)", "textarea", text("Reason", 1000), { maxLength: 1000 }) },
  submit: async (ctx, values, applicationId) => {
    const application = await decline(ctx.core, ctx.actor, applicationId, values.reason);
    return [
      success(
        `${application.mentee.displayName}'s application to ${application.project.name} is declined ` +
          `— by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
      ),
    ];
  },
});

defineAction({
  id: "application.decline",
  run: async (ctx, applicationId) => [await buildForm(ctx, declineForm.id, applicationId)],
});
