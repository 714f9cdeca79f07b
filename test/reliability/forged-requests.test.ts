// Requests nobody should be able to act with: every HTTP method on every path, unsigned, forged, stale,
// malformed and oversized Slack requests, a replayed one, and malformed Discord interactions. Each is
// answered with a 4xx (or the 2xx ack Slack requires for a valid request the bot ignores), the process
// stays alive and answers the next request, and no row of any table changes.
//
// The bot runs in a child process (test/support/bot-process.ts, startBot as main.ts runs it): a request
// that crashes it fails its own test, and the next test starts a fresh bot.
//
// What each case once did to the bot, before its edge was rebuilt: any method but POST on /slack/events
// threw out of the HTTP server and ended the process; a signed payload=null ended it inside Bolt; a
// view_submission without view or state answered 500; a timestamp from the future was accepted; a replay
// after a restart ran twice; a gateway packet discord.js could not read ended the process.
import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBotChild, type BotChild } from "../support/bot-child.js";
import { APPLICATION_ID, FakeDiscord, snowflake } from "../support/fake-discord.js";
import { FakeSlack, SlackUser } from "../support/fake-slack.js";
import { SIGNING_SECRET } from "../support/slack.js";
import { tableChanges } from "../support/tables.js";

interface Answer {
  status: number;
  body: string;
}

/**
 * One HTTP request exactly as given (fetch would add or refuse some of these headers and bodies), on a
 * connection of its own: a server may close a connection after refusing a body it did not read (413),
 * and a later request must not fail for having reused it.
 */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error("no answer within 15 s")));
    req.on("error", reject);
    req.end(body);
  });
}

const now = () => Math.floor(Date.now() / 1000);
function signed(
  body: string | Buffer,
  { timestamp = now(), secret = SIGNING_SECRET, type = "application/x-www-form-urlencoded" } = {},
) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
  return { "content-type": type, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const interaction = (payload: unknown) =>
  form({ payload: typeof payload === "string" ? payload : JSON.stringify(payload) });
const user = { id: "U0ADA", username: "ada", name: "ada" };

let fake: FakeSlack;
let bot: BotChild;
let ada: SlackUser;

async function startSlackBot(): Promise<void> {
  bot = await startBotChild({
    DATABASE_URL: "memory://",
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.base}/api/`,
    MENTORSHIP_OPERATORS: "slack:UOPERATOR",
  });
  ada = new SlackUser("U0ADA", "ada", { bot: bot.base, fake, secret: SIGNING_SECRET });
  // Rows for the comparison to watch: ada and a link code of hers, the operator and a program.
  expect((await ada.command("link")).status).toBe(200);
  await waitFor(async () => (await bot.tables()).LinkCode?.length === 1, "ada's link code");
}

async function waitFor(condition: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Sends what `act` sends and checks the bot survived it, still answers, and wrote nothing. Returns the
 * answer, or the error if the connection failed (which the caller's status check then reports).
 */
async function harmless(act: () => Promise<Answer>): Promise<Answer> {
  const before = await bot.tables();
  const answer = await act().catch((error: unknown) => ({ status: 0, body: `no answer: ${String(error)}` }));
  // Work a handler would do after its ack has time to show up.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(bot.exit, `the bot process died: ${errorLines(bot)}`).toBeUndefined();
  const health = await send(bot.base, "GET", "/healthz").catch((error: unknown) => ({
    status: 0,
    body: String(error),
  }));
  expect(health.status, `a request afterwards is still answered: ${health.body.slice(0, 300)}`).toBe(200);
  expect(tableChanges(before, await bot.tables())).toEqual({});
  return answer;
}

/** The error lines of the bot's standard error (a crash's or a logged failure's), for the other engineers. */
function errorLines(child: BotChild): string {
  const lines = child
    .stderr()
    .split("\n")
    .filter((line) => /^[A-Za-z]*Error\b|"msg":/.test(line));
  return lines
    .slice(-4)
    .map((line) => line.slice(0, 300))
    .join(" | ");
}
const why = (answer: Answer) => `${answer.body.slice(0, 200)} | bot: ${errorLines(bot)}`;
const is4xx = (answer: Answer) => {
  expect(answer.status, why(answer)).toBeGreaterThanOrEqual(400);
  expect(answer.status, why(answer)).toBeLessThan(500);
};
/** A 4xx, or the ack Slack needs for a well-formed request the bot ignores; never a 5xx or a dropped connection. */
const refusedOrAcked = (answer: Answer) => {
  expect(answer.status, why(answer)).toBeGreaterThanOrEqual(200);
  expect(answer.status, why(answer)).toBeLessThan(500);
};

describe("Slack's endpoint and the other paths", () => {
  beforeAll(async () => {
    fake = new FakeSlack();
    await fake.start();
    await startSlackBot();
  }, 120_000);
  // A crash fails one test; the next one gets a fresh bot.
  beforeEach(async () => {
    if (bot.exit) await startSlackBot();
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });

  const methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
  const paths = ["/slack/events", "/slack/events/extra", "/", "/nope", "/SLACK/EVENTS", "/healthz/x"];
  for (const path of paths) {
    for (const method of methods) {
      it(`${method} ${path}, unsigned: 4xx, alive, nothing written`, async () => {
        is4xx(
          await harmless(() =>
            send(
              bot.base,
              method,
              path,
              method === "GET" || method === "HEAD" ? {} : { "content-type": "application/x-www-form-urlencoded" },
              method === "GET" || method === "HEAD" ? undefined : "text=help",
            ),
          ),
        );
      });
    }
  }
  it("GET /slack/events?ssl_check=1 (a query on Slack's path), unsigned: 4xx, alive, nothing written", async () => {
    is4xx(await harmless(() => send(bot.base, "GET", "/slack/events?ssl_check=1")));
  });
  for (const method of methods.filter((m) => m !== "GET")) {
    it(`${method} /healthz: not a health check, nothing written`, async () => {
      const answer = await harmless(() => send(bot.base, method, "/healthz"));
      if (method === "HEAD") refusedOrAcked(answer);
      else is4xx(answer);
    });
  }

  const command = form({
    token: "legacy",
    team_id: "T1",
    user_id: "U0MALLORY",
    user_name: "mallory",
    command: "/mentorship",
    text: "link",
    response_url: "http://127.0.0.1:9/response/forged",
    trigger_id: "trigger-forged",
  });
  const signatures: [string, () => Record<string, string>][] = [
    ["no signature headers", () => ({ "content-type": "application/x-www-form-urlencoded" })],
    ["a signature made with another secret", () => signed(command, { secret: "not-the-secret" })],
    ["a timestamp six minutes old", () => signed(command, { timestamp: now() - 360 })],
    ["a timestamp six minutes ahead", () => signed(command, { timestamp: now() + 360 })],
    [
      "no timestamp",
      () => {
        const { "x-slack-request-timestamp": _t, ...rest } = signed(command);
        return rest;
      },
    ],
    [
      "no signature",
      () => {
        const { "x-slack-signature": _s, ...rest } = signed(command);
        return rest;
      },
    ],
    ["a timestamp that is not a number", () => ({ ...signed(command), "x-slack-request-timestamp": "soon" })],
    [
      "a signature of another version",
      () => ({ ...signed(command), "x-slack-signature": signed(command)["x-slack-signature"].replace("v0=", "v1=") }),
    ],
    ["an empty signature", () => ({ ...signed(command), "x-slack-signature": "" })],
    ["a signature of a different body", () => signed(command.replace("link", "help"))],
  ];
  for (const [what, headers] of signatures) {
    it(`a command with ${what}: 401 or 4xx, nothing written`, async () => {
      is4xx(await harmless(() => send(bot.base, "POST", "/slack/events", headers(), command)));
    });
  }

  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const malformed: [string, string | Buffer, string?][] = [
    ["an empty body", ""],
    ["payload=null", interaction("null")],
    ["payload=not-json", interaction("not-json")],
    ["payload={}", interaction({})],
    ["payload=[]", interaction("[]")],
    ["a view_submission without a view", interaction({ type: "view_submission", user, trigger_id: "t1" })],
    [
      "a view_submission whose view has no state",
      interaction({
        type: "view_submission",
        user,
        trigger_id: "t2",
        view: { id: "V1", callback_id: "profile-mentee", private_metadata: "", blocks: [] },
      }),
    ],
    [
      "a view_submission of an unknown form with odd values",
      interaction({
        type: "view_submission",
        user,
        trigger_id: "t3",
        view: {
          id: "V1",
          callback_id: "no-such-form",
          private_metadata: "\u0000",
          blocks: [],
          state: { values: { a: { b: { type: "plain_text_input", value: "\uD800" } } } },
        },
      }),
    ],
    [
      "a view_submission without a user",
      interaction({
        type: "view_submission",
        trigger_id: "t4",
        view: { id: "V1", callback_id: "profile-mentee", private_metadata: "", blocks: [], state: { values: {} } },
      }),
    ],
    [
      "a block_actions without actions",
      interaction({ type: "block_actions", user, trigger_id: "t5", team: { id: "T1" } }),
    ],
    [
      "a block_actions with no action in its list",
      interaction({ type: "block_actions", user, trigger_id: "t6", team: { id: "T1" }, actions: [] }),
    ],
    [
      "a block_actions without a user",
      interaction({
        type: "block_actions",
        trigger_id: "t7",
        actions: [{ type: "button", action_id: "task.complete", value: "x", block_id: "b", action_ts: "1" }],
      }),
    ],
    [
      "a block_actions pressing a button of nothing",
      interaction({
        type: "block_actions",
        user,
        trigger_id: "t8",
        team: { id: "T1" },
        actions: [
          {
            type: "button",
            action_id: "application.accept",
            value: "00000000-0000-0000-0000-000000000000",
            block_id: "b",
            action_ts: "1",
          },
        ],
      }),
    ],
    ["an interaction of an unknown type", interaction({ type: "nonsense", user, trigger_id: "t9" })],
    ["a command without a user", form({ command: "/mentorship", text: "link", trigger_id: "t10" })],
    [
      "another app's command",
      form({ command: "/other", text: "link", user_id: "U0ADA", user_name: "ada", trigger_id: "t11" }),
    ],
    [
      "a command with NUL bytes and a lone surrogate",
      form({
        command: "/mentorship",
        text: "link\u0000\uD800",
        user_id: "U0NEW\u0000",
        user_name: "\uDC00",
        trigger_id: "t12",
      }),
    ],
    ["bad percent-encoding", "payload=%E0%A4%A&text=%ZZ"],
    ["a signed text/plain body", "hello", "text/plain"],
    [
      "a multipart body",
      '--x\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{}\r\n--x--\r\n',
      "multipart/form-data; boundary=x",
    ],
    ["a JSON object without a type", "{}", "application/json"],
    ["JSON that is not JSON", '{"type":', "application/json"],
    [
      "an event_callback without an event",
      JSON.stringify({ type: "event_callback", event_id: "Ev1", team_id: "T1" }),
      "application/json",
    ],
    [
      "an event of a type nobody subscribed to",
      JSON.stringify({
        type: "event_callback",
        event_id: "Ev2",
        team_id: "T1",
        event: { type: "message", user: "U0NEW", text: "hi" },
      }),
      "application/json",
    ],
    [
      "app_home_opened of the messages tab",
      JSON.stringify({
        type: "event_callback",
        event_id: "Ev3",
        team_id: "T1",
        event: { type: "app_home_opened", user: "U0NEW", tab: "messages", event_ts: "1" },
      }),
      "application/json",
    ],
    ["deeply nested JSON in a payload", interaction(`{"type":"block_actions","x":${deep(50_000)}}`)],
    ["a deeply nested JSON body", `{"type":"event_callback","x":${deep(50_000)}}`, "application/json"],
    [
      "a body of 6 MB",
      interaction({ type: "block_actions", user, trigger_id: "t13", actions: [], filler: "x".repeat(6_000_000) }),
    ],
  ];
  for (const [what, body, type] of malformed) {
    it(`signed, ${what}: refused or acked, alive, nothing written`, async () => {
      refusedOrAcked(
        await harmless(() => send(bot.base, "POST", "/slack/events", signed(body, type ? { type } : {}), body)),
      );
    });
  }

  it("url_verification is answered with its challenge, and writes nothing", async () => {
    const body = JSON.stringify({ type: "url_verification", token: "legacy", challenge: "c-123" });
    const answer = await harmless(() =>
      send(bot.base, "POST", "/slack/events", signed(body, { type: "application/json" }), body),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("c-123");
  });

  it("a valid signed request sent twice, byte for byte, is handled once", async () => {
    const linkCodes = async () => (await bot.tables()).LinkCode?.length ?? 0;
    const before = await linkCodes();
    const responsesBefore = fake.responses.length;
    const body = form({
      token: "legacy",
      team_id: "T1",
      channel_id: "C1",
      user_id: "U0ADA",
      user_name: "ada",
      command: "/mentorship",
      text: "link",
      response_url: `${fake.base}/response/replayed`,
      trigger_id: "trigger-replayed",
    });
    const headers = signed(body);
    expect((await send(bot.base, "POST", "/slack/events", headers, body)).status).toBe(200);
    await waitFor(async () => (await linkCodes()) === before + 1, "the first request's link code");
    const replay = await send(bot.base, "POST", "/slack/events", headers, body);
    expect(replay.status, "a replay is acknowledged (Slack would retry otherwise) or refused").toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await linkCodes()).toBe(before + 1);
    expect(fake.responses.filter((r) => r.url === "/response/replayed")).toHaveLength(1);
    expect(fake.responses.length).toBe(responsesBefore + 1);
  });

  it("a valid request replayed after the bot restarted is still handled once (durable de-duplication)", async () => {
    const body = form({
      token: "legacy",
      team_id: "T1",
      channel_id: "C1",
      user_id: "U0ADA",
      user_name: "ada",
      command: "/mentorship",
      text: "link",
      response_url: `${fake.base}/response/restarted`,
      trigger_id: "trigger-restarted",
    });
    const headers = signed(body);
    // The embedded database must outlive the process for this one: a data directory, not memory.
    const dataDir = mkdtempSync(`${tmpdir()}/mentorship-replay-`);
    const env = {
      MENTORSHIP_DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${fake.base}/api/`,
      MENTORSHIP_OPERATORS: "slack:UOPERATOR",
    };
    let first = await startBotChild(env);
    try {
      expect((await send(first.base, "POST", "/slack/events", headers, body)).status).toBe(200);
      await waitFor(async () => ((await first.tables()).LinkCode?.length ?? 0) === 1, "the first request's link code");
      await first.stop();
      first = await startBotChild(env);
      expect((await send(first.base, "POST", "/slack/events", headers, body)).status).toBeLessThan(500);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await first.tables()).LinkCode).toHaveLength(1);
    } finally {
      await first.stop();
    }
  });
});

describe("Discord interactions that are not what Discord sends", () => {
  let discord: FakeDiscord;
  let discordBot: BotChild;
  const adaId = "812345678901234567";

  async function startDiscordBot(): Promise<void> {
    discordBot = await startBotChild({
      DATABASE_URL: "memory://",
      DISCORD_TOKEN: "test-token",
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: `${discord.base}/api`,
      MENTORSHIP_OPERATORS: "discord:1",
    });
    // Ada speaks once, so a later valid interaction of hers writes nothing and proves the bot answers.
    expect(await answered(valid())).toBe(true);
  }

  const ada = { id: adaId, username: "ada", global_name: "ada", discriminator: "0", avatar: null };
  const base = (type: number, data: unknown, extra: Record<string, unknown> = {}) => {
    const id = snowflake();
    return {
      id,
      application_id: APPLICATION_ID,
      type,
      data,
      token: `token-${id}`,
      version: 1,
      channel_id: `dm${adaId}`,
      channel: { id: `dm${adaId}`, type: 1 },
      user: ada,
      app_permissions: "0",
      locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "1": adaId },
      context: 1,
      ...extra,
    };
  };
  const valid = () =>
    base(2, {
      id: "900000000000000010",
      name: "mentorship",
      type: 1,
      options: [{ type: 1, name: "help", options: [] }],
    });

  async function answered(d: { id: string }, ms = 5_000): Promise<boolean> {
    discord.dispatch("INTERACTION_CREATE", d);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (discord.callbacks(d.id).length > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  beforeAll(async () => {
    discord = new FakeDiscord();
    await discord.start();
    await startDiscordBot();
  }, 120_000);
  beforeEach(async () => {
    if (discordBot.exit) await startDiscordBot();
  }, 120_000);
  afterAll(async () => {
    await discordBot?.stop();
    await discord?.stop();
  });

  const cases: [string, () => unknown][] = [
    ["no data at all", () => null],
    ["an empty object", () => ({})],
    ["a command without data", () => base(2, undefined)],
    [
      "a command without a user or member",
      () => ({ ...base(2, { id: "1", name: "mentorship", type: 1, options: [] }), user: undefined }),
    ],
    ["a command of another name", () => base(2, { id: "1", name: "other", type: 1, options: [] })],
    [
      "a command with options of the wrong shape",
      () => base(2, { id: "1", name: "mentorship", type: 1, options: [{ type: 99, name: 42 }] }),
    ],
    [
      "a command with NUL bytes and lone surrogates",
      () =>
        base(2, {
          id: "1",
          name: "mentorship",
          type: 1,
          options: [{ type: 1, name: "verify", options: [{ type: 3, name: "code", value: "\u0000\uD800" }] }],
        }),
    ],
    [
      "a button without a custom_id",
      () => base(3, { component_type: 2 }, { message: discord.message(`dm${adaId}`, {}) }),
    ],
    [
      "a button of nothing",
      () =>
        base(
          3,
          { custom_id: "application.accept:00000000-0000-0000-0000-000000000000", component_type: 2 },
          { message: discord.message(`dm${adaId}`, {}) },
        ),
    ],
    [
      "a button with a 5,000-character custom_id",
      () =>
        base(3, { custom_id: "x".repeat(5_000), component_type: 2 }, { message: discord.message(`dm${adaId}`, {}) }),
    ],
    ["a modal submit without components", () => base(5, { custom_id: "profile-mentee" })],
    [
      "a modal submit of an unknown form with odd values",
      () =>
        base(5, {
          custom_id: "no-such-form\u0000",
          components: [{ type: 1, components: [{ type: 4, custom_id: "\uD800", value: "\u0000" }] }],
        }),
    ],
    ["an interaction of an unknown type", () => base(99, {})],
    ["a ping", () => base(1, undefined)],
  ];
  for (const [what, make] of cases) {
    it(`${what}: no crash, nothing written, the next interaction answered`, async () => {
      const before = await discordBot.tables();
      discord.dispatch("INTERACTION_CREATE", make());
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(discordBot.exit, `the bot process died: ${errorLines(discordBot)}`).toBeUndefined();
      expect(tableChanges(before, await discordBot.tables())).toEqual({});
      expect(await answered(valid()), "a valid interaction afterwards is answered").toBe(true);
    });
  }
});
