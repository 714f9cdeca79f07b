// The Discord application command, generated from the one command tree:
// `/mentorship` with a subcommand (or subcommand group) per command path.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { allCommands, COMMAND_NAME, type ArgSpec, type CommandSpec } from "../../chat/command-tree.js";
import "../../chat/commands/index.js";
import { clip, LIMITS } from "./limits.js";

const description = (text: string) => clip(text, LIMITS.commandDescription);

const GROUPS: Record<string, string> = {
  admin: "Program administration: reviews, onboarding, payments, digest",
  mentor: "Mentoring a project",
  profile: "Your profiles",
  program: "Programs",
  project: "Projects of a term",
  term: "Terms and their timelines",
};

/** People are picked with Discord's own user picker; programs, terms and projects are suggested as the person types. */
export const isPersonArg = (arg: ArgSpec) => arg.choices === "person" || arg.choices === "mentee";

function option(arg: ArgSpec): APIApplicationCommandBasicOption {
  const common = { name: arg.name, description: description(arg.description), required: arg.required };
  if (isPersonArg(arg)) return { type: ApplicationCommandOptionType.User, ...common };
  // Discord's picker lists the channels the person can see; the digest is posted in a server's text channel.
  if (arg.channel)
    return {
      type: ApplicationCommandOptionType.Channel,
      ...common,
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    };
  return { type: ApplicationCommandOptionType.String, ...common, ...(arg.choices ? { autocomplete: true } : {}) };
}

function subcommand(spec: CommandSpec, name: string): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: description(spec.summary),
    options: spec.args.map(option),
  };
}

export function discordCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const top = new Map<string, APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption>();
  for (const spec of allCommands()) {
    const [first, second] = spec.path as [string, string | undefined];
    if (!second) {
      top.set(first, subcommand(spec, first));
      continue;
    }
    const group = top.get(first);
    if (group?.type === ApplicationCommandOptionType.SubcommandGroup) group.options?.push(subcommand(spec, second));
    else
      top.set(first, {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: first,
        description: description(GROUPS[first] ?? first),
        options: [subcommand(spec, second)],
      });
  }
  if (top.size > LIMITS.commandOptions)
    throw new Error(
      `Discord allows ${LIMITS.commandOptions} subcommands per command; the tree has ${top.size} first words`,
    );
  return [
    {
      name: COMMAND_NAME,
      description: "Run the mentorship program (try: help)",
      type: ApplicationCommandType.ChatInput,
      // In servers and in the bot's direct messages (`contexts` replaces the deprecated `dm_permission`).
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: [...top.values()],
    },
  ];
}
