import { setApplicationsState } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { success, when } from "../common.js";
import { commandHint as hint } from "../../format.js";

defineCommand({
  path: ["term", "open"],
  summary: "Open applications to a term.",
  audience: "administrator",
  args: [{ name: "term", description: "program/term", required: true, choices: "term" }],
  run: async (ctx, args) => {
    const term = await setApplicationsState(ctx.core, ctx.actor, args.term, "open");
    const ref = `${term.program.slug}/${term.name}`;
    // Opening early is the administrator's choice; it is said, so a mistyped term is noticed.
    const early =
      ctx.core.clock.now() < term.applicationsOpenAt
        ? `, before the published date (${when(ctx, term.applicationsOpenAt)})`
        : "";
    return [success(`Applications to ${ref} are open${early}. Mentees find projects with ${hint("projects")}.`)];
  },
});
