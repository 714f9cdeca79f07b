import { setApplicationsState } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { success, when } from "../common.js";
import { commandHint as hint } from "../../format.js";

defineCommand({
  path: ["term", "close"],
  summary: "Close applications; decisions can be taken from then on.",
  audience: "administrator",
  args: [{ name: "term", description: "program/term", required: true, choices: "term" }],
  run: async (ctx, args) => {
    const term = await setApplicationsState(ctx.core, ctx.actor, args.term, "closed");
    const ref = `${term.program.slug}/${term.name}`;
    return [
      success(
        `Applications to ${ref} are closed. ` +
          `Review them with ${hint("applications")}; the selection is announced ${when(ctx, term.selectionAt)}.`,
      ),
    ];
  },
});
