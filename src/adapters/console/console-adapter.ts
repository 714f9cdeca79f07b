// The terminal adapter: the same conversations as Slack and Discord, typed.
// `/as <name>` picks who is acting; forms are asked field by field; buttons
// are chosen by number. With --json every view is one JSON line on stdout.
import { createInterface, type Interface } from "node:readline";
import type { Chat } from "../../chat/chat.js";
import { checkField, findForm, resolveOption } from "../../chat/forms.js";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Attachment, Button, FormView, MessageView, View } from "../../chat/views.js";
import type { IdentityRef } from "../../core/people.js";
import { deliveredView } from "../../chat/notifications.js";
import { dispatch, type Sender } from "../../scheduler/dispatcher.js";
import { fieldPrompt, renderMessage } from "./render.js";

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  json: boolean;
  /** Who acts before the first /as (the operator, so a program can be made). */
  initialName: string;
  /** Where attachments (letters, ledgers) are written. */
  filesDir: string;
}

interface PendingForm {
  view: FormView;
  /** Indexes into view.fields still to ask, in order. */
  queue: number[];
  values: Record<string, string>;
}

export class ConsoleAdapter {
  private identity: IdentityRef;
  private buttons: Button[] = [];
  private pending: PendingForm | undefined;
  private readonly interactive: boolean;
  private rl: Interface | undefined;
  private work: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Set when a use case wrote outbox messages; they are printed after the line's answer. */
  private outboxWritten = true;

  constructor(
    private readonly chat: Chat,
    private readonly options: ConsoleOptions,
  ) {
    this.identity = consoleIdentity(options.initialName);
    this.interactive = !options.json && Boolean((options.input as { isTTY?: boolean }).isTTY);
  }

  /** Direct messages to people on the console are printed. */
  readonly sender: Sender = {
    platform: "console",
    send: async (m) => this.deliver(m.toChannel ? `#${m.target}` : m.target, deliveredView(m, "console")),
  };

  /** Wire to Core.outboxWritten. */
  readonly onOutboxWritten = (): void => {
    this.outboxWritten = true;
  };

  /** Resolves when the input ends (or stop() is called) and every line is handled. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      this.rl = createInterface({ input: this.options.input, terminal: this.interactive });
      this.say(
        `Mentorship bot console. You are "${this.identity.displayName}". ` +
          `Type /mentorship help for commands, /as <name> to act as someone else, /quit to leave.`,
        "banner",
      );
      this.prompt();
      this.rl.on("line", (line) => {
        // Lines are handled one at a time, in order, even when piped in fast.
        this.work = this.work.then(async () => {
          if (this.stopped) return;
          await this.handleLine(line);
          if (this.outboxWritten) await this.deliverDirectMessages();
        });
      });
      this.rl.on("close", () => {
        void this.work.then(() => resolve());
      });
    });
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
    await dispatch(this.chat.core, this.sender);
  }

  /** Prints a direct message the bot sends to someone on the console. */
  private deliver(personName: string, view: MessageView): void {
    if (this.options.json) {
      this.writeJson({ ...view, type: "direct_message", to: personName });
      return;
    }
    const { text: body, buttons: numbered } = renderMessage(view, this.buttons.length + 1);
    this.buttons.push(...numbered);
    this.write(`\n[message to ${personName}] ${body}\n`);
  }

  private async handleLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (this.pending) return this.answerField(line);
    if (line === "") return this.prompt();
    if (line === "/quit" || line === "/exit") {
      this.rl?.close();
      return;
    }
    if (line.startsWith("/as")) {
      const name = line.slice(3).trim();
      if (!/^[\w.-]{1,40}$/.test(name)) {
        this.say("Usage: /as <name> — a name of letters, digits, dots or dashes, e.g. /as ada", "error");
      } else {
        this.identity = consoleIdentity(name);
        this.buttons = [];
        this.say(`You are now "${name}".`, "as");
      }
      return this.prompt();
    }
    if (/^\d+$/.test(line)) {
      const button = this.buttons[Number(line) - 1];
      if (!button) {
        this.say(
          this.buttons.length ? `Choose a button from 1 to ${this.buttons.length}.` : "There are no buttons to choose.",
          "error",
        );
        return this.prompt();
      }
      return this.show(await this.chat.action(this.identity, button.action, button.value));
    }
    const command = /^\/mentorship\b(.*)$/i.exec(line);
    if (command) {
      return this.show(await this.chat.command(this.identity, command[1] ?? ""));
    }
    this.say(
      "Commands start with /mentorship (try /mentorship help); /as <name> switches person; a number presses a button.",
      "error",
    );
    this.prompt();
  }

  private async show(views: View[]): Promise<void> {
    this.buttons = [];
    for (const view of views) {
      if (view.type === "form") {
        this.startForm(view);
        return;
      }
      const { files = [], ...shown } = view;
      const saved = files.map((file) => this.saveFile(file));
      const { text, buttons } = renderMessage(shown, this.buttons.length + 1);
      this.buttons.push(...buttons);
      if (this.options.json) this.writeJson(saved.length ? { ...shown, files: saved } : shown);
      else this.write(`${text}\n${saved.map((path) => `  (saved ${path})\n`).join("")}`);
    }
    this.prompt();
  }

  /** Attachments go to files beside the data; the view names where. */
  private saveFile(file: Attachment): string {
    mkdirSync(this.options.filesDir, { recursive: true });
    const target = path.join(this.options.filesDir, path.basename(file.name));
    writeFileSync(target, file.content);
    return target;
  }

  private startForm(view: FormView): void {
    this.pending = { view, queue: view.fields.map((_, i) => i), values: {} };
    if (this.options.json) this.writeJson(view);
    else this.write(`${view.title} — answer each field; /cancel stops.\n`);
    this.askNext();
  }

  private askNext(): void {
    const pending = this.pending!;
    const field = pending.view.fields[pending.queue[0]!]!;
    if (this.options.json)
      this.writeJson({ type: "prompt", form: pending.view.form, field: field.id, label: field.label });
    else this.write(fieldPrompt(field));
  }

  private async answerField(line: string): Promise<void> {
    const pending = this.pending!;
    if (line === "/cancel") {
      this.pending = undefined;
      this.say("Cancelled; nothing was saved.", "cancelled");
      return this.prompt();
    }
    const field = pending.view.fields[pending.queue[0]!]!;
    let value = line === "" && field.initial ? field.initial : line;
    if (field.options?.length) {
      const picked = resolveOption(field, value);
      if (picked === undefined && (value !== "" || field.required)) {
        this.fieldError(field.id, `Choose one of 1 to ${field.options.length}.`);
        return this.askNext();
      }
      value = picked ?? "";
    }
    const spec = findForm(pending.view.form);
    const problem = spec ? checkField(spec, field.id, value) : undefined;
    if (problem) {
      this.fieldError(field.id, problem);
      return this.askNext();
    }
    pending.values[field.id] = value;
    pending.queue.shift();
    if (pending.queue.length > 0) return this.askNext();

    const result = await this.chat.submit(this.identity, pending.view.form, pending.view.context, pending.values);
    if (!result.ok) {
      // Ask again only the fields that are wrong, keeping every other answer.
      for (const [id, message] of Object.entries(result.errors)) this.fieldError(id, message);
      pending.queue = pending.view.fields.flatMap((f, i) => (f.id in result.errors ? [i] : []));
      if (pending.queue.length === 0) {
        this.pending = undefined;
        return this.prompt();
      }
      return this.askNext();
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
    if (this.interactive && !this.pending) this.write(`${this.identity.displayName}> `);
  }

  private writeJson(value: unknown): void {
    this.write(`${JSON.stringify(value)}\n`);
  }

  private write(text: string): void {
    this.options.output.write(text);
  }
}

export function consoleIdentity(name: string): IdentityRef {
  return { platform: "console", externalId: name.toLowerCase(), displayName: name };
}
