import { verifyLetter } from "../../core/enrollments.js";
import { defineCommand } from "../command-tree.js";
import { formatDate } from "../format.js";
import { success } from "./common.js";

defineCommand({
  path: ["verify"],
  summary: "Check a Letter of Completion by its verification code.",
  audience: "everyone",
  args: [{ name: "code", description: "the code on the letter", required: true, rest: true }],
  run: async (ctx, args) => {
    const letter = await verifyLetter(ctx.core, args.code);
    if (!letter)
      return [
        {
          type: "message",
          tone: "error",
          text: `No Letter of Completion has the code ${args.code}. Check the code as printed on the letter.`,
        },
      ];
    const e = letter.enrollment;
    const zone = e.project.term.program.timeZone;
    // A revoked letter says so, and when, in the program's zone as the letter's own dates are; whose it was and
    // why it was revoked are not for whoever holds the code.
    if (letter.revokedAt)
      return [
        {
          type: "message",
          tone: "error",
          text:
            `Not valid: the Letter of Completion ${letter.code} ` +
            `was revoked on ${formatDate(letter.revokedAt, zone)}.`,
        },
      ];
    return [
      success(
        `Valid: ${e.mentee.displayName} completed ${e.project.name} ` +
          `in ${e.project.term.program.name}, term ${e.project.term.name}; ` +
          `issued ${formatDate(letter.issuedAt, zone)}.`,
      ),
    ];
  },
});
