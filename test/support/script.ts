// A person at the console, scripted: commands, forms answered field by field,
// buttons pressed by their label, the way the scriptable console is used.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Chat } from "../../src/chat/chat.js";
import type { IdentityRef } from "../../src/chat/requests.js";
import type { ConsoleSession, JsonLine } from "./console.js";

/**
 * One person after another talking to the bot, scripted: the same whole-term
 * scenario drives the console (Script) and Slack (SlackScript). Answers are
 * given in the order a form asks its fields; "" keeps a field's default.
 */
export interface TermDriver {
  as(name: string): Promise<void>;
  /** A command (and the answers to the form it opens) that must succeed; returns what was shown. */
  ok(...lines: string[]): Promise<string>;
  /** …that must be refused; returns the sentence (or the field errors). */
  refused(...lines: string[]): Promise<string>;
  pressOk(label: string, heading?: string, ...answers: string[]): Promise<string>;
  pressRefused(label: string, heading?: string): Promise<string>;
  /** Direct messages the bot sent this person so far. */
  directMessagesTo(name: string): string[];
  /**
   * Delivers what has fallen due since the clock moved (messages held until a date, such as decisions until
   * the selection is announced), as the scheduler's next tick would, without its sweeps.
   */
  deliverDue(): Promise<void>;
  /** The newest document the bot attached (a letter, a ledger). */
  lastFile(): Buffer;
  /** How many views the bot showed, for the benchmark's report. */
  readonly viewsSeen: number;
  /** Everything the bot showed each person so far, answers and direct messages, by name. */
  shownTo(): Map<string, string[]>;
  /** Who a person of the script is on this platform, as the chat layer knows them. */
  identityOf(name: string): IdentityRef;
  /** The bot's chat layer, to ask it directly (see test/scenarios/hints.ts). */
  readonly chat: Chat;
}

/** Answers recorded by the person who read them; direct messages are read from the platform when asked. */
class ShownLog {
  private readonly answers = new Map<string, string[]>();
  reader = "operator";

  record(text: string): void {
    this.answers.set(this.reader, [...(this.answers.get(this.reader) ?? []), text]);
  }

  with(directMessagesTo: (name: string) => string[]): Map<string, string[]> {
    const all = new Map<string, string[]>();
    for (const [name, texts] of this.answers) all.set(name, [...texts, ...directMessagesTo(name)]);
    return all;
  }
}

interface NumberedButton {
  label: string;
  heading: string;
}

export class Script implements TermDriver {
  /** Every line the bot printed, for assertions over the whole run. */
  readonly transcript: JsonLine[] = [];
  private buttons: NumberedButton[] = [];
  private readonly shown = new ShownLog();

  constructor(private readonly session: ConsoleSession) {}

  get chat(): Chat {
    return this.session.bot.chat;
  }

  identityOf(name: string): IdentityRef {
    return { platform: "console", externalId: name, displayName: name };
  }

  shownTo(): Map<string, string[]> {
    return this.shown.with((name) => this.directMessagesTo(name));
  }

  async as(name: string): Promise<void> {
    await this.send(`/as ${name}`);
    this.shown.reader = name;
  }

  /** Sends lines; a command and then each answer of the form it opens. */
  async send(...lines: string[]): Promise<JsonLine[]> {
    const printed = await this.session.send(...lines);
    this.transcript.push(...printed);
    const views = printed.filter((l) => l.type === "message" || l.type === "direct_message");
    const answers = printed.filter((l) => l.type === "message");
    for (const answer of answers) this.shown.record(JSON.stringify(answer));
    if (answers.length > 0 || lines.some((l) => l.startsWith("/as"))) this.buttons = [];
    for (const view of views) {
      const sections = (view.sections as { heading?: string; buttons?: { label: string }[] }[] | undefined) ?? [];
      for (const section of sections)
        for (const b of section.buttons ?? []) this.buttons.push({ label: b.label, heading: section.heading ?? "" });
      for (const b of (view.buttons as { label: string }[] | undefined) ?? [])
        this.buttons.push({ label: b.label, heading: String(view.title ?? "") });
    }
    return printed;
  }

  /** Runs a command expected to answer with success, returns what was printed. */
  async ok(...lines: string[]): Promise<string> {
    return this.succeeded(lines[0] ?? "", await this.send(...lines));
  }

  async pressOk(label: string, heading = "", ...answers: string[]): Promise<string> {
    return this.succeeded(label, await this.press(label, heading, ...answers));
  }

  private succeeded(what: string, printed: JsonLine[]): string {
    const lines = [what];
    const answer = printed.filter((l) => l.type === "message" || l.type === "errors").at(-1);
    expect(answer, `${lines[0]} → ${JSON.stringify(printed)}`).toMatchObject({ type: "message" });
    expect(answer?.tone, `${lines[0]} → ${JSON.stringify(answer)}`).not.toBe("error");
    expect(printed.at(-1)?.type, `${lines[0]} left a form open → ${JSON.stringify(printed)}`).not.toBe("prompt");
    return JSON.stringify(printed);
  }

  /** Runs a command expected to be refused; returns the sentence. */
  async refused(...lines: string[]): Promise<string> {
    const printed = await this.send(...lines);
    const refusal = printed.find((l) => (l.type === "message" && l.tone === "error") || l.type === "errors");
    expect(refusal, `${lines[0]} should be refused → ${JSON.stringify(printed)}`).toBeDefined();
    if (printed.at(-1)?.type === "prompt") await this.session.send("/cancel");
    return refusal!.type === "errors"
      ? Object.values(refusal!.errors as Record<string, string>).join(" ")
      : String(refusal!.text);
  }

  /** Presses the first button whose label (and section heading, if given) contains the words. */
  async press(label: string, heading = "", ...answers: string[]): Promise<JsonLine[]> {
    const index = this.buttons.findIndex((b) => b.label.includes(label) && b.heading.includes(heading));
    expect(index, `no button "${label}" under "${heading}" in ${JSON.stringify(this.buttons)}`).toBeGreaterThanOrEqual(
      0,
    );
    return this.send(String(index + 1), ...answers);
  }

  async pressRefused(label: string, heading = ""): Promise<string> {
    const printed = await this.press(label, heading);
    const refusal = printed.find((l) => l.type === "message" && l.tone === "error");
    expect(refusal, `${label} should be refused → ${JSON.stringify(printed)}`).toBeDefined();
    return String(refusal!.text);
  }

  async deliverDue(): Promise<void> {
    const bot = this.session.bot;
    for (const adapter of bot.adapters) await bot.chat.deliverNow(adapter.sender);
    // What the console printed on the way joins the transcript.
    await this.send();
  }

  lastFile(): Buffer {
    const files = this.transcript.flatMap((l) => (l.files as string[] | undefined) ?? []);
    expect(files.length, "no file was attached").toBeGreaterThan(0);
    return readFileSync(files.at(-1)!);
  }

  get viewsSeen(): number {
    return this.transcript.length;
  }

  directMessagesTo(name: string): string[] {
    return this.transcript.filter((l) => l.type === "direct_message" && l.to === name).map((l) => String(l.text));
  }
}

/** What a chat platform showed after a command or a press. */
export interface Shown {
  text: string;
  error: boolean;
}

/**
 * The part of a TermDriver that is the same on every chat platform: a
 * command or a press is sent, its form (if any) answered, and what the person
 * then sees must succeed or be refused.
 */
export abstract class ChatScript {
  protected abstract command(text: string, answers: string[]): Promise<Shown>;
  protected abstract press(label: string, heading: string, answers: string[]): Promise<Shown>;
  abstract directMessagesTo(name: string): string[];
  protected readonly shown = new ShownLog();

  shownTo(): Map<string, string[]> {
    return this.shown.with((name) => this.directMessagesTo(name));
  }

  async ok(...lines: string[]): Promise<string> {
    return this.expectShown(
      lines[0]!,
      await this.command(lines[0]!.replace(/^\/mentorship\s*/, ""), lines.slice(1)),
      false,
    );
  }

  async refused(...lines: string[]): Promise<string> {
    return this.expectShown(
      lines[0]!,
      await this.command(lines[0]!.replace(/^\/mentorship\s*/, ""), lines.slice(1)),
      true,
    );
  }

  async pressOk(label: string, heading = "", ...answers: string[]): Promise<string> {
    return this.expectShown(label, await this.press(label, heading, answers), false);
  }

  async pressRefused(label: string, heading = ""): Promise<string> {
    return this.expectShown(label, await this.press(label, heading, []), true);
  }

  private expectShown(what: string, shown: Shown, refused: boolean): string {
    this.shown.record(shown.text);
    expect(shown.error, `${what} ${refused ? "should be refused" : ""} → ${shown.text}`).toBe(refused);
    return shown.text;
  }
}
