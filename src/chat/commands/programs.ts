import { listPrograms } from "../../core/programs.js";
import { describeEligibility } from "../../core/rules/eligibility.js";
import { defineCommand } from "../command-tree.js";
import { commandHint as hint } from "../format.js";
import { applicationsWords, info, when } from "./common.js";

defineCommand({
  path: ["programs"],
  summary: "List the programs, their terms and administrators.",
  audience: "everyone",
  args: [],
  run: async (ctx) => {
    const programs = await listPrograms(ctx.core);
    if (programs.length === 0)
      return [
        info("Programs", {
          text: ctx.actor.isOperator ? `No programs yet. Create one: ${hint("program create")}.` : "No programs yet.",
        }),
      ];
    return [
      info("Programs", {
        sections: programs.map((p) => ({
          heading: `${p.name} (${p.slug})`,
          lines: [
            `Administrators: ${p.administrators.map((a) => a.person.displayName).join(", ")}`,
            `Stipend payments approved and not paid: administrators reminded after ${p.unpaidReminderDays} days.`,
            `End-of-term surveys: ${p.anonymousSurveys ? "anonymous" : "named"} to administrators.`,
            `Eligibility: ${describeEligibility(p)}`,
            ...p.terms.map(
              (t) =>
                `Term ${p.slug}/${t.name}: ${t.kind.replace("_", "-")}, ` +
                `${when(ctx, t.startAt)} → ${when(ctx, t.endAt)}, ` +
                `applications ${applicationsWords(ctx, t)}`,
            ),
          ],
        })),
      }),
    ];
  },
});
