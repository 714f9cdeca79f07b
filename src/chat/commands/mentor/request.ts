import { requestToMentor } from "../../../core/projects.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["mentor", "request"],
  summary: "Ask to mentor a project; an administrator approves.",
  audience: "mentor",
  args: [{ name: "project", description: "program/term/project or short name", required: true, choices: "project" }],
  run: async (ctx, args) => {
    const project = await requestToMentor(ctx.core, ctx.actor, args.project);
    return [success(`Your request to mentor ${project.name} is sent to the program's administrators.`)];
  },
});
