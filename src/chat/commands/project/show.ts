import { applicationsStateAt } from "../../../core/rules/timeline.js";
import { projectRef } from "../../../core/lookup.js";
import { projectDetails } from "../../../core/projects.js";
import { defineCommand } from "../../command-tree.js";
import { formatMoney } from "../../format.js";
import { info, when } from "../common.js";

defineCommand({
  path: ["project", "show"],
  summary: "Show a project: description, mentors, prerequisites, stipend, plan template.",
  audience: "everyone",
  args: [{ name: "project", description: "program/term/project or short name", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const p = await projectDetails(ctx.core, ctx.actor, args.project);
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
                    `${q.position}. ${q.name} — due ${when(ctx, q.dueAt)}` +
                    `${q.evidenceRequired ? " (evidence required)" : ""}`,
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
          applicationsStateAt(p.term, ctx.core.clock.now()) === "open"
            ? [{ label: "Apply", action: "application.apply", value: projectRef(p), style: "primary" }]
            : [],
      }),
    ];
  },
});
