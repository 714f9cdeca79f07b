// The whole-term scenario's person, in Discord: slash commands, modals (in
// steps of five fields), buttons, through the real discord.js client and the
// fake Discord.
import type { Chat } from "../../src/chat/chat.js";
import type { IdentityRef } from "../../src/chat/requests.js";
import { expect } from "vitest";
import type { Answer, DiscordHarness, DiscordUser } from "./discord.js";
import { ChatScript, type Shown, type TermDriver } from "./script.js";

interface DiscordShown extends Shown {
  buttons: { label: string; customId: string }[];
}

const ERROR_COLOR = 0xd1242f;
type Embed = { title?: string; description?: string; color?: number; fields?: { name: string; value: string }[] };
const embedText = (embeds: Embed[] | undefined) =>
  (embeds ?? [])
    .flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .join("\n");
const buttonsOf = (data: Record<string, unknown>) =>
  ((data.components as { components: { label?: string; custom_id: string }[] }[] | undefined) ?? []).flatMap((row) =>
    row.components.map((b) => ({ label: b.label ?? "", customId: b.custom_id })),
  );

export class DiscordScript extends ChatScript implements TermDriver {
  private user: DiscordUser;
  private buttons: DiscordShown["buttons"] = [];
  private lastText = "";
  viewsSeen = 0;

  constructor(private readonly h: DiscordHarness) {
    super();
    this.user = h.user("operator");
  }

  get chat(): Chat {
    return this.h.bot.chat;
  }

  identityOf(name: string): IdentityRef {
    return { platform: "discord", externalId: this.h.idOf(name), displayName: name };
  }

  async as(name: string): Promise<void> {
    this.shown.reader = name;
    this.user = this.h.user(name);
    this.buttons = [];
  }

  protected command(text: string, answers: string[]): Promise<Shown> {
    return this.run(() => this.user.command(text), answers);
  }

  protected press(label: string, heading: string, answers: string[]): Promise<Shown> {
    return this.run(() => this.user.press(this.button(label, heading)), answers);
  }

  directMessagesTo(name: string): string[] {
    return this.h.fake.calls
      .filter((c) => c.method === "POST" && c.path === `/channels/dm${this.h.idOf(name)}/messages`)
      .map((c) => embedText(c.body.embeds as Embed[]));
  }

  async deliverDue(): Promise<void> {
    for (const adapter of this.h.bot.adapters) await this.h.bot.chat.deliverNow(adapter.sender);
    await this.h.bot.idle();
  }

  lastFile(): Buffer {
    const withFile = this.h.fake.calls.filter((c) => c.files.length > 0).at(-1);
    expect(withFile, "no file was attached").toBeDefined();
    return Buffer.from(withFile!.files.at(-1)!, "latin1");
  }

  /** The button with this label; under several sections, the one whose label names the heading. */
  private button(label: string, heading: string): string {
    const candidates = this.buttons.filter((b) => b.label.includes(label));
    const found =
      candidates.find((b) => b.label.includes(heading)) ??
      (this.lastText.includes(heading) ? candidates[0] : undefined);
    expect(
      found,
      `no button "${label}" for "${heading}" in ${JSON.stringify(this.buttons.map((b) => b.label))}`,
    ).toBeDefined();
    return found!.customId;
  }

  private async run(send: () => Promise<Answer>, answers: string[]): Promise<DiscordShown> {
    const postsBefore = this.h.fake.calls.length;
    const queue = [...answers];
    let answer = await send();
    for (;;) {
      if (answer.type === 9) {
        answer = await this.user.submit(answer.data, this.fill(answer.data, queue));
        continue;
      }
      const deferred = answer.type === 5 || answer.type === 6;
      const data = deferred ? (answer.followUps.at(-1)?.body ?? {}) : answer.data;
      const continueButton = buttonsOf(data).find((b) => b.customId.startsWith("f|"));
      const embeds = data.embeds as Embed[] | undefined;
      const error = (embeds ?? []).some((e) => e.color === ERROR_COLOR);
      if (continueButton && !error) {
        answer = await this.user.press(continueButton.customId);
        continue;
      }
      const dms = this.h.fake.calls
        .slice(postsBefore)
        .filter((c) => c.method === "POST" && c.path === `/channels/dm${this.user.id}/messages`);
      this.buttons = [...buttonsOf(data), ...dms.flatMap((c) => buttonsOf(c.body))];
      this.lastText = embedText(embeds);
      this.viewsSeen += 1 + dms.length;
      return { text: this.lastText, error, buttons: this.buttons };
    }
  }

  /** Answers for one modal step, in field order; "" keeps what the form filled in. */
  private fill(modal: Record<string, unknown>, queue: string[]): Record<string, string> {
    const values: Record<string, string> = {};
    for (const { component } of modal.components as { component: { type: number; custom_id: string } }[]) {
      const answer = queue.shift() ?? "";
      if (answer === "") continue;
      // A user select (type 5) takes people: the script names them, Discord sends their ids.
      values[component.custom_id] =
        component.type === 5
          ? answer
              .split(",")
              .map((m) => `<@${this.h.idOf(m.trim().replace(/^@/, ""))}>`)
              .join(", ")
          : answer;
    }
    return values;
  }
}
