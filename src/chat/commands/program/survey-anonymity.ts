import { setSurveyAnonymity } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { info, success } from "../common.js";

const CHOICES = ["anonymous", "named"] as const;

defineCommand({
  path: ["program", "survey-anonymity"],
  summary: "Whether administrators read the end-of-term survey answers anonymous (default) or named.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "choice", description: "anonymous or named", required: true },
  ],
  run: async (ctx, args) => {
    const choice = args.choice.trim().toLowerCase();
    if (!(CHOICES as readonly string[]).includes(choice))
      return [info("Survey anonymity", { tone: "error", text: `Choose ${CHOICES.join(" or ")}.` })];
    const program = await setSurveyAnonymity(ctx.core, ctx.actor, args.program, choice === "anonymous");
    return [
      success(
        program.anonymousSurveys
          ? `The survey answers of ${program.name} are anonymous to its administrators: no names, no projects.`
          : `Administrators of ${program.name} read the survey answers with who gave them.`,
      ),
    ];
  },
});
