import { GRADUATION_NOTE_MAX, writeGraduationNote } from "../../../core/enrollments.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["mentor", "graduation-note"],
  summary:
    `After the final evaluation passed, a few words (at most ${GRADUATION_NOTE_MAX} characters) ` +
    "the mentee's letter quotes.",
  audience: "mentor",
  args: [
    { name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" },
    { name: "note", description: "the note, as the letter should quote it", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const enrollment = await writeGraduationNote(ctx.core, ctx.actor, args.mentee, args.note);
    return [
      success(
        `Your graduation note for ${enrollment.mentee.displayName} is saved; ` +
          "their Letter of Completion quotes it. Run the command again to change it.",
      ),
    ];
  },
});
