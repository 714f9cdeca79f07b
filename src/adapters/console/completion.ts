// Tab completion for the console: command words from the one command tree, then the names the person may
// use for an argument (the same suggestions Discord's autocomplete offers, so only what they may see).
import { allCommands, COMMAND_NAME, tokenize, type ArgChoices } from "../../chat/command-tree.js";

/** What completes an argument's value: the chat layer's suggestions for this kind of name. */
export type SuggestNames = (choices: ArgChoices, typed: string) => Promise<string[]>;

const CONSOLE_WORDS = ["/as ", "/quit", `/${COMMAND_NAME} `];

/** Completions for the line typed so far, and the part of it they replace (readline's completer answer). */
export async function complete(
  line: string,
  suggest: SuggestNames,
  knownNames: readonly string[],
): Promise<[string[], string]> {
  if (!line.includes(" ")) return [CONSOLE_WORDS.filter((w) => w.startsWith(line)), line];
  if (line.startsWith("/as ")) {
    const typed = line.slice(4);
    return [knownNames.filter((n) => n.startsWith(typed)), typed];
  }
  const command = new RegExp(`^/${COMMAND_NAME}\\s+`, "i").exec(line);
  if (!command) return [[], line];
  const rest = line.slice(command[0].length);
  const words = tokenize(rest);
  // The word being typed: empty after a space.
  const current = rest === "" || /\s$/.test(rest) ? "" : (words.pop() ?? "");
  const commands = allCommands();
  // Still in the command's path: offer the next path words of commands that start with the words so far.
  const below = commands.filter((c) => words.every((w, i) => c.path[i] === w) && c.path.length > words.length);
  const nextWords = [...new Set(below.map((c) => c.path[words.length]!))].filter((w) => w.startsWith(current));
  if (nextWords.length) return [nextWords.map((w) => `${w} `), current];
  // Past the path: the argument at this position, if it names something the chat layer can suggest.
  const spec = commands.find((c) => c.path.length <= words.length && c.path.every((w, i) => words[i] === w));
  const arg = spec?.args[words.length - spec.path.length];
  if (!arg?.choices) return [[], current];
  const names = await suggest(arg.choices, current);
  return [names.filter((n) => n.startsWith(current)).map((n) => `${n} `), current];
}
