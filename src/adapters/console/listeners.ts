// A console line read as what the person means: a command (the same line parser as Slack's command), a
// button pressed by its number, switching who acts (/as), or leaving. Answers to a form's fields are not
// read here: while a form is being filled in, every line is an answer (see chat/form-filling.ts).
import { commandFromLine } from "../../chat/command-tree.js";
import type { CommandRequest, IdentityRef } from "../../chat/requests.js";

export type ConsoleInput =
  | { kind: "nothing" }
  | { kind: "quit" }
  | { kind: "as"; name: string }
  | { kind: "time"; argument: string }
  | { kind: "bad-as" }
  | { kind: "press"; button: number }
  | { kind: "command"; request: CommandRequest }
  | { kind: "unknown" };

/** A console name: letters, digits, dots or dashes. */
const NAME = /^[\w.-]{1,40}$/;

export function readLine(raw: string): ConsoleInput {
  const line = raw.trim();
  // A line starting with # is a comment (the sample scripts explain themselves with them).
  if (line === "" || line.startsWith("#")) return { kind: "nothing" };
  if (line === "/quit" || line === "/exit") return { kind: "quit" };
  if (line.startsWith("/as")) {
    const name = line.slice(3).trim();
    return NAME.test(name) ? { kind: "as", name } : { kind: "bad-as" };
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
