import {
  accept,
  APPLICATION_FILTERS,
  applicationsToReview,
  decline,
  isReadyForReview,
  type ListedApplication,
  programsDecidedBy,
  reviewTask,
  taskToSendBack,
} from "../../core/applications.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import { formatStatus, linkLabel } from "../format.js";
import { buildForm, defineForm, field, text } from "../forms.js";
import type { Button, Section } from "../views.js";
import { applicantTold, info, success, when } from "./common.js";

/** The applicant's links: those of the application, then the mentee profile's (GitHub and others), once each. */
const applicantLinks = (a: ListedApplication) =>
  [...new Set([...a.links, ...(a.mentee.menteeProfile?.links ?? [])])]
    .filter((url) => /^https?:\/\//.test(url))
    .map((url) => ({ label: linkLabel(url), url }));

function reviewSection(ctx: ChatContext, a: ListedApplication, asAdministrator: boolean): Section {
  const ready = isReadyForReview(a);
  const buttons: Button[] = [];
  for (const t of a.tasks) {
    // Only a pending application's tasks are still reviewed (a declined one's count for nothing).
    if (t.status === "submitted" && a.status === "pending") {
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
  const links = applicantLinks(a);
  const done = a.tasks.filter((t) => t.status === "completed").length;
  return {
    heading: `${a.mentee.displayName} → ${a.project.name}: ${a.status}${ready ? " — ready for review" : ""}`,
    lines: [
      `Why: ${a.motivation}`,
      `Experience: ${a.experience}`,
      ...(profile
        ? [`Skills: ${profile.skills.join(", ")}; ${profile.country}; ${a.availability.replace("_", "-")}`]
        : []),
      ...(a.tasks.length ? [`Prerequisites: ${done} of ${a.tasks.length} completed`] : []),
      ...a.tasks.map(
        (t) => `Task "${t.prerequisite.name}": ${formatStatus(t.status)}${t.evidence ? ` — ${t.evidence}` : ""}`,
      ),
      ...(a.otherApplications.length
        ? [
            `Other applications this term: ${a.otherApplications
              .map((o) => `${o.project} (${o.projectRef}): ${o.status}, ${o.completedTasks}/${o.tasks} prerequisites`)
              .join("; ")}`,
          ]
        : []),
      ...(a.declineReason ? [`Declined: ${a.declineReason}`] : []),
      `Applied ${when(ctx, a.createdAt)}`,
    ],
    ...(links.length ? { links } : {}),
    buttons,
  };
}

const ORDERS = ["ready", "progress"] as const;

/**
 * The words after `applications`, each in its place whatever the order they were typed in (the console and
 * Slack read them by position; Discord names them): a filter, an order, or else the project.
 */
function readArguments(words: (string | undefined)[]) {
  const read: { project?: string; term?: string; all?: boolean; status?: string; order?: string } = {};
  for (const word of words) {
    if (!word) continue;
    const lower = word.toLowerCase();
    if (lower === "all" && !read.all) read.all = true;
    // program/term names a term; a project is its short name or program/term/project.
    else if (/^[^/]+\/[^/]+$/.test(word) && !read.term && !read.project) read.term = word;
    else if (APPLICATION_FILTERS.includes(lower) && !read.status) read.status = lower;
    else if ((ORDERS as readonly string[]).includes(lower) && !read.order) read.order = lower;
    else if (!read.project) read.project = word;
    else read.status ??= lower;
  }
  return read;
}

defineCommand({
  path: ["applications"],
  summary:
    "Applications to your projects (mentors) or programs (administrators) in the current terms " +
    "(add all for every term, or name a term or project), ready for review first; " +
    "filter by status or to complete ones, or order by prerequisite progress.",
  audience: "mentor",
  args: [
    {
      name: "project",
      description: "one project, a term (program/term) or all (optional)",
      required: false,
      choices: "project",
    },
    { name: "status", description: `one of ${APPLICATION_FILTERS.join(", ")}`, required: false },
    { name: "order", description: "ready (ready for review first, the default) or progress", required: false },
  ],
  run: async (ctx, args) => {
    const { project, term, all, status, order } = readArguments([args.project, args.status, args.order]);
    if (status && !APPLICATION_FILTERS.includes(status)) {
      return [
        info("Applications", { tone: "error", text: `Status must be one of ${APPLICATION_FILTERS.join(", ")}.` }),
      ];
    }
    const applications = await applicationsToReview(ctx.core, ctx.actor, {
      project,
      term,
      allTerms: all,
      status,
      order: order === "progress" ? "progress" : "ready",
    });
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
  // A task that can no longer be sent back is refused before the comment is typed.
  present: async (ctx, taskId) => {
    await taskToSendBack(ctx.core, ctx.actor, taskId);
    return {};
  },
  submit: async (ctx, values, taskId) => {
    const { prerequisite, application } = await reviewTask(ctx.core, ctx.actor, taskId, {
      complete: false,
      comment: values.comment,
    });
    return [success(`"${prerequisite.name}" is sent back to ${application.mentee.displayName} with your comment.`)];
  },
});

defineAction({
  id: "task.send-back",
  form: sendBackForm,
  run: async (ctx, taskId) => [await buildForm(ctx, sendBackForm.id, taskId)],
});

defineAction({
  id: "application.accept",
  run: async (ctx, applicationId) => {
    const { application } = await accept(ctx.core, ctx.actor, applicationId);
    return [
      success(
        `${application.mentee.displayName} is accepted into ${application.project.name} ` +
          `— by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}. ` +
          `${applicantTold(ctx, application.project.term)}; their onboarding starts now.`,
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
          `— by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}. ` +
          `${applicantTold(ctx, application.project.term)}.`,
      ),
    ];
  },
});

defineAction({
  id: "application.decline",
  form: declineForm,
  run: async (ctx, applicationId) => [await buildForm(ctx, declineForm.id, applicationId)],
});
