// The outbox dispatcher against a flaky platform: 429 with Retry-After, then
// 500s, then success; the last attempt; several dispatchers at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import type { Core } from "../../src/core/context.js";
import { backoffMs, dispatch, MAX_ATTEMPTS, RateLimited, type OutgoingMessage, type Sender } from "../../src/scheduler/dispatcher.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";

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

async function messagesFor(count: number, name = "ada") {
  const person = await db.prisma.person.create({ data: { displayName: name, identities: { create: { platform: "slack", externalId: `U${name}` } } } });
  await db.prisma.outboxMessage.createMany({
    data: Array.from({ length: count }, (_, i) => ({ idempotencyKey: `test:${name}:${i}`, kind: "test", personId: person.id, payload: { text: `message ${i}`, buttons: [] }, notBefore: clock.now() })),
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
    expect(await db.prisma.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "delivered", attempts: 4, lastError: null });
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
