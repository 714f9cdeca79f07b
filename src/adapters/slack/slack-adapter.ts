// The Slack adapter: one `/mentorship` command, modals for forms, buttons for
// decisions, App Home as each person's dashboard, direct messages for
// notifications. Bolt does the protocol (signatures, acks, retries of the Web
// API); this file only translates between Slack payloads and the chat layer.
import { App, HTTPReceiver, LogLevel, type RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Chat } from "../../chat/chat.js";
import type { Attachment, FormView, MessageView, View } from "../../chat/views.js";
import type { IdentityRef } from "../../core/people.js";
import { Deliveries, type Sender } from "../../scheduler/dispatcher.js";
import type { Logger } from "../../log.js";
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
  readonly receiver: HTTPReceiver | undefined;
  private readonly deliveries: Deliveries;
  private readonly seen = new Set<string>();
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly chat: Chat,
    private readonly options: SlackOptions,
  ) {
    const clientOptions = {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/` } : {}),
      ...(options.retries !== undefined ? { retryConfig: { retries: options.retries, factor: 1, minTimeout: 10, maxTimeout: 50 } } : {}),
      // The outbox dispatcher waits out a 429 itself, without holding the message.
      rejectRateLimitedCalls: true,
    };
    const logger = boltLogger(options.log);
    if (options.appToken) {
      this.receiver = undefined;
      this.app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, clientOptions, logger });
    } else {
      this.receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: "/slack/events", logger, unhandledRequestTimeoutMillis: 3001 });
      // botId and botUserId skip the auth.test call Bolt would make before the first request.
      this.app = new App({ token: options.botToken, receiver: this.receiver, clientOptions, logger, botId: "B0MENTORSHIP", botUserId: "U0MENTORSHIP" });
    }
    this.deliveries = new Deliveries(chat.core, this.sender, (error) => options.log.warn({ err: error }, "slack delivery failed; the messages stay in the outbox"));
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
    this.app.command("/mentorship", async ({ command, ack, respond, client }) => {
      await ack();
      if (this.firstTime(`command:${command.trigger_id}`)) {
        await this.track(async () => {
          const identity = { platform: "slack" as const, externalId: command.user_id, displayName: command.user_name };
          const views = await this.chat.command(identity, command.text ?? "");
          await this.show(views, { client, respond, triggerId: command.trigger_id, userId: command.user_id, replace: false });
        });
      }
    });

    this.app.action(/.*/, async ({ action, body, ack, respond, client }) => {
      await ack();
      if (action.type !== "button" || body.type !== "block_actions" || !("action_id" in action)) return;
      if (!this.firstTime(`action:${body.trigger_id}`)) return;
      await this.track(async () => {
        const user = body.user as { id: string; username?: string; name?: string };
        const identity = { platform: "slack" as const, externalId: user.id, displayName: user.username ?? user.name ?? user.id };
        const views = await this.chat.action(identity, actionFromId(action.action_id), action.value ?? "");
        // A decision replaces the message it was taken on, so it shows who decided and when;
        // a refusal leaves the message as it was and answers beside it.
        const refused = views.length === 1 && views[0]?.type === "message" && views[0].tone === "error";
        await this.show(views, { client, respond, triggerId: body.trigger_id, userId: user.id, replace: !refused });
      });
    });

    this.app.view(/.*/, async ({ view, body, ack, client }) => {
      const user = body.user as { id: string; username?: string; name?: string };
      const identity: IdentityRef = { platform: "slack", externalId: user.id, displayName: user.username ?? user.name ?? user.id };
      const submitting = this.chat.submit(identity, view.callback_id, view.private_metadata, modalValues(view.state as never));
      const budgetMs = this.options.submitBudgetMs ?? 2500;
      const budget = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), budgetMs).unref());
      // A budget of 0 always answers by message (no race to lose).
      const result = budgetMs <= 0 ? "late" : await Promise.race([submitting, budget]);
      if (result === "late") {
        await ack();
        await this.track(async () => {
          const late = await submitting;
          const views = late.ok ? late.views : [{ type: "message" as const, tone: "error" as const, text: `Your form was not saved: ${Object.values(late.errors).join(" ")} Run the command again.` }];
          await this.postToUser(client, user.id, views.filter((v): v is MessageView => v.type === "message"));
        });
        return;
      }
      if (!result.ok) {
        const blockIds = new Set((view.blocks as { block_id?: string }[]).map((b) => b.block_id));
        const errors = Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [blockIds.has(field) ? field : [...blockIds][0] ?? field, message]));
        await ack({ response_action: "errors", errors });
        return;
      }
      const next = result.views.find((v): v is FormView => v.type === "form");
      if (next) {
        await ack({ response_action: "update", view: modalView(next) as never });
        return;
      }
      await ack();
      await this.track(() => this.postToUser(client, user.id, result.views as MessageView[]));
    });

    this.app.event("app_home_opened", async ({ event, client, body }) => {
      if (event.tab !== "home" || !this.firstTime(`event:${(body as { event_id?: string }).event_id ?? event.event_ts}`)) return;
      await this.track(() => this.publishHome(client, event.user));
    });
  }

  /** Each person's dashboard, the same views `/mentorship home` answers. */
  async publishHome(client: WebClient, userId: string): Promise<void> {
    const identity = { platform: "slack" as const, externalId: userId, displayName: userId };
    const views = (await this.chat.command(identity, "home")).filter((v): v is MessageView => v.type === "message");
    const blocks = views.flatMap((v) => messageBlocks(v, LIMITS.viewBlocks)).slice(0, LIMITS.viewBlocks);
    await client.views.publish({ user_id: userId, view: { type: "home", blocks: blocks as never } });
  }

  private async show(views: View[], to: { client: WebClient; respond: RespondFn; triggerId: string; userId: string; replace: boolean }): Promise<void> {
    const form = views.find((v): v is FormView => v.type === "form");
    if (form) {
      await to.client.views.open({ trigger_id: to.triggerId, view: modalView(form) as never });
      return;
    }
    const messages = views as MessageView[];
    const blocks = messages.flatMap((v) => messageBlocks(v)).slice(0, LIMITS.messageBlocks);
    await to.respond({ response_type: "ephemeral", replace_original: to.replace, text: fallbackText(messages[0] ?? { type: "message" }), blocks: blocks as never });
    await this.upload(to.client, to.userId, messages.flatMap((v) => v.files ?? []));
  }

  private async postToUser(client: WebClient, userId: string, views: MessageView[]): Promise<void> {
    for (const view of views) {
      await client.chat.postMessage({ channel: userId, text: fallbackText(view), blocks: messageBlocks(view) as never });
    }
    await this.upload(client, userId, views.flatMap((v) => v.files ?? []));
  }

  /** Letters and ledgers go to the person's direct messages with the bot. */
  private async upload(client: WebClient, userId: string, files: Attachment[]): Promise<void> {
    if (files.length === 0) return;
    const dm = await client.conversations.open({ users: userId });
    for (const file of files) {
      await client.files.uploadV2({ channel_id: dm.channel?.id ?? userId, file: file.content, filename: file.name, title: file.name });
    }
  }

  /** Direct messages and digest posts from the outbox; see sender.ts. */
  readonly sender: Sender = slackSender(() => ({
    client: this.app.client,
    log: this.options.log,
    retries: this.options.retries,
  }));

  private async track(work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) => this.options.log.error({ err: error }, "slack request failed after its ack"));
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  /** Slack may deliver the same request twice (X-Slack-Retry-Num); the second changes nothing. */
  private firstTime(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}

function boltLogger(log: Logger) {
  const child = log.child({ adapter: "slack" });
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(" ")),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
