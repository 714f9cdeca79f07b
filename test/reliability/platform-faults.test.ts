// Slack misbehaving while the bot delivers notifications: 429 with
// Retry-After, then 500s, then no answer at all (once losing a message it had
// posted), then well again. The bot runs as in production (startBot, the
// system clock, the scheduler ticking every second, Slack's real WebClient),
// against the fake Slack. Other people's commands are answered within Slack's
// 3 s all along, and every outbox message reaches Slack exactly once. Then a
// dispatcher dies between Slack's answer and recording it, for a recipient with
// hundreds of later messages: the retry finds the copy and posts nothing;
// on PostgreSQL also with a real process killed with SIGKILL. Discord meets
// the same outage (its REST client retries a 500 and a timeout once, safely:
// the nonce), with the same outcome.
import { spawn } from "node:child_process";
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nonceOf } from "../../src/adapters/discord/sender.js";
import { slackSender } from "../../src/adapters/slack/sender.js";
import { startBot, type RunningBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/clock.js";
import { createLogger } from "../../src/log.js";
import { dispatch, LEASE_MS } from "../../src/scheduler/dispatcher.js";
import { onPostgres, testDatabase, type TestDatabase } from "../support/database.js";
import { DiscordUser } from "../support/discord.js";
import { APPLICATION_ID, FakeDiscord, snowflake } from "../support/fake-discord.js";
import { FakeSlack, outboxIdOf, SlackUser } from "../support/fake-slack.js";
import { SIGNING_SECRET } from "../support/slack.js";

let db: TestDatabase;
let fake: FakeSlack;
let bot: RunningBot | undefined;
let users: (id: string) => SlackUser;

beforeEach(async () => {
  db = await testDatabase();
  fake = new FakeSlack();
  await fake.start();
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake.stop();
  await db.close();
});

async function startTheBot(): Promise<RunningBot> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.base}/api/`,
    MENTORSHIP_TICK_CRON: "* * * * * *",
    LOG_LEVEL: "silent",
  });
  const running = await startBot({ config, log: createLogger("silent"), database: db, port: 0 });
  const base = `http://127.0.0.1:${running.http!.port}`;
  users = (id) => new SlackUser(id, id.toLowerCase(), { bot: base, fake, secret: SIGNING_SECRET });
  return running;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const delivered = () => db.prisma.outboxMessage.count({ where: { status: "delivered" } });

/** People on Slack (UREC0…) or Discord (7000…0, 7000…1…) who will be notified. */
async function recipients(count: number, platform: "slack" | "discord" = "slack"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const externalId = platform === "slack" ? `UREC${i}` : String(700_000_000_000_000_000n + BigInt(i));
    const person = await db.prisma.person.create({
      data: { displayName: `recipient ${i}`, identities: { create: { platform, externalId } } },
    });
    ids.push(person.id);
  }
  return ids;
}

let written = 0;
/** What a use case does: notifications in the outbox, then a nudge to the deliverers. */
async function notify(personIds: string[]): Promise<void> {
  await db.prisma.outboxMessage.createMany({
    data: personIds.map((personId) => ({
      idempotencyKey: `fault-test:${++written}`,
      kind: "test",
      personId,
      payload: { text: `notice ${written}`, buttons: [] },
      notBefore: new Date(),
    })),
  });
  bot?.core.outboxWritten?.();
}

/** A command from someone else: how long until Slack had the ack, and until the answer reached response_url. */
async function timedCommand(user: SlackUser): Promise<{ status: number; ackMs: number; answerMs: number }> {
  const started = Date.now();
  const { status, triggerId } = await user.command("help");
  const ackMs = Date.now() - started;
  while (!fake.responses.some((r) => r.url.endsWith(`/${triggerId}`)) && Date.now() - started < 10_000) await sleep(20);
  const answered = fake.responses.some((r) => r.url.endsWith(`/${triggerId}`));
  return { status, ackMs, answerMs: answered ? Date.now() - started : Infinity };
}

describe("Slack failing and recovering", () => {
  beforeEach(async () => {
    bot = await startTheBot();
  });

  it("answers others' commands within 3 s throughout, and delivers every notification exactly once", async () => {
    const people = await recipients(8);
    fake.failures.set("chat.postMessage", [
      { status: 429, retryAfter: 1 },
      500,
      500,
      500,
      "hang",
      "hang-after-processing",
    ]);
    const faults = fake.failures.get("chat.postMessage")!;

    // Notifications keep coming while Slack is failing; others keep using the bot.
    const answers: Awaited<ReturnType<typeof timedCommand>>[] = [];
    const started = Date.now();
    let round = 0;
    while (faults.length > 0 || Date.now() - started < 15_000) {
      if (round < 20) await notify(people.slice(round % 4, (round % 4) + 2));
      answers.push(await timedCommand(users(`UOTHER${round % 5}`)));
      round++;
      await sleep(300);
      if (Date.now() - started > 60_000) throw new Error("Slack's faults were never all met");
    }
    // Messages that met a 500 or no answer wait out their backoff (30 s), then go.
    const total = await db.prisma.outboxMessage.count();
    for (let waited = 0; waited < 120 && (await delivered()) < total; waited++) {
      answers.push(await timedCommand(users("ULATE")));
      await sleep(1_000);
    }
    const rows = await db.prisma.outboxMessage.findMany();

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(Math.max(...answers.map((a) => a.ackMs))).toBeLessThan(3_000);
    expect(Math.max(...answers.map((a) => a.answerMs))).toBeLessThan(3_000);
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.status !== "delivered")).toEqual([]);
    // Exactly once: each outbox id is in Slack once, and recorded once.
    expect(rows.map((r) => fake.copies(r.id))).toEqual(rows.map(() => 1));
    expect(await db.prisma.reminderDelivery.count()).toBe(40);
    // The faults were met, one per post in order: some messages needed more than one
    // attempt, and the one whose answer was lost (the sixth post) was found by a
    // look-up on its retry instead of being posted again.
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(4);
    const posts = fake.callsTo("chat.postMessage");
    const lostAnswer = outboxIdOf(posts[5]!.args.metadata);
    expect(posts.slice(6).filter((c) => outboxIdOf(c.args.metadata) === lostAnswer)).toEqual([]);
    expect(rows.find((r) => r.id === lostAnswer)!.attempts).toBeGreaterThan(1);
    expect(fake.callsTo("conversations.history").length).toBeGreaterThan(0);
    const slowest = (of: (a: (typeof answers)[number]) => number) => Math.max(...answers.map(of));
    console.log(
      `slack faults: ${answers.length} commands, slowest ack ${slowest((a) => a.ackMs)} ms, ` +
        `slowest answer ${slowest((a) => a.answerMs)} ms, all delivered after ${(Date.now() - started) / 1000} s`,
    );
  });

  it("after a dispatcher died between Slack's answer and its record, posts nothing again (600 messages)", async () => {
    const [person] = await recipients(1);
    await notify([person!]);
    while ((await db.prisma.outboxMessage.count({ where: { status: "delivered" } })) < 1) await sleep(50);
    const row = await db.prisma.outboxMessage.findFirstOrThrow();
    expect(fake.copies(row.id)).toBe(1);
    // As the kill leaves it: claimed by a dispatcher that is gone, its lease over, nothing recorded.
    await db.prisma.reminderDelivery.deleteMany();
    await db.prisma.outboxMessage.update({
      where: { id: row.id },
      data: { status: "pending", deliveredAt: null, claimToken: "killed", claimedUntil: new Date(Date.now() - 1_000) },
    });
    for (let i = 0; i < 600; i++) fake.post("DUREC0", { text: `message ${i} in a busy conversation` });
    // The scheduler's next tick takes the message over.
    const now = () => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    for (let i = 0; i < 100 && (await now()).status !== "delivered"; i++) await sleep(100);
    expect(await now()).toMatchObject({ status: "delivered", attempts: 2 });
    expect(fake.copies(row.id)).toBe(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(fake.callsTo("conversations.history").length).toBeGreaterThanOrEqual(4);
  });
});

describe("Discord failing and recovering", () => {
  it("answers others' commands within 3 s throughout, and delivers every notification exactly once", async () => {
    const discord = new FakeDiscord();
    await discord.start();
    try {
      const config = loadConfig({
        DISCORD_TOKEN: "test-token",
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: `${discord.base}/api`,
        MENTORSHIP_TICK_CRON: "* * * * * *",
        LOG_LEVEL: "silent",
      });
      bot = await startBot({ config, log: createLogger("silent"), database: db, port: 0 });
      const running = bot;
      const people = await recipients(6, "discord");
      // The REST client tries a 500 and a timeout twice, so each fault comes twice to fail an attempt.
      discord.fail("POST", /^\/channels\/[^/]+\/messages$/, { status: 429, retryAfter: 1 }, 500, 500, "hang", "hang");
      discord.fail("POST", /^\/channels\/[^/]+\/messages$/, "hang-after-processing", "hang-after-processing");
      const ids = new Map<string, string>();
      const idOf = (name: string) => ids.get(name) ?? (ids.set(name, snowflake()), ids.get(name)!);
      const harness = { bot: running, fake: discord, idOf };
      const other = (n: number) => new DiscordUser(`other${n}`, idOf(`other${n}`), harness);

      const answerMs: number[] = [];
      const started = Date.now();
      let round = 0;
      while (discord.faultsLeft() > 0 || Date.now() - started < 15_000) {
        if (round < 15) await notify(people.slice(round % 3, (round % 3) + 2));
        answerMs.push(await other(round % 5).timedCommand("help"));
        round++;
        await sleep(300);
        if (Date.now() - started > 90_000) throw new Error("Discord's faults were never all met");
      }
      const total = await db.prisma.outboxMessage.count();
      for (let waited = 0; waited < 120 && (await delivered()) < total; waited++) {
        answerMs.push(await other(9).timedCommand("help"));
        await sleep(1_000);
      }
      const rows = await db.prisma.outboxMessage.findMany();

      expect(Math.max(...answerMs)).toBeLessThan(3_000);
      expect(rows).toHaveLength(30);
      expect(rows.filter((r) => r.status !== "delivered")).toEqual([]);
      expect(rows.map((r) => discord.copies(nonceOf(r)))).toEqual(rows.map(() => 1));
      expect(await db.prisma.reminderDelivery.count()).toBe(30);
      expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(3);
      const seconds = (Date.now() - started) / 1000;
      const slowest = Math.max(...answerMs);
      console.log(`discord faults: ${answerMs.length} commands, slowest answer ${slowest} ms, done after ${seconds} s`);
    } finally {
      await bot?.stop();
      bot = undefined;
      await discord.stop();
    }
  });
});

describe("a deliverer process killed with SIGKILL between Slack's answer and recording it", () => {
  it.skipIf(!onPostgres())("is taken over after its lease; nothing reaches a busy recipient twice", async () => {
    const [person] = await recipients(1);
    await notify([person!, person!, person!]);
    // Slack takes the first post, and its answer never comes: the process is killed waiting for it.
    fake.failures.set("chat.postMessage", ["hang-after-processing"]);
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/slack-deliverer.ts"], {
      env: { ...process.env, DATABASE_URL: db.url!, SLACK_API_URL: `${fake.base}/api/` },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_, signal) => resolve(signal)));
    const first = () => fake.callsTo("chat.postMessage")[0];
    for (let i = 0; i < 600 && !first(); i++) await sleep(50);
    expect(first()).toBeDefined();
    child.kill("SIGKILL");
    expect(await exit).toBe("SIGKILL");

    const sentId = outboxIdOf(first()!.args.metadata)!;
    expect(fake.copies(sentId)).toBe(1);
    // Nothing was recorded, and the killed process's claim holds all three.
    expect(await db.prisma.reminderDelivery.count()).toBe(0);
    const claimed = await db.prisma.outboxMessage.findMany();
    const heldByTheKilled = (m: (typeof claimed)[number]) =>
      m.status === "pending" && m.claimToken === claimed[0]!.claimToken && m.claimedUntil! > new Date();
    expect(claimed.every(heldByTheKilled)).toBe(true);
    for (let i = 0; i < 600; i++) fake.post("DUREC0", { text: `message ${i} in a busy conversation` });

    // Another replica, once the lease is over (its clock says so; waiting a minute would prove nothing more).
    const afterTheLease: Clock = { now: () => new Date(Date.now() + LEASE_MS + 1_000) };
    const client = new webApi.WebClient("xoxb-test-token", { slackApiUrl: `${fake.base}/api/` });
    const sender = slackSender(() => ({ client, log: createLogger("silent") }));
    const replica = { db, clock: afterTheLease, operators: new Set<string>() };
    expect(await dispatch(replica, sender)).toEqual({ delivered: 3, retrying: 0, dead: 0 });

    const rows = await db.prisma.outboxMessage.findMany();
    expect(rows.map((r) => fake.copies(r.id))).toEqual([1, 1, 1]);
    // The copy Slack had was found behind 600 messages; only the other two were posted.
    expect(fake.callsTo("chat.postMessage").filter((c) => outboxIdOf(c.args.metadata) === sentId)).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(3);
    expect(await db.prisma.reminderDelivery.count()).toBe(3);
  });
});
