import { setEligibility } from "../../../core/programs.js";
import { describeEligibility, ELIGIBILITY_SETTINGS, eligibilityChange } from "../../../core/rules/eligibility.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

const settings = Object.entries(ELIGIBILITY_SETTINGS)
  .map(([name, values]) => `${name} (${values})`)
  .join(", ");

defineCommand({
  path: ["program", "eligibility"],
  summary: "Set who may apply: returning-mentees, one-mentorship-at-a-time, applications-per-term.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "setting", description: settings, required: true },
    { name: "value", description: "the setting's new value", required: true },
  ],
  run: async (ctx, args) => {
    const program = await setEligibility(
      ctx.core,
      ctx.actor,
      args.program,
      eligibilityChange(args.setting, args.value),
    );
    return [
      success(
        `Eligibility in ${program.name}: ${describeEligibility(program)}. ` +
          "It applies to applications and acceptances from now on.",
      ),
    ];
  },
});
