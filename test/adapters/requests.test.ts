// Command requests, without a database: a typed line (Slack's command, the console) and Discord's
// structured options become the same request, and the chat layer checks its arguments with the same
// sentences whichever platform sent it.
import { ApplicationCommandOptionType } from "discord.js";
import { describe, expect, it } from "vitest";
import { commandRequestOf } from "../../src/adapters/discord/listeners.js";
import { commandFromLine, parseCommand, resolveCommand } from "../../src/chat/command-tree.js";
import "../../src/chat/commands/index.js";

const end = (options: { type: ApplicationCommandOptionType; name: string; value: string }[]) => ({
  options: {
    data: [
      {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: "admin",
        options: [{ type: ApplicationCommandOptionType.Subcommand, name: "end", options }],
      },
    ],
  },
});

describe("command requests", () => {
  it("a typed line: the longest command path, then its arguments in order, the last taking the rest", () => {
    expect(commandFromLine("ADMIN end <@U1> non-performance no longer reachable")).toEqual({
      kind: "command",
      path: ["admin", "end"],
      args: { mentee: "<@U1>", why: "non-performance", reason: "no longer reachable" },
    });
    expect(commandFromLine("")).toEqual({ kind: "command", path: ["help"], args: {} });
    expect(commandFromLine("admin extend <@U1> 2 3")).toMatchObject({ extra: ["3"] });
  });

  it("quotes group the words of an argument, but free text at the end keeps its quotes and spaces as typed", () => {
    const reasonOf = (line: string) => commandFromLine(line).args.reason;
    expect(reasonOf('admin end mia mentee-request She said "thanks"')).toBe('She said "thanks"');
    expect(reasonOf('admin end mia mentee-request "Moving" abroad,  "for good"')).toBe('"Moving" abroad,  "for good"');
    expect(reasonOf('admin end mia mentee-request "Moving abroad"')).toBe("Moving abroad");
    expect(reasonOf('admin end mia mentee-request ""')).toBeUndefined();
    expect(commandFromLine('admin end "@mia" mentee-request 5" screen')).toMatchObject({
      args: { mentee: "@mia", why: "mentee-request", reason: '5" screen' },
    });
  });

  it("Discord's subcommand group, subcommand and named options: the same request, a user as a mention", () => {
    const request = commandRequestOf(
      end([
        { type: ApplicationCommandOptionType.User, name: "mentee", value: "812345678901234567" },
        { type: ApplicationCommandOptionType.String, name: "why", value: "non-performance" },
        { type: ApplicationCommandOptionType.String, name: "reason", value: "no longer reachable" },
      ]),
    );
    expect(request).toEqual({
      kind: "command",
      path: ["admin", "end"],
      args: { mentee: "<@812345678901234567>", why: "non-performance", reason: "no longer reachable" },
    });
    expect(resolveCommand(request)).toMatchObject({ ok: true, args: request.args });
  });

  it("the same sentences for a missing argument, too many words or an unknown command", () => {
    const missing = resolveCommand(commandRequestOf(end([])));
    expect(missing).toEqual(parseCommand("admin end"));
    expect(missing).toMatchObject({ ok: false, problem: expect.stringMatching(/^Missing mentee \(/) });

    const tooMany = parseCommand("admin extend <@U1> 2 3");
    expect(tooMany).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Too many words after "admin extend"/),
    });
    const unknownOption = commandRequestOf(
      end([
        { type: ApplicationCommandOptionType.User, name: "mentee", value: "1" },
        { type: ApplicationCommandOptionType.String, name: "why", value: "mentee-request" },
        { type: ApplicationCommandOptionType.String, name: "reason", value: "why" },
        { type: ApplicationCommandOptionType.String, name: "nonsense", value: "x" },
      ]),
    );
    expect(resolveCommand(unknownOption)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Too many words/),
    });

    expect(resolveCommand({ kind: "command", path: ["admin", "nowhere"], args: {} })).toMatchObject({
      ok: false,
      problem: 'There is no command "admin nowhere". Type /mentorship help for the list.',
    });
  });
});
