import { projectRef } from "../../../core/lookup.js";
import { addPlanTemplateItem, projectForPlanTemplate } from "../../../core/projects.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, field, text, numberField } from "../../forms.js";
import { planItemKind, success } from "../common.js";

const planTemplateForm = defineForm({
  id: "project-plan-item",
  title: "Add to the plan template",
  submitLabel: "Add",
  fields: {
    kind: planItemKind(),
    title: field("Title", "text", text("Title", 200), {
      hint: "first tasks are small starters, e.g. Fix a typo in the docs",
      maxLength: 200,
    }),
    dueWeek: numberField("Due in week (of the term)", "Week", 1, 24),
  },
  submit: async (ctx, v, ref) => {
    await addPlanTemplateItem(ctx.core, ctx.actor, ref, v);
    return [success(`"${v.title}" is in the plan template; every mentee accepted from now on gets it.`)];
  },
});

defineCommand({
  path: ["project", "plan-item"],
  form: planTemplateForm,
  summary: "Add a milestone or starter task to a project's plan template.",
  audience: "administrator",
  args: [{ name: "project", description: "program/term/project or short name", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const project = await projectForPlanTemplate(ctx.core, ctx.actor, args.project);
    return [await buildForm(ctx, planTemplateForm.id, projectRef(project))];
  },
});
