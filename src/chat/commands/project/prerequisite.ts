import { projectRef } from "../../../core/lookup.js";
import { addPrerequisite, projectForPrerequisites } from "../../../core/projects.js";
import { parseLocal } from "../../../core/time.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, field, localDate, text, yesNo } from "../../forms.js";
import { formatDate } from "../../format.js";
import { success } from "../common.js";

const prerequisiteForm = defineForm({
  id: "project-prerequisite",
  title: "Add a prerequisite task",
  submitLabel: "Add",
  fields: {
    name: field("Task", "text", text("Task", 200), { hint: "e.g. Send a documentation patch", maxLength: 200 }),
    dueAt: field("Due (date)", "date", localDate("Due")),
    evidenceRequired: field("Evidence (a link) required?", "yesno", yesNo("Evidence required"), {
      initial: "yes",
    }),
  },
  present: async (ctx, ref) => {
    const project = await projectForPrerequisites(ctx.core, ctx.actor, ref);
    const { applicationsOpenAt, selectionAt, program } = project.term;
    const [opens, selection] = [applicationsOpenAt, selectionAt].map((at) => formatDate(at, program.timeZone));
    return {
      dueAt: {
        label: `Due (date, ${program.timeZone})`,
        // The rule the submission checks, said before it is typed.
        hint: `after ${opens}, when applications open, and by ${selection}, the selection`,
      },
    };
  },
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
  form: prerequisiteForm,
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
