import { z } from "zod";
import { enrollProject, termForNewProject } from "../../../core/projects.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, integer, list, money, optionalMoney, text, yesNo } from "../../forms.js";
import { field, optional, shortName, success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const projectForm = defineForm({
  id: "project-add",
  title: "Enroll a project",
  submitLabel: "Enroll",
  fields: () => [
    field("slug", "Short name (used in commands)", "text", { hint: "e.g. kernel-docs", maxLength: 40 }),
    field("name", "Name", "text", { maxLength: 100 }),
    field("description", "Description", "textarea", { maxLength: 2000 }),
    field("skills", "Skills wanted", "list", { hint: "e.g. c, git, technical writing" }),
    field("slots", "Mentee slots", "number", { initial: "1" }),
    field("mentors", "Mentors", "people", { hint: "mention them, e.g. @linus" }),
    field("stipendBase", "Stipend base amount (whole term)", "text", { hint: "e.g. 3000" }),
    field("currency", "Currency", "text", { initial: "USD", maxLength: 3 }),
    field("adjustByCountry", "Adjust the stipend by the mentee's country? (yes/no)", "text", { initial: "no" }),
    optional(field("stipendMin", "Minimum stipend after adjustment", "text")),
    optional(field("stipendMax", "Maximum stipend after adjustment", "text")),
  ],
  schema: z.object({
    slug: shortName("Short name"),
    name: text("Name", 100),
    description: text("Description", 2000),
    skills: list("skill", { min: 1 }),
    slots: integer("Slots", 1, 50),
    mentors: list("mentor", { min: 1 }),
    stipendBase: money("Stipend base amount"),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Currency must be a three-letter code such as USD or EUR."),
    adjustByCountry: yesNo("Adjust by country"),
    stipendMin: optionalMoney("Minimum stipend"),
    stipendMax: optionalMoney("Maximum stipend"),
  }),
  submit: async (ctx, v, termRef) => {
    const project = await enrollProject(ctx.core, ctx.actor, termRef, {
      slug: v.slug,
      name: v.name,
      description: v.description,
      skills: v.skills,
      slots: v.slots,
      mentors: v.mentors,
      stipendBaseCents: v.stipendBase,
      currency: v.currency,
      adjustByCountry: v.adjustByCountry,
      stipendMinCents: v.stipendMin,
      stipendMaxCents: v.stipendMax,
    });
    const ref = `${project.term.program.slug}/${project.term.name}/${project.slug}`;
    return [
      success(
        `${project.name} is enrolled as ${ref}. Add prerequisites with ${hint("project prerequisite", ref)} ` +
          `and plan items with ${hint("project plan-item", ref)}.`,
      ),
    ];
  },
});

defineCommand({
  path: ["project", "add"],
  summary: "Enroll a project in a term: description, skills, slots, mentors, stipend.",
  audience: "administrator",
  args: [{ name: "term", description: "program/term", required: true, choices: "term" }],
  run: async (ctx, args) => {
    const term = await termForNewProject(ctx.core, ctx.actor, args.term);
    return [await buildForm(ctx, projectForm.id, `${term.program.slug}/${term.name}`)];
  },
});
