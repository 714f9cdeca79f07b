// Discord beyond one process: form drafts kept in the store (the next step reaches another bot, or the same
// bot after a restart), and interactions received over HTTP (POST /discord/interactions) instead of the gateway.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import {
  discordHarness,
  modalFieldIds,
  postInteraction,
  signInteraction,
  type Answer,
  type DiscordHarness,
} from "../support/discord.js";
import { APPLICATION_ID } from "../support/fake-discord.js";

let db: Database;
let h: DiscordHarness;
beforeEach(async () => {
  db = await testDatabase();
});
afterEach(async () => {
  await h?.close();
  await db.close();
});

type Data = Record<string, unknown>;
const buttons = (data: Data) =>
  ((data.components as { components: { custom_id: string; label: string }[] }[] | undefined) ?? []).flatMap(
    (row) => row.components,
  );
const fieldsOf = modalFieldIds;
const continueOf = (answer: Answer) => buttons(answer.data).find((b) => b.custom_id.startsWith("f|"))!.custom_id;
const EXPIRED = "This form has expired. Run the command again.";

/** Bob's mentee profile (six fields: two modal steps), with the first step answered. */
async function firstStepDone(harness: DiscordHarness): Promise<Answer> {
  const bob = harness.user("bob");
  const opened = await bob.command("profile mentee");
  expect(opened.type).toBe(9);
  expect(fieldsOf(opened.data)).toEqual(["skills", "interests", "links", "country", "timeZone"]);
  const saved = await bob.submit(opened.data, {
    skills: "go, docs",
    interests: "kernel",
    links: "https://github.com/bob",
    country: "in",
    timeZone: "Asia/Kolkata",
  });
  expect(JSON.stringify(saved.data)).toContain("Saved so far");
  return saved;
}

describe("Discord form drafts in the store", () => {
  it("finishes on a restarted bot a form started before the restart", async () => {
    h = await discordHarness(db);
    const saved = await firstStepDone(h);
    expect(await db.prisma.formDraft.count()).toBe(1);
    const { fake, ids, clock } = h;
    await h.bot.stop();
    h = await discordHarness(db, "operator", undefined, { fake, ids, clock });
    const bob = h.user("bob");
    const step = await bob.press(continueOf(saved));
    expect(step.type).toBe(9);
    expect(fieldsOf(step.data)).toEqual(["availability"]);
    const done = await bob.submit(step.data, { availability: "part_time" });
    expect(JSON.stringify(done.data)).not.toContain("expired");
    const profile = await db.prisma.menteeProfile.findFirstOrThrow();
    expect(profile).toMatchObject({ skills: ["go", "docs"], country: "IN", availability: "part_time" });
    expect(await db.prisma.formDraft.count()).toBe(0);
  });

  it("is Bob's alone: another person pressing his Continue is told the form has expired", async () => {
    h = await discordHarness(db);
    const saved = await firstStepDone(h);
    const grace = await h.user("grace").press(continueOf(saved));
    expect(grace.data.content).toBe(EXPIRED);
    expect((await h.user("bob").press(continueOf(saved))).type).toBe(9);
  });

  it("expires 30 minutes after the last step, and the scheduler tick forgets it", async () => {
    h = await discordHarness(db);
    const saved = await firstStepDone(h);
    h.clock.advance(29 * 60_000);
    expect((await h.user("bob").press(continueOf(saved))).type).toBe(9);
    h.clock.advance(2 * 60_000);
    expect((await h.user("bob").press(continueOf(saved))).data.content).toBe(EXPIRED);
    expect(await db.prisma.formDraft.count()).toBe(1);
    await h.bot.scheduler.tick();
    expect(await db.prisma.formDraft.count()).toBe(0);
  });
});

describe("Discord interactions over HTTP", () => {
  beforeEach(async () => {
    h = await discordHarness(db, "operator", undefined, { http: true });
  });

  it("answers a signed PING with PONG, and needs no gateway", async () => {
    const pong = await postInteraction(h.bot, { id: "1", application_id: APPLICATION_ID, type: 1, version: 1 });
    expect(pong.status).toBe(200);
    expect(await pong.json()).toEqual({ type: 1 });
    expect(h.fake.identified).toHaveLength(0);
    expect(h.bot.discord!.holdsGateway).toBe(false);
  });

  it("refuses a missing or bad signature with 401, and a body that is not JSON with 400", async () => {
    const ping = { id: "1", application_id: APPLICATION_ID, type: 1, version: 1 };
    expect((await postInteraction(h.bot, ping, {})).status).toBe(401);
    const forged = { "x-signature-ed25519": "00".repeat(64), "x-signature-timestamp": "1700000000" };
    expect((await postInteraction(h.bot, ping, forged)).status).toBe(401);
    const url = `http://127.0.0.1:${h.bot.http!.port}/discord/interactions`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signedAs = (body: string) => ({
      "x-signature-ed25519": signInteraction(timestamp, body),
      "x-signature-timestamp": timestamp,
    });
    const notJson = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...signedAs("{nope") },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    // A signature made over another body, and one too old to be a live request, are refused too.
    expect((await postInteraction(h.bot, ping, signedAs("{}"))).status).toBe(401);
    const old = "1700000000";
    const stale = { "x-signature-ed25519": signInteraction(old, JSON.stringify(ping)), "x-signature-timestamp": old };
    expect((await postInteraction(h.bot, ping, stale)).status).toBe(401);
    expect(h.fake.callbacks()).toHaveLength(0);
  });

  it("handles a signed slash command and a button once each, answered at the callback route", async () => {
    const ada = h.user("ada");
    const help = await ada.command("help");
    expect(help.type).toBe(5);
    expect(JSON.stringify(help.data.embeds)).toContain("/mentorship apply [project]");
    const command = ada.lastInteraction;
    expect(h.fake.callbacks(String(command.id))).toHaveLength(1);
    // The endpoint answered 202 once the callback went out over REST.
    const again = await postInteraction(h.bot, { ...command, id: "900000000000000999" });
    expect(again.status).toBe(202);

    const saved = await firstStepDone(h);
    const bob = h.user("bob");
    const step = await bob.press(continueOf(saved));
    expect(step.type).toBe(9);
    expect(h.fake.callbacks(String(bob.lastInteraction.id))).toHaveLength(1);
    expect(h.fake.identified).toHaveLength(0);
  });
});
