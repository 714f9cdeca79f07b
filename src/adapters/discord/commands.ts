// The Discord application command, generated from the one command tree:
// `/mentorship` with a subcommand (or subcommand group) per command path.
import { allCommands, COMMAND_NAME, type CommandSpec } from "../../chat/command-tree.js";
import "../../chat/handlers/index.js";
import { clip } from "./components.js";

const STRING = 3;
const USER = 6;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const MAX_OPTIONS = 25;

const description = (text: string) => clip(text, 100);

const GROUPS: Record<string, string> = {
  admin: "Program administration: reviews, onboarding, payments, digest",
  mentor: "Mentoring a project",
  profile: "Your profiles",
  program: "Programs",
  project: "Projects of a term",
  term: "Terms and their timelines",
};

function subcommand(spec: CommandSpec, name: string) {
  return {
    type: SUB_COMMAND,
    name,
    description: description(spec.summary),
    options: spec.args.map((arg) => {
      // People are picked with Discord's own user picker; programs, terms and
      // projects are offered from the database as the person types.
      const person = arg.choices === "person" || arg.choices === "mentee";
      return {
        type: person ? USER : STRING,
        name: arg.name,
        description: description(arg.description),
        required: arg.required,
        ...(arg.choices && !person ? { autocomplete: true } : {}),
      };
    }),
  };
}

export function discordCommands() {
  const top = new Map<
    string,
    | ReturnType<typeof subcommand>
    | { type: number; name: string; description: string; options: ReturnType<typeof subcommand>[] }
  >();
  for (const spec of allCommands()) {
    const [first, second] = spec.path as [string, string | undefined];
    if (!second) {
      top.set(first, subcommand(spec, first));
      continue;
    }
    const group = top.get(first) as { options: ReturnType<typeof subcommand>[] } | undefined;
    if (group) group.options.push(subcommand(spec, second));
    else
      top.set(first, {
        type: SUB_COMMAND_GROUP,
        name: first,
        description: description(GROUPS[first] ?? first),
        options: [subcommand(spec, second)],
      });
  }
  if (top.size > MAX_OPTIONS)
    throw new Error(`Discord allows ${MAX_OPTIONS} subcommands per command; the tree has ${top.size} first words`);
  return [
    {
      name: COMMAND_NAME,
      description: "Run the mentorship program (try: help)",
      type: 1,
      dm_permission: true,
      options: [...top.values()],
    },
  ];
}
