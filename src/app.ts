// Composition root: config → store → core → chat → adapters. Returns a handle
// whose stop() stops intake, lets in-flight work finish and closes the store.
import path from "node:path";
import { Chat } from "./chat/chat.js";
import { hasDiscord, hasSlack, type Config } from "./config.js";
import { systemClock, type Clock } from "./core/clock.js";
import type { Core } from "./core/context.js";
import { ConsoleAdapter } from "./adapters/console/console-adapter.js";
import type { Logger } from "./log.js";
import { openDatabase, type Database } from "./store/database.js";
import { SlackAdapter } from "./adapters/slack/slack-adapter.js";
import { DiscordAdapter } from "./adapters/discord/discord-adapter.js";
import { startHttpServer, type HttpServer } from "./http-server.js";
import type { Sender } from "./scheduler/dispatcher.js";
import { Scheduler } from "./scheduler/scheduler.js";

export interface StartOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** An open store to use instead of the configured one (tests). */
  database?: Database;
  /** Web API retries for Slack (tests use 0; Slack's client default otherwise). */
  slackRetries?: number;
  /** Overrides PORT (tests listen on 0, any free port). */
  port?: number;
  /** See SlackOptions.submitBudgetMs. */
  slackSubmitBudgetMs?: number;
  /** See DiscordOptions.replyBudgetMs. */
  discordReplyBudgetMs?: number;
  /** Ticks of the reminder scheduler (default on; tests drive ticks themselves). */
  scheduler?: boolean;
  console?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; json: boolean };
}

export interface RunningBot {
  core: Core;
  chat: Chat;
  http?: HttpServer;
  slack?: SlackAdapter;
  discord?: DiscordAdapter;
  scheduler: Scheduler;
  /** Settles when the bot has nothing left to do (the console's input ended). */
  finished: Promise<void>;
  /** Settles once every line or event received so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config, log } = options;
  const db =
    options.database ??
    (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.MENTORSHIP_DATA_DIR }, { log }));
  log.info({ store: db.kind }, "database ready");
  const core: Core = { db, clock: options.clock ?? systemClock, operators: new Set(config.MENTORSHIP_OPERATORS), log };
  const chat = new Chat(core, log);

  const stops: (() => Promise<void>)[] = [];
  const senders: Sender[] = [];
  const idlers: (() => Promise<void>)[] = [];
  const outboxListeners: (() => void)[] = [];
  core.outboxWritten = () => outboxListeners.forEach((listener) => listener());
  let finished: Promise<void> = new Promise(() => {});
  let http: HttpServer | undefined;
  let slack: SlackAdapter | undefined;

  if (hasSlack(config)) {
    slack = new SlackAdapter(chat, {
      botToken: config.SLACK_BOT_TOKEN!,
      signingSecret: config.SLACK_SIGNING_SECRET!,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      log,
      ...(options.slackRetries !== undefined ? { retries: options.slackRetries } : {}),
      ...(options.slackSubmitBudgetMs !== undefined ? { submitBudgetMs: options.slackSubmitBudgetMs } : {}),
    });
    const adapter = slack;
    outboxListeners.push(adapter.onOutboxWritten);
    senders.push(adapter.sender);
    stops.push(() => adapter.stop());
    idlers.push(() => adapter.idle());
  }
  let discord: DiscordAdapter | undefined;
  if (hasDiscord(config)) {
    discord = new DiscordAdapter(chat, {
      token: config.DISCORD_TOKEN!,
      applicationId: config.DISCORD_APPLICATION_ID!,
      apiUrl: config.DISCORD_API_URL,
      log,
      ...(options.discordReplyBudgetMs !== undefined ? { replyBudgetMs: options.discordReplyBudgetMs } : {}),
    });
    const adapter = discord;
    senders.push(adapter.sender);
    outboxListeners.push(adapter.onOutboxWritten);
    stops.push(() => adapter.stop());
    idlers.push(() => adapter.idle());
  }
  if (hasSlack(config) || hasDiscord(config)) {
    http = await startHttpServer(options.port ?? config.PORT, db, log, { slack: slack?.receiver?.requestListener });
    const server = http;
    // Stopping intake comes first: the server closes before the adapters drain.
    stops.unshift(() => server.close());
    await slack?.start();
    await discord?.start();
    log.info(
      { port: http.port, slack: slack ? (config.SLACK_APP_TOKEN ? "socket mode" : "http mode") : "off" },
      "chat adapters started",
    );
  }

  if (!hasSlack(config) && !hasDiscord(config)) {
    const io = options.console ?? { input: process.stdin, output: process.stdout, json: false };
    const operator = config.MENTORSHIP_OPERATORS.find((o) => o.startsWith("console:"))?.slice("console:".length);
    const adapter = new ConsoleAdapter(chat, {
      ...io,
      initialName: operator ?? "you",
      filesDir: path.join(config.MENTORSHIP_DATA_DIR, "files"),
    });
    outboxListeners.push(adapter.onOutboxWritten);
    senders.push(adapter.sender);
    finished = adapter.run();
    stops.push(() => adapter.stop());
    idlers.push(() => adapter.idle());
    log.info("console adapter started");
  }

  const scheduler = new Scheduler(core, senders, log, {
    cron: config.MENTORSHIP_TICK_CRON,
    escalateAfterHours: config.MENTORSHIP_ESCALATE_AFTER_HOURS,
  });
  if (options.scheduler !== false) {
    scheduler.start();
    // The scheduler stops before the adapters it delivers through.
    stops.unshift(() => scheduler.stop());
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const stopAdapter of stops) await stopAdapter();
      // A store handed in by the caller is the caller's to close.
      if (!options.database) await db.close();
      log.info("stopped");
    })());
  const idle = async () => {
    for (const waitFor of idlers) await waitFor();
  };
  return { core, chat, http, slack, discord, scheduler, finished, idle, stop };
}
