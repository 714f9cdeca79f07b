// The Discord adapter: `/mentorship` subcommands, modals (five inputs at a
// time; longer forms in steps), buttons, embeds, autocomplete, and direct
// messages. discord.js does the protocol (gateway, REST, rate limits); this
// file only translates between interactions and the chat layer.
import { randomBytes } from "node:crypto";
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Chat } from "../../chat/chat.js";
import { allCommands, COMMAND_NAME } from "../../chat/command-tree.js";
import { checkField, findForm, resolveOption } from "../../chat/forms.js";
import type { Field, FormView, MessageView, View } from "../../chat/views.js";
import type { IdentityRef } from "../../core/people.js";
import { newErrorId, type Logger } from "../../log.js";
import { Deliveries, type Sender } from "../../scheduler/dispatcher.js";
import { clip, discordMessage, LIMITS, modalStep, parseButtonId } from "./components.js";
import { discordSender } from "./sender.js";

export interface DiscordOptions {
  token: string;
  applicationId: string;
  apiUrl?: string | undefined;
  log: Logger;
  /** How long a command may take before it is deferred (Discord allows 3 s); 0 always defers. */
  replyBudgetMs?: number;
}

/** A form being filled in, step by step, by one person. */
interface Draft {
  form: FormView;
  userId: string;
  /** Field indexes still to ask, in steps of at most five. */
  queue: Field[];
  values: Record<string, string>;
}

const EPHEMERAL = MessageFlags.Ephemeral;
type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export class DiscordAdapter {
  readonly client: Client;
  private readonly drafts = new Map<string, Draft>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly deliveries: Deliveries;

  constructor(
    private readonly chat: Chat,
    private readonly options: DiscordOptions,
  ) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: options.apiUrl ? { api: options.apiUrl } : {},
    });
    this.client.on(Events.InteractionCreate, (interaction) => void this.track(() => this.handle(interaction)));
    this.client.on(Events.Error, (error) => options.log.warn({ err: error }, "discord client error"));
    guardGatewayPackets(this.client, options.log);
    this.deliveries = new Deliveries(chat.core, this.sender, (error) =>
      options.log.warn({ err: error }, "discord delivery failed; the messages stay in the outbox"),
    );
  }

  /** Called when a use case wrote notifications. */
  readonly onOutboxWritten = (): void => this.deliveries.soon();

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.options.token);
    await ready;
    this.deliveries.soon();
  }

  async stop(): Promise<void> {
    await this.idle();
    await this.client.destroy();
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.deliveries.settled();
  }

  /** Direct messages and the digest's channel posts from the outbox; see sender.ts. */
  readonly sender: Sender = discordSender(() => ({ client: this.client }));

  private identity(interaction: Interaction): IdentityRef {
    return {
      platform: "discord",
      externalId: interaction.user.id,
      displayName: interaction.user.globalName ?? interaction.user.username,
    };
  }

  private async handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isButton()) return this.button(interaction);
    if (interaction.isModalSubmit()) return this.modalSubmit(interaction);
  }

  /**
   * Two replicas holding the gateway both receive every interaction: the chat layer records each one's id
   * (or, for a step of a form, this adapter does), and only the first copy is answered.
   */
  private requestKey(interaction: Interaction): string {
    return `discord:${interaction.id}`;
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    if (interaction.commandName !== COMMAND_NAME) {
      return void (await interaction.reply({ content: "This command is not one of this bot's.", flags: EPHEMERAL }));
    }
    const group = interaction.options.getSubcommandGroup(false);
    const sub = interaction.options.getSubcommand();
    const path = group ? [group, sub] : [sub];
    const spec = allCommands().find((c) => c.path.join(" ") === path.join(" "));
    const args = (spec?.args ?? [])
      .map((arg) => {
        const user =
          arg.choices === "person" || arg.choices === "mentee" ? interaction.options.getUser(arg.name) : null;
        return user ? `<@${user.id}>` : (interaction.options.getString(arg.name) ?? "");
      })
      .filter((value, i, all) => value !== "" || all.slice(i).some(Boolean));
    const line = [...path, ...args.map((a) => (/\s/.test(a) && !spec?.args.at(-1)?.rest ? `"${a}"` : a))].join(" ");
    const answering = this.chat.command(this.identity(interaction), line, this.requestKey(interaction));
    await this.show(interaction, await this.withinBudget(interaction, answering));
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const [kind, draftId] = interaction.customId.split("|");
    if (kind === "f" && draftId) return this.continueDraft(interaction, draftId);
    const parsed = parseButtonId(interaction.customId);
    if (!parsed)
      return void (await interaction.reply({ content: "This button is no longer in use.", flags: EPHEMERAL }));
    const answering = this.chat.action(
      this.identity(interaction),
      parsed.action,
      parsed.value,
      this.requestKey(interaction),
    );
    const views = await this.withinBudget(interaction, answering);
    if (views.length === 0) return;
    const refused = views.length === 1 && views[0]?.type === "message" && views[0].tone === "error";
    const form = views.find((v): v is FormView => v.type === "form");
    if (!form && !refused && !interaction.deferred && !interaction.replied && interaction.message) {
      // A decision replaces the message it was taken on: who decided, and when. The decision is saved by
      // now: if Discord will not take the answer, it goes to direct messages through the outbox.
      const shown = views as MessageView[];
      await interaction.update(discordMessage(shown) as never).catch(async (error: unknown) => {
        if (!(await this.chat.replyLater(this.identity(interaction), this.requestKey(interaction), shown))) throw error;
      });
      return;
    }
    await this.show(interaction, views);
  }

  /** Answers in time: a slow answer is deferred and sent when ready. */
  private async withinBudget(interaction: Repliable, work: Promise<View[]>): Promise<View[]> {
    const late = Symbol("late");
    const budgetMs = this.options.replyBudgetMs ?? 2500;
    const budget = new Promise<typeof late>((resolve) => setTimeout(() => resolve(late), budgetMs).unref());
    // A budget of 0 always defers (no race to lose).
    const first = budgetMs <= 0 ? late : await Promise.race([work, budget]);
    if (first !== late) return first;
    await interaction.deferReply({ flags: EPHEMERAL });
    return work;
  }

  private async show(interaction: Repliable, views: View[]): Promise<void> {
    if (views.length === 0) return;
    const form = views.find((v): v is FormView => v.type === "form");
    if (form) {
      const draftId = randomBytes(6).toString("hex");
      this.drafts.set(draftId, { form, userId: interaction.user.id, queue: [...form.fields], values: {} });
      if (!interaction.deferred && !interaction.replied && !interaction.isModalSubmit()) {
        await interaction.showModal(this.nextStep(draftId) as never);
        return;
      }
      // A modal can only open as the first answer to a command or button.
      await this.reply(
        interaction,
        [{ type: "message", text: `${form.title}: continue in the form.` }],
        `f|${draftId}`,
      );
      return;
    }
    await this.reply(interaction, views as MessageView[]);
  }

  private async reply(interaction: Repliable, views: MessageView[], continueId?: string): Promise<void> {
    const message = discordMessage(views);
    if (continueId)
      message.components = [{ type: 1, components: [{ type: 2, style: 1, label: "Continue", custom_id: continueId }] }];
    const files = views.flatMap((v) => v.files ?? []).map((f) => ({ attachment: f.content, name: f.name }));
    const body = { ...message, files, flags: EPHEMERAL } as never;
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp(body);
      else await interaction.reply(body);
    } catch (error) {
      // The answer could not be given in the interaction (Discord kept failing, or its token expired):
      // it goes to the person's direct messages through the outbox instead of being lost.
      if (continueId || !(await this.chat.replyLater(this.identity(interaction), `discord:${interaction.id}`, views))) {
        throw error;
      }
      this.options.log.warn({ err: error }, "discord answer failed; sent to direct messages through the outbox");
    }
  }

  private nextStep(draftId: string) {
    const draft = this.drafts.get(draftId)!;
    const fields = draft.queue.slice(0, LIMITS.modalInputs);
    const inSteps = draft.form.fields.length > LIMITS.modalInputs;
    const first = draft.queue.length === draft.form.fields.length;
    const title = inSteps
      ? `${clip(draft.form.title, LIMITS.modalTitle - 12)} ${first ? "(step 1)" : "(continued)"}`
      : draft.form.title;
    return modalStep(`m|${draftId}`, title, fields, draft.values);
  }

  private async continueDraft(interaction: ButtonInteraction, draftId: string): Promise<void> {
    const draft = this.drafts.get(draftId);
    if (!draft || draft.userId !== interaction.user.id) {
      await interaction.reply({ content: "This form has expired. Run the command again.", flags: EPHEMERAL });
      return;
    }
    await interaction.showModal(this.nextStep(draftId) as never);
  }

  private async modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const [, draftId = ""] = interaction.customId.split("|");
    const draft = this.drafts.get(draftId);
    if (!draft || draft.userId !== interaction.user.id) {
      await interaction.reply({ content: "This form has expired. Run the command again.", flags: EPHEMERAL });
      return;
    }
    // A step before the last changes only the draft: this adapter records it, so a copy does not ask twice.
    const lastStep = draft.queue.length <= LIMITS.modalInputs;
    if (!lastStep && !(await this.chat.firstTime(this.requestKey(interaction)))) return;
    const asked = draft.queue.splice(0, LIMITS.modalInputs);
    const spec = findForm(draft.form.form);
    const errors: Record<string, string> = {};
    for (const field of asked) {
      let value = interaction.fields.getTextInputValue(field.id).trim();
      if (field.options?.length && value !== "") {
        const picked = resolveOption(field, value);
        if (picked === undefined)
          errors[field.id] =
            `${field.label}: choose one of ${field.options.map((o, i) => `${i + 1} (${o.label})`).join(", ")}.`;
        value = picked ?? value;
      }
      draft.values[field.id] = value;
      const problem = errors[field.id] ?? (spec ? checkField(spec, field.id, value) : undefined);
      if (problem) errors[field.id] = problem;
    }
    if (Object.keys(errors).length === 0 && draft.queue.length > 0) {
      await this.reply(
        interaction,
        [{ type: "message", text: "Saved so far; continue with the next fields." }],
        `f|${draftId}`,
      );
      return;
    }
    if (Object.keys(errors).length > 0) return this.askAgain(interaction, draftId, draft, errors);
    const { form, context } = draft.form;
    const result = await this.chat.submit(
      this.identity(interaction),
      form,
      context,
      draft.values,
      this.requestKey(interaction),
    );
    if (!result.ok) return this.askAgain(interaction, draftId, draft, result.errors);
    this.drafts.delete(draftId);
    await this.show(interaction, result.views);
  }

  /** Field errors, each with its field's label, and a button to fix just those fields. */
  private async askAgain(
    interaction: ModalSubmitInteraction,
    draftId: string,
    draft: Draft,
    errors: Record<string, string>,
  ): Promise<void> {
    const failing = draft.form.fields.filter((f) => f.id in errors);
    draft.queue = [...failing, ...draft.queue.filter((f) => !(f.id in errors))];
    const lines = Object.entries(errors).map(
      ([id, message]) => `**${draft.form.fields.find((f) => f.id === id)?.label ?? id}:** ${message}`,
    );
    await this.reply(
      interaction,
      [{ type: "message", tone: "error", title: "Please fix these fields", text: lines.join("\n") }],
      `f|${draftId}`,
    );
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value).toLowerCase();
    const prisma = this.chat.core.db.prisma;
    let choices: { name: string; value: string }[] = [];
    if (focused.name === "program") {
      choices = (await prisma.program.findMany({ orderBy: { slug: "asc" } })).map((p) => ({
        name: `${p.name} (${p.slug})`,
        value: p.slug,
      }));
    } else if (focused.name === "term") {
      choices = (await prisma.term.findMany({ include: { program: true }, orderBy: { startAt: "desc" } })).map((t) => ({
        name: `${t.program.slug}/${t.name}`,
        value: `${t.program.slug}/${t.name}`,
      }));
    } else if (focused.name === "project") {
      const projects = await prisma.project.findMany({
        where: { term: { endAt: { gt: this.chat.core.clock.now() } } },
        include: { term: { include: { program: true } } },
        orderBy: { name: "asc" },
      });
      choices = projects.map((p) => ({
        name: `${p.name} (${p.term.program.slug}/${p.term.name}/${p.slug})`,
        value: `${p.term.program.slug}/${p.term.name}/${p.slug}`,
      }));
    }
    const matching = choices.filter((c) => c.name.toLowerCase().includes(typed)).slice(0, 25);
    await interaction.respond(matching.map((c) => ({ name: clip(c.name, 100), value: clip(c.value, 100) })));
  }

  private async track(work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) =>
      this.options.log.error({ err: error }, "discord interaction failed"),
    );
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }
}

/**
 * discord.js handles each gateway packet synchronously inside its socket's message handler, so a packet it
 * cannot read (a dispatch with a null or partial body) throws there, outside any handler of ours, and would
 * end the process. Its packet handler (private in its typings, stable across v14) is wrapped so such a
 * packet is logged and dropped.
 */
function guardGatewayPackets(client: Client, log: Logger): void {
  const ws = client.ws as unknown as { handlePacket(packet?: unknown, shard?: unknown): boolean };
  const handlePacket = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    try {
      return handlePacket(packet, shard);
    } catch (error) {
      log.warn({ err: error, errorId: newErrorId() }, "discord gateway packet could not be read; dropped");
      return false;
    }
  };
}
