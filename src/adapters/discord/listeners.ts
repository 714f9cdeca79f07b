// Discord interactions read into chat requests. A slash command's subcommand group and subcommand are the
// command's path and its options its named arguments (a picked user becomes a mention, the form commands
// read people from); a button's custom id carries its action and value; a modal step's text inputs are
// its answers by field id.
import { ApplicationCommandOptionType, type CommandInteractionOption, type Interaction } from "discord.js";
import { actionRequest, type ActionRequest, type CommandRequest, type IdentityRef } from "../../chat/requests.js";

export function discordIdentity(interaction: Interaction): IdentityRef {
  return {
    platform: "discord",
    externalId: interaction.user.id,
    displayName: interaction.user.globalName ?? interaction.user.username,
  };
}

/**
 * Two replicas holding the gateway both receive every interaction: the chat layer records each one's id
 * (or, for a step of a form, the adapter does), and only the first copy is answered.
 */
export const requestKeyOf = (interaction: Interaction) => `discord:${interaction.id}`;

/** A slash command or an autocomplete request: both carry the options Discord sent, nested as the command is. */
type WithOptions = { options: { readonly data: readonly CommandInteractionOption[] } };

const NESTING = new Set([ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup]);

/** The command a slash command names: its path and its options by name, as Discord sent them. */
export function commandRequestOf(interaction: WithOptions): CommandRequest {
  const path: string[] = [];
  const args: Record<string, string | undefined> = {};
  let level: readonly CommandInteractionOption[] = interaction.options.data;
  for (;;) {
    const nested = level.find((o) => NESTING.has(o.type));
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  for (const option of level) args[String(option.name)] = optionValue(option);
  return { kind: "command", path, args };
}

function optionValue(option: CommandInteractionOption): string | undefined {
  if (option.value === undefined || option.value === null) return undefined;
  if (option.type === ApplicationCommandOptionType.User) return `<@${String(option.value)}>`;
  if (option.type === ApplicationCommandOptionType.Channel) return `<#${String(option.value)}>`;
  return String(option.value);
}

/** The command path of an autocomplete request (the same structure as the command's). */
export function commandPathOf(interaction: WithOptions): string[] {
  return commandRequestOf(interaction).path;
}

/** A button this bot made: `b|action|value` is a press, `f|draft` continues a form in steps. */
export type ButtonPress = { kind: "action"; request: ActionRequest } | { kind: "continue"; draft: string };

export function buttonPressOf(customId: string): ButtonPress | undefined {
  const [kind, first, ...rest] = customId.split("|");
  if (kind === "f" && first) return { kind: "continue", draft: first };
  if (kind === "b" && first) return { kind: "action", request: actionRequest(first, rest.join("|")) };
  return undefined;
}

/** The draft a modal step belongs to (`m|draft`). */
export const modalDraftOf = (customId: string): string | undefined => /^m\|(.+)$/.exec(customId)?.[1];
