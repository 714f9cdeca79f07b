// Socket Mode through the real Bolt app and its Socket Mode client, against a local fake of Slack's
// WebSocket: the connection opened with the app token, envelopes acked by their id, a modal's field
// errors in the ack, a reconnect when Slack asks for one, a redelivered envelope handled once, App Home
// through the Events API, and a stop that leaves no connection behind.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import type { FakeSlackSocket } from "../support/fake-slack-socket.js";
import { blockText, slackHarness, type SlackHarness } from "../support/slack.js";

let db: Database;
let h: SlackHarness;
let socket: FakeSlackSocket;
let errors: { msg: string; errorId?: string; err?: { stack?: string } }[];
beforeEach(async () => {
  db = await testDatabase();
  errors = [];
  const log = pino({ level: "error" }, { write: (line: string) => void errors.push(JSON.parse(line)) });
  h = await slackHarness(db, "slack:UOPERATOR", undefined, {
    transport: "socket",
    // A short heartbeat: a connection whose pongs or Slack's pings stop for 1 s is replaced.
    socket: { clientPingTimeoutMs: 1000, serverPingTimeoutMs: 1000 },
    fakeSocket: { pingIntervalMs: 200 },
    log,
  });
  socket = h.socket!;
});
afterEach(async () => {
  await h.close();
  await db.close();
});

type Blocks = Parameters<typeof blockText>[0];
const lastResponse = () => h.fake.responses.at(-1)!.body as { response_type?: string; blocks?: Blocks };

/** Settles when `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Slack Socket Mode", () => {
  it("connects with the app token, is greeted, and acks a command by its envelope id", async () => {
    // The connection was opened through apps.connections.open with the app-level token, not the bot's.
    const opened = h.fake.callsTo("apps.connections.open");
    expect(opened).toHaveLength(1);
    expect(opened[0]!.token).toMatch(/^xapp-/);
    expect(socket.connections).toBe(1);

    const answer = await h.user("UADA", "ada").command("help");
    expect(answer).toMatchObject({ status: 200, body: "" });
    await h.bot.idle();
    const envelope = socket.envelopes.at(-1)!;
    expect(envelope).toMatchObject({ type: "slash_commands", accepts_response_payload: true });
    expect(socket.acks.map((a) => a.envelope_id)).toEqual([envelope.envelope_id]);
    // The answer goes to the command's response_url, as in HTTP mode; Web API calls use the bot token.
    expect(lastResponse().response_type).toBe("ephemeral");
    expect(blockText(lastResponse().blocks)).toContain("/mentorship apply [project]");
    const botCalls = h.fake.calls.filter((c) => c.method !== "apps.connections.open");
    expect(botCalls.every((c) => c.token === "xoxb-test-token")).toBe(true);
  });

  it("acks a modal submission's field errors with response_action errors and saves nothing", async () => {
    const operator = h.user("UOPERATOR", "olivia");
    await operator.command("program create");
    await h.bot.idle();
    const modal = h.fake.lastModal();
    const invalid = await operator.submit(modal, {
      slug: "Not A Slug!",
      name: "LFX",
      timeZone: "Mars/Base",
      administrators: ["UGRACE"],
    });
    const envelope = socket.envelopes.at(-1)!;
    expect(envelope).toMatchObject({ type: "interactive", accepts_response_payload: true });
    expect(socket.acks.at(-1)).toEqual({
      envelope_id: envelope.envelope_id,
      payload: {
        response_action: "errors",
        errors: {
          slug: "Short name: 2 to 40 lowercase letters, digits or dashes, e.g. lfx or 2027-spring.",
          timeZone: "Time zone must be an IANA name such as Europe/Berlin, America/New_York or UTC.",
        },
      },
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ response_action: "errors" });
    expect(await db.prisma.program.count()).toBe(0);
    // A good submission (its empty ack closes the modal) is the whole-term run's, over Socket Mode too.
  });

  it("keeps reconnecting when apps.connections.open fails on the way back", async () => {
    h.fake.failures.set("apps.connections.open", [500, { status: 429, retryAfter: 0 }]);
    socket.disconnect("refresh_requested");
    await until(() => socket.connections === 2 && socket.open === 1, 15_000);
    expect(h.fake.callsTo("apps.connections.open").length).toBeGreaterThanOrEqual(4);
    await h.user("UADA", "ada").command("help");
    await h.bot.idle();
    expect(blockText(lastResponse().blocks)).toContain("/mentorship apply [project]");
  });

  it("replaces a connection on which Slack's pings stopped, and handles the next envelope on the new one", async () => {
    // The client watches for Slack's pings once it has had one.
    await until(() => socket.pongs > 0);
    socket.stopPinging();
    await until(() => socket.connections === 2 && socket.open === 1);
    expect(h.fake.callsTo("apps.connections.open")).toHaveLength(2);
    await h.user("UADA", "ada").command("help");
    await h.bot.idle();
    expect(blockText(lastResponse().blocks)).toContain("/mentorship apply [project]");
  });

  it("logs a listener's failure with an error id and acks its envelope, so Slack does not redeliver it", async () => {
    // A submission without its view's state (Slack always sends one) makes the listener throw before its ack.
    const ack = await socket.deliver("interactive", {
      type: "view_submission",
      team: { id: "T1" },
      user: { id: "UADA", username: "ada", name: "ada" },
      api_app_id: "A1",
      trigger_id: "trigger-broken",
      view: { id: "V1", callback_id: "profile-mentee", private_metadata: "", blocks: [] },
    });
    expect(ack).toEqual({ envelope_id: socket.envelopes.at(-1)!.envelope_id, payload: {} });
    const failure = errors.find((e) => e.msg === "slack listener failed");
    expect(failure?.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(await db.prisma.person.count()).toBe(0);
  });

  it("publishes App Home for app_home_opened delivered through the Events API", async () => {
    await h.user("UADA", "ada").openHome("EvHOME1");
    await h.bot.idle();
    expect(socket.envelopes.at(-1)).toMatchObject({
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      payload: { type: "event_callback", event_id: "EvHOME1" },
    });
    expect(socket.acks.at(-1)).toEqual({ envelope_id: socket.envelopes.at(-1)!.envelope_id, payload: {} });
    const published = h.fake.callsTo("views.publish");
    expect(published).toHaveLength(1);
    expect(published[0]!.args).toMatchObject({ user_id: "UADA", view: { type: "home" } });
    expect(blockText((published[0]!.args.view as { blocks: Blocks }).blocks).length).toBeGreaterThan(0);
  });

  it("handles a redelivered envelope once: an event by its event id, a command by its trigger id", async () => {
    const ada = h.user("UADA", "ada");
    await ada.openHome("EvAGAIN");
    await ada.openHome("EvAGAIN", { retryNum: 1 });
    await h.bot.idle();
    expect(socket.envelopes.at(-1)).toMatchObject({ retry_attempt: 1, retry_reason: "timeout" });
    // Both envelopes acked, so Slack stops redelivering; the Home published once.
    expect(socket.acks).toHaveLength(2);
    expect(h.fake.callsTo("views.publish")).toHaveLength(1);

    // The same command twice (a redelivery carries the same trigger id): one link code, one answer.
    const command = socket.envelopes.length;
    await ada.command("link");
    await h.bot.idle();
    const first = socket.envelopes[command]!;
    await socket.deliver("slash_commands", first.payload);
    await h.bot.idle();
    expect(await db.prisma.linkCode.count()).toBe(1);
    expect(h.fake.responses).toHaveLength(1);
  });

  it("stops cleanly: the connection closes and no reconnect follows", async () => {
    expect(socket.open).toBe(1);
    await h.bot.stop();
    await until(() => socket.open === 0);
    // Longer than a reconnect takes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(socket.connections).toBe(1);
    expect(h.fake.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("stops at once while it waits to reconnect, and connects no more", async () => {
    h.fake.failures.set("apps.connections.open", Array(10).fill(500));
    socket.disconnect("refresh_requested");
    await until(() => h.fake.callsTo("apps.connections.open").length >= 2 && socket.open === 0);
    const started = Date.now();
    await h.bot.slack!.socket!.stop();
    // Well under the 1 s wait before the next attempt: the wait is cut short.
    expect(Date.now() - started).toBeLessThan(900);
    await h.bot.stop();
    const attempts = h.fake.callsTo("apps.connections.open").length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.fake.callsTo("apps.connections.open")).toHaveLength(attempts);
    expect(socket.connections).toBe(1);
  });
});
