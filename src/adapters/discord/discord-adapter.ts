// The Discord adapter: `/mentorship` subcommands, modals (five inputs at a
// time; longer forms in steps), buttons, embeds, autocomplete, and direct
// messages. discord.js does the protocol (gateway, REST, rate limits); this
// file wires its events to the listeners (interaction → request), the chat
// layer and the renderers (components, modals).
import { randomBytes } from "node:crypto";
import {
  Client,
  ClientApplication,
  Events,
  GatewayIntentBits,
  MessageFlags,
  RESTEvents,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from "discord.js";
import { isRefusal, mayOpenForm, type Chat } from "../../chat/chat.js";
import { COMMAND_NAME, commandFromLine, findCommand } from "../../chat/command-tree.js";
import { FormDrafts } from "../../chat/drafts.js";
import { FormFilling } from "../../chat/form-filling.js";
import { OneReplica } from "../../chat/one-replica.js";
import type { ActionRequest, CommandRequest } from "../../chat/requests.js";
import type { Field, FormView, MessageView, View } from "../../chat/views.js";
import type { RequestListener } from "../../http-server.js";
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
  modalDraftOf,
  requestKeyOf,
} from "./listeners.js";
import { modalAnswers, modalStep, type DiscordModal } from "./modals.js";
import {
  DISCORD_INTERACTIONS_PATH,
  DiscordInteractionsEndpoint,
  type InteractionPayload,
} from "./interactions-endpoint.js";
import { discordSender } from "./sender.js";

export interface DiscordOptions {
  token: string;
  applicationId: string;
  apiUrl?: string | undefined;
  log: Logger;
  /**
   * How long a command or button that may open a form may take before it is deferred (Discord allows 3 s; a
   * form can only open as the first response); 0 always defers. Any other is deferred at once.
   */
  replyBudgetMs?: number;
  /**
   * Interactions come to the HTTP endpoint (interactions-endpoint.ts), verified with this key, and the bot
   * does not log in to the gateway; unset, they come over the gateway, held by one replica at a time.
   */
  publicKey?: string | undefined;
  /** How often a replica without the gateway asks for it (and the holder checks it still has it). */
  gatewayRetryMs?: number;
}

/** A replica without the gateway asks for it this often: a killed holder is replaced within seconds. */
const GATEWAY_RETRY_MS = 5_000;

const EPHEMERAL = MessageFlags.Ephemeral;
/** Discord's answer to a second callback for one interaction. */
const ALREADY_ACKNOWLEDGED = 40060;
const EXPIRED = "This form has expired. Run the command again.";
type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export class DiscordAdapter implements ChatAdapter {
  readonly platform = "discord";
  /** The client of this connection to the gateway (a new one after the gateway was lost and taken again). */
  private current: Client;
  /** Forms between modal steps, kept in the store: the next step may reach another replica (chat/drafts.ts). */
  private readonly drafts: FormDrafts;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly deliveries: Deliveries;
  /** The gateway, held by one replica at a time; undefined when interactions come over HTTP. */
  private readonly gateway: OneReplica | undefined;
  /** The handling an INTERACTION_CREATE just started (read by the HTTP endpoint right after building one). */
  private started: Promise<void> | undefined;
  /** Interactions received over HTTP whose callback Discord has not answered yet, by id. */
  private readonly awaitingCallback = new Map<string, () => void>();
  private loggedInBefore = false;
  private readonly endpoint: DiscordInteractionsEndpoint | undefined;

  constructor(
    private readonly chat: Chat,
    private readonly options: DiscordOptions,
  ) {
    this.drafts = new FormDrafts(chat.core, options.log);
    this.current = this.newClient();
    this.gateway = options.publicKey
      ? undefined
      : new OneReplica(chat.core, options.log, {
          // One gateway per application: another bot on the same database is not held back.
          name: `discord-gateway:${options.applicationId}`,
          retryMs: options.gatewayRetryMs ?? GATEWAY_RETRY_MS,
          acquired: () => this.connect(),
          released: () => this.disconnect(),
        });
    this.endpoint = options.publicKey
      ? new DiscordInteractionsEndpoint({
          publicKey: options.publicKey,
          log: options.log,
          receive: (payload) => this.receiveInteraction(payload),
        })
      : undefined;
    this.deliveries = chat.deliveries(this.sender, (error) =>
      options.log.warn({ err: error }, "discord delivery failed; the messages stay in the outbox"),
    );
  }

  /** Called when a use case wrote notifications. */
  readonly onOutboxWritten = (): void => this.deliveries.soon();

  get client(): Client {
    return this.current;
  }

  /** With a public key, Discord sends interactions to POST /discord/interactions (interactions-endpoint.ts). */
  get routes(): Record<string, RequestListener> | undefined {
    return this.endpoint ? { [DISCORD_INTERACTIONS_PATH]: this.endpoint.requestListener } : undefined;
  }

  /** True while this replica holds the gateway connection (always false over HTTP). */
  get holdsGateway(): boolean {
    return this.gateway?.holding ?? false;
  }

  /**
   * Over HTTP, REST alone is enough: the client gets the token without logging in. Over the gateway, the
   * replica that gets the lock logs in (start resolves once it is ready); the others start without it and
   * keep asking, delivering the outbox meanwhile as every replica does.
   */
  async start(): Promise<void> {
    if (this.gateway) await this.gateway.start();
    else this.withoutGateway(this.current);
    this.deliveries.soon();
  }

  async stop(): Promise<void> {
    await this.idle();
    await this.gateway?.stop();
    await this.current.destroy();
  }

  private newClient(): Client {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: this.options.apiUrl ? { api: this.options.apiUrl } : {},
    });
    client.on(Events.InteractionCreate, (interaction) => {
      this.started = this.track(() => this.handle(interaction));
    });
    client.on(Events.Error, (error) => this.options.log.warn({ err: error }, "discord client error"));
    client.rest.on(RESTEvents.Response, (request, response) => {
      const id = /^\/interactions\/(\d+)\//.exec(String(request.path))?.[1];
      if (id && response.ok) this.awaitingCallback.get(id)?.();
    });
    guardGatewayPackets(client, this.options.log);
    return client;
  }

  private async connect(): Promise<void> {
    // A client that was destroyed does not log in again: each holding of the gateway has its own.
    if (this.loggedInBefore) this.current = this.newClient();
    this.loggedInBefore = true;
    const client = this.current;
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.options.token);
    await ready;
  }

  /** The gateway was lost (or given back): this replica stops receiving at once. */
  private async disconnect(): Promise<void> {
    await this.current.destroy();
  }

  /** A client that answers over REST only, as the gateway's READY would have set it up. */
  private withoutGateway(client: Client): void {
    client.token = this.options.token;
    client.rest.setToken(this.options.token);
    // discord.js reads the application from READY; interactions refer to it (their entitlements).
    const Application = ClientApplication as unknown as new (client: Client, data: object) => ClientApplication;
    client.application ??= new Application(client, { id: this.options.applicationId, flags: 0 });
  }

  /**
   * An interaction that came to the HTTP endpoint, handled by exactly the gateway's code: discord.js builds
   * its Interaction from the payload as it does from an INTERACTION_CREATE dispatch (its client's
   * InteractionCreate action, private in its typings), and our listener handles it. Resolves once Discord
   * has the interaction's callback (sent over REST, as for the gateway), or the handling ended without one.
   */
  async receiveInteraction(payload: InteractionPayload): Promise<boolean> {
    const acknowledged = new Promise<void>((resolve) => this.awaitingCallback.set(payload.id, resolve));
    this.started = undefined;
    const actions = (this.current as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } })
      .actions;
    try {
      // Synchronous: when it returns, our listener has started handling the interaction (this.started).
      actions.InteractionCreate.handle(payload);
    } catch (error) {
      this.awaitingCallback.delete(payload.id);
      this.options.log.warn({ err: error, errorId: newErrorId() }, "discord interaction could not be read; refused");
      return false;
    }
    const handling = this.started ?? Promise.resolve();
    this.started = undefined;
    try {
      await Promise.race([acknowledged, handling]);
      return true;
    } finally {
      this.awaitingCallback.delete(payload.id);
    }
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.deliveries.settled();
  }

  /** Direct messages and the digest's channel posts from the outbox; see sender.ts. */
  readonly sender: Sender = discordSender(() => ({ client: this.current, token: this.options.token }));

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
    await this.show(interaction, await this.withinBudget(interaction, request));
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const press = buttonPressOf(interaction.customId);
    if (press?.kind === "continue") return this.continueDraft(interaction, press.draft);
    if (!press)
      return void (await interaction.reply({ content: "This button is no longer in use.", flags: EPHEMERAL }));
    const identity = discordIdentity(interaction);
    const form = mayOpenForm(press.request);
    const views = await this.withinBudget(interaction, press.request);
    if (views.length === 0) return;
    const messages = views.filter((v): v is MessageView => v.type === "message");
    // A button that cannot open a form was deferred as an update of its message (see withinBudget).
    const updating = !interaction.replied && (!interaction.deferred || !form);
    if (messages.length === views.length && !isRefusal(views) && updating) {
      // A decision replaces the message it was taken on: who decided, and when. The decision is saved by
      // now: if Discord will not take the answer, it goes to direct messages through the outbox.
      const replacement = discordMessage(messages);
      const replacing = interaction.deferred ? interaction.editReply(replacement) : interaction.update(replacement);
      await replacing.catch(async (error: unknown) => {
        if (!(await this.chat.replyLater(identity, requestKeyOf(interaction), messages))) throw error;
      });
      return;
    }
    await this.show(interaction, views);
  }

  /**
   * The answer, in time. One that can never be a form is deferred at once, as a bare client would (a button's
   * as an update of its message, which the answer then replaces), while the chat layer checks it is not a
   * copy: Discord refuses the deferral of a copy another replica or a replay brought (40060, already
   * acknowledged), and the chat layer answers a copy with nothing. One that may be a form gets the budget,
   * since a form can only be the first response, and is deferred if late.
   */
  private async withinBudget(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    request: CommandRequest | ActionRequest,
  ): Promise<View[]> {
    const work = this.chat.handle(discordIdentity(interaction), request, requestKeyOf(interaction));
    if (!mayOpenForm(request)) {
      const deferring = interaction.isButton()
        ? interaction.deferUpdate()
        : interaction.deferReply({ flags: EPHEMERAL });
      // The answer is still given: in the interaction if Discord takes it by then, else through the outbox.
      const deferred = deferring.catch((error: unknown) =>
        (error as { code?: unknown }).code === ALREADY_ACKNOWLEDGED
          ? this.options.log.info("discord interaction already acknowledged: a copy, answered by whoever took it")
          : this.options.log.warn({ err: error }, "discord deferral failed; answering without it"),
      );
      // Both at once, so a failure of the work is never left unhandled while the deferral travels.
      const [, views] = await Promise.all([deferred, work]);
      return views;
    }
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
    const unpickable = form?.fields.find(
      (f) => f.listedBy && !f.initial && (f.options?.length ?? 0) > LIMITS.selectOptions,
    );
    if (unpickable) return this.pickFromList(interaction, unpickable);
    if (form) return this.startDraft(interaction, form);
    await this.reply(
      interaction,
      views.filter((v): v is MessageView => v.type === "message"),
    );
  }

  /**
   * A pick list longer than a modal's select, with nothing chosen yet: a form the person could not fill is not
   * opened. They get the first page of the list instead, each option with the button that opens the form with
   * it chosen, and the command option Discord completes as they type.
   */
  private async pickFromList(interaction: Repliable, field: Field): Promise<void> {
    const { command, items, button, option } = field.listedBy!;
    const listed = await this.chat.handle(discordIdentity(interaction), commandFromLine(command));
    const head =
      `There are ${field.options?.length ?? 0} ${items}, more than a Discord form lists: pick one with ${button}, ` +
      `or type \`/${COMMAND_NAME} ${option.replace(/ (\S+)$/, " $1:")}\` (Discord suggests as you type).`;
    const messages = listed.filter((v): v is MessageView => v.type === "message");
    await this.reply(interaction, [{ type: "message", text: head }, ...messages]);
  }

  private async startDraft(interaction: Repliable, form: FormView): Promise<void> {
    const draftId = randomBytes(6).toString("hex");
    const filling = new FormFilling(form);
    if (!(await this.keepDraft(interaction, draftId, filling))) return;
    if (!interaction.deferred && !interaction.replied && !interaction.isModalSubmit()) {
      await interaction.showModal(this.nextStep(filling, draftId));
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
    const files = views
      .flatMap((v) => v.files ?? [])
      .map((f) => ({ attachment: f.content, name: f.name, ...(f.altText ? { description: f.altText } : {}) }));
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

  private nextStep(filling: FormFilling, draftId: string): DiscordModal {
    const form = filling.view;
    const inSteps = form.fields.length > LIMITS.modalInputs;
    const title = inSteps
      ? `${clip(form.title, LIMITS.modalTitle - 12)} ${filling.untouched ? "(step 1)" : "(continued)"}`
      : form.title;
    return modalStep(`m|${draftId}`, title, filling.next(LIMITS.modalInputs), filling.values);
  }

  /**
   * The person's draft, from the store (another replica may have taken the previous step); when it is gone
   * (expired, someone else's, or the store is away) the person is told so and undefined is returned.
   */
  private async draftOf(interaction: ButtonInteraction | ModalSubmitInteraction, draftId: string) {
    let filling: FormFilling | undefined;
    try {
      filling = await this.drafts.load(discordIdentity(interaction), draftId);
    } catch (error) {
      await this.reply(interaction, [this.drafts.failed(error)]);
      return undefined;
    }
    if (!filling) await interaction.reply({ content: EXPIRED, flags: EPHEMERAL });
    return filling;
  }

  /** Saves the draft after a step, or ends it when nothing is left to ask; false (person told) on failure. */
  private async keepDraft(interaction: Repliable, draftId: string, filling: FormFilling): Promise<boolean> {
    try {
      if (filling.remaining === 0) await this.drafts.end(draftId);
      else await this.drafts.save(discordIdentity(interaction), draftId, filling);
      return true;
    } catch (error) {
      await this.reply(interaction, [this.drafts.failed(error)]);
      return false;
    }
  }

  private async continueDraft(interaction: ButtonInteraction, draftId: string): Promise<void> {
    const filling = await this.draftOf(interaction, draftId);
    if (filling) await interaction.showModal(this.nextStep(filling, draftId));
  }

  private async modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const draftId = modalDraftOf(interaction.customId) ?? "";
    const filling = await this.draftOf(interaction, draftId);
    if (!filling) return;
    // A step before the last changes only the draft: this adapter records it, so a copy does not ask twice.
    const lastStep = filling.remaining <= LIMITS.modalInputs;
    if (!lastStep && !(await this.chat.firstTime(requestKeyOf(interaction)))) return;
    const asked = filling.next(LIMITS.modalInputs).map((f) => f.id);
    const problems = filling.answer(modalAnswers(interaction, asked));
    if (Object.keys(problems).length > 0) return this.askAgain(interaction, draftId, filling, problems);
    if (!filling.complete) {
      if (!(await this.keepDraft(interaction, draftId, filling))) return;
      const saved = "Saved so far; continue with the next fields.";
      await this.reply(interaction, [{ type: "message", text: saved }], draftId);
      return;
    }
    const result = await filling.submit(this.chat, discordIdentity(interaction), requestKeyOf(interaction));
    if (!result.ok) return this.askAgain(interaction, draftId, filling, result.errors);
    // Saved by now: a draft that could not be deleted expires by itself.
    await this.drafts.end(draftId).catch((error: unknown) => this.drafts.failed(error));
    await this.show(interaction, result.views);
  }

  /** Field errors, each with its field's label, and a button to fix just those fields (when there are any). */
  private async askAgain(
    interaction: ModalSubmitInteraction,
    draftId: string,
    filling: FormFilling,
    errors: Record<string, string>,
  ): Promise<void> {
    const lines = Object.entries(errors).map(
      ([id, message]) => `**${filling.view.fields.find((f) => f.id === id)?.label ?? id}:** ${message}`,
    );
    // A refusal that names no field of the form leaves nothing to correct: the draft ends with it.
    if (!(await this.keepDraft(interaction, draftId, filling))) return;
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
