import { allCommands, usage, type Audience } from "../command-tree.js";
import { defineCommand } from "../command-tree.js";
import type { Section } from "../views.js";
import { commandHint as hint } from "../format.js";

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
    const start = ctx.actor.isOperator
      ? `You are an operator of this bot: start with ${hint("program create")}.`
      : `New here? Set up your profile with ${hint("profile mentee")} (or mentor), then ${hint("projects")}.`;
    return [
      {
        type: "message",
        title: "Mentorship bot: commands",
        text: `${start} Buttons under a message act on what it shows; forms ask for what a command needs.`,
        sections: sections.filter((s) => (s.lines ?? []).length > 0),
      },
    ];
  },
});
