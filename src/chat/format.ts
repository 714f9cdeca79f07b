// The one place that turns facts into the text a person reads: every date and
// instant goes through here with the reader's zone (the program's zone for a
// shared post), so nobody reads a deadline in UTC or in someone else's day.
import { DateTime } from "luxon";
import type { Words } from "../core/sentence.js";
import { COMMAND_NAME, findCommand } from "./command-tree.js";

/** "Mon 1 Mar 2027, 17:00 (Europe/Berlin)": an instant (a deadline, a decision) as the reader sees it. */
export function formatInstant(instant: Date, zone: string): string {
  return `${DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy, HH:mm")} (${zone})`;
}

/** "2027-03-01": the calendar day of an instant in the reader's zone (form defaults, letters, CSV). */
export function formatDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-LL-dd");
}

/** "2027-03-01T17:00:00.000+01:00": an exact instant for a file a program reads back (a CSV), in its zone. */
export function formatTimestamp(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO() ?? instant.toISOString();
}

/** "1500.00 USD". */
export const formatMoney = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

/** "1 week", "3 weeks": a count with its noun (nouns here take an s). */
export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** A person's words as a sentence: a full stop added unless they ended it themselves. */
export const sentence = (words: string) => (/[.!?…]$/.test(words.trim()) ? words.trim() : `${words.trim()}.`);

/** A stored status as words: "pending_approval" → "pending approval". */
export const formatStatus = (status: string) => status.replace(/_/g, " ");

const SITES: Record<string, string> = {
  "github.com": "GitHub",
  "gitlab.com": "GitLab",
  "linkedin.com": "LinkedIn",
  "codeberg.org": "Codeberg",
  "bitbucket.org": "Bitbucket",
  "stackoverflow.com": "Stack Overflow",
};

/** "GitHub: ada" for https://github.com/ada: what a link is, in a few words, to show as the link's text. */
export function linkLabel(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed) return url;
  const host = parsed.hostname.replace(/^www\./, "");
  const site = SITES[host] ?? host;
  const path = parsed.pathname.replace(/^\/+|\/+$/g, "");
  return path ? `${site}: ${path.length > 40 ? `${path.slice(0, 39)}…` : path}` : site;
}

/** A person as their platform writes a mention, the form commands read people from. */
export const formatMention = (platform: string, externalId: string) =>
  platform === "console" ? `@${externalId}` : `<@${externalId}>`;

/**
 * The core's words for one reader: instants and days in their zone (a term's days in its program's), commands
 * as the tree spells them.
 */
export function formatWords(words: Words, zone: string): string {
  if (typeof words === "string") return words;
  return words.parts
    .map((part) => {
      if (typeof part === "string") return part;
      if ("instant" in part) return formatInstant(part.instant, zone);
      if ("day" in part) return formatDate(part.day, part.zone ?? zone);
      return commandHint(part.command, ...(part.args ?? []));
    })
    .join("");
}

/**
 * "`/mentorship applications mia`": a command to type, checked against the command tree so that no
 * message can name a command that does not exist (an unknown path is our bug and throws).
 */
export function commandHint(path: string, ...args: string[]): string {
  const spec = findCommand(path);
  if (!spec) throw new Error(`A message names the command "${path}", which the command tree does not have`);
  const required = spec.args.filter((a) => a.required).length;
  if (args.length < required) throw new Error(`A message names "${path}" without its ${required} required arguments`);
  // In backquotes: every platform shows it as code, and a reader (or a test) sees where it ends.
  return `\`${[`/${COMMAND_NAME}`, ...spec.path, ...args].join(" ")}\``;
}
