import { z } from "zod";
import { projectRef } from "../../../core/lookup.js";
import { addPrerequisite, projectForPrerequisites } from "../../../core/projects.js";
import { parseLocal } from "../../../core/time.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, localDate, text, yesNo } from "../../forms.js";
import { field, success } from "../common.js";

const prerequisiteForm = defineForm({
  id: "project-prerequisite",
  title: "Add a prerequisite task",
  submitLabel: "Add",
  fields: async (ctx, ref) => {
    const project = await projectForPrerequisites(ctx.core, ctx.actor, ref);
    return [
      field("name", "Task", "text", { hint: "e.g. Send a documentation patch", maxLength: 200 }),
      field("dueAt", `Due (date, ${project.term.program.timeZone})`, "date"),
      field("evidenceRequired", "Evidence (a link) required? (yes/no)", "text", { initial: "yes" }),
    ];
  },
  schema: z.object({ name: text("Task", 200), dueAt: localDate("Due"), evidenceRequired: yesNo("Evidence required") }),
  submit: async (ctx, v, ref) => {
    const project = await projectForPrerequisites(ctx.core, ctx.actor, ref);
    await addPrerequisite(ctx.core, ctx.actor, ref, {
      name: v.name,
      dueAt: parseLocal(v.dueAt, project.term.program.timeZone),
      evidenceRequired: v.evidenceRequired,
    });
    return [success(`Prerequisite "${v.name}" is added to ${project.name}.`)];
  },
});

defineCommand({
  path: ["project", "prerequisite"],
  summary: "Add a prerequisite task (name, due date, evidence required) to a project.",
  audience: "administrator",
  args: [
    {
      name: "project",
      description: "program/term/project or the project's short name",
      required: true,
      choices: "project",
    },
  ],
  run: async (ctx, args) => {
    const project = await projectForPrerequisites(ctx.core, ctx.actor, args.project);
    return [await buildForm(ctx, prerequisiteForm.id, projectRef(project))];
  },
});
