import { revokeLetter } from "../../../core/enrollments.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["admin", "revoke-letter"],
  summary: "Revoke a Letter of Completion (issued in error, say), with a reason; verifying it then says so.",
  audience: "administrator",
  args: [
    { name: "code", description: "the letter's verification code", required: true },
    {
      name: "reason",
      description: "why, in a few words (told to the mentee, not to whoever verifies)",
      required: true,
      rest: true,
    },
  ],
  run: async (ctx, args) => {
    const { letter } = await revokeLetter(ctx.core, ctx.actor, args.code, args.reason);
    return [
      success(
        `The Letter of Completion ${letter.code} is revoked; the mentee was told why. ` +
          "Verifying it now says only that it was revoked, and when.",
      ),
    ];
  },
});
