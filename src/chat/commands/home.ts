// Each person's dashboard: what they would look up with several commands,
// by role, in one view. Slack shows it as App Home; the console as
// `/mentorship home`.
import { Refusal } from "../../core/errors.js";
import { dashboardRoles } from "../../core/people.js";
import { defineCommand, parseCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import type { MessageView, View } from "../views.js";
import { info } from "./common.js";
import { commandHint as hint } from "../format.js";

async function run(ctx: ChatContext, line: string): Promise<MessageView[]> {
  const parsed = parseCommand(line);
  if (!parsed.ok) return [];
  try {
    const views: View[] = await parsed.spec.run(ctx, parsed.args);
    return views.filter((v): v is MessageView => v.type === "message");
  } catch (error) {
    // A part the person has no role for is simply left out.
    if (error instanceof Refusal) return [];
    throw error;
  }
}

defineCommand({
  path: ["home"],
  summary: "Your dashboard: applications, deadlines, reviews and approvals waiting for you.",
  audience: "everyone",
  args: [],
  run: async (ctx) => {
    const { displayName, isMentee, mentoring, administering } = await dashboardRoles(ctx.core, ctx.actor);
    const views: MessageView[] = [
      info(`Hello, ${displayName}`, { text: `Your dashboard. ${hint("help")} lists every command.` }),
    ];
    if (isMentee) views.push(...(await run(ctx, "status")));
    else if (mentoring === 0 && administering.length === 0)
      views.push(
        info("Getting started", {
          text:
            `Mentees: ${hint("profile mentee")}, then ${hint("projects")}. ` +
            `Mentors: ${hint("profile mentor")}, then ${hint("mentor request", "<project>")}.`,
        }),
      );
    if (mentoring > 0 || administering.length > 0) {
      views.push(...(await run(ctx, "applications ready")));
      views.push(...(await run(ctx, "mentees")));
    }
    for (const program of administering)
      views.push(...(await run(ctx, `admin payments ${program.slug} pending_approval`)));
    if (administering.length > 0) {
      views.push(...(await run(ctx, "mentor requests")));
      views.push(...(await run(ctx, "admin onboarding")));
    }
    return views;
  },
});
