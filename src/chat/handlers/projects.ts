// Administrators enroll projects; mentors ask to mentor them; mentees browse.
import { z } from "zod";
import { findProject, findTerm, projectRef } from "../../core/lookup.js";
import {
  addPlanTemplateItem,
  addPrerequisite,
  browseProjects,
  decideMentorRequest,
  enrollProject,
  pendingMentorRequests,
  projectDetails,
  requestToMentor,
} from "../../core/projects.js";
import { requireAdministrator, requireMentorOrAdministrator } from "../../core/policy.js";
import { formatMoney } from "../format.js";
import { parseLocal } from "../../core/time.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import {
  buildForm,
  choice,
  defineForm,
  integer,
  list,
  money,
  optionalMoney,
  text,
  yesNo,
  localDate,
} from "../forms.js";
import { field, info, optional, success, when } from "./common.js";

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
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "Short name: 2 to 40 lowercase letters, digits or dashes."),
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
        `${project.name} is enrolled as ${ref}. Add prerequisites with /mentorship project prerequisite ${ref} and plan items with /mentorship project plan-item ${ref}.`,
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
    const term = await findTerm(ctx.core.db.prisma, args.term!);
    await requireAdministrator(ctx.core.db.prisma, ctx.actor, term.program, "enroll projects");
    return [await buildForm(ctx, projectForm.id, `${term.program.slug}/${term.name}`)];
  },
});

const prerequisiteForm = defineForm({
  id: "project-prerequisite",
  title: "Add a prerequisite task",
  submitLabel: "Add",
  fields: async (ctx, ref) => {
    const project = await findProject(ctx.core.db.prisma, ref);
    return [
      field("name", "Task", "text", { hint: "e.g. Send a documentation patch", maxLength: 200 }),
      field("dueAt", `Due (date, ${project.term.program.timeZone})`, "date"),
      field("evidenceRequired", "Evidence (a link) required? (yes/no)", "text", { initial: "yes" }),
    ];
  },
  schema: z.object({ name: text("Task", 200), dueAt: localDate("Due"), evidenceRequired: yesNo("Evidence required") }),
  submit: async (ctx, v, ref) => {
    const project = await findProject(ctx.core.db.prisma, ref);
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
    const project = await findProject(ctx.core.db.prisma, args.project!);
    await requireAdministrator(ctx.core.db.prisma, ctx.actor, project.term.program, "change a project's prerequisites");
    return [await buildForm(ctx, prerequisiteForm.id, projectRef(project))];
  },
});

const planTemplateForm = defineForm({
  id: "project-plan-item",
  title: "Add to the plan template",
  submitLabel: "Add",
  fields: () => [
    field("kind", "Kind", "select", {
      options: [
        { label: "Milestone", value: "milestone" },
        { label: "Task", value: "task" },
      ],
    }),
    field("title", "Title", "text", {
      hint: "first tasks are small starters, e.g. Fix a typo in the docs",
      maxLength: 200,
    }),
    field("dueWeek", "Due in week (of the term)", "number"),
  ],
  schema: z.object({
    kind: choice("milestone or task", ["milestone", "task"]),
    title: text("Title", 200),
    dueWeek: integer("Week", 1, 24),
  }),
  submit: async (ctx, v, ref) => {
    await addPlanTemplateItem(ctx.core, ctx.actor, ref, v);
    return [success(`"${v.title}" is in the plan template; every mentee accepted from now on gets it.`)];
  },
});

defineCommand({
  path: ["project", "plan-item"],
  summary: "Add a milestone or starter task to a project's plan template.",
  audience: "administrator",
  args: [{ name: "project", description: "program/term/project or short name", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const project = await findProject(ctx.core.db.prisma, args.project!);
    await requireMentorOrAdministrator(ctx.core.db.prisma, ctx.actor, project, "change the plan template");
    return [await buildForm(ctx, planTemplateForm.id, projectRef(project))];
  },
});

defineCommand({
  path: ["projects"],
  summary: "Browse projects open for applications, best match for your skills first.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const ranked = await browseProjects(ctx.core, ctx.actor);
    if (ranked.length === 0) return [info("Open projects", { text: "No term is taking applications right now." })];
    return [
      info("Open projects", {
        text: "Best match for your skills first. /mentorship project show <name> shows one; /mentorship apply applies.",
        sections: ranked.map(({ project, matched }) => ({
          heading: `${project.name} (${projectRef(project)})`,
          lines: [
            project.description.slice(0, 200),
            `Skills: ${project.skills.join(", ")}${matched.length ? ` — you match ${matched.length}: ${matched.join(", ")}` : ""}`,
            `Slots: ${project.slots}. Prerequisites: ${project.prerequisites.length}. Applications close ${when(ctx, project.term.applicationsCloseAt)}.`,
          ],
          buttons: [
            { label: "Apply", action: "application.apply", value: projectRef(project), style: "primary" as const },
          ],
        })),
      }),
    ];
  },
});

defineCommand({
  path: ["project", "show"],
  summary: "Show a project: description, mentors, prerequisites, stipend, plan template.",
  audience: "everyone",
  args: [{ name: "project", description: "program/term/project or short name", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const p = await projectDetails(ctx.core, ctx.actor, args.project!);
    return [
      info(`${p.name} (${projectRef(p)})`, {
        text: p.description,
        sections: [
          {
            fields: [
              ["Skills", p.skills.join(", ")],
              ["Slots", String(p.slots)],
              ["Mentors", p.mentors.map((m) => m.person.displayName).join(", ") || "—"],
              [
                "Stipend",
                `${formatMoney(p.stipendBaseCents, p.currency)}${p.adjustByCountry ? ", adjusted by country" : ""}`,
              ],
            ] as [string, string][],
          },
          {
            heading: "Prerequisites",
            lines: p.prerequisites.length
              ? p.prerequisites.map(
                  (q) =>
                    `${q.position}. ${q.name} — due ${when(ctx, q.dueAt)}${q.evidenceRequired ? " (evidence required)" : ""}`,
                )
              : ["None."],
          },
          {
            heading: "Plan template",
            lines: p.planTemplate.length
              ? p.planTemplate.map((i) => `Week ${i.dueWeek}: ${i.kind} — ${i.title}`)
              : ["None yet."],
          },
        ],
        buttons:
          p.term.applicationsState === "open"
            ? [{ label: "Apply", action: "application.apply", value: projectRef(p), style: "primary" }]
            : [],
      }),
    ];
  },
});

defineCommand({
  path: ["mentor", "request"],
  summary: "Ask to mentor a project; an administrator approves.",
  audience: "mentor",
  args: [{ name: "project", description: "program/term/project or short name", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const project = await requestToMentor(ctx.core, ctx.actor, args.project!);
    return [success(`Your request to mentor ${project.name} is sent to the program's administrators.`)];
  },
});

defineCommand({
  path: ["mentor", "requests"],
  summary: "Mentor requests waiting for your decision.",
  audience: "administrator",
  args: [],
  run: async (ctx) => {
    const requests = await pendingMentorRequests(ctx.core, ctx.actor);
    if (requests.length === 0) return [info("Mentor requests", { text: "No mentor request is waiting." })];
    return [
      info("Mentor requests", {
        sections: requests.map((r) => ({
          heading: `${r.person.displayName} → ${r.project.name} (${projectRef(r.project)})`,
          lines: [
            r.person.mentorProfile
              ? `${r.person.mentorProfile.bio} — expertise: ${r.person.mentorProfile.expertise.join(", ")}`
              : "No mentor profile.",
          ],
          buttons: [
            {
              label: "Approve",
              action: "mentor.approve",
              value: `${r.projectId}:${r.personId}`,
              style: "primary" as const,
            },
            {
              label: "Decline",
              action: "mentor.decline",
              value: `${r.projectId}:${r.personId}`,
              style: "danger" as const,
            },
          ],
        })),
      }),
    ];
  },
});

for (const approve of [true, false]) {
  defineAction({
    id: approve ? "mentor.approve" : "mentor.decline",
    run: async (ctx, value) => {
      const [projectId = "", personId = ""] = value.split(":");
      const { project, mentor } = await decideMentorRequest(ctx.core, ctx.actor, projectId, personId, approve);
      return [
        success(
          `${mentor.displayName} ${approve ? "is now a mentor of" : "will not mentor"} ${project.name} — decided by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
        ),
      ];
    },
  });
}
