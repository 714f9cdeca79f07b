import { setUnpaidReminderDays } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["program", "payment-reminder"],
  summary: "After how many days administrators are reminded of an approved stipend payment not paid (default 14).",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "days", description: "whole days, 1 to 90", required: true },
  ],
  run: async (ctx, args) => {
    const program = await setUnpaidReminderDays(ctx.core, ctx.actor, args.program, args.days);
    const days = program.unpaidReminderDays;
    return [
      success(
        `Administrators of ${program.name} are reminded of a stipend payment approved and not marked paid ` +
          `${days} day${days === 1 ? "" : "s"} after its approval, and every ${days} day${days === 1 ? "" : "s"} ` +
          "after that until it is paid; the digest lists such payments.",
      ),
    ];
  },
});
