// The Discord adapter: `/mentorship` subcommands, modals (five inputs at a
// time; longer forms in steps), buttons, embeds, autocomplete, and direct
// messages. discord.js does the protocol (gateway, REST, rate limits); this
// file wires its events to the listeners (interaction → request), the chat
// layer and the renderers (components, modals).
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
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from "discord.js";
import { isRefusal, type Chat } from "../../chat/chat.js";
import { COMMAND_NAME, findCommand } from "../../chat/command-tree.js";
import { FormFilling } from "../../chat/form-filling.js";
import type { FormView, MessageView, View } from "../../chat/views.js";
import { newErrorId, type Logger } from "../../log.js";
import type { Deliveries, Sender } from "../../scheduler/dispatcher.js";
import type { ChatAdapter } from "../adapter.js";
import { buttonRow, discordMessage, type DiscordMessage } from "./components.js";
import { clip, LIMITS } from "./limits.js";
import {
  buttonPressOf,
  commandPathOf,
  commandRequestOf,
  discordIdentity,
  modalAnswers,
  modalDraftOf,
  requestKeyOf,
} from "./listeners.js";
import { modalStep, type DiscordModal } from "./modals.js";
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
  filling: FormFilling;
  userId: string;
}

const EPHEMERAL = MessageFlags.Ephemeral;
const EXPIRED = "This form has expired. Run the command again.";
type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export class DiscordAdapter implements ChatAdapter {
  readonly platform = "discord";
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
    this.deliveries = chat.deliveries(this.sender, (error) =>
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

  private async handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isButton()) return this.button(interaction);
    if (interaction.isModalSubmit()) return this.modalSubmit(interaction);
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    if (interaction.commandName !== COMMAND_NAME) {
      return void (await interaction.reply({ content: "This command is not one of this bot's.", flags: EPHEMERAL }));
    }
    const request = commandRequestOf(interaction);
    const answering = this.chat.handle(discordIdentity(interaction), request, requestKeyOf(interaction));
    await this.show(interaction, await this.withinBudget(interaction, answering));
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const press = buttonPressOf(interaction.customId);
    if (press?.kind === "continue") return this.continueDraft(interaction, press.draft);
    if (!press)
      return void (await interaction.reply({ content: "This button is no longer in use.", flags: EPHEMERAL }));
    const identity = discordIdentity(interaction);
    const answering = this.chat.handle(identity, press.request, requestKeyOf(interaction));
    const views = await this.withinBudget(interaction, answering);
    if (views.length === 0) return;
    const messages = views.filter((v): v is MessageView => v.type === "message");
    if (messages.length === views.length && !isRefusal(views) && !interaction.deferred && !interaction.replied) {
      // A decision replaces the message it was taken on: who decided, and when. The decision is saved by
      // now: if Discord will not take the answer, it goes to direct messages through the outbox.
      await interaction.update(discordMessage(messages)).catch(async (error: unknown) => {
        if (!(await this.chat.replyLater(identity, requestKeyOf(interaction), messages))) throw error;
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
    if (form) return this.startDraft(interaction, form);
    await this.reply(
      interaction,
      views.filter((v): v is MessageView => v.type === "message"),
    );
  }

  private async startDraft(interaction: Repliable, form: FormView): Promise<void> {
    const draftId = randomBytes(6).toString("hex");
    this.drafts.set(draftId, { filling: new FormFilling(form), userId: interaction.user.id });
    if (!interaction.deferred && !interaction.replied && !interaction.isModalSubmit()) {
      await interaction.showModal(this.nextStep(draftId));
      return;
    }
    // A modal can only open as the first answer to a command or button.
    await this.reply(interaction, [{ type: "message", text: `${form.title}: continue in the form.` }], draftId);
  }

  /** Answers in the interaction; `continueDraft` adds a button that opens the draft's next step. */
  private async reply(interaction: Repliable, views: MessageView[], continueDraft?: string): Promise<void> {
    const message: DiscordMessage = discordMessage(views);
    if (continueDraft)
      message.components = [buttonRow([{ label: "Continue", customId: `f|${continueDraft}`, style: "primary" }])];
    const files = views.flatMap((v) => v.files ?? []).map((f) => ({ attachment: f.content, name: f.name }));
    const body: InteractionReplyOptions = { ...message, files, flags: EPHEMERAL };
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp(body);
      else await interaction.reply(body);
    } catch (error) {
      // The answer could not be given in the interaction (Discord kept failing, or its token expired):
      // it goes to the person's direct messages through the outbox instead of being lost.
      const identity = discordIdentity(interaction);
      if (continueDraft || !(await this.chat.replyLater(identity, requestKeyOf(interaction), views))) {
        throw error;
      }
      this.options.log.warn({ err: error }, "discord answer failed; sent to direct messages through the outbox");
    }
  }

  private nextStep(draftId: string): DiscordModal {
    const { filling } = this.drafts.get(draftId)!;
    const form = filling.view;
    const inSteps = form.fields.length > LIMITS.modalInputs;
    const title = inSteps
      ? `${clip(form.title, LIMITS.modalTitle - 12)} ${filling.untouched ? "(step 1)" : "(continued)"}`
      : form.title;
    return modalStep(`m|${draftId}`, title, filling.next(LIMITS.modalInputs), filling.values);
  }

  private draftOf(interaction: ButtonInteraction | ModalSubmitInteraction, draftId: string): Draft | undefined {
    const draft = this.drafts.get(draftId);
    return draft && draft.userId === interaction.user.id ? draft : undefined;
  }

  private async continueDraft(interaction: ButtonInteraction, draftId: string): Promise<void> {
    if (!this.draftOf(interaction, draftId)) {
      await interaction.reply({ content: EXPIRED, flags: EPHEMERAL });
      return;
    }
    await interaction.showModal(this.nextStep(draftId));
  }

  private async modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const draftId = modalDraftOf(interaction.customId) ?? "";
    const draft = this.draftOf(interaction, draftId);
    if (!draft) {
      await interaction.reply({ content: EXPIRED, flags: EPHEMERAL });
      return;
    }
    const { filling } = draft;
    // A step before the last changes only the draft: this adapter records it, so a copy does not ask twice.
    const lastStep = filling.remaining <= LIMITS.modalInputs;
    if (!lastStep && !(await this.chat.firstTime(requestKeyOf(interaction)))) return;
    const asked = filling.next(LIMITS.modalInputs).map((f) => f.id);
    const problems = filling.answer(modalAnswers(interaction, asked));
    if (Object.keys(problems).length > 0) return this.askAgain(interaction, draftId, problems);
    if (!filling.complete) {
      const saved = "Saved so far; continue with the next fields.";
      await this.reply(interaction, [{ type: "message", text: saved }], draftId);
      return;
    }
    const result = await filling.submit(this.chat, discordIdentity(interaction), requestKeyOf(interaction));
    if (!result.ok) return this.askAgain(interaction, draftId, result.errors);
    this.drafts.delete(draftId);
    await this.show(interaction, result.views);
  }

  /** Field errors, each with its field's label, and a button to fix just those fields (when there are any). */
  private async askAgain(
    interaction: ModalSubmitInteraction,
    draftId: string,
    errors: Record<string, string>,
  ): Promise<void> {
    const { filling } = this.drafts.get(draftId)!;
    const lines = Object.entries(errors).map(
      ([id, message]) => `**${filling.view.fields.find((f) => f.id === id)?.label ?? id}:** ${message}`,
    );
    // A refusal that names no field of the form leaves nothing to correct: the draft ends with it.
    if (filling.remaining === 0) this.drafts.delete(draftId);
    await this.reply(
      interaction,
      [{ type: "message", tone: "error", title: "Please fix these fields", text: lines.join("\n") }],
      filling.remaining > 0 ? draftId : undefined,
    );
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const spec = findCommand(commandPathOf(interaction).join(" "));
    const choices = spec?.args.find((a) => a.name === focused.name)?.choices;
    const found = choices ? await this.chat.suggest(discordIdentity(interaction), choices, String(focused.value)) : [];
    // A value Discord would cut would name something else: such a suggestion is left out, not clipped.
    const fitting = found.filter((s) => s.value.length <= LIMITS.choiceValue).slice(0, LIMITS.choices);
    await interaction.respond(fitting.map((s) => ({ name: clip(s.label, LIMITS.choiceName), value: s.value })));
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
