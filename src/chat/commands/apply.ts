import { apply, requireMenteeProfile, applicationToOpen } from "../../core/applications.js";
import { projectRef } from "../../core/lookup.js";
import { browseProjects } from "../../core/projects.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import { buildForm, choice, defineForm, field, text, urlList } from "../forms.js";
import { success } from "./common.js";
import { commandHint as hint, plural } from "../format.js";

const applyForm = defineForm({
  id: "apply",
  title: "Apply to a project",
  submitLabel: "Apply",
  fields: {
    project: field("Project", "select", text("Project", 200), {
      // A large term's projects are more than a Discord form's select holds.
      listedBy: { command: "projects", items: "open projects", button: "Apply", option: "apply project" },
    }),
    motivation: field("Why this project?", "textarea", text("Why this project", 2000), { maxLength: 2000 }),
    experience: field("Relevant experience", "textarea", text("Relevant experience", 2000), { maxLength: 2000 }),
    links: field("Links (pull requests, portfolio)", "list", urlList("link")),
    availability: field("Availability", "select", choice("full-time or part-time", ["full_time", "part_time"]), {
      options: [
        { label: "Full-time", value: "full_time" },
        { label: "Part-time", value: "part_time" },
      ],
    }),
  },
  present: async (ctx, chosen) => {
    const [ranked, profile] = await Promise.all([
      browseProjects(ctx.core, ctx.actor),
      requireMenteeProfile(ctx.core, ctx.actor),
    ]);
    const options = ranked.map(({ project }) => ({
      label: `${project.name} (${projectRef(project)})`,
      value: projectRef(project),
    }));
    const initial = chosen
      ? options.find((o) => o.value === chosen.toLowerCase() || o.value.endsWith(`/${chosen.toLowerCase()}`))?.value
      : undefined;
    return {
      project: { options, initial },
      links: { initial: profile.links.join(", ") },
      availability: { initial: profile.availability },
    };
  },
  submit: async (ctx, values) => {
    const { project, prerequisites } = await apply(ctx.core, ctx.actor, values);
    const next = prerequisites.length
      ? `Next: ${plural(prerequisites.length, "prerequisite task")} — ${hint("tasks")}.`
      : "This project has no prerequisite tasks.";
    return [success(`You applied to ${project.name}. ${next} ${hint("status")} shows where you stand.`)];
  },
});

defineCommand({
  path: ["apply"],
  form: applyForm,
  summary: "Apply to a project (up to 3 per term, unless the program allows another number).",
  audience: "mentee",
  args: [
    { name: "project", description: "the project (optional: pick in the form)", required: false, choices: "project" },
  ],
  run: async (ctx, args) => {
    if (args.project) await applicationToOpen(ctx.core, ctx.actor, args.project);
    else await requireMenteeProfile(ctx.core, ctx.actor);
    return [await buildForm(ctx, applyForm.id, args.project ?? "")];
  },
});

// The Apply button under a project (in `projects` and `project show`) opens the same form.
defineAction({
  id: "application.apply",
  form: applyForm,
  run: async (ctx, ref) => {
    await applicationToOpen(ctx.core, ctx.actor, ref);
    return [await buildForm(ctx, applyForm.id, ref)];
  },
});
