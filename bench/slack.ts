// `npm run bench` (part): signed `/mentorship status` slash commands over HTTP, at concurrency 1 and 32,
// against our bot in HTTP mode on each store, and against a bare Bolt app acknowledging a constant (the
// baseline, measured in the same run with the same load generator). Each target is a process of its own
// (bench/target.ts), as a bot is. Per round: ack latency (median, p99), commands acked and answered per
// second, answers other than 200, the time until the bot's answer reaches the response URL, and the
// target's own event-loop delay (p99, max) while the load runs. Also per store: start to ready on a new and
// on an existing database, and idle resident memory.
import { createHmac } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchStores, median, p99, postgresDatabase, QUICK } from "./stores.js";
import { SIGNING_SECRET as SECRET, type FromTarget, type ToTarget } from "./target-messages.js";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 3));
const PEOPLE = 32;
const SERIAL_COMMANDS = Number(process.env.BENCH_SLACK_SERIAL ?? (QUICK ? 30 : 60));
const CONCURRENT_COMMANDS = Number(process.env.BENCH_SLACK_CONCURRENT ?? (QUICK ? 160 : 320));

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
  /** Until the bot's answer reached the response URL (our bot only; the bare app answers nothing). */
  answerMedianMs?: number;
  answerP99Ms?: number;
  /** The target's own event loop while the load ran. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** `total` commands from `concurrency` people at once, each sending its next when its previous was acked. */
async function load(target: Target, sink: ResponseSink, concurrency: number, total: number): Promise<LoadFigures> {
  const acks: number[] = [];
  const answerMs: number[] = [];
  const pending: Promise<void>[] = [];
  let non200 = 0;
  let sent = 0;
  await target.ask("measure");
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, person) => {
      while (sent < total) {
        sent++;
        const c = await command(target.base, sink, person, "status");
        acks.push(c.ackMs);
        if (c.status !== 200) non200++;
        else if (target.answers)
          pending.push(
            sink.answered(c.trigger).then(() => void answerMs.push(sink.arrived.get(c.trigger)! - c.started)),
          );
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await Promise.all(pending);
  const answeredMs = performance.now() - started;
  const loop = await target.ask("report");
  return {
    ackMedianMs: median(acks),
    ackP99Ms: p99(acks),
    commandsPerSecond: (total / elapsedMs) * 1000,
    non200,
    ...(target.answers
      ? { answersPerSecond: (total / answeredMs) * 1000, answerMedianMs: median(answerMs), answerP99Ms: p99(answerMs) }
      : {}),
    loopDelayP99Ms: "loopDelayP99Ms" in loop ? loop.loopDelayP99Ms : Number.NaN,
    loopDelayMaxMs: "loopDelayMaxMs" in loop ? loop.loopDelayMaxMs : Number.NaN,
  };
}

export interface Target {
  base: string;
  answers: boolean;
  /** From spawning the process to its port answering. */
  readyMs: number;
  ask(message: ToTarget): Promise<FromTarget>;
  stop(): Promise<void>;
}

const profileFlags = (dir: string) => ["--cpu-prof", `--cpu-prof-dir=${dir}`];

/** bench/target.ts in a process of its own, once it listens. */
export async function spawnTarget(args: string[]): Promise<Target> {
  const started = performance.now();
  const child: ChildProcess = fork(new URL("./target.ts", import.meta.url), args, {
    // BENCH_PROFILE=<dir> writes each target's CPU profile there (how the README's profiles were taken).
    execArgv: ["--import", "tsx", ...(process.env.BENCH_PROFILE ? profileFlags(process.env.BENCH_PROFILE) : [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let waiting: { resolve(message: FromTarget): void; reject(error: Error): void } | undefined;
  child.on("message", (message) => waiting?.resolve(message as FromTarget));
  child.once("exit", (code) => waiting?.reject(new Error(`bench target ${args.join(" ")} ended (exit code ${code})`)));
  const next = () => new Promise<FromTarget>((resolve, reject) => (waiting = { resolve, reject }));
  // A bench interrupted (Ctrl-C, a failure) takes its targets with it.
  const kill = () => child.kill();
  process.once("exit", kill);
  const ready = await next();
  const readyMs = performance.now() - started;
  if (!("port" in ready)) throw new Error(`bench target ${args.join(" ")} did not start`);
  const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    base: `http://127.0.0.1:${ready.port}`,
    answers: args[0] === "bot",
    readyMs,
    ask: (message) => {
      const answer = next();
      child.send(message);
      return answer;
    },
    stop: async () => {
      child.send("stop");
      await ended;
    },
  };
}

export interface ProcessFigures {
  /** From spawning the process to its HTTP port listening, on a database it never saw (migrations run). */
  newDatabaseReadyMs?: number;
  /** The same on the database the first start left (nothing to migrate); for the bare app, with none. */
  existingDatabaseReadyMs: number;
  /** Resident memory once started and everyone has sent a command, before the load. */
  idleRssMiB: number;
}

export interface SlackResults {
  process: Record<string, ProcessFigures>;
  load: Record<string, { serial: LoadFigures[]; concurrent: LoadFigures[] }>;
}

/** What a bot process opens: a new PGlite data directory, or a new PostgreSQL database. */
export async function storeFor(name: string): Promise<{ where: string; drop(): Promise<void> }> {
  if (name === "PGlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "mentorship-bench-"));
    return { where: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await postgresDatabase();
  return { where: database.url, drop: database.drop };
}

export async function benchSlack(storeNames: string[]): Promise<SlackResults> {
  const sink = new ResponseSink();
  await sink.start();
  const targets: Record<string, Target> = { "bare Bolt": await spawnTarget(["bare"]) };
  const results: SlackResults = { process: {}, load: {} };
  const stores: { drop(): Promise<void> }[] = [];
  try {
    const bare = targets["bare Bolt"]!;
    const bareIdle = await bare.ask("report");
    results.process["bare Bolt"] = {
      existingDatabaseReadyMs: bare.readyMs,
      idleRssMiB: "rssMiB" in bareIdle ? bareIdle.rssMiB : Number.NaN,
    };
    for (const name of storeNames) {
      const store = await storeFor(name);
      stores.push(store);
      const first = await spawnTarget(["bot", store.where]);
      await first.stop();
      const bot = await spawnTarget(["bot", store.where]);
      targets[name] = bot;
      // Everyone has written to the bot once: the people exist, as they would after their first command.
      await Promise.all(Array.from({ length: PEOPLE }, (_, person) => command(bot.base, sink, person, "help")));
      const idle = await bot.ask("report");
      results.process[name] = {
        newDatabaseReadyMs: first.readyMs,
        existingDatabaseReadyMs: bot.readyMs,
        idleRssMiB: "rssMiB" in idle ? idle.rssMiB : Number.NaN,
      };
    }
    for (const name of Object.keys(targets)) results.load[name] = { serial: [], concurrent: [] };
    // Rounds alternate between the targets, so a neighbour's load on the shared machine falls on all of them.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, target] of Object.entries(targets)) {
        results.load[name]!.serial.push(await load(target, sink, 1, SERIAL_COMMANDS));
        results.load[name]!.concurrent.push(await load(target, sink, PEOPLE, CONCURRENT_COMMANDS));
        const last = results.load[name]!.concurrent.at(-1);
        process.stderr.write(`slack round ${round + 1} ${name}: ${JSON.stringify(last)}\n`);
      }
    }
  } finally {
    for (const target of Object.values(targets)) await target.stop();
    for (const store of stores) await store.drop();
    await sink.stop();
  }
  return results;
}

/** The Markdown table the README quotes: medians over the rounds, each column beside the baseline's. */
export function slackTable(results: SlackResults, rounds: number): string {
  const names = Object.keys(results.load);
  const mid = (name: string, phase: "serial" | "concurrent", key: keyof LoadFigures) => {
    const values = results.load[name]![phase].map((f) => f[key]).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const ms = (v: number | undefined) => (v === undefined ? "–" : `${Math.round(v)} ms`);
  const rate = (v: number | undefined) => (v === undefined ? "–" : `${Math.round(v)}/s`);
  const count = (v: number | undefined) => (v === undefined ? "–" : String(Math.round(v)));
  const row = (label: string, cell: (name: string) => string) => `| ${label} | ${names.map(cell).join(" | ")} |`;
  const processCell = (name: string, key: keyof ProcessFigures, unit: string) => {
    const v = results.process[name]?.[key];
    return v === undefined ? "–" : `${Math.round(v)} ${unit}`;
  };
  return [
    `| Slack, \`/mentorship status\` (median of ${rounds} rounds) | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
    row(
      "1 at a time: ack, median / p99",
      (n) => `${ms(mid(n, "serial", "ackMedianMs"))} / ${ms(mid(n, "serial", "ackP99Ms"))}`,
    ),
    row(
      "1 at a time: answer, median / p99",
      (n) => `${ms(mid(n, "serial", "answerMedianMs"))} / ${ms(mid(n, "serial", "answerP99Ms"))}`,
    ),
    row(
      `${PEOPLE} at once: ack, median / p99`,
      (n) => `${ms(mid(n, "concurrent", "ackMedianMs"))} / ${ms(mid(n, "concurrent", "ackP99Ms"))}`,
    ),
    row(`${PEOPLE} at once: commands acked per second`, (n) => rate(mid(n, "concurrent", "commandsPerSecond"))),
    row(`${PEOPLE} at once: commands answered per second`, (n) => rate(mid(n, "concurrent", "answersPerSecond"))),
    row(
      `${PEOPLE} at once: answer, median / p99`,
      (n) => `${ms(mid(n, "concurrent", "answerMedianMs"))} / ${ms(mid(n, "concurrent", "answerP99Ms"))}`,
    ),
    row(`${PEOPLE} at once: answers other than 200 (of ${CONCURRENT_COMMANDS} a round)`, (n) =>
      count(mid(n, "concurrent", "non200")),
    ),
    row(
      `${PEOPLE} at once: event-loop delay p99 / max`,
      (n) => `${ms(mid(n, "concurrent", "loopDelayP99Ms"))} / ${ms(mid(n, "concurrent", "loopDelayMaxMs"))}`,
    ),
    row("Start to ready, new database", (n) => processCell(n, "newDatabaseReadyMs", "ms")),
    row("Start to ready, existing database", (n) => processCell(n, "existingDatabaseReadyMs", "ms")),
    row("Resident memory, idle", (n) => processCell(n, "idleRssMiB", "MiB")),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchSlack((await benchStores()).map((s) => s.name));
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const output = { at: new Date().toISOString(), node: process.version, rounds: ROUNDS, ...results };
  writeFileSync(new URL("./results/slack.json", import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  const table = slackTable(results, ROUNDS);
  writeFileSync(new URL("./results/slack.md", import.meta.url), `${table}\n`);
  process.stdout.write(`${table}\n`);
}
