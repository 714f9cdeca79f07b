// Every command hint a person was shown during a scenario, run as that person: it must name a command of the
// tree with its arguments, and the command must not refuse them for who they are. (A hint may be refused
// for "not now" when the scenario has moved on: a survey already sent, a term already open.)
import { expect } from "vitest";
import { commandFromLine, parseCommand } from "../../src/chat/command-tree.js";
import type { TermDriver } from "../support/script.js";

/** Hints as the chat layer writes them: in backquotes. */
const HINT = /`\/mentorship ([^`]+)`/g;

export async function expectEveryHintWorks(s: TermDriver): Promise<number> {
  const hints = new Set<string>();
  for (const [reader, texts] of s.shownTo()) {
    for (const text of texts) for (const [, hint = ""] of text.matchAll(HINT)) hints.add(`${reader}\n${hint}`);
  }
  for (const entry of hints) {
    const [reader = "", hint = ""] = entry.split("\n");
    const parsed = parseCommand(hint);
    expect(parsed.ok, `${reader} was shown "/mentorship ${hint}": ${parsed.ok ? "" : parsed.problem}`).toBe(true);
    const views = await s.chat.handle(s.identityOf(reader), commandFromLine(hint));
    const forbidden = views.filter((v) => v.type === "message" && v.refused === "not_allowed");
    expect(forbidden, `${reader} was shown "/mentorship ${hint}", which refuses them`).toEqual([]);
  }
  return hints.size;
}
