// Composition root: config → store → core → chat → adapters. Returns a handle
// whose stop() stops intake, lets in-flight work finish and closes the store.
import path from "node:path";
import { Chat } from "./chat/chat.js";
import { hasDiscord, hasSlack, type Config } from "./config.js";
import { ManualClock, systemClock, type Clock } from "./core/clock.js";
import type { Core } from "./core/context.js";
import { ConsoleAdapter, type ConsoleOptions } from "./adapters/console/console-adapter.js";
import type { Logger } from "./log.js";
import { openDatabase, type Database } from "./store/database.js";
// Type-only: a platform's adapter (and Bolt or discord.js with it) is imported only when it is configured.
import type { SlackAdapter, SlackOptions } from "./adapters/slack/slack-adapter.js";
import type { DiscordAdapter } from "./adapters/discord/discord-adapter.js";
import { startHttpServer, type HttpServer, type RequestListener } from "./http-server.js";
import type { ChatAdapter } from "./adapters/adapter.js";
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
  /** See SlackOptions.socket (tests shorten Socket Mode's heartbeat and reconnect wait). */
  slackSocket?: SlackOptions["socket"];
  /** See DiscordOptions.gatewayRetryMs. */
  discordGatewayRetryMs?: number;
  /** See DiscordOptions.replyBudgetMs. */
  discordReplyBudgetMs?: number;
  /** Ticks of the reminder scheduler (default on; tests drive ticks themselves). */
  scheduler?: boolean;
  console?: Pick<ConsoleOptions, "input" | "output" | "json" | "logs">;
  /**
   * A rehearsal on the console: a simulated clock (this one, or one starting now) that `/time` moves, ticking the
   * scheduler on the way; no cron ticks.
   */
  rehearse?: { clock?: ManualClock };
}

export interface RunningBot {
  core: Core;
  chat: Chat;
  http?: HttpServer;
  /** The configured chat platforms' adapters, in the order they start and stop. */
  adapters: ChatAdapter[];
  slack?: SlackAdapter;
  discord?: DiscordAdapter;
  scheduler: Scheduler;
  /**
   * Settles when the bot has nothing left to do (the console's input ended), with the exit status (see
   * ChatAdapter).
   */
  finished: Promise<number>;
  /** Settles once every line or event received so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config, log } = options;
  // Loaded on demand: Bolt and discord.js cost half a second of start each and tens of MiB where they are not
  // used. And loaded while the database opens: PGlite opens on its worker's thread, PostgreSQL on its server.
  const slackModule = hasSlack(config) ? import("./adapters/slack/slack-adapter.js") : undefined;
  const discordModule = hasDiscord(config) ? import("./adapters/discord/discord-adapter.js") : undefined;
  const db =
    options.database ??
    (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.MENTORSHIP_DATA_DIR }, { log }));
  log.info({ store: db.kind }, "database ready");
  // A rehearsal starts at the next whole minute, so the times people read are round.
  const rehearsalClock = options.rehearse
    ? (options.rehearse.clock ?? new ManualClock(new Date(Math.ceil(Date.now() / 60_000) * 60_000)))
    : undefined;
  const clock = rehearsalClock ?? options.clock ?? systemClock;
  const core: Core = { db, clock, operators: new Set(config.MENTORSHIP_OPERATORS), log };
  const chat = new Chat(core, log);

  const adapters: ChatAdapter[] = [];
  if (slackModule) {
    const { SlackAdapter } = await slackModule;
    adapters.push(
      new SlackAdapter(chat, {
        botToken: config.SLACK_BOT_TOKEN!,
        signingSecret: config.SLACK_SIGNING_SECRET!,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        log,
        ...(options.slackRetries !== undefined ? { retries: options.slackRetries } : {}),
        ...(options.slackSubmitBudgetMs !== undefined ? { submitBudgetMs: options.slackSubmitBudgetMs } : {}),
        ...(options.slackSocket ? { socket: options.slackSocket } : {}),
      }),
    );
  }
  if (discordModule) {
    const { DiscordAdapter } = await discordModule;
    adapters.push(
      new DiscordAdapter(chat, {
        token: config.DISCORD_TOKEN!,
        applicationId: config.DISCORD_APPLICATION_ID!,
        apiUrl: config.DISCORD_API_URL,
        publicKey: config.DISCORD_PUBLIC_KEY,
        log,
        ...(options.discordGatewayRetryMs !== undefined ? { gatewayRetryMs: options.discordGatewayRetryMs } : {}),
        ...(options.discordReplyBudgetMs !== undefined ? { replyBudgetMs: options.discordReplyBudgetMs } : {}),
      }),
    );
  }
  // With no chat platform configured, the bot is a terminal session.
  if (adapters.length === 0) {
    const io = options.console ?? { input: process.stdin, output: process.stdout, json: false };
    const operator = config.MENTORSHIP_OPERATORS.find((o) => o.startsWith("console:"))?.slice("console:".length);
    adapters.push(
      new ConsoleAdapter(chat, {
        ...io,
        ...(rehearsalClock ? { rehearsal: rehearsal(rehearsalClock, () => scheduler) } : {}),
        initialName: operator ?? "you",
        filesDir: path.join(config.MENTORSHIP_DATA_DIR, "files"),
      }),
    );
  }
  core.outboxWritten = () => {
    for (const adapter of adapters) adapter.onOutboxWritten();
  };

  // A platform's requests (and health checks) come over HTTP; a terminal session serves none.
  let http: HttpServer | undefined;
  if (adapters.some((a) => a.platform !== "console")) {
    const routes: Record<string, RequestListener> = {};
    for (const adapter of adapters) Object.assign(routes, adapter.routes);
    http = await startHttpServer(options.port ?? config.PORT, db, log, routes);
  }
  for (const adapter of adapters) await adapter.start();
  log.info({ adapters: adapters.map((a) => a.platform), port: http?.port }, "chat adapters started");

  const scheduler = new Scheduler(
    core,
    adapters.map((a) => a.sender),
    log,
    {
      cron: config.MENTORSHIP_TICK_CRON,
      escalateAfterHours: config.MENTORSHIP_ESCALATE_AFTER_HOURS,
    },
  );
  const ticking = options.scheduler !== false && !rehearsalClock;
  if (ticking) scheduler.start();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Intake and ticks stop first: the scheduler, then the HTTP server; then the adapters drain.
      if (ticking) await scheduler.stop();
      await http?.close();
      for (const adapter of adapters) await adapter.stop();
      // A store handed in by the caller is the caller's to close.
      if (!options.database) await db.close();
      log.info("stopped");
    })());
  const idle = async () => {
    for (const adapter of adapters) await adapter.idle();
  };
  const endings = adapters.flatMap((a) => (a.finished ? [a.finished] : []));
  // A chat platform never runs out of input: only a console session finishes by itself.
  const finished: Promise<number> = endings.length
    ? Promise.all(endings).then((statuses) => Math.max(0, ...statuses))
    : new Promise(() => {});
  const slack = adapters.find((a): a is SlackAdapter => a.platform === "slack");
  const discord = adapters.find((a): a is DiscordAdapter => a.platform === "discord");
  return { core, chat, adapters, http, slack, discord, scheduler, finished, idle, stop };
}

/**
 * `/time` moves the clock in steps of three hours (on the hours 00, 03 … 21 UTC), ticking the scheduler at each,
 * so what falls due on the way is sent in order, at most three hours after it would have been (a Monday 09:00
 * digest on time); then once more at the time asked for. Hourly steps would take a minute a simulated month.
 */
const REHEARSAL_STEP_MS = 3 * 60 * 60_000;

function rehearsal(clock: ManualClock, scheduler: () => Scheduler) {
  return {
    now: () => clock.now(),
    setTo: (to: Date) => clock.set(to),
    async advanceTo(to: Date) {
      while (clock.now() < to) {
        const nextStep = (Math.floor(clock.now().getTime() / REHEARSAL_STEP_MS) + 1) * REHEARSAL_STEP_MS;
        clock.set(new Date(Math.min(to.getTime(), nextStep)));
        await scheduler().tick();
      }
    },
  };
}
