// `npm run bench` (part): signed `/mentorship status` slash commands over HTTP, at concurrency 1 and 32,
// against our bot in HTTP mode on each store, and against a bare Bolt app acknowledging a constant (the
// baseline, measured in the same run, in the same process, with the same load generator). Per round: ack
// latency (median, p99), commands/s, answers other than 200, the time until the bot's answer reaches the
// response URL, and the event-loop delay (p99, max) of this process while the load runs.
// Writes bench/results/slack.json.
import { createHmac } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { startBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { FakeSlack } from "../test/support/fake-slack.js";
import { benchStores, median, p99, type BenchStore } from "./stores.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PEOPLE = 32;
const SERIAL_COMMANDS = Number(process.env.BENCH_SLACK_SERIAL ?? 60);
const CONCURRENT_COMMANDS = Number(process.env.BENCH_SLACK_CONCURRENT ?? 320);

/** Where the bot posts its answers (a slash command's response_url); records when each one arrived. */
class ResponseSink {
  readonly arrived = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();
  private server: Server | undefined;
  base = "";

  async start() {
    this.server = createServer((req, res) => {
      const trigger = (req.url ?? "").split("/").at(-1) ?? "";
      req.resume();
      req.on("end", () => {
        this.arrived.set(trigger, performance.now());
        this.waiting.get(trigger)?.();
        res.setHeader("content-type", "application/json");
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answered(trigger: string): Promise<void> {
    if (this.arrived.has(trigger)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(trigger, resolve));
  }

  stop() {
    return new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

let triggers = 0;

/** One signed slash command; the ack's status and latency, and the trigger id its answer will name. */
async function command(base: string, sink: ResponseSink, person: number, text: string) {
  const trigger = `bench-${++triggers}`;
  const body = new URLSearchParams({
    token: "legacy",
    team_id: "T1",
    channel_id: "C1",
    user_id: `UBENCH${person}`,
    user_name: `person${person}`,
    command: "/mentorship",
    text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: `${sink.base}/response/${trigger}`,
    trigger_id: trigger,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const started = performance.now();
  const status = await post(`${base}/slack/events`, body, {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  });
  return { status, ackMs: performance.now() - started, started, trigger };
}

/**
 * One POST on a connection of its own, as requests from Slack arrive; the answer's status, or 0 when the
 * connection failed.
 */
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

export interface LoadFigures {
  ackMedianMs: number;
  ackP99Ms: number;
  /** Acknowledged per second. */
  commandsPerSecond: number;
  /** Answered per second: until the last answer reached the response URL (our bot only). */
  answersPerSecond?: number;
  non200: number;
  /** Until the bot's answer reached the response URL (undefined for the bare app, which answers nothing). */
  answerMedianMs?: number;
  answerP99Ms?: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** `total` commands from `concurrency` people at once, each sending its next when its previous was acked. */
async function load(base: string, sink: ResponseSink, concurrency: number, total: number, answers: boolean) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const acks: number[] = [];
  const answerMs: number[] = [];
  const pending: Promise<void>[] = [];
  let non200 = 0;
  let sent = 0;
  loop.enable();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, person) => {
      while (sent < total) {
        sent++;
        const c = await command(base, sink, person, "status");
        acks.push(c.ackMs);
        if (c.status !== 200) non200++;
        else if (answers)
          pending.push(
            sink.answered(c.trigger).then(() => void answerMs.push(sink.arrived.get(c.trigger)! - c.started)),
          );
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await Promise.all(pending);
  const answeredMs = performance.now() - started;
  loop.disable();
  const figures: LoadFigures = {
    ackMedianMs: median(acks),
    ackP99Ms: p99(acks),
    commandsPerSecond: (total / elapsedMs) * 1000,
    non200,
    ...(answers
      ? { answersPerSecond: (total / answeredMs) * 1000, answerMedianMs: median(answerMs), answerP99Ms: p99(answerMs) }
      : {}),
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
  };
  return figures;
}

interface Target {
  base: string;
  answers: boolean;
  stop(): Promise<void>;
}

/** The baseline: Bolt's own HTTP receiver, acknowledging every command with a constant. */
async function bareBolt(): Promise<Target> {
  // Its Web API is a FakeSlack too: Bolt asks auth.test who the bot is before the first listener runs.
  const fake = new FakeSlack();
  await fake.start();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: "/slack/events" });
  const app = new App({
    token: "xoxb-bench",
    receiver,
    clientOptions: { slackApiUrl: `${fake.base}/api/` },
    logLevel: LogLevel.ERROR,
  });
  app.command("/mentorship", async ({ ack }) => ack("ok"));
  const server = (await app.start(0)) as Server;
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers: false,
    stop: async () => {
      await app.stop();
      await fake.stop();
    },
  };
}

async function ourBot(store: BenchStore, sink: ResponseSink): Promise<Target & { fake: FakeSlack }> {
  const fake = new FakeSlack();
  await fake.start();
  const db = await store.open();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.base}/api/`,
    MENTORSHIP_OPERATORS: "slack:UBENCH0",
    LOG_LEVEL: "silent",
  });
  const bot = await startBot({ config, log: createLogger("silent"), database: db, scheduler: false, port: 0 });
  const base = `http://127.0.0.1:${bot.http!.port}`;
  // Everyone has written to the bot once: the people exist, as they would after their first command.
  await Promise.all(Array.from({ length: PEOPLE }, (_, person) => command(base, sink, person, "help")));
  return {
    base,
    answers: true,
    fake,
    stop: async () => {
      await bot.stop();
      await db.close();
      await fake.stop();
    },
  };
}

export type SlackResults = Record<string, { serial: LoadFigures[]; concurrent: LoadFigures[] }>;

export async function benchSlack(stores: BenchStore[]): Promise<SlackResults> {
  const sink = new ResponseSink();
  await sink.start();
  const targets: Record<string, Target> = { "bare Bolt": await bareBolt() };
  for (const store of stores) targets[store.name] = await ourBot(store, sink);
  const results: SlackResults = {};
  for (const name of Object.keys(targets)) results[name] = { serial: [], concurrent: [] };
  try {
    // Rounds alternate between the targets, so a neighbour's load on the shared machine falls on all of them.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, target] of Object.entries(targets)) {
        results[name]!.serial.push(await load(target.base, sink, 1, SERIAL_COMMANDS, target.answers));
        results[name]!.concurrent.push(await load(target.base, sink, PEOPLE, CONCURRENT_COMMANDS, target.answers));
        process.stderr.write(`slack round ${round + 1} ${name}: ${JSON.stringify(results[name]!.concurrent.at(-1))}\n`);
      }
    }
  } finally {
    for (const target of Object.values(targets)) await target.stop();
    await sink.stop();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchSlack(await benchStores());
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const output = { at: new Date().toISOString(), node: process.version, rounds: ROUNDS, results };
  writeFileSync(new URL("./results/slack.json", import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
}
