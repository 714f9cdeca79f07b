import { plural } from "../../format.js";
import { declineRemaining } from "../../../core/applications.js";
import { defineCommand } from "../../command-tree.js";
import { applicantTold, success } from "../common.js";

defineCommand({
  path: ["admin", "decline-remaining"],
  summary: "Decline every application of a project still pending, with one reason.",
  audience: "administrator",
  args: [
    { name: "project", description: "the project", required: true, choices: "project" },
    { name: "reason", description: "the reason mentees read", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const { project, count } = await declineRemaining(ctx.core, ctx.actor, args.project, args.reason);
    const told = applicantTold(ctx, project.term, "each mentee is");
    return [success(`${plural(count, "pending application")} to ${project.name} are declined; ${told}.`)];
  },
});
