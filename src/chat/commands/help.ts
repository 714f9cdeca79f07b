import { allCommands, usage, type Audience } from "../command-tree.js";
import { defineCommand } from "../command-tree.js";
import type { Section } from "../views.js";
import { commandHint as hint, plural } from "../format.js";
import { dashboardRoles } from "../../core/people.js";
import type { ChatContext } from "../context.js";

const audiences: [Audience, string][] = [
  ["everyone", "For everyone"],
  ["mentee", "Mentees"],
  ["mentor", "Mentors"],
  ["administrator", "Program administrators"],
  ["operator", "Bot operators"],
];

defineCommand({
  path: ["help"],
  summary: "List the commands, grouped by who uses them.",
  audience: "everyone",
  args: [],
  run: async (ctx) => {
    const sections: Section[] = audiences.map(([audience, heading]) => ({
      heading,
      lines: allCommands()
        .filter((c) => c.audience === audience)
        .map((c) => `${usage(c)} — ${c.summary}`),
    }));
    const start = await startHere(ctx);
    return [
      {
        type: "message",
        title: "Mentorship bot: commands",
        text: `${start} Buttons under a message act on what it shows; forms ask for what a command needs.`,
        sections: [
          ...sections.filter((s) => (s.lines ?? []).length > 0),
          ...(ctx.actor.platform === "console" ? [CONSOLE] : []),
        ],
      },
    ];
  },
});

/** The console's own words, which the console reads before the bot does (see adapters/console). */
const CONSOLE: Section = {
  heading: "On the console",
  lines: [
    "/as <name> — act as someone else (created on first use)",
    "/time [+2w | YYYY-MM-DD HH:MM] — in a rehearsal (npm start -- --rehearse): show or move the clock",
    "a number — press that button of the last message; /cancel — leave a form; /quit — leave",
  ],
};

/** The first step for this reader: an administrator is not told to set up a mentee profile. */
async function startHere(ctx: ChatContext): Promise<string> {
  if (ctx.actor.isOperator) return `You are an operator of this bot: start with ${hint("program create")}.`;
  const roles = await dashboardRoles(ctx.core, ctx.actor);
  const [program] = roles.administering;
  if (program) {
    return (
      `You administer ${roles.administering.map((p) => p.name).join(", ")}: ` +
      `${hint("home")} shows what waits for you, and ${hint("term create", program.slug)} starts a term.`
    );
  }
  if (roles.mentoring > 0)
    return `You mentor ${plural(roles.mentoring, "project")}: ${hint("applications")} shows their applicants.`;
  if (roles.isMentee) return `${hint("status")} shows where your applications and mentorship stand.`;
  return `New here? Set up your profile with ${hint("profile mentee")} (or mentor), then ${hint("projects")}.`;
}
