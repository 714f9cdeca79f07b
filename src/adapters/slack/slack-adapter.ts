// The Slack adapter: one `/mentorship` command, modals for forms, buttons for
// decisions, App Home as each person's dashboard, direct messages for
// notifications. Bolt does the protocol (acks, retries of the Web API); this
// file wires its listeners to the chat layer: payloads are read into requests
// (listeners.ts), views rendered as Block Kit (blocks.ts, modals.ts).
import { App, type RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { isRefusal, type Chat } from "../../chat/chat.js";
import { COMMAND_NAME } from "../../chat/command-tree.js";
import { PAGE_ACTION } from "../../chat/paging.js";
import { commandRequest, type IdentityRef } from "../../chat/requests.js";
import { refusal, type Attachment, type FormView, type MessageView, type View } from "../../chat/views.js";
import type { RequestListener } from "../../http-server.js";
import type { Logger } from "../../log.js";
import type { Deliveries, Sender } from "../../scheduler/dispatcher.js";
import type { ChatAdapter } from "../adapter.js";
import { actionFromId, fallbackText, messageBlocks } from "./blocks.js";
import { LIMITS } from "./limits.js";
import { actionRequestOf, commandRequestOf, requestKeyOf, slackIdentity, submissionOf } from "./listeners.js";
import { slackLogger } from "./logger.js";
import { modalView } from "./modals.js";
import { SlackHttpReceiver } from "./receiver.js";
import { slackSender } from "./sender.js";
import { SlackSocket } from "./socket.js";

/** Where Slack sends commands, interactions and events in HTTP mode (the manifest names it). */
export const SLACK_EVENTS_PATH = "/slack/events";

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
  /** Socket Mode's heartbeat (Slack's client defaults: 5 s for a pong, 30 s between Slack's pings). */
  socket?: { clientPingTimeoutMs?: number; serverPingTimeoutMs?: number };
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = "slack";
  readonly app: App;
  /** Mounted at /slack/events by the HTTP server in HTTP mode. */
  readonly receiver: SlackHttpReceiver | undefined;
  /** Socket Mode's connection to Slack (socket.ts). */
  readonly socket: SlackSocket | undefined;
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
      this.socket = new SlackSocket({
        appToken: options.appToken,
        clientOptions,
        logger,
        log: options.log,
        clientPingTimeoutMs: options.socket?.clientPingTimeoutMs,
        serverPingTimeoutMs: options.socket?.serverPingTimeoutMs,
      });
      this.receiver = undefined;
    } else {
      this.socket = undefined;
      this.receiver = new SlackHttpReceiver({ signingSecret: options.signingSecret, log: options.log });
    }
    // botId and botUserId skip the auth.test call Bolt would make before the first request. Bolt uses them
    // only to ignore the bot's own message events, and the bot listens to none.
    this.app = new App({
      token: options.botToken,
      receiver: this.socket?.receiver ?? this.receiver,
      clientOptions,
      logger,
      botId: "B0MENTORSHIP",
      botUserId: "U0MENTORSHIP",
    });
    this.deliveries = chat.deliveries(this.sender, (error) =>
      options.log.warn({ err: error }, "slack delivery failed; the messages stay in the outbox"),
    );
    this.registerListeners();
  }

  /** In HTTP mode Slack's requests come to the bot's own HTTP server, which hands them to the edge. */
  get routes(): Record<string, RequestListener> | undefined {
    return this.receiver ? { [SLACK_EVENTS_PATH]: this.receiver.requestListener } : undefined;
  }

  /** In Socket Mode, settles once Slack's hello arrived on the WebSocket. */
  async start(): Promise<void> {
    await this.socket?.start(this.app);
    this.deliveries.soon();
  }

  /** Stops intake (Socket Mode) and waits for requests and deliveries in flight. */
  async stop(): Promise<void> {
    await this.socket?.stop();
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
        const identity = slackIdentity({ id: command.user_id, name: command.user_name });
        const requestKey = requestKeyOf(command.trigger_id);
        const views = await this.chat.handle(identity, commandRequestOf(command), requestKey);
        const to = { client, respond, triggerId: command.trigger_id, userId: command.user_id, replace: false };
        await this.show(views, to);
      });
    });

    this.app.action(/.*/, async ({ action, body, ack, respond, client }) => {
      await ack();
      if (action.type !== "button" || body.type !== "block_actions" || !("action_id" in action)) return;
      await this.track(async () => {
        const identity = slackIdentity(body.user);
        const requestKey = requestKeyOf(body.trigger_id);
        const views = await this.chat.handle(identity, actionRequestOf(action), requestKey);
        if (views.length === 0) return;
        // A decision replaces the message it was taken on, so it shows who decided and when;
        // a refusal leaves the message as it was and answers beside it.
        const to = { client, respond, triggerId: body.trigger_id, userId: body.user.id, replace: !isRefusal(views) };
        // A button on the App Home tab has no message to answer (no response_url): the Home is
        // refreshed and the answer goes to the person's direct messages.
        if (body.view?.type === "home" || !body.response_url) {
          // Previous/Next on the Home tab turn the Home's own page.
          if (actionFromId(action.action_id) === PAGE_ACTION && !isRefusal(views)) {
            return this.publishHome(client, body.user.id, views);
          }
          await this.replyLater(client, identity, requestKey, views);
          await this.publishHome(client, body.user.id);
          if (views.some((v) => v.type === "form")) await this.show(views, to);
          return;
        }
        await this.show(views, to);
      });
    });

    this.app.view(/.*/, async ({ view, body, ack, client }) => {
      if (body.type !== "view_submission") return void (await ack());
      const identity = slackIdentity(body.user);
      // A replayed submission is answered with nothing: the modal closes and nothing changes.
      const requestKey = requestKeyOf(body.trigger_id);
      const submitting = this.chat.handle(identity, submissionOf(view), requestKey);
      const budgetMs = this.options.submitBudgetMs ?? 2500;
      const budget = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), budgetMs).unref());
      // A budget of 0 always answers by message (no race to lose).
      const result = budgetMs <= 0 ? "late" : await Promise.race([submitting, budget]);
      if (result === "late") {
        await ack();
        await this.track(async () => {
          const late = await submitting;
          const notSaved =
            `Your form was not saved: ${Object.values(late.ok ? {} : late.errors).join(" ")} ` +
            `Run the command again.`;
          const views = late.ok ? late.views : [refusal(notSaved)];
          await this.replyLater(client, identity, requestKey, views);
        });
        return;
      }
      if (!result.ok) {
        // An error of no field in the modal is shown on its first field, where the person will see it.
        const blockIds = new Set(view.blocks.map((b) => b.block_id));
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
        await ack({ response_action: "update", view: modalView(next) });
        return;
      }
      await ack();
      await this.track(() => this.replyLater(client, identity, requestKey, result.views));
    });

    this.app.event("app_home_opened", async ({ event, client, body }) => {
      if (event.tab !== "home") return;
      await this.track(async () => {
        // The edge refuses an event without its id.
        if (await this.chat.firstTime(`slack-event:${body.event_id}`)) await this.publishHome(client, event.user);
      });
    });
  }

  /** Each person's dashboard, the same views `/mentorship home` answers. */
  async publishHome(client: WebClient, userId: string, page?: View[]): Promise<void> {
    const identity = slackIdentity({ id: userId });
    const views = (page ?? (await this.chat.handle(identity, commandRequest(["home"])))).filter(
      (v): v is MessageView => v.type === "message",
    );
    const blocks = views.flatMap((v) => messageBlocks(v, LIMITS.viewBlocks)).slice(0, LIMITS.viewBlocks);
    await client.views.publish({ user_id: userId, view: { type: "home", blocks } });
  }

  private async show(
    views: View[],
    to: { client: WebClient; respond: RespondFn; triggerId: string; userId: string; replace: boolean },
  ): Promise<void> {
    if (views.length === 0) return;
    const form = views.find((v): v is FormView => v.type === "form");
    if (form) {
      await to.client.views.open({ trigger_id: to.triggerId, view: modalView(form) });
      return;
    }
    const messages = views.filter((v): v is MessageView => v.type === "message");
    const blocks = messages.flatMap((v) => messageBlocks(v)).slice(0, LIMITS.messageBlocks);
    const answer = { response_type: "ephemeral" as const, replace_original: to.replace, blocks };
    try {
      await to.respond({ ...answer, text: fallbackText(messages[0] ?? {}) });
    } catch (error) {
      // The response URL failed (Slack down, or 30 minutes passed): the answer goes to direct messages.
      this.options.log.warn({ err: error }, "slack response failed; answering by direct message");
      return this.replyLater(to.client, slackIdentity({ id: to.userId }), requestKeyOf(to.triggerId), messages);
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
        blocks: messageBlocks(view),
      });
    }
    await this.upload(
      client,
      userId,
      views.flatMap((v) => v.files ?? []),
    );
  }

  /** Letters, exports and the digest's chart go to the person's direct messages with the bot. */
  private async upload(client: WebClient, userId: string, files: Attachment[]): Promise<void> {
    if (files.length === 0) return;
    const dm = await client.conversations.open({ users: userId });
    for (const file of files) {
      await client.files.uploadV2({
        channel_id: dm.channel?.id ?? userId,
        file: file.content,
        filename: file.name,
        title: file.name,
        ...(file.altText ? { alt_text: file.altText } : {}),
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
