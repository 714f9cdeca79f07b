// The Slack adapter: one `/mentorship` command, modals for forms, buttons for
// decisions, App Home as each person's dashboard, direct messages for
// notifications. Bolt does the protocol (signatures, acks, retries of the Web
// API); this file only translates between Slack payloads and the chat layer.
import { App, type RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Chat } from "../../chat/chat.js";
import { COMMAND_NAME } from "../../chat/command-tree.js";
import type { Attachment, FormView, MessageView, View } from "../../chat/views.js";
import type { IdentityRef } from "../../core/people.js";
import { Deliveries, type Sender } from "../../scheduler/dispatcher.js";
import type { Logger } from "../../log.js";
import { SlackHttpReceiver } from "./receiver.js";
import { slackLogger } from "./logger.js";
import { actionFromId, fallbackText, LIMITS, messageBlocks, modalValues, modalView } from "./blocks.js";
import { slackSender } from "./sender.js";

export interface SlackOptions {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set; HTTP mode otherwise. */
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  log: Logger;
  /** Tests shorten the Web API's retries (the default retries for about 30 minutes). */
  retries?: number;
  /**
   * How long a modal submission may take before Slack must get its ack (it
   * allows 3 s). A slower one is acked and its outcome sent as a message;
   * 0 answers every submission that way.
   */
  submitBudgetMs?: number;
}

export class SlackAdapter {
  readonly app: App;
  /** Mounted at /slack/events by the HTTP server in HTTP mode. */
  readonly receiver: SlackHttpReceiver | undefined;
  private readonly deliveries: Deliveries;
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly chat: Chat,
    private readonly options: SlackOptions,
  ) {
    const clientOptions = {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/` } : {}),
      // Answers to a request are worth little after a few seconds (a trigger_id lives 3 s, and what
      // could not be answered goes through the outbox), so a call gives up after 10 s and two quick
      // retries instead of the Web API client's default of ten retries over about 30 minutes.
      retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
      timeout: 10_000,
      // A 429 on an answer fails at once: the answer then goes through the outbox, which waits it out.
      rejectRateLimitedCalls: true,
    };
    const logger = slackLogger(options.log);
    if (options.appToken) {
      this.receiver = undefined;
      this.app = new App({
        token: options.botToken,
        appToken: options.appToken,
        socketMode: true,
        clientOptions,
        logger,
      });
    } else {
      this.receiver = new SlackHttpReceiver({ signingSecret: options.signingSecret, log: options.log });
      // botId and botUserId skip the auth.test call Bolt would make before the first request. Bolt uses them
      // only to ignore the bot's own message events, and the bot listens to none.
      this.app = new App({
        token: options.botToken,
        receiver: this.receiver,
        clientOptions,
        logger,
        botId: "B0MENTORSHIP",
        botUserId: "U0MENTORSHIP",
      });
    }
    this.deliveries = new Deliveries(chat.core, this.sender, (error) =>
      options.log.warn({ err: error }, "slack delivery failed; the messages stay in the outbox"),
    );
    this.registerListeners();
  }

  async start(): Promise<void> {
    if (this.options.appToken) await this.app.start();
    this.deliveries.soon();
  }

  /** Stops intake (Socket Mode) and waits for requests and deliveries in flight. */
  async stop(): Promise<void> {
    if (this.options.appToken) await this.app.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.deliveries.settled();
  }

  /** Settles when everything received so far has been handled (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.deliveries.settled();
  }

  /** Called when a use case wrote notifications. */
  readonly onOutboxWritten = (): void => this.deliveries.soon();

  private registerListeners(): void {
    this.app.command(`/${COMMAND_NAME}`, async ({ command, ack, respond, client }) => {
      await ack();
      await this.track(async () => {
        const identity = { platform: "slack" as const, externalId: command.user_id, displayName: command.user_name };
        const views = await this.chat.command(identity, command.text ?? "", `slack:${command.trigger_id}`);
        const to = { client, respond, triggerId: command.trigger_id, userId: command.user_id, replace: false };
        await this.show(views, to);
      });
    });

    this.app.action(/.*/, async ({ action, body, ack, respond, client }) => {
      await ack();
      if (action.type !== "button" || body.type !== "block_actions" || !("action_id" in action)) return;
      await this.track(async () => {
        const user = body.user as { id: string; username?: string; name?: string };
        const displayName = user.username ?? user.name ?? user.id;
        const identity = { platform: "slack" as const, externalId: user.id, displayName };
        const requestKey = `slack:${body.trigger_id}`;
        const views = await this.chat.action(identity, actionFromId(action.action_id), action.value ?? "", requestKey);
        if (views.length === 0) return;
        // A decision replaces the message it was taken on, so it shows who decided and when;
        // a refusal leaves the message as it was and answers beside it.
        const refused = views.length === 1 && views[0]?.type === "message" && views[0].tone === "error";
        // A button on the App Home tab has no message to answer (no response_url): the Home is
        // refreshed and the answer goes to the person's direct messages.
        const onHome = (body as { view?: { type?: string } }).view?.type === "home";
        const to = { client, respond, triggerId: body.trigger_id, userId: user.id, replace: !refused };
        if (onHome || !body.response_url) {
          await this.replyLater(client, identity, requestKey, views);
          await this.publishHome(client, user.id);
          if (views.some((v) => v.type === "form")) await this.show(views, to);
          return;
        }
        await this.show(views, to);
      });
    });

    this.app.view(/.*/, async ({ view, body, ack, client }) => {
      if (body.type !== "view_submission") return void (await ack());
      const user = body.user as { id: string; username?: string; name?: string };
      const displayName = user.username ?? user.name ?? user.id;
      const identity: IdentityRef = { platform: "slack", externalId: user.id, displayName };
      const values = modalValues(view.state as never);
      // A replayed submission is answered with nothing: the modal closes and nothing changes.
      const requestKey = `slack:${body.trigger_id}`;
      const submitting = this.chat.submit(identity, view.callback_id, view.private_metadata, values, requestKey);
      const budgetMs = this.options.submitBudgetMs ?? 2500;
      const budget = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), budgetMs).unref());
      // A budget of 0 always answers by message (no race to lose).
      const result = budgetMs <= 0 ? "late" : await Promise.race([submitting, budget]);
      if (result === "late") {
        await ack();
        await this.track(async () => {
          const late = await submitting;
          const notSaved = `Your form was not saved: ${Object.values(late.ok ? {} : late.errors).join(" ")} Run the command again.`;
          const views = late.ok ? late.views : [{ type: "message" as const, tone: "error" as const, text: notSaved }];
          await this.replyLater(client, identity, requestKey, views);
        });
        return;
      }
      if (!result.ok) {
        const blockIds = new Set((view.blocks as { block_id?: string }[]).map((b) => b.block_id));
        const firstBlock = [...blockIds][0];
        const errors = Object.fromEntries(
          Object.entries(result.errors).map(([field, message]) => [
            blockIds.has(field) ? field : (firstBlock ?? field),
            message,
          ]),
        );
        await ack({ response_action: "errors", errors });
        return;
      }
      const next = result.views.find((v): v is FormView => v.type === "form");
      if (next) {
        await ack({ response_action: "update", view: modalView(next) as never });
        return;
      }
      await ack();
      await this.track(() => this.replyLater(client, identity, requestKey, result.views));
    });

    this.app.event("app_home_opened", async ({ event, client, body }) => {
      if (event.tab !== "home") return;
      const eventId = (body as { event_id: string }).event_id; // the edge refuses an event without one
      await this.track(async () => {
        if (await this.chat.firstTime(`slack-event:${eventId}`)) await this.publishHome(client, event.user);
      });
    });
  }

  /** Each person's dashboard, the same views `/mentorship home` answers. */
  async publishHome(client: WebClient, userId: string): Promise<void> {
    const identity = { platform: "slack" as const, externalId: userId, displayName: userId };
    const views = (await this.chat.command(identity, "home")).filter((v): v is MessageView => v.type === "message");
    const blocks = views.flatMap((v) => messageBlocks(v, LIMITS.viewBlocks)).slice(0, LIMITS.viewBlocks);
    await client.views.publish({ user_id: userId, view: { type: "home", blocks: blocks as never } });
  }

  private async show(
    views: View[],
    to: { client: WebClient; respond: RespondFn; triggerId: string; userId: string; replace: boolean },
  ): Promise<void> {
    if (views.length === 0) return;
    const form = views.find((v): v is FormView => v.type === "form");
    if (form) {
      await to.client.views.open({ trigger_id: to.triggerId, view: modalView(form) as never });
      return;
    }
    const messages = views as MessageView[];
    const blocks = messages.flatMap((v) => messageBlocks(v)).slice(0, LIMITS.messageBlocks);
    const answer = { response_type: "ephemeral" as const, replace_original: to.replace, blocks: blocks as never };
    try {
      await to.respond({ ...answer, text: fallbackText(messages[0] ?? { type: "message" }) });
    } catch (error) {
      // The response URL failed (Slack down, or 30 minutes passed): the answer goes to direct messages.
      this.options.log.warn({ err: error }, "slack response failed; answering by direct message");
      const identity = { platform: "slack" as const, externalId: to.userId, displayName: to.userId };
      return this.replyLater(to.client, identity, `slack:${to.triggerId}`, messages);
    }
    await this.upload(
      to.client,
      to.userId,
      messages.flatMap((v) => v.files ?? []),
    );
  }

  /** What a person must hear after the ack goes through the outbox; directly only when it cannot. */
  private async replyLater(client: WebClient, identity: IdentityRef, requestKey: string, views: View[]): Promise<void> {
    const messages = views.filter((v): v is MessageView => v.type === "message");
    if (messages.length === 0) return;
    if (!(await this.chat.replyLater(identity, requestKey, messages))) {
      return this.postToUser(client, identity.externalId, messages);
    }
    await this.upload(
      client,
      identity.externalId,
      messages.flatMap((v) => v.files ?? []),
    );
  }

  private async postToUser(client: WebClient, userId: string, views: MessageView[]): Promise<void> {
    for (const view of views) {
      await client.chat.postMessage({
        channel: userId,
        text: fallbackText(view),
        blocks: messageBlocks(view) as never,
      });
    }
    await this.upload(
      client,
      userId,
      views.flatMap((v) => v.files ?? []),
    );
  }

  /** Letters and ledgers go to the person's direct messages with the bot. */
  private async upload(client: WebClient, userId: string, files: Attachment[]): Promise<void> {
    if (files.length === 0) return;
    const dm = await client.conversations.open({ users: userId });
    for (const file of files) {
      await client.files.uploadV2({
        channel_id: dm.channel?.id ?? userId,
        file: file.content,
        filename: file.name,
        title: file.name,
      });
    }
  }

  /** Direct messages and digest posts from the outbox; see sender.ts. */
  readonly sender: Sender = slackSender(() => ({
    client: this.app.client,
    log: this.options.log,
    retries: this.options.retries,
  }));

  private async track(work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) =>
      this.options.log.error({ err: error }, "slack request failed after its ack"),
    );
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }
}
