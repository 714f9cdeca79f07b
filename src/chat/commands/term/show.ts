import { defineCommand } from "../../command-tree.js";
import { termView } from "../common.js";

defineCommand({
  path: ["term", "show"],
  summary: "Show a term's timeline and checkpoints.",
  audience: "everyone",
  args: [{ name: "term", description: "program/term, e.g. lfx/2027-spring", required: true, choices: "term" }],
  run: async (ctx, args) => [await termView(ctx, args.term)],
});
