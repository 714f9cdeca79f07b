// Slack's HTTP edge: only signed requests of a shape the bot handles reach it, and each request runs once,
// however often it arrives and across a restart. (The reliability suite tries many more kinds of abuse.)
import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dispatch } from "../../src/scheduler/dispatcher.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { slackRequest } from "../support/fake-slack.js";
import { SIGNING_SECRET, slackHarness, type SlackHarness } from "../support/slack.js";

let db: Database;
let h: SlackHarness;
beforeEach(async () => {
  db = await testDatabase();
  h = await slackHarness(db);
});
afterEach(async () => {
  await h.close();
  await db.close();
});

const FORM = "application/x-www-form-urlencoded";
const count = async (table: string) =>
  Number((await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
const commandBody = (triggerId: string, text: string, responseUrl = `${h.fake.base}/response/${triggerId}`) =>
  new URLSearchParams({
    team_id: "T1",
    user_id: "UADA",
    user_name: "ada",
    command: "/mentorship",
    text,
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();

describe("Slack edge", () => {
  it("refuses what is not a signed POST of a known shape with a 4xx, and keeps serving", async () => {
    const answers = [
      (await fetch(`${h.base}/slack/events`)).status,
      (await fetch(`${h.base}/slack/events`, { method: "PUT", body: "x" })).status,
      (await fetch(`${h.base}/slack/events`, { method: "POST", headers: { "content-type": FORM }, body: "a=b" }))
        .status,
      (await slackRequest(h.base, "wrong-secret", commandBody("t-forged", "link"), FORM)).status,
      (await slackRequest(h.base, SIGNING_SECRET, commandBody("t-stale", "link"), FORM, { timestamp: 1 })).status,
      (await slackRequest(h.base, SIGNING_SECRET, "payload=null", FORM)).status,
      (await slackRequest(h.base, SIGNING_SECRET, "payload=%7Bnot+json", FORM)).status,
      (await slackRequest(h.base, SIGNING_SECRET, `payload=${encodeURIComponent('{"type":"view_submission"}')}`, FORM))
        .status,
      (await slackRequest(h.base, SIGNING_SECRET, "{}", "text/plain")).status,
      (await slackRequest(h.base, SIGNING_SECRET, "x".repeat(2 * 1024 * 1024), FORM)).status,
    ];
    expect(answers).toEqual([405, 405, 401, 401, 401, 400, 400, 400, 415, 413]);
    expect(await count("Person")).toBe(0);
    expect(await count("ProcessedRequest")).toBe(0);
    // Still serving: a good request is answered.
    const ok = await slackRequest(h.base, SIGNING_SECRET, commandBody("t-good", "help"), FORM);
    expect(ok.status).toBe(200);
  });

  it("refuses signed payloads whose ids or fields the bot would trip on, before anything is written", async () => {
    const event = (id: string, user: unknown) =>
      JSON.stringify({ type: "event_callback", event_id: id, event: { type: "app_home_opened", user, tab: "home" } });
    const answers = [
      (await slackRequest(h.base, SIGNING_SECRET, event("Ev1", { x: 1 }), "application/json")).status,
      (await slackRequest(h.base, SIGNING_SECRET, event("Ev2", null), "application/json")).status,
      (await slackRequest(h.base, SIGNING_SECRET, event("E\ud800", "UADA"), "application/json")).status,
      (await slackRequest(h.base, SIGNING_SECRET, commandBody("t".repeat(3000), "link"), FORM)).status,
      (await slackRequest(h.base, SIGNING_SECRET, commandBody("t\u0000", "link"), FORM)).status,
      (await slackRequest(h.base, SIGNING_SECRET, commandBody("t-no-url", "link", ""), FORM)).status,
    ];
    expect(answers).toEqual([400, 400, 400, 400, 400, 400]);
    await h.bot.idle();
    expect(await count("ProcessedRequest")).toBe(0);
    expect(await count("Person")).toBe(0);
  });

  it("answers CONNECT, upgrades and an announced oversized body without waiting for it", async () => {
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(h.bot.http!.port, "127.0.0.1", () => socket.write(text));
        let got = "";
        socket.on("data", (chunk) => {
          got += chunk.toString();
          socket.end();
        });
        socket.on("close", () => resolve(got));
        socket.on("error", () => resolve(got));
      });
    expect(await raw("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org\r\n\r\n")).toMatch(/^HTTP\/1.1 405/);
    expect(await raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")).toMatch(
      /^HTTP\/1.1 405/,
    );
    const announced = "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    expect(await raw(`${announced}Content-Length: 50000000\r\nExpect: 100-continue\r\n\r\n`)).toMatch(/^HTTP\/1.1 413/);
    expect(await raw(`${announced}Content-Length: 2000000\r\n\r\n{"type":`)).toMatch(/^HTTP\/1.1 413/);
  });

  it("answers Slack's URL verification and ignores payload kinds it has no use for", async () => {
    const verification = await slackRequest(
      h.base,
      SIGNING_SECRET,
      JSON.stringify({ type: "url_verification", challenge: "abc" }),
      "application/json",
    );
    expect(verification).toEqual({ status: 200, body: JSON.stringify({ challenge: "abc" }) });
    const shortcut = encodeURIComponent(JSON.stringify({ type: "shortcut", callback_id: "x", trigger_id: "t" }));
    expect((await slackRequest(h.base, SIGNING_SECRET, `payload=${shortcut}`, FORM)).status).toBe(200);
    expect(await count("ProcessedRequest")).toBe(0);
  });

  it("runs a replayed or retried command once, even after a restart", async () => {
    const body = commandBody("t-link", "link");
    expect((await slackRequest(h.base, SIGNING_SECRET, body, FORM)).status).toBe(200);
    expect((await slackRequest(h.base, SIGNING_SECRET, body, FORM, { retryNum: 1 })).status).toBe(200);
    await h.bot.idle();
    expect(await count("LinkCode")).toBe(1);
    expect(h.fake.responses).toHaveLength(1);

    // A new process on the same database still knows the request.
    await h.close();
    h = await slackHarness(db);
    expect((await slackRequest(h.base, SIGNING_SECRET, body, FORM)).status).toBe(200);
    await h.bot.idle();
    expect(await count("LinkCode")).toBe(1);
    expect(h.fake.responses).toHaveLength(0);
  });

  it("saves a replayed form submission once", async () => {
    const ada = h.user("UADA", "ada");
    await ada.command("profile mentee");
    await h.bot.idle();
    const view = h.fake.lastModal();
    const values = {
      ...{ skills: "c, rust", interests: "kernels", links: "" },
      ...{ country: "DE", timeZone: "UTC", availability: "full_time" },
    };
    // Capture the exact bytes the submission sends, then send them again. Saving a profile twice would
    // succeed (it is an upsert), so only the de-duplication keeps the second copy from running.
    const sent: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (String(input).endsWith("/slack/events")) sent.push(String(init?.body));
      return realFetch(input, init);
    };
    try {
      expect((await ada.submit(view, values)).status).toBe(200);
    } finally {
      globalThis.fetch = realFetch;
    }
    await h.bot.idle();
    const saves = async () =>
      (await db.sql.query(`SELECT 1 FROM "AuditLog" WHERE action = 'mentee_profile.saved'`)).length;
    expect(await saves()).toBe(1);
    expect((await slackRequest(h.base, SIGNING_SECRET, sent[0]!, FORM)).status).toBe(200);
    await h.bot.idle();
    expect(await saves()).toBe(1);
  });

  it("keeps a saved form's confirmation in the outbox through a 429 until it is delivered, once", async () => {
    const operator = h.user("UOPERATOR", "olivia");
    await operator.command("program create");
    await h.bot.idle();
    // Slack rate-limits every message until it recovers.
    h.fake.failures.set("chat.postMessage", [429, 429, 429, 429]);
    const values = { slug: "lfx", name: "LFX Mentorship", timeZone: "UTC", administrators: ["UGRACE"] };
    expect((await operator.submit(h.fake.lastModal(), values)).status).toBe(200);
    await h.bot.idle();
    h.fake.failures.delete("chat.postMessage");
    const reply = async () =>
      (
        await db.sql.query<{ status: string; attempts: number }>(
          `SELECT status, attempts FROM "OutboxMessage" WHERE kind = 'reply'`,
        )
      )[0];
    // The confirmation and grace's notice that she administers LFX wait; a message not tried in a
    // rate-limited batch waits for Retry-After without losing an attempt.
    expect(await reply()).toMatchObject({ status: "pending" });
    const refused = h.fake.callsTo("chat.postMessage").length;
    expect(refused).toBeGreaterThanOrEqual(1);

    h.clock.advance(8_000); // past the fake's Retry-After of 7 s
    await dispatch(h.bot.core, h.bot.slack!.sender);
    const delivered = await reply();
    expect(delivered).toMatchObject({ status: "delivered" });
    const confirmations = h.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "UOPERATOR");
    // The refused attempt (when the 429 fell on it) and the delivery: once on the platform.
    expect(confirmations).toHaveLength(delivered!.attempts);
    expect(String(confirmations.at(-1)!.args.text)).toContain("LFX Mentorship");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(refused + 2);
  });

  it("answers by direct message when the response URL fails", async () => {
    const body = commandBody("t-unreachable", "help", "http://127.0.0.1:1/response");
    expect((await slackRequest(h.base, SIGNING_SECRET, body, FORM)).status).toBe(200);
    await h.bot.idle();
    const dm = h.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "UADA");
    expect(String(JSON.stringify(dm?.args.blocks))).toContain("/mentorship apply");
  });

  it("answers a button on the App Home tab by direct message and a refreshed Home", async () => {
    const ada = h.user("UADA", "ada");
    await ada.openHome();
    await h.bot.idle();
    const published = h.fake.callsTo("views.publish").length;
    const payload = {
      type: "block_actions",
      user: { id: "UADA", username: "ada" },
      trigger_id: "t-home",
      view: { type: "home", id: "VHOME" },
      container: { type: "view", view_id: "VHOME" },
      actions: [{ type: "button", action_id: "no-such-action", value: "x", block_id: "b", action_ts: "1" }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    expect((await slackRequest(h.base, SIGNING_SECRET, body, FORM)).status).toBe(200);
    await h.bot.idle();
    const dm = h.fake.callsTo("chat.postMessage").at(-1);
    expect(dm?.args.channel).toBe("UADA");
    expect(String(dm?.args.text)).toContain("no longer in use");
    expect(h.fake.callsTo("views.publish").length).toBe(published + 1);
  });
});
