import { myApplications, submitTask, taskToSubmit } from "../../core/applications.js";
import { InvalidInput } from "../../core/errors.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import { formatStatus } from "../format.js";
import { buildForm, defineForm, field, link } from "../forms.js";
import type { Button } from "../views.js";
import { info, success, when } from "./common.js";

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
                  `Status: ${formatStatus(t.status)} — due ${when(ctx, t.prerequisite.dueAt)}` +
                    `${t.prerequisite.evidenceRequired ? " — evidence required" : ""}`,
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
  fields: {
    evidence: field("Evidence: a link to your work", "url", link("Evidence"), {
      hint: "e.g. https://github.com/org/repo/pull/123",
    }),
    evidenceFile: field("Or evidence as a file", "file", link("The file"), {
      hint: "a document or screenshot, if your work is not online",
    }),
  },
  // Evidence a prerequisite requires is a link or a file, either one: no platform's form can require one of
  // two fields, so the labels say so (within Discord's 45 characters) and the submission refuses neither.
  // The console uploads nothing, so there the link alone is needed.
  present: async (ctx, taskId) => {
    const { prerequisite } = await taskToSubmit(ctx.core, ctx.actor, taskId);
    if (!prerequisite.evidenceRequired) return {};
    if (ctx.actor.platform === "console") return { evidence: { required: true } };
    return {
      evidence: { label: "Link, or upload a file below — one is needed" },
      evidenceFile: { label: "Or upload a file instead of the link" },
    };
  },
  submit: async (ctx, values, taskId) => {
    const evidence = [values.evidence, values.evidenceFile].filter(Boolean).join(" ") || undefined;
    if (!evidence) {
      const { prerequisite } = await taskToSubmit(ctx.core, ctx.actor, taskId);
      // Both fields are asked again (Discord reopens only the fields in error), each answer kept.
      if (prerequisite.evidenceRequired && ctx.actor.platform === "console")
        throw new InvalidInput({ evidence: `"${prerequisite.name}" needs evidence: a link to your work.` });
      if (prerequisite.evidenceRequired)
        throw new InvalidInput({
          evidence: `"${prerequisite.name}" needs evidence: give a link here, or upload a file below.`,
          evidenceFile: "Or upload a file here: one of the two is needed.",
        });
    }
    const { prerequisite } = await submitTask(ctx.core, ctx.actor, taskId, evidence);
    return [success(`"${prerequisite.name}" is submitted; a mentor will verify it.`)];
  },
});

defineAction({
  id: "task.submit",
  form: taskForm,
  run: async (ctx, taskId) => [await buildForm(ctx, taskForm.id, taskId)],
});
