import { projectRef } from "../../../core/lookup.js";
import { decideMentorRequest, pendingMentorRequests } from "../../../core/projects.js";
import { defineAction } from "../../actions.js";
import { defineCommand } from "../../command-tree.js";
import { info, success, when } from "../common.js";

defineCommand({
  path: ["mentor", "requests"],
  summary: "Mentor requests waiting for your decision.",
  audience: "administrator",
  args: [],
  run: async (ctx) => {
    const requests = await pendingMentorRequests(ctx.core, ctx.actor);
    if (requests.length === 0) return [info("Mentor requests", { text: "No mentor request is waiting." })];
    return [
      info("Mentor requests", {
        sections: requests.map((r) => ({
          heading: `${r.person.displayName} → ${r.project.name} (${projectRef(r.project)})`,
          lines: [
            r.person.mentorProfile
              ? `${r.person.mentorProfile.bio} — expertise: ${r.person.mentorProfile.expertise.join(", ")}`
              : "No mentor profile.",
          ],
          buttons: [
            {
              label: "Approve",
              action: "mentor.approve",
              value: `${r.projectId}:${r.personId}`,
              style: "primary" as const,
            },
            {
              label: "Decline",
              action: "mentor.decline",
              value: `${r.projectId}:${r.personId}`,
              style: "danger" as const,
            },
          ],
        })),
      }),
    ];
  },
});

for (const approve of [true, false]) {
  defineAction({
    id: approve ? "mentor.approve" : "mentor.decline",
    run: async (ctx, value) => {
      const [projectId = "", personId = ""] = value.split(":");
      const { project, mentor } = await decideMentorRequest(ctx.core, ctx.actor, projectId, personId, approve);
      return [
        success(
          `${mentor.displayName} ${approve ? "is now a mentor of" : "will not mentor"} ${project.name} ` +
            `— decided by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
        ),
      ];
    },
  });
}
