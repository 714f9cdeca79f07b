import { MAX_APPLICATIONS_PER_TERM, withdraw } from "../../core/applications.js";
import { defineCommand } from "../command-tree.js";
import { success } from "./common.js";

defineCommand({
  path: ["withdraw"],
  summary: "Withdraw your application to a project (or leave the project you joined).",
  audience: "mentee",
  args: [{ name: "project", description: "the project", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const { project, wasEnrolled } = await withdraw(ctx.core, ctx.actor, args.project);
    return [
      success(
        wasEnrolled
          ? `You left ${project.name}. No further stipend is paid.`
          : `Your application to ${project.name} is withdrawn; ` +
              `it no longer counts toward your ${MAX_APPLICATIONS_PER_TERM} per term.`,
      ),
    ];
  },
});
