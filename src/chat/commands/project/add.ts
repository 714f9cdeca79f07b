import { z } from "zod";
import { enrollProject, termForNewProject } from "../../../core/projects.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, field, list, money, optionalMoney, text, yesNo, numberField } from "../../forms.js";
import { shortName, success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const projectForm = defineForm({
  id: "project-add",
  title: "Enroll a project",
  submitLabel: "Enroll",
  fields: {
    slug: field("Short name (used in commands)", "text", shortName("Short name"), {
      hint: "e.g. kernel-docs",
      maxLength: 40,
    }),
    name: field("Name", "text", text("Name", 100), { maxLength: 100 }),
    description: field("Description", "textarea", text("Description", 2000), { maxLength: 2000 }),
    skills: field("Skills wanted", "list", list("skill", { min: 1 }), { hint: "e.g. c, git, technical writing" }),
    slots: numberField("Mentee slots", "Slots", 1, 50, { initial: "1" }),
    mentors: field("Mentors", "people", list("mentor", { min: 1 }), { hint: "mention them, e.g. @linus" }),
    stipendBaseCents: field("Stipend base amount (whole term)", "text", money("Stipend base amount"), {
      hint: "e.g. 3000",
    }),
    currency: field(
      "Currency",
      "text",
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, "Currency must be a three-letter code such as USD or EUR."),
      { initial: "USD", maxLength: 3 },
    ),
    adjustByCountry: field("Adjust the stipend by the mentee's country?", "yesno", yesNo("Adjust by country"), {
      initial: "no",
    }),
    stipendMinCents: field("Minimum stipend after adjustment", "text", optionalMoney("Minimum stipend")),
    stipendMaxCents: field("Maximum stipend after adjustment", "text", optionalMoney("Maximum stipend")),
  },
  submit: async (ctx, v, termRef) => {
    const project = await enrollProject(ctx.core, ctx.actor, termRef, {
      slug: v.slug,
      name: v.name,
      description: v.description,
      skills: v.skills,
      slots: v.slots,
      mentors: v.mentors,
      stipendBaseCents: v.stipendBaseCents,
      currency: v.currency,
      adjustByCountry: v.adjustByCountry,
      stipendMinCents: v.stipendMinCents,
      stipendMaxCents: v.stipendMaxCents,
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
  form: projectForm,
  summary: "Enroll a project in a term: description, skills, slots, mentors, stipend.",
  audience: "administrator",
  args: [{ name: "term", description: "program/term", required: true, choices: "term" }],
  run: async (ctx, args) => {
    const term = await termForNewProject(ctx.core, ctx.actor, args.term);
    return [await buildForm(ctx, projectForm.id, `${term.program.slug}/${term.name}`)];
  },
});
