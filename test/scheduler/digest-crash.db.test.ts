// A digest posted to a channel in several messages "(i of n)", and a crash partway through: the platform
// took pages 1..k, then the dispatcher died (its send hung past the lease, or the platform took page k+1 but
// its answer never came) or the send failed. The dispatcher runs again (another replica, with a client of its
// own) and every page is in the channel exactly once, in order. The real dispatcher and the real Slack and
// Discord senders, against the fakes.
import { webApi } from "@slack/bolt";
import { Client } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discordSender } from "../../src/adapters/discord/sender.js";
import { slackSender } from "../../src/adapters/slack/sender.js";
import { deliveredPageViews } from "../../src/chat/notifications.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Core } from "../../src/core/context.js";
import { createLogger } from "../../src/log.js";
import { backoffMs, dispatch, LEASE_MS, type Sender } from "../../src/scheduler/dispatcher.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { FakeDiscord, type Fault as DiscordFault } from "../support/fake-discord.js";
import { FakeSlack, type Fault as SlackFault } from "../support/fake-slack.js";

const CHANNEL = { slack: "CDIGEST", discord: "900000000000000777" } as const;
/** Pages the platform takes before the crash. */
const K = 2;

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

/** A program's digest for the channel, long enough for several messages; how many it is posted as. */
async function longDigest(platform: "slack" | "discord"): Promise<number> {
  const program = await db.prisma.program.create({
    data: { slug: "lfx", name: "LFX", digestPlatform: platform, digestChannelId: CHANNEL[platform] },
  });
  const view = {
    type: "message",
    title: "Weekly digest",
    text: "Where the program stands.",
    sections: Array.from({ length: 90 }, (_, i) => ({ heading: `Project ${i + 1}`, lines: [`${i + 1} applications`] })),
  };
  await db.prisma.outboxMessage.create({
    data: {
      idempotencyKey: "digest:lfx:1",
      kind: "digest",
      programId: program.id,
      payload: { view },
      notBefore: clock.now(),
    },
  });
  const pages = deliveredPageViews({ payload: { view } as never, readerZone: "UTC" }, platform).length;
  expect(pages).toBeGreaterThan(K + 1);
  return pages;
}

/** Each platform's fake, a sender (a replica's client of its own) and the pages the channel shows, in order. */
interface Platform {
  name: "slack" | "discord";
  start(): Promise<void>;
  stop(): Promise<void>;
  sender(): Sender;
  /** The next posts get these answers. */
  fail(...answers: ("ok" | "hang" | "hang-after-processing" | 500)[]): void;
  /** "(i of n)" of each message in the channel, oldest first. */
  shown(): string[];
}

function slack(): Platform {
  const fake = new FakeSlack({ now: () => clock.now().getTime() });
  return {
    name: "slack",
    start: () => fake.start(),
    stop: () => fake.stop(),
    sender: () => {
      const client = new webApi.WebClient("xoxb-test", {
        slackApiUrl: `${fake.base}/api/`,
        retryConfig: { retries: 0 },
      });
      return slackSender(() => ({ client, log: createLogger("silent"), retries: 0 }));
    },
    fail: (...answers) => fake.failures.set("chat.postMessage", answers as SlackFault[]),
    shown: () => fake.messages(CHANNEL.slack).map((m) => /\((\d+ of \d+)\)/.exec(JSON.stringify(m))?.[1] ?? "?"),
  };
}

function discord(): Platform {
  const fake = new FakeDiscord({ now: () => clock.now().getTime() });
  const clients: Client[] = [];
  return {
    name: "discord",
    start: () => fake.start(),
    stop: async () => {
      for (const client of clients) await client.destroy();
      await fake.stop();
    },
    sender: () => {
      const client = new Client({ intents: [], rest: { api: `${fake.base}/api` } });
      clients.push(client);
      return discordSender(() => ({ client, token: "test-token" }));
    },
    fail: (...answers) => fake.fail("POST", /^\/channels\/[^/]+\/messages$/, ...(answers as DiscordFault[])),
    shown: () => fake.messages(CHANNEL.discord).map((m) => /\((\d+ of \d+)\)/.exec(JSON.stringify(m))?.[1] ?? "?"),
  };
}

const inOrder = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1} of ${n}`);
const ok = Array.from({ length: K }, () => "ok" as const);

describe.each([
  ["Slack", slack],
  ["Discord", discord],
] as const)("%s: a digest in several messages, a crash after page k", (_name, make) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = make();
    await platform.start();
  });
  afterEach(async () => {
    await platform.stop();
  });

  it.each(["hang", "hang-after-processing"] as const)(
    "a dispatcher that dies on page k+1 (%s): after its lease another posts the rest, each page once, in order",
    async (fault) => {
      const pages = await longDigest(platform.name);
      platform.fail(...ok, fault);
      // The first replica: its send of page k+1 never returns (the process is as good as dead).
      const dying = dispatch(core, platform.sender());
      for (let i = 0; i < 500 && platform.shown().length < (fault === "hang" ? K : K + 1); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(platform.shown()).toEqual(inOrder(pages).slice(0, fault === "hang" ? K : K + 1));
      // Another replica: nothing while the lease holds, everything missing once it has run out.
      const replica = platform.sender();
      expect(await dispatch(core, replica)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      clock.advance(LEASE_MS + 1_000);
      expect(await dispatch(core, replica)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(platform.shown()).toEqual(inOrder(pages));
      // The dead one's late end changes nothing.
      await platform.stop();
      await dying;
      expect(platform.shown()).toEqual(inOrder(pages));
      expect(await db.prisma.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "delivered", attempts: 2 });
    },
    30_000,
  );

  it("a send that fails on page k+1: the retry posts only the pages missing, in order", async () => {
    const pages = await longDigest(platform.name);
    // Discord's client retries a 500 once by itself: both fail.
    platform.fail(...ok, ...(platform.name === "discord" ? ([500, 500] as const) : ([500] as const)));
    expect(await dispatch(core, platform.sender())).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    expect(platform.shown()).toEqual(inOrder(pages).slice(0, K));
    clock.advance(backoffMs(1) + 1_000);
    expect(await dispatch(core, platform.sender())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(platform.shown()).toEqual(inOrder(pages));
  });
});
