// The whole-term scenario's person, in Slack: commands are slash commands,
// forms are modals filled in and submitted, buttons are pressed in the
// messages the bot posted, all through the real Bolt app and the fake Slack.
import type { Chat } from "../../src/chat/chat.js";
import type { IdentityRef } from "../../src/chat/requests.js";
import { expect } from "vitest";
import type { ApiCall, SlackUser } from "./fake-slack.js";
import { blockButtons, blockText, type SlackHarness } from "./slack.js";
import { ChatScript, type Shown, type TermDriver } from "./script.js";

type Blocks = Parameters<typeof blockText>[0];
interface SlackShown extends Shown {
  blocks: Blocks;
}

const userId = (name: string) => `U${name.toUpperCase()}`;
/** `@ada` in a command line, as Slack sends a mention when should_escape is on. */
const mentions = (text: string) => text.replace(/@([\w.-]+)/g, (_, name: string) => `<@${userId(name)}|${name}>`);
const isError = (blocks: Blocks) => /^(⚠️|:warning:)/m.test(blockText(blocks));

export class SlackScript extends ChatScript implements TermDriver {
  private user: SlackUser;
  private buttons: ReturnType<typeof blockButtons> = [];
  viewsSeen = 0;

  constructor(private readonly h: SlackHarness) {
    super();
    this.user = h.user("UOPERATOR", "operator");
  }

  get chat(): Chat {
    return this.h.bot.chat;
  }

  identityOf(name: string): IdentityRef {
    return { platform: "slack", externalId: userId(name), displayName: name };
  }

  async as(name: string): Promise<void> {
    this.shown.reader = name;
    this.user = this.h.user(userId(name), name);
    this.buttons = [];
  }

  protected command(text: string, answers: string[]): Promise<SlackShown> {
    return this.run(() => this.user.command(mentions(text)), answers);
  }

  protected press(label: string, heading: string, answers: string[]): Promise<SlackShown> {
    return this.run(() => this.user.press(this.button(label, heading)), answers);
  }

  directMessagesTo(name: string): string[] {
    return this.h.fake
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === userId(name))
      .map((c) => blockText(c.args.blocks as Blocks));
  }

  async deliverDue(): Promise<void> {
    for (const adapter of this.h.bot.adapters) await this.h.bot.chat.deliverNow(adapter.sender);
    await this.h.bot.idle();
  }

  lastFile(): Buffer {
    const upload = this.h.fake.uploads.at(-1);
    expect(upload, "no file was uploaded").toBeDefined();
    return upload!.bytes;
  }

  private button(label: string, heading: string) {
    const found = this.buttons.find((b) => b.label.includes(label) && b.context.includes(heading));
    const seen = JSON.stringify(this.buttons.map((b) => [b.label, b.context.slice(0, 60)]));
    expect(found, `no button "${label}" under "${heading}" in ${seen}`).toBeDefined();
    return found!;
  }

  /** Sends a request; fills and submits the modal it opens, if any; returns what the person then sees. */
  private async run(send: () => Promise<{ status: number }>, answers: string[]): Promise<SlackShown> {
    const fake = this.h.fake;
    const before = {
      responses: fake.responses.length,
      modals: fake.callsTo("views.open").length,
      posts: fake.calls.length,
    };
    const sent = await send();
    expect(sent.status).toBe(200);
    await this.h.bot.idle();
    let shown: SlackShown;
    if (fake.callsTo("views.open").length > before.modals) {
      shown = await this.fillModal(fake.lastModal(), answers, before.posts);
    } else {
      const response = fake.responses.at(-1);
      expect(fake.responses.length, "the bot answered nothing").toBeGreaterThan(before.responses);
      const blocks = response!.body.blocks as Blocks;
      shown = { text: blockText(blocks), error: isError(blocks), blocks };
    }
    // What the person now sees: the answer, and direct messages that came with it.
    const directMessages = fake.calls
      .slice(before.posts)
      .filter((c) => c.method === "chat.postMessage" && c.args.channel === this.userIdNow);
    this.buttons = [
      ...blockButtons(shown.blocks),
      ...directMessages.flatMap((c: ApiCall) => blockButtons(c.args.blocks as Blocks)),
    ];
    this.viewsSeen += 1 + directMessages.length;
    return shown;
  }

  private get userIdNow(): string {
    return this.user.id;
  }

  private async fillModal(view: Record<string, unknown>, answers: string[], postsBefore: number): Promise<SlackShown> {
    const blocks = view.blocks as {
      block_id: string;
      element: {
        type: string;
        initial_value?: string;
        initial_date?: string;
        initial_option?: { value: string };
        initial_options?: { value: string }[];
        options?: { value: string; text: { text: string } }[];
      };
    }[];
    const values: Record<string, string | string[]> = {};
    blocks.forEach((block, i) => {
      const answer = answers[i] ?? "";
      const element = block.element;
      if (answer === "") {
        const initial =
          element.initial_option?.value ??
          element.initial_date ??
          element.initial_value ??
          (element.type === "checkboxes" ? (element.initial_options?.length ? "yes" : "no") : undefined);
        if (initial !== undefined) values[block.block_id] = initial;
        return;
      }
      if (element.type === "static_select" || element.type === "radio_buttons") {
        const options = element.options ?? [];
        const picked =
          options.find((o) => o.value === answer) ??
          (/^\d+$/.test(answer) ? options[Number(answer) - 1] : undefined) ??
          options.find((o) => o.text.text === answer);
        values[block.block_id] = picked?.value ?? answer;
      } else if (element.type === "users_select") {
        values[block.block_id] = userId(answer.trim().replace(/^@/, ""));
      } else if (element.type === "checkboxes") {
        values[block.block_id] = /^y/i.test(answer) ? "yes" : "no";
      } else if (element.type === "multi_users_select") {
        values[block.block_id] = answer.split(",").map((m) => userId(m.trim().replace(/^@/, "")));
      } else {
        values[block.block_id] = answer;
      }
    });
    const submitted = await this.user.submit(view, values);
    expect(submitted.status).toBe(200);
    await this.h.bot.idle();
    if (submitted.body) {
      const answer = JSON.parse(submitted.body) as {
        response_action?: string;
        errors?: Record<string, string>;
        view?: Record<string, unknown>;
      };
      if (answer.response_action === "errors")
        return { text: Object.values(answer.errors ?? {}).join(" "), error: true, blocks: [] };
      if (answer.response_action === "update")
        return this.fillModal(answer.view!, answers.slice(blocks.length), postsBefore);
    }
    // The result of a submitted modal comes as a direct message.
    const result = this.h.fake.calls
      .slice(postsBefore)
      .filter((c) => c.method === "chat.postMessage" && c.args.channel === this.user.id)[0];
    expect(result, "the modal's result was not posted").toBeDefined();
    const resultBlocks = result!.args.blocks as Blocks;
    return { text: blockText(resultBlocks), error: isError(resultBlocks), blocks: resultBlocks };
  }
}
