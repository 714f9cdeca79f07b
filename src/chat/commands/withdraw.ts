import { withdraw } from "../../core/applications.js";
import { defineCommand } from "../command-tree.js";
import { success } from "./common.js";

defineCommand({
  path: ["withdraw"],
  summary: "Withdraw a pending application to a project (an accepted mentee asks an administrator instead).",
  audience: "mentee",
  args: [{ name: "project", description: "the project", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const { project, perTerm } = await withdraw(ctx.core, ctx.actor, args.project);
    return [
      success(`Your application to ${project.name} is withdrawn; it no longer counts toward your ${perTerm} per term.`),
    ];
  },
});
