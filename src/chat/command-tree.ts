// The one command tree. It drives the line parser (Slack's command, the console), help, the Slack
// manifest's command, the Discord command registration, and the checks of every command request.
import type { ChatContext } from "./context.js";
import type { FormSpec } from "./forms.js";
import type { CommandRequest } from "./requests.js";
import type { MessageView, View } from "./views.js";

export type Audience = "everyone" | "mentee" | "mentor" | "administrator" | "operator";

/** Where a platform could offer a pick list for an argument. */
export type ArgChoices = "program" | "term" | "project" | "mentee" | "person";

export interface ArgSpec {
  name: string;
  description: string;
  required: boolean;
  choices?: ArgChoices;
  /** A channel: Discord offers its channel picker (Slack and the console take a typed `#channel`). */
  channel?: boolean;
  /** Takes the rest of the line (a reason, a comment). */
  rest?: boolean;
}

/** The values a command's run receives: a required argument is always there, an optional one may be missing. */
export type ArgValues<A extends readonly ArgSpec[]> = {
  [S in A[number] as S["name"]]: S extends { required: true } ? string : string | undefined;
};

/**
 * What a command or a button answers with. Only one that declares the form it may open can answer with a form
 * (the types see to it): Discord opens a form only as an interaction's first response, so an answer that can
 * never be a form is deferred at once, and only the others are given time to come first (discord-adapter.ts).
 */
export type Answering<P extends unknown[]> =
  | { form?: undefined; run(...args: P): Promise<MessageView[]> }
  | { form: FormSpec; run(...args: P): Promise<View[]> };

export type CommandSpec<A extends readonly ArgSpec[] = readonly ArgSpec[]> = {
  path: readonly string[];
  summary: string;
  audience: Audience;
  args: A;
} & Answering<[ctx: ChatContext, args: ArgValues<A>]>;

const commands: CommandSpec[] = [];

/** `const` keeps each argument's name and `required` literal, so `run` gets them typed. */
export function defineCommand<const A extends readonly ArgSpec[]>(spec: CommandSpec<A>): CommandSpec<A> {
  const key = spec.path.join(" ");
  if (commands.some((c) => c.path.join(" ") === key)) throw new Error(`Command ${key} is defined twice`);
  commands.push(spec as unknown as CommandSpec);
  return spec;
}

/** The one slash command every platform registers: `/mentorship <path> <arguments>`. */
export const COMMAND_NAME = "mentorship";

/**
 * The order help lists commands in, and Slack and Discord register them in: the way a program unfolds
 * (profiles, programs and terms, projects, applications, the term itself, stipends), not the order
 * files happen to load in. A command missing here is listed last (and a unit test says so).
 */
export const LISTING_ORDER: readonly string[] = [
  "help",
  "home",
  "profile show",
  "profile mentee",
  "profile mentor",
  "link",
  "program create",
  "programs",
  "admin add",
  "program stipend-table",
  "program payment-reminder",
  "program survey-anonymity",
  "program eligibility",
  "term create",
  "terms",
  "term show",
  "term checkpoint",
  "term open",
  "term close",
  "project add",
  "project prerequisite",
  "project plan-item",
  "projects",
  "project show",
  "mentor request",
  "mentor requests",
  "apply",
  "tasks",
  "withdraw",
  "status",
  "applications",
  "admin decline-remaining",
  "onboarding",
  "admin onboarding",
  "plan",
  "mentees",
  "evaluate",
  "self-report",
  "admin extend",
  "admin end",
  "mentor graduation-note",
  "survey",
  "mentor survey",
  "admin surveys",
  "letter",
  "verify",
  "admin revoke-letter",
  "admin payments",
  "admin ledger",
  "admin export",
  "admin digest",
  "admin digest-channel",
  "admin digest-schedule",
];

const rank = (spec: CommandSpec) => {
  const at = LISTING_ORDER.indexOf(spec.path.join(" "));
  return at === -1 ? LISTING_ORDER.length : at;
};

export function allCommands(): readonly CommandSpec[] {
  return [...commands].sort((a, b) => rank(a) - rank(b));
}

/** The command at exactly this path ("admin payments"), if the tree has it. */
export function findCommand(path: string): CommandSpec | undefined {
  return commands.find((c) => c.path.join(" ") === path);
}

export function usage(spec: CommandSpec): string {
  const args = spec.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`));
  return [`/${COMMAND_NAME}`, ...spec.path, ...args].join(" ");
}

/** A word of a typed line and where it starts (at its opening quote, if quoted). */
interface Word {
  text: string;
  start: number;
}

/** Splits a command line into words; "double quotes" keep spaces together. */
function words(line: string): Word[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => ({
    text: match[1] ?? match[2] ?? "",
    start: match.index,
  }));
}

export function tokenize(line: string): string[] {
  return words(line).map((word) => word.text);
}

/**
 * A free-text last argument (a reason, a comment) is the rest of the line as typed: quotes in it are the
 * person's words (`She said "thanks"`), as are its spaces. Only a rest that is one quoted phrase and nothing
 * more loses its quotes, as the words before it would.
 */
function restOf(line: string, from: Word | undefined): string | undefined {
  if (!from) return undefined;
  const rest = line.slice(from.start).trim();
  return /^"[^"]*"$/.test(rest) ? rest.slice(1, -1) || undefined : rest || undefined;
}

export type ParsedCommand =
  | { ok: true; spec: CommandSpec; args: Record<string, string | undefined> }
  | { ok: false; problem: string; near?: CommandSpec[] };

/**
 * A typed line (Slack's slash command, the console) read as a command request: the longest command path
 * its first words name, then the command's arguments in order; the last argument may take the rest of
 * the line, as typed (see restOf). A line naming no command keeps all its words as the path, so the
 * refusal can quote them.
 */
export function commandFromLine(line: string): CommandRequest {
  const typed = line.trim();
  const spans = words(typed);
  const texts = spans.map((word) => word.text);
  if (texts.length === 0) texts.push("help");
  let best: CommandSpec | undefined;
  for (const spec of commands) {
    const matches = spec.path.every((part, i) => texts[i]?.toLowerCase() === part);
    if (matches && (!best || spec.path.length > best.path.length)) best = spec;
  }
  if (!best) return { kind: "command", path: texts, args: {} };
  const rest = texts.slice(best.path.length);
  const args: Record<string, string | undefined> = {};
  for (const [i, arg] of best.args.entries()) {
    args[arg.name] = arg.rest ? restOf(typed, spans[best.path.length + i]) : rest[i];
  }
  const extra = best.args.some((a) => a.rest) ? [] : rest.slice(best.args.length);
  return { kind: "command", path: [...best.path], args, ...(extra.length ? { extra } : {}) };
}

/** The command a request names, with its arguments checked: each required one given, none unknown. */
export function resolveCommand(request: CommandRequest): ParsedCommand {
  const path = request.path.map((part) => part.toLowerCase());
  const spec = findCommand(path.join(" "));
  if (!spec) {
    const near = commands.filter((c) => c.path[0] === path[0]);
    return {
      ok: false,
      problem: `There is no command "${request.path.join(" ")}". Type /mentorship help for the list.`,
      near,
    };
  }
  const args: Record<string, string | undefined> = {};
  for (const arg of spec.args) {
    args[arg.name] = request.args[arg.name];
    if (arg.required && !args[arg.name]) {
      return { ok: false, problem: `Missing ${arg.name} (${arg.description}). Usage: ${usage(spec)}` };
    }
  }
  const unknown = Object.keys(request.args).filter((name) => !spec.args.some((a) => a.name === name));
  if ((request.extra?.length ?? 0) > 0 || unknown.length > 0) {
    return { ok: false, problem: `Too many words after "${spec.path.join(" ")}". Usage: ${usage(spec)}` };
  }
  return { ok: true, spec, args };
}

/** A typed line, read and checked (see commandFromLine and resolveCommand). */
export function parseCommand(line: string): ParsedCommand {
  return resolveCommand(commandFromLine(line));
}
