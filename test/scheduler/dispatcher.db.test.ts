// The outbox dispatcher against a flaky platform: 429 with Retry-After, then
// 500s, then success; the last attempt; several dispatchers at once; a
// dispatcher that stalls past its lease (fencing); a platform that never
// answers; and, after a crash between sending and recording, the look-up that
// finds the earlier copy behind hundreds of later messages (the real Slack and
// Discord clients against the fakes).
import { webApi } from "@slack/bolt";
import { Client } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordSender, nonceOf } from "../../src/adapters/discord/sender.js";
import { slackSender } from "../../src/adapters/slack/sender.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Core } from "../../src/core/context.js";
import { createLogger } from "../../src/log.js";
import {
  backoffMs,
  dispatch,
  MAX_ATTEMPTS,
  RateLimited,
  RECORD_BATCH,
  SEND_LANES,
  type OutgoingMessage,
  type Sender,
} from "../../src/scheduler/dispatcher.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { FakeDiscord } from "../support/fake-discord.js";
import { FakeSlack } from "../support/fake-slack.js";

let db: Database;
let core: Core;
let clock: ManualClock;

beforeEach(async () => {
  db = await testDatabase();
  clock = new ManualClock("2027-03-01T12:00:00Z");
  core = { db, clock, operators: new Set() };
});
afterEach(async () => {
  await db.close();
});

async function messagesFor(count: number, name = "ada", platform: "slack" | "discord" = "slack") {
  const externalId = platform === "slack" ? `U${name}` : `7${[...name].map((c) => c.charCodeAt(0)).join("")}`;
  const person = await db.prisma.person.create({
    data: { displayName: name, identities: { create: { platform, externalId } } },
  });
  await db.prisma.outboxMessage.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      idempotencyKey: `test:${name}:${i}`,
      kind: "test",
      personId: person.id,
      payload: { text: `message ${i}`, buttons: [] },
      notBefore: clock.now(),
    })),
  });
}

/** A platform that answers each send with the next scripted outcome, then success. */
function flakyPlatform(outcomes: ("429" | "500")[]): Sender & { accepted: OutgoingMessage[] } {
  const accepted: OutgoingMessage[] = [];
  const script = [...outcomes];
  return {
    platform: "slack",
    accepted,
    send: async (message) => {
      const outcome = script.shift();
      if (outcome === "429") throw new RateLimited(5_000);
      if (outcome === "500") throw new Error("HTTP 500 from the platform");
      accepted.push(message);
    },
  };
}

describe("the outbox dispatcher", () => {
  it("waits out Retry-After on 429, backs off on 500s, and delivers once", async () => {
    await messagesFor(1);
    const platform = flakyPlatform(["429", "500", "500"]);
    expect(await dispatch(core, platform)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    // Not before Retry-After has passed.
    clock.advance(4_000);
    expect(await dispatch(core, platform)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    clock.advance(1_000);
    expect(await dispatch(core, platform)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const afterFirst500 = await db.prisma.outboxMessage.findFirstOrThrow();
    expect(afterFirst500).toMatchObject({ status: "pending", attempts: 2, lastError: "HTTP 500 from the platform" });
    expect(afterFirst500.notBefore.getTime() - clock.now().getTime()).toBe(backoffMs(2));
    clock.advance(backoffMs(2));
    await dispatch(core, platform);
    clock.advance(backoffMs(3));
    expect(await dispatch(core, platform)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    clock.advance(backoffMs(8));
    expect(await dispatch(core, platform)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    expect(platform.accepted).toHaveLength(1);
    expect(await db.prisma.reminderDelivery.count()).toBe(1);
    expect(await db.prisma.outboxMessage.findFirstOrThrow()).toMatchObject({
      status: "delivered",
      attempts: 4,
      lastError: null,
    });
  });

  it("marks a message dead after the last attempt, and keeps it", async () => {
    await messagesFor(1);
    const platform = flakyPlatform(Array.from({ length: MAX_ATTEMPTS }, () => "500" as const));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await dispatch(core, platform);
      clock.advance(backoffMs(attempt));
    }
    const message = await db.prisma.outboxMessage.findFirstOrThrow();
    expect(message).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
    expect(platform.accepted).toHaveLength(0);
    expect(await dispatch(core, platform)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
  });

  it("takes a message a crashed dispatcher had claimed once its lease ends", async () => {
    await messagesFor(1);
    // A dispatcher that claims and dies before sending.
    const dying: Sender = { platform: "slack", send: () => new Promise(() => {}) };
    void dispatch(core, dying);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const platform = flakyPlatform([]);
    expect((await dispatch(core, platform)).delivered).toBe(0);
    clock.advance(61_000);
    expect((await dispatch(core, platform)).delivered).toBe(1);
  });

  it("records a batch only under its claim; a claim lost before the record leaves that batch to re-check", async () => {
    await messagesFor(RECORD_BATCH + 10);
    const sent: string[] = [];
    // The platform takes every message; while the last one is on its way the lease passes to another
    // dispatcher (its claim token replaces ours), so our batch must not be recorded as ours.
    const taken: Sender = {
      platform: "slack",
      send: async (m) => {
        sent.push(m.id);
        if (sent.length === RECORD_BATCH + 10) {
          await db.prisma.outboxMessage.updateMany({ where: { status: "pending" }, data: { claimToken: "other" } });
        }
      },
    };
    expect(await dispatch(core, taken)).toEqual({ delivered: RECORD_BATCH, retrying: 0, dead: 0 });
    expect(await db.prisma.outboxMessage.count({ where: { status: "pending" } })).toBe(10);
    expect(await db.prisma.reminderDelivery.count()).toBe(RECORD_BATCH);
    // The other claim dies too; after the lease, the retry finds the 10 on the platform and sends none again.
    clock.advance(61_000);
    const resent: string[] = [];
    const retry: Sender = {
      platform: "slack",
      send: async (m) => void resent.push(m.id),
      alreadyDelivered: async (m) => sent.includes(m.id),
    };
    expect(await dispatch(core, retry)).toEqual({ delivered: 10, retrying: 0, dead: 0 });
    expect(resent).toEqual([]);
    expect(await db.prisma.reminderDelivery.count()).toBe(RECORD_BATCH + 10);
  });

  it("sends to several people side by side, and each person's messages in the order they were written", async () => {
    const people = ["ada", "bob", "cyd", "dee", "eve", "fay"];
    for (const name of people) await messagesFor(12, name);
    // Written in order: the i-th message of each person a millisecond after the one before.
    const rows = await db.prisma.outboxMessage.findMany();
    for (const row of rows) {
      const i = Number(row.idempotencyKey.split(":")[2]);
      await db.prisma.outboxMessage.update({ where: { id: row.id }, data: { createdAt: new Date(1e12 + i) } });
    }
    let inFlight = 0;
    let mostAtOnce = 0;
    const received = new Map<string, string[]>();
    const platform: Sender = {
      platform: "slack",
      send: async (m) => {
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
        // Answers take unequal times, so messages sent side by side would land out of order.
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4));
        received.set(m.target, [...(received.get(m.target) ?? []), (m.payload as { text: string }).text]);
        inFlight--;
      },
    };
    expect(await dispatch(core, platform)).toEqual({ delivered: 72, retrying: 0, dead: 0 });
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(SEND_LANES);
    const inOrder = Array.from({ length: 12 }, (_, i) => `message ${i}`);
    for (const name of people) expect(received.get(`U${name}`)).toEqual(inOrder);
  });

  it("stops every recipient's sends on a 429, and the untried wait out Retry-After unspent", async () => {
    for (const name of ["ada", "bob", "cyd", "dee"]) await messagesFor(10, name);
    let sends = 0;
    const platform: Sender = {
      platform: "slack",
      send: async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (++sends === 6) throw new RateLimited(5_000);
      },
    };
    const result = await dispatch(core, platform);
    expect(result.retrying).toBe(1);
    // Sends already on their way when the 429 came finish; no new one starts.
    expect(result.delivered).toBeLessThanOrEqual(5 + SEND_LANES - 1);
    expect(sends).toBe(result.delivered + 1);
    const untried = await db.prisma.outboxMessage.findMany({ where: { status: "pending", attempts: 0 } });
    expect(untried).toHaveLength(40 - sends);
    for (const row of untried) expect(row.notBefore.getTime() - clock.now().getTime()).toBe(5_000);
  });

  it("delivers each message once when several dispatchers run at once", async () => {
    await messagesFor(120, "ada");
    await messagesFor(80, "bob");
    const platform = flakyPlatform([]);
    const results = await Promise.all([1, 2, 3].map(() => dispatch(core, platform, 50)));
    const again = await Promise.all([1, 2, 3].map(() => dispatch(core, platform, 50)));
    const delivered = [...results, ...again].reduce((sum, r) => sum + r.delivered, 0);
    expect(delivered + (await dispatch(core, platform, 500)).delivered).toBe(200);
    expect(platform.accepted).toHaveLength(200);
    expect(new Set(platform.accepted.map((m) => m.id)).size).toBe(200);
    expect(await db.prisma.reminderDelivery.count()).toBe(200);
  });
});

const until = async (ready: () => boolean) => {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!ready()) throw new Error("timed out waiting");
};

describe("a dispatcher whose lease ran out (fencing)", () => {
  it.each(["succeeds", "fails"] as const)(
    "cannot record a send that %s late, sends nothing more, and the one that took over delivers each message once",
    async (lateOutcome) => {
      await messagesFor(2);
      let letGo: (() => void) | undefined;
      const staleSends: string[] = [];
      // Its first send stalls (a long GC pause, a stuck socket) until the test lets it go.
      const stalling: Sender = {
        platform: "slack",
        timeoutMs: 5_000,
        send: async (message) => {
          staleSends.push(message.id);
          if (staleSends.length === 1) await new Promise<void>((resolve) => (letGo = resolve));
          if (lateOutcome === "fails") throw new Error("HTTP 500 from the platform");
        },
      };
      const stale = dispatch(core, stalling, 100, 10_000);
      await until(() => letGo !== undefined);
      clock.advance(11_000);
      const fresh = flakyPlatform([]);
      expect(await dispatch(core, fresh)).toEqual({ delivered: 2, retrying: 0, dead: 0 });
      letGo!();
      // Its late outcome is not recorded, and its second message is not sent: the lease is gone.
      expect(await stale).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      expect(staleSends).toHaveLength(1);
      const all = (await db.prisma.outboxMessage.findMany()).map((m) => m.id);
      expect(fresh.accepted.map((m) => m.id).sort()).toEqual(all.sort());
      expect(await db.prisma.reminderDelivery.count()).toBe(2);
      for (const row of await db.prisma.outboxMessage.findMany()) {
        expect(row).toMatchObject({ status: "delivered", attempts: 2, lastError: null, claimedUntil: null });
      }
    },
  );
});

describe("a platform that does not answer", () => {
  it("is abandoned within the sender's time limit, before the lease ends; the rest waits unspent", async () => {
    await messagesFor(3);
    const calls: number[] = [];
    const hanging: Sender = {
      platform: "slack",
      timeoutMs: 300,
      send: () => (calls.push(Date.now()), new Promise(() => {})),
    };
    const started = Date.now();
    expect(await dispatch(core, hanging, 100, 1_000)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1_000);
    expect(calls).toHaveLength(1);
    const rows = await db.prisma.outboxMessage.findMany({ orderBy: { attempts: "desc" } });
    expect(rows[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      claimedUntil: null,
      lastError: "the platform did not answer within 300 ms",
    });
    expect(rows[0]!.notBefore.getTime() - clock.now().getTime()).toBe(backoffMs(1));
    // The others were not tried: their first attempt is still to come, and they may go at once.
    for (const row of rows.slice(1)) {
      expect(row).toMatchObject({ status: "pending", attempts: 0, claimedUntil: null, lastError: null });
    }
    expect((await dispatch(core, flakyPlatform([]))).delivered).toBe(2);
  });

  it("is refused a lease shorter than the sender's time limit", async () => {
    const slow: Sender = { platform: "slack", timeoutMs: 2_000, send: async () => {} };
    await expect(dispatch(core, slow, 100, 2_000)).rejects.toThrow(/lease/);
  });
});

describe("after a crash between sending and recording", () => {
  /** The dispatcher was killed after the platform took the message: the row is as its claim left it. */
  async function killedAfterSending() {
    const row = await db.prisma.outboxMessage.findFirstOrThrow();
    await db.prisma.reminderDelivery.deleteMany();
    await db.prisma.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: "pending",
        deliveredAt: null,
        claimedUntil: new Date(clock.now().getTime() + 60_000),
        claimToken: "the-killed-dispatcher",
      },
    });
    return row;
  }

  it("Slack: the retry pages history from the first attempt, finds its copy behind 520 messages", async () => {
    const fake = new FakeSlack({ now: () => clock.now().getTime() });
    await fake.start();
    try {
      const client = new webApi.WebClient("xoxb-test", { slackApiUrl: `${fake.base}/api/` });
      const sender = slackSender(() => ({ client, log: createLogger("silent"), retries: 0 }));
      await messagesFor(1);
      expect((await dispatch(core, sender)).delivered).toBe(1);
      const row = await killedAfterSending();
      // Until the killed dispatcher's lease ends, its message is left alone.
      expect(await dispatch(core, sender)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      // A busy recipient: hundreds of messages after the notification.
      for (let i = 0; i < 520; i++) {
        clock.advance(500);
        fake.post("DUada", { text: `ada, message ${i}` });
      }
      clock.advance(1_000);
      expect(await dispatch(core, sender)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(fake.copies(row.id)).toBe(1);
      expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
      const pages = fake.callsTo("conversations.history");
      // 521 messages from the first attempt on, 200 a page, the copy the oldest: three pages.
      expect(pages).toHaveLength(3);
      const firstAttempt = (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).firstAttemptAt!;
      for (const page of pages) expect(Number(page.args.oldest)).toBe((firstAttempt.getTime() - 60_000) / 1000);
      expect(pages.map((p) => p.args.cursor !== undefined)).toEqual([false, true, true]);
      const after = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
      expect(after).toMatchObject({ status: "delivered", attempts: 2 });
    } finally {
      await fake.stop();
    }
  });

  it("Discord: after the nonce's window, the retry reads on from the first attempt, finds its copy", async () => {
    const fake = new FakeDiscord({ now: () => clock.now().getTime() });
    await fake.start();
    // The real REST client; no gateway is needed to deliver.
    const client = new Client({ intents: [], rest: { api: `${fake.base}/api` } });
    try {
      const sender = discordSender(() => ({ client, token: "test-token" }));
      await messagesFor(1, "ada", "discord");
      expect((await dispatch(core, sender)).delivered).toBe(1);
      const row = await killedAfterSending();
      const dm = fake.calls.find((c) => c.path === "/users/@me/channels")!;
      const channel = `dm${String(dm.body.recipient_id)}`;
      for (let i = 0; i < 520; i++) {
        clock.advance(1_000);
        fake.post(channel, { content: `ada, message ${i}` }, { id: String(dm.body.recipient_id), username: "ada" });
      }
      clock.advance(61_000);
      expect(await dispatch(core, sender)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(fake.messages(channel).filter((m) => m.author.bot)).toHaveLength(1);
      const posts = fake.calls.filter((c) => c.method === "POST" && c.path === `/channels/${channel}/messages`);
      expect(posts).toHaveLength(1);
      // Read back, a message carries no nonce: the copy was recognised by what it shows.
      expect(fake.messages(channel).some((m) => m.nonce === nonceOf(row))).toBe(false);
      expect(fake.calls.filter((c) => c.method === "GET")).toHaveLength(1);
    } finally {
      await client.destroy();
      await fake.stop();
    }
  });
});
