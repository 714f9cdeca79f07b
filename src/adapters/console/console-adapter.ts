// The terminal adapter: the same conversations as Slack and Discord, typed.
// `/as <name>` picks who is acting; forms are asked field by field; buttons
// are chosen by number. With --json every view is one JSON line on stdout.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { clearLine, createInterface, cursorTo, type Interface } from "node:readline";
import type { Chat } from "../../chat/chat.js";
import { FormFilling } from "../../chat/form-filling.js";
import { actionRequest, type IdentityRef } from "../../chat/requests.js";
import type { Attachment, Button, FormView, MessageView, View } from "../../chat/views.js";
import type { Sender } from "../../scheduler/dispatcher.js";
import type { ChatAdapter } from "../adapter.js";
import { complete } from "./completion.js";
import { consoleIdentity, readLine } from "./listeners.js";
import { readTimeRequest, rehearsalTime } from "./rehearsal-time.js";
import { formatInstant } from "../../chat/format.js";
import { ANSWER_PROMPT, fieldPrompt, renderMessage } from "./render.js";
import { consoleSender } from "./sender.js";

export { consoleIdentity } from "./listeners.js";

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  json: boolean;
  /** Who acts before the first /as (the operator, so a program can be made). */
  initialName: string;
  /** Where attachments (letters, ledgers) are written. */
  filesDir: string;
  /** In a terminal: where the logs go instead (said once at start), and their warnings and errors in one line. */
  logs?: { file: string; problems: { listen(show: (line: string) => void): void } };
  /** A rehearsal: the bot's clock is simulated, and `/time` moves it, running the scheduler on the way. */
  rehearsal?: Rehearsal;
}

export interface Rehearsal {
  now(): Date;
  /** Sets the clock, running nothing (before anything has happened). */
  setTo(to: Date): void;
  /** Moves the clock to `to`, ticking the scheduler on the way so reminders and digests come as they would. */
  advanceTo(to: Date): Promise<void>;
}

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = "console";
  private identity: IdentityRef;
  /**
   * Each person's buttons, numbered as last printed for them: a direct message's buttons are its reader's,
   * so they wait for `/as` to that person. A line's answers and messages number on from one another; the
   * next line's buttons for the same person replace them. An answer without buttons keeps the earlier ones.
   */
  private readonly buttonsOf = new Map<string, Button[]>();
  private readonly numberedThisLine = new Set<string>();
  /** The form being filled in, one field per line. */
  private pending: FormFilling | undefined;
  private running: Promise<number> | undefined;
  private readonly interactive: boolean;
  private rl: Interface | undefined;
  private work: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Set when a use case wrote outbox messages; they are printed after the line's answer. */
  private outboxWritten = true;
  /** A prompt is on the terminal's last line, waiting: output printed now goes above it (see write). */
  private prompting = false;
  /** A command has run: from now on a rehearsal's clock only moves forward. */
  private commandRun = false;
  /** What the session ends with: 1 once a piped script was stopped on a mistake (see stopScript). */
  private exitStatus = 0;
  /** Names used with /as in this session, as last typed, by the id they name: for completion and headers. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly chat: Chat,
    private readonly options: ConsoleOptions,
  ) {
    this.identity = consoleIdentity(options.initialName);
    this.names.set(this.identity.externalId, options.initialName);
    this.interactive = !options.json && "isTTY" in options.input && options.input.isTTY === true;
  }

  /** Direct messages to people on the console are printed. */
  readonly sender: Sender = consoleSender((to, view, zone) => this.deliver(to, view, zone));

  /** Wire to Core.outboxWritten. */
  readonly onOutboxWritten = (): void => {
    this.outboxWritten = true;
  };

  /** Starts reading lines; `finished` settles when the input ends. */
  async start(): Promise<void> {
    this.running ??= this.run();
  }

  /**
   * Settles when the input ends (or stop() is called) and every line is handled, with the session's exit
   * status: 0, or 1 when a piped script was stopped on a mistake.
   */
  get finished(): Promise<number> | undefined {
    return this.running;
  }

  private run(): Promise<number> {
    return new Promise((resolve) => {
      // In a terminal, readline echoes and edits the line, keeps a history and completes with Tab; it needs
      // the output for that. Piped input is read as plain lines.
      this.rl = this.interactive
        ? createInterface({
            input: this.options.input,
            output: this.options.output,
            terminal: true,
            historySize: 200,
            completer: (line: string, done: (error: null, result: [string[], string]) => void) =>
              void this.completions(line).then((result) => done(null, result)),
          })
        : createInterface({ input: this.options.input, terminal: false });
      this.say(
        `Mentorship bot console. You are "${this.identity.displayName}". ` +
          `Type /mentorship help for commands (Tab completes), /as <name> to act as someone else, /quit to leave.` +
          (this.interactive && this.options.logs ? `\nLogs are written to ${this.options.logs.file}.` : ""),
        "banner",
      );
      if (this.options.rehearsal) {
        this.say(
          `Rehearsal: the clock is simulated and starts at ${rehearsalTime(this.options.rehearsal.now())}; ` +
            "/time +2w moves it two weeks on, with every reminder and digest on the way. Nothing is kept.",
          "rehearsal",
        );
      }
      if (this.interactive) this.options.logs?.problems.listen((line) => this.write(`${line}\n`));
      this.prompt();
      this.rl.on("line", (line) => {
        this.prompting = false;
        // Lines are handled one at a time, in order, even when piped in fast.
        this.work = this.work.then(async () => {
          if (this.stopped) return;
          this.numberedThisLine.clear();
          this.echo(line);
          await this.handleLine(line);
          if (this.outboxWritten) await this.deliverDirectMessages();
        });
      });
      // Ctrl-C leaves a form, or drops what was typed; at an empty prompt it leaves the bot.
      this.rl.on("SIGINT", () => {
        const rl = this.rl!;
        const typed = rl.line.length > 0;
        if (!this.pending && !typed) return this.quit();
        // What was typed goes with the form: it must not come back as the next command.
        rl.write(null, { ctrl: true, name: "e" });
        rl.write(null, { ctrl: true, name: "u" });
        this.prompting = false;
        this.write("\n");
        if (this.pending) {
          this.pending = undefined;
          this.say("Left the form; nothing was saved.", "cancelled");
        }
        this.prompt();
      });
      this.rl.on("close", () => {
        void this.work.then(() => resolve(this.exitStatus));
      });
    });
  }

  /**
   * A piped script's line, written where a terminal would have shown it typed, so that what is printed
   * reads as a transcript: each command after the prompt of the person running it, each answer after its
   * field's prompt, and the script's comments as they are. A terminal echoes by itself; JSON has no prompts.
   */
  private echo(line: string): void {
    if (this.interactive || this.options.json) return;
    if (this.pending) return this.write(`${line}\n`);
    const typed = line.trim();
    if (typed === "" || typed.startsWith("#")) this.write(`${typed}\n`);
    else this.write(`${this.identity.displayName}> ${typed}\n`);
  }

  /** Ends the session: lines typed or piped after this are not run. */
  private quit(): void {
    this.stopped = true;
    this.rl?.close();
  }

  /** Ends a piped script at an /as that named nobody; the session ends with status 1. */
  private stopScript(): void {
    this.exitStatus = 1;
    this.say(
      `The script stops here (exit status 1): its next lines are for the person this /as meant, ` +
        `and would run as "${this.identity.displayName}". Correct the name, then run the rest.`,
      "stopped",
    );
    this.quit();
  }

  private async completions(line: string): Promise<[string[], string]> {
    // Inside a form, a line is an answer: nothing to complete but leaving it.
    if (this.pending) return [["/cancel"].filter((w) => w.startsWith(line)), line];
    const suggest = async (choices: Parameters<Chat["suggest"]>[1], typed: string) =>
      (await this.chat.suggest(this.identity, choices, typed)).map((s) => s.value);
    return complete(line, suggest, [...this.names.values()]);
  }

  /** Stops reading; lines already read still finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.rl?.close();
    await this.work;
  }

  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.work;
      await current;
    } while (current !== this.work);
  }

  /** Direct messages the last line caused (to anyone on the console) are printed after its answer. */
  private async deliverDirectMessages(): Promise<void> {
    this.outboxWritten = false;
    await this.chat.deliverNow(this.sender);
  }

  /** Prints a direct message the bot sends to someone on the console (or a channel post); saves its files. */
  private deliver(personName: string, view: MessageView, zone: string): void {
    const { files = [], ...shown } = view;
    const saved = files.map((file) => this.saveFile(file));
    if (this.options.json) {
      const at = this.options.rehearsal ? { at: this.options.rehearsal.now().toISOString() } : {};
      this.writeJson({
        ...shown,
        ...(saved.length ? { files: saved } : {}),
        type: "direct_message",
        to: personName,
        ...at,
      });
      return;
    }
    const { text: body } = this.number(personName, shown);
    // Headed with the name as it was typed with /as (Zoë), not the id it names (zoë).
    const reader = this.names.get(personName) ?? personName;
    // When it arrived, in the zone its reader reads it in (the one its dates are worded in), named.
    const when = this.options.rehearsal ? `, ${formatInstant(this.options.rehearsal.now(), zone)}` : "";
    this.write(`\n[message to ${reader}${when}] ${body}\n${saved.map((path) => `  (saved ${path})\n`).join("")}`);
  }

  private async handleLine(raw: string): Promise<void> {
    if (this.pending) return this.answerField(raw.trim());
    const input = readLine(raw);
    switch (input.kind) {
      case "nothing":
        return this.prompt();
      case "quit":
        this.quit();
        return;
      case "bad-as":
        this.say(input.problem, "error");
        // A script's next lines were written for the person it failed to name: run as the one before, they
        // would act for someone else (apply, decide, evaluate). The script stops, and the exit status says so.
        if (!this.interactive) return this.stopScript();
        return this.prompt();
      case "as":
        this.identity = consoleIdentity(input.name);
        this.names.set(this.identity.externalId, input.name);
        this.say(`You are now "${input.name}".`, "as");
        return this.prompt();
      case "time":
        return this.time(input.argument);
      case "press": {
        const buttons = this.buttonsOf.get(this.identity.externalId) ?? [];
        const button = buttons[input.button - 1];
        if (!button) {
          const choose = buttons.length
            ? `Choose a button from 1 to ${buttons.length}.`
            : "There are no buttons to choose.";
          this.say(choose, "error");
          return this.prompt();
        }
        return this.show(await this.chat.handle(this.identity, actionRequest(button.action, button.value)));
      }
      case "command":
        this.commandRun = true;
        return this.show(await this.chat.handle(this.identity, input.request));
      case "unknown":
        this.say(
          "Commands start with /mentorship (try /mentorship help); " +
            "/as <name> switches person; a number presses a button.",
          "error",
        );
        return this.prompt();
    }
  }

  private async time(argument: string): Promise<void> {
    const rehearsal = this.options.rehearsal;
    if (!rehearsal) {
      this.say("/time moves the clock only in a rehearsal: start the bot with npm start -- --rehearse.", "error");
      return this.prompt();
    }
    const request = readTimeRequest(argument, rehearsal.now(), !this.commandRun);
    if (request.kind === "bad") this.say(request.reason, "error");
    else {
      // Before any command, the clock is set, not run: there is nothing yet to remind anyone of.
      if (request.kind === "move" && !this.commandRun) rehearsal.setTo(request.to);
      else if (request.kind === "move") {
        // A month's ticks take a while: in a terminal, say so before the screen goes quiet.
        if (this.interactive)
          this.say(`Moving the clock to ${rehearsalTime(request.to)}, a scheduler tick every 3 hours…`, "time");
        await rehearsal.advanceTo(request.to);
      }
      this.say(`Rehearsal time: ${rehearsalTime(rehearsal.now())}.`, "time");
    }
    this.prompt();
  }

  private async show(views: View[]): Promise<void> {
    for (const view of views) {
      if (view.type === "form") {
        this.startForm(view);
        return;
      }
      const { files = [], ...shown } = view;
      const saved = files.map((file) => this.saveFile(file));
      const { text } = this.number(this.identity.externalId, shown);
      if (this.options.json) this.writeJson(saved.length ? { ...shown, files: saved } : shown);
      else this.write(`${text}\n${saved.map((path) => `  (saved ${path})\n`).join("")}`);
    }
    this.prompt();
  }

  /** Renders a message for a person, numbering its buttons among theirs (see `buttonsOf`). */
  private number(person: string, view: Omit<MessageView, "files">): { text: string } {
    const earlier = this.numberedThisLine.has(person) ? (this.buttonsOf.get(person) ?? []) : [];
    const { text, buttons } = renderMessage(view, earlier.length + 1);
    if (buttons.length > 0) {
      this.buttonsOf.set(person, [...earlier, ...buttons]);
      this.numberedThisLine.add(person);
    }
    return { text };
  }

  /** Attachments go to files beside the data; the view names where. */
  private saveFile(file: Attachment): string {
    mkdirSync(this.options.filesDir, { recursive: true });
    const target = path.join(this.options.filesDir, path.basename(file.name));
    writeFileSync(target, file.content);
    return target;
  }

  private startForm(shown: FormView): void {
    // Nothing can be uploaded through a terminal: an optional file is left out (a link field stands beside it).
    const view = { ...shown, fields: shown.fields.filter((f) => f.kind !== "file" || f.required) };
    this.pending = new FormFilling(view, { blankKeepsInitial: true });
    if (this.options.json) this.writeJson(view);
    else this.write(`${view.title} — answer each field; /cancel stops.\n`);
    this.askNext();
  }

  private askNext(): void {
    const pending = this.pending!;
    const [field] = pending.next();
    if (!field) return;
    if (this.options.json)
      this.writeJson({ type: "prompt", form: pending.view.form, field: field.id, label: field.label });
    else if (this.interactive) {
      this.write(fieldPrompt(field));
      this.prompt();
    } else this.write(fieldPrompt(field) + ANSWER_PROMPT);
  }

  private async answerField(line: string): Promise<void> {
    const pending = this.pending!;
    if (line === "/cancel") {
      this.pending = undefined;
      this.say("Cancelled; nothing was saved.", "cancelled");
      return this.prompt();
    }
    // A command typed inside a form is not an answer: it leaves the form (saying so), then runs.
    if (line.startsWith("/")) {
      this.pending = undefined;
      this.say(`Left the form "${pending.view.title}"; nothing was saved.`, "cancelled");
      return this.handleLine(line);
    }
    const [field] = pending.next();
    if (field) {
      const problems = pending.answer({ [field.id]: line });
      for (const [id, message] of Object.entries(problems)) this.fieldError(id, message);
      if (!pending.complete) return this.askNext();
    }
    const result = await pending.submit(this.chat, this.identity);
    if (!result.ok) {
      // Only the fields that are wrong are asked again, keeping every other answer.
      for (const [id, message] of Object.entries(result.errors)) this.fieldError(id, message);
      if (pending.remaining > 0) return this.askNext();
      this.pending = undefined;
      return this.prompt();
    }
    this.pending = undefined;
    return this.show(result.views);
  }

  private fieldError(field: string, message: string): void {
    if (this.options.json) this.writeJson({ type: "errors", errors: { [field]: message } });
    else this.write(`  ✗ ${message}\n`);
  }

  private say(text: string, kind: string): void {
    if (this.options.json) this.writeJson({ type: "notice", kind, text });
    else this.write(`${text}\n`);
  }

  private prompt(): void {
    if (!this.interactive || this.stopped) return;
    this.rl?.setPrompt(this.pending ? ANSWER_PROMPT : `${this.identity.displayName}> `);
    this.rl?.prompt();
    this.prompting = true;
  }

  private writeJson(value: unknown): void {
    this.write(`${JSON.stringify(value)}\n`);
  }

  /**
   * Output while a prompt waits (a direct message, a log summary) goes above it: the prompt line is cleared,
   * the text printed, and the prompt drawn again with whatever the person had typed.
   */
  private write(text: string): void {
    if (!this.prompting || !this.rl) return void this.options.output.write(text);
    clearLine(this.options.output as NodeJS.WritableStream & { isTTY: true }, 0);
    cursorTo(this.options.output as NodeJS.WritableStream & { isTTY: true }, 0);
    this.options.output.write(text);
    this.rl.prompt(true);
  }
}
