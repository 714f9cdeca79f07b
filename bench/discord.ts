// `npm run bench` (part): `/mentorship status` interactions dispatched over a local fake Discord gateway, at
// concurrency 1 and 32, to our bot on each store and to the baseline, a bare discord.js client deferring the
// same interactions (then editing in a constant), with the same load generator in the same run. Each target
// is a process of its own (bench/discord-target.ts); the fake Discord (test/support/fake-discord.ts: gateway
// and REST, refusing payloads Discord would refuse) runs here and times, per interaction, the first response
// (the interaction callback: a reply or a deferral) and the final answer (a reply, or the follow-up or edit
// after a deferral). Writes bench/results/discord.json.
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APPLICATION_ID, FakeDiscord, snowflake, type RestCall } from "../test/support/fake-discord.js";
import { benchStores, median, p99, postgresDatabase, QUICK } from "./stores.js";
import type { FromTarget, ToTarget } from "./target-messages.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 3));
const PEOPLE = 32;
const SERIAL = Number(process.env.BENCH_DISCORD_SERIAL ?? (QUICK ? 30 : 60));
const CONCURRENT = Number(process.env.BENCH_DISCORD_CONCURRENT ?? (QUICK ? 160 : 320));
/** An interaction without its final answer this long after it was sent counts as unanswered. */
const GIVE_UP_MS = 15_000;

interface Timing {
  sent: number;
  first?: number;
  final?: number;
  done(): void;
}

/** The interaction token a callback, follow-up or edit names, and whether it is the final answer. */
export function answerOf(
  call: Pick<RestCall, "method" | "path" | "body">,
): { token: string; first: boolean; final: boolean } | undefined {
  const callback = /^\/interactions\/[^/]+\/([^/]+)\/callback$/.exec(call.path);
  // 4 answers with a message, 5 defers it; 9 would open a form (none for `status`), also final for the person.
  if (callback) return { token: callback[1]!, first: true, final: Number(call.body.type) !== 5 };
  const webhook = new RegExp(`^/webhooks/${APPLICATION_ID}/([^/]+)`).exec(call.path);
  if (webhook && (call.method === "POST" || call.method === "PATCH"))
    return { token: webhook[1]!, first: false, final: true };
  return undefined;
}

/** The fake Discord of one target, timing the answers to the interactions it dispatched. */
class TimedDiscord {
  private readonly timings = new Map<string, Timing>();
  readonly fake = new FakeDiscord({ onCall: (call) => this.arrived(call) });

  private arrived(call: RestCall): void {
    const answer = answerOf(call);
    const timing = answer && this.timings.get(answer.token);
    if (!answer || !timing) return;
    const now = performance.now();
    if (answer.first && timing.first === undefined) timing.first = now;
    if (answer.final && timing.final === undefined) {
      timing.final = now;
      timing.done();
    }
  }

  /** Dispatches `/mentorship status` from a person; settles with its timing once answered (or given up). */
  interact(person: string): { timing: Timing; answered: Promise<void> } {
    const id = snowflake();
    const token = `token-${id}`;
    let done = () => {};
    const answered = new Promise<void>((resolve) => {
      done = resolve;
      setTimeout(resolve, GIVE_UP_MS).unref();
    });
    const timing: Timing = { sent: performance.now(), done };
    this.timings.set(token, timing);
    const user = { id: person, username: `person${person}`, global_name: null, discriminator: "0", avatar: null };
    this.fake.dispatch("INTERACTION_CREATE", {
      id,
      application_id: APPLICATION_ID,
      type: 2,
      data: {
        id: "900000000000000010",
        name: "mentorship",
        type: 1,
        options: [{ type: 1, name: "status", options: [] }],
      },
      token,
      version: 1,
      channel_id: `dm${person}`,
      channel: { id: `dm${person}`, type: 1 },
      user,
      app_permissions: "0",
      locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "1": person },
      context: 1,
    });
    return { timing, answered };
  }
}

export interface DiscordLoad {
  firstMedianMs: number;
  firstP99Ms: number;
  finalMedianMs: number;
  finalP99Ms: number;
  /** Interactions sent per second (each person sends the next once answered). */
  perSecond: number;
  /** Interactions without a final answer within GIVE_UP_MS. */
  unanswered: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

interface Target {
  discord: TimedDiscord;
  ask(message: ToTarget): Promise<FromTarget>;
  readyMs: number;
  stop(): Promise<void>;
}

async function spawnTarget(args: string[]): Promise<Target> {
  const discord = new TimedDiscord();
  await discord.fake.start();
  const started = performance.now();
  const child: ChildProcess = fork(
    new URL("./discord-target.ts", import.meta.url),
    [args[0]!, `${discord.fake.base}/api`, ...args.slice(1)],
    {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  let waiting: { resolve(message: FromTarget): void; reject(error: Error): void } | undefined;
  child.on("message", (message) => waiting?.resolve(message as FromTarget));
  child.once("exit", (code) =>
    waiting?.reject(new Error(`discord target ${args.join(" ")} ended (exit code ${code})`)),
  );
  const next = () => new Promise<FromTarget>((resolve, reject) => (waiting = { resolve, reject }));
  const kill = () => child.kill();
  process.once("exit", kill);
  await next();
  // Ready for interactions once the gateway identified it (READY follows at once).
  while (discord.fake.identified.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const readyMs = performance.now() - started;
  const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    discord,
    readyMs,
    ask: (message) => {
      const answer = next();
      child.send(message);
      return answer;
    },
    stop: async () => {
      child.send("stop");
      await ended;
      await discord.fake.stop();
      if (discord.fake.refused.length)
        throw new Error(`Discord would refuse: ${JSON.stringify(discord.fake.refused.slice(0, 3))}`);
    },
  };
}

/**
 * `total` interactions from `concurrency` people at once, each sending its next once the previous is answered,
 * as a person reads the answer before the next command (sending on the first response instead, a deferral,
 * would pile up answers no person would have asked for yet).
 */
async function load(target: Target, concurrency: number, total: number): Promise<DiscordLoad> {
  const timings: Timing[] = [];
  const answered: Promise<void>[] = [];
  let sent = 0;
  await target.ask("measure");
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, person) => {
      while (sent < total) {
        sent++;
        const one = target.discord.interact(personId(person));
        timings.push(one.timing);
        answered.push(one.answered);
        await one.answered;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await Promise.all(answered);
  const loop = await target.ask("report");
  const first = timings.filter((t) => t.first !== undefined).map((t) => t.first! - t.sent);
  const final = timings.filter((t) => t.final !== undefined).map((t) => t.final! - t.sent);
  return {
    firstMedianMs: median(first),
    firstP99Ms: p99(first),
    finalMedianMs: median(final),
    finalP99Ms: p99(final),
    perSecond: (first.length / elapsedMs) * 1000,
    unanswered: total - final.length,
    loopDelayP99Ms: "loopDelayP99Ms" in loop ? loop.loopDelayP99Ms : Number.NaN,
    loopDelayMaxMs: "loopDelayMaxMs" in loop ? loop.loopDelayMaxMs : Number.NaN,
  };
}

/** Discord user ids (snowflakes) of the 32 people. */
const personId = (person: number) => String(800_000_000_000_000_000n + BigInt(person));

async function storeFor(name: string): Promise<{ where: string; drop(): Promise<void> }> {
  if (name === "PGlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "mentorship-bench-"));
    return { where: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await postgresDatabase();
  return { where: database.url, drop: database.drop };
}

export interface DiscordResults {
  readyMs: Record<string, number>;
  load: Record<string, { serial: DiscordLoad[]; concurrent: DiscordLoad[] }>;
}

export async function benchDiscord(storeNames: string[]): Promise<DiscordResults> {
  const targets: Record<string, Target> = {};
  const stores: { drop(): Promise<void> }[] = [];
  const results: DiscordResults = { readyMs: {}, load: {} };
  try {
    targets["bare discord.js"] = await spawnTarget(["bare"]);
    for (const name of storeNames) {
      const store = await storeFor(name);
      stores.push(store);
      targets[name] = await spawnTarget(["bot", store.where]);
    }
    for (const [name, target] of Object.entries(targets)) {
      results.readyMs[name] = target.readyMs;
      results.load[name] = { serial: [], concurrent: [] };
      // Everyone has written to the bot once, as in the Slack bench: the people exist.
      await Promise.all(Array.from({ length: PEOPLE }, (_, p) => target.discord.interact(personId(p)).answered));
    }
    // Rounds alternate between the targets, so a neighbour's load on the shared machine falls on all of them.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, target] of Object.entries(targets)) {
        results.load[name]!.serial.push(await load(target, 1, SERIAL));
        results.load[name]!.concurrent.push(await load(target, PEOPLE, CONCURRENT));
        process.stderr.write(
          `discord round ${round + 1} ${name}: ${JSON.stringify(results.load[name]!.concurrent.at(-1))}\n`,
        );
      }
    }
  } finally {
    for (const target of Object.values(targets)) await target.stop();
    for (const store of stores) await store.drop();
  }
  return results;
}

/** Medians over the rounds of one figure. */
export const roundsMedian = (rounds: DiscordLoad[], key: keyof DiscordLoad): number =>
  median(rounds.map((r) => r[key]));

export function discordTable(results: DiscordResults, rounds: number): string {
  const names = Object.keys(results.load);
  const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "–");
  const cell = (phase: "serial" | "concurrent", a: keyof DiscordLoad, b: keyof DiscordLoad) => (n: string) =>
    `${ms(roundsMedian(results.load[n]![phase], a))} / ${ms(roundsMedian(results.load[n]![phase], b))}`;
  const row = (label: string, f: (n: string) => string) => `| ${label} | ${names.map(f).join(" | ")} |`;
  return [
    `| Discord, \`/mentorship status\` (median of ${rounds} rounds) | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
    row("1 at a time: first response, median / p99", cell("serial", "firstMedianMs", "firstP99Ms")),
    row("1 at a time: final answer, median / p99", cell("serial", "finalMedianMs", "finalP99Ms")),
    row(`${PEOPLE} at once: first response, median / p99`, cell("concurrent", "firstMedianMs", "firstP99Ms")),
    row(`${PEOPLE} at once: final answer, median / p99`, cell("concurrent", "finalMedianMs", "finalP99Ms")),
    row(
      `${PEOPLE} at once: interactions per second`,
      (n) => `${Math.round(roundsMedian(results.load[n]!.concurrent, "perSecond"))}/s`,
    ),
    row(`${PEOPLE} at once: unanswered (of ${CONCURRENT} a round)`, (n) =>
      String(roundsMedian(results.load[n]!.concurrent, "unanswered")),
    ),
    row(`${PEOPLE} at once: event-loop delay p99 / max`, cell("concurrent", "loopDelayP99Ms", "loopDelayMaxMs")),
    row("Start to gateway identified", (n) => ms(results.readyMs[n]!)),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchDiscord((await benchStores()).map((s) => s.name));
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const output = { at: new Date().toISOString(), node: process.version, rounds: ROUNDS, quick: QUICK, ...results };
  writeFileSync(new URL("./results/discord.json", import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`${discordTable(results, ROUNDS)}\n`);
}
