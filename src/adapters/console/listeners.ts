// A console line read as what the person means: a command (the same line parser as Slack's command), a
// button pressed by its number, switching who acts (/as), or leaving. Answers to a form's fields are not
// read here: while a form is being filled in, every line is an answer (see chat/form-filling.ts).
import { commandFromLine } from "../../chat/command-tree.js";
import { type CommandRequest, consoleName, type IdentityRef } from "../../chat/requests.js";

export type ConsoleInput =
  | { kind: "nothing" }
  | { kind: "quit" }
  | { kind: "as"; name: string }
  | { kind: "time"; argument: string }
  | { kind: "bad-as"; problem: string }
  | { kind: "press"; button: number }
  | { kind: "command"; request: CommandRequest }
  | { kind: "unknown" };

export function readLine(raw: string): ConsoleInput {
  const line = raw.trim();
  // A line starting with # is a comment (the sample scripts explain themselves with them).
  if (line === "" || line.startsWith("#")) return { kind: "nothing" };
  if (line === "/quit" || line === "/exit") return { kind: "quit" };
  if (/^\/as(\s|$)/.test(line)) {
    const typed = line.slice(3).trim();
    const name = consoleName(typed);
    return name ? { kind: "as", name } : { kind: "bad-as", problem: nameProblem(typed) };
  }
  if (/^\/time(\s|$)/.test(line)) return { kind: "time", argument: line.slice(5) };
  if (/^\d+$/.test(line)) return { kind: "press", button: Number(line) };
  const command = /^\/mentorship\b(.*)$/i.exec(line);
  if (command) return { kind: "command", request: commandFromLine(command[1] ?? "") };
  return { kind: "unknown" };
}

export function consoleIdentity(name: string): IdentityRef {
  return { platform: "console", externalId: name.toLowerCase(), displayName: name };
}

const NAME_CHARACTER = /[\p{L}\p{M}\p{N}._-]/u;
const EXAMPLE = "e.g. /as ada, /as José or /as 李小龙";
const USAGE = `Usage: /as <name> — one word of letters or digits, in any script, ${EXAMPLE}.`;

/** Why what was typed after `/as` is not a name (see consoleName), in a sentence that says what would be. */
function nameProblem(typed: string): string {
  if (typed === "") return USAGE;
  if (/\s/u.test(typed)) {
    const joined = typed.split(/\s+/u).join(".");
    return `A name is one word, without spaces: "${typed}" has some. Join the words, e.g. /as ${joined}.`;
  }
  const characters = [...typed];
  if (characters.length > 40) return `A name has at most 40 characters; "${typed}" has ${characters.length}.`;
  const refused = [...new Set(characters.filter((c) => !NAME_CHARACTER.test(c)))].map(shown);
  if (refused.length === 0) return USAGE;
  return `A name holds letters, digits, dots, dashes or underscores, not ${refused.join(", ")}; ${EXAMPLE}.`;
}

/** A character as a sentence can show it: an invisible one (a control character) by its code. */
const shown = (c: string) =>
  /\p{C}/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : `"${c}"`;
