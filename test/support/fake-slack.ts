// A local Slack: the Web API the bot calls (recorded, answered like Slack
// does, including conversations.history's paging and, on demand, outages:
// 429 with Retry-After, 500, no answer at all), the response_url endpoints,
// and a driver that sends the bot signed requests in Slack's wire format
// (form-encoded commands and interactions, JSON events). Socket Mode's
// WebSocket is fake-slack-socket.ts, which this Web API points the bot to.
import { slackPayloadProblem } from "./slack-payloads.js";
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call was made with (the bot's xoxb-, or the app-level xapp- token). */
  token?: string;
}

export interface ResponseCall {
  url: string;
  body: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Form fields that carry JSON (blocks, view, files) are decoded, as Slack does. */
function parseArgs(body: Buffer, type: string | undefined): Record<string, unknown> {
  if (type?.includes("application/json")) return JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/** The file in an upload: the body itself, or its part of a multipart/form-data body. */
function fileOf(body: Buffer, type: string | undefined): Buffer {
  const boundary = /boundary=(.+)$/.exec(type ?? "")?.[1];
  if (!boundary) return body;
  const marker = Buffer.from(`--${boundary}`);
  let start = body.indexOf(marker);
  while (start >= 0) {
    const next = body.indexOf(marker, start + marker.length);
    const part = body.subarray(start + marker.length, next < 0 ? body.length : next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0 && part.subarray(0, headerEnd).toString().includes("filename="))
      return part.subarray(headerEnd + 4, part.length - 2);
    start = next;
  }
  return body;
}

/**
 * One answer Slack may give instead of a normal one: 429 (Retry-After 7 s, or
 * the seconds given), 500, "hang" (no answer ever; nothing done), or
 * "hang-after-processing" (the call takes effect, its answer never comes).
 */
// "ok" is answered as usual: it lets a fault come after some calls that succeed (a crash after page k).
export type Fault = 429 | 500 | { status: 429; retryAfter: number } | "hang" | "hang-after-processing" | "ok";

/** A message in a channel's history, as conversations.history returns it. */
export interface HistoryMessage {
  type: "message";
  ts: string;
  text: unknown;
  user?: string;
  bot_id?: string;
  blocks?: unknown;
  metadata?: unknown;
}

/** Slack's timestamps: seconds with six digits of microseconds, unique in a channel. */
const micros = (ts: string | number): bigint => {
  const [seconds = "0", fraction = ""] = String(ts).split(".");
  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6) || "0");
};
/** The outbox id in a message's metadata, as the bot attaches it. */
export const outboxIdOf = (metadata: unknown): string | undefined =>
  (metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id;
const tsOf = (at: bigint): string => `${at / 1_000_000n}.${String(at % 1_000_000n).padStart(6, "0")}`;

export interface FakeSlackOptions {
  /** Slack's clock (epoch ms), which stamps messages; tests that move time by hand share theirs. */
  now?: () => number;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseCall[] = [];
  readonly uploads: { name: string; bytes: Buffer }[] = [];
  private server: Server | undefined;
  private nextId = 1;
  /** Answers to give a method before it succeeds again, e.g. 429 then 500 then "hang". */
  readonly failures = new Map<string, Fault[]>();
  /** Requests left without an answer (a hang), until the caller gives up or the fake stops. */
  readonly hanging = new Set<ServerResponse>();
  /** Messages per channel, oldest first. */
  private readonly history = new Map<string, HistoryMessage[]>();
  private lastTs = 0n;
  private readonly now: () => number;
  base = "";
  /** Where apps.connections.open sends an app (a new Socket Mode URL each call); set by FakeSlackSocket. */
  socketUrl: (() => string) | undefined;

  constructor(options: FakeSlackOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Calls refused as Slack would refuse them (see slack-payloads.ts). */
  readonly refused: { method: string; problem: string }[] = [];

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const url = req.url ?? "/";
      res.setHeader("content-type", "application/json");
      if (url.startsWith("/api/")) {
        const method = url.slice(5).split("?")[0]!;
        const args = parseArgs(body, req.headers["content-type"]);
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        this.calls.push({ method, args, ...(token ? { token } : {}) });
        const invalid = slackPayloadProblem(method, args);
        if (invalid) {
          this.refused.push({ method, problem: invalid });
          res.end(JSON.stringify({ ok: false, error: "invalid_blocks", errors: [invalid] }));
          return;
        }
        const failure = this.failures.get(method)?.shift();
        if (failure === 429 || (typeof failure === "object" && failure.status === 429)) {
          res.statusCode = 429;
          res.setHeader("retry-after", String(typeof failure === "object" ? failure.retryAfter : 7));
          res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
          return;
        }
        if (failure === 500) {
          res.statusCode = 500;
          res.end(JSON.stringify({ ok: false, error: "internal_error" }));
          return;
        }
        if (failure === "hang-after-processing") this.answer(method, args, token);
        if (failure === "hang" || failure === "hang-after-processing") {
          this.hanging.add(res);
          res.on("close", () => this.hanging.delete(res));
          return;
        }
        res.end(JSON.stringify(this.answer(method, args, token)));
      } else if (url.startsWith("/response/")) {
        const answer = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
        this.responses.push({ url, body: answer });
        const invalid = slackPayloadProblem("response_url", answer);
        if (invalid) {
          this.refused.push({ method: "response_url", problem: invalid });
          res.statusCode = 400;
          res.end(JSON.stringify({ ok: false, error: "invalid_blocks" }));
          return;
        }
        res.end(JSON.stringify({ ok: true }));
      } else if (url.startsWith("/upload/")) {
        this.uploads.push({ name: decodeURIComponent(url.slice(8)), bytes: fileOf(body, req.headers["content-type"]) });
        res.end("OK");
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    // Hung requests would keep the server open for ever.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Adds a message to a channel now, as if someone (by default the person of a DM channel) wrote it. */
  post(channel: string, message: Partial<HistoryMessage> = {}): HistoryMessage {
    const at = BigInt(this.now()) * 1000n;
    this.lastTs = at > this.lastTs ? at : this.lastTs + 1n;
    const user = channel.startsWith("D") ? channel.slice(1) : "USOMEONE";
    const posted: HistoryMessage = { type: "message", ts: tsOf(this.lastTs), text: "", user, ...message };
    const list = this.history.get(channel) ?? [];
    list.push(posted);
    this.history.set(channel, list);
    return posted;
  }

  /** Messages in a channel, oldest first. */
  messages(channel: string): HistoryMessage[] {
    return [...(this.history.get(channel) ?? [])];
  }

  /** How many copies of an outbox message Slack has, in any channel (its metadata names it). */
  copies(outboxId: string): number {
    let count = 0;
    for (const list of this.history.values()) {
      count += list.filter((m) => outboxIdOf(m.metadata) === outboxId).length;
    }
    return count;
  }

  private answer(method: string, args: Record<string, unknown>, token?: string): Record<string, unknown> {
    const id = this.nextId++;
    switch (method) {
      // Only an app-level token (connections:write) opens a Socket Mode connection.
      case "apps.connections.open":
        if (!token?.startsWith("xapp-")) return { ok: false, error: "not_allowed_token_type" };
        return this.socketUrl ? { ok: true, url: this.socketUrl() } : { ok: false, error: "socket_mode_not_enabled" };
      case "auth.test":
        return { ok: true, user_id: "U0MENTORSHIP", bot_id: "B0MENTORSHIP", team_id: "T1" };
      case "views.open":
      case "views.publish":
      case "views.update":
        return { ok: true, view: { id: `V${id}`, ...(args.view as object) } };
      case "chat.postMessage": {
        // A direct message to a user lands in their DM channel with the bot.
        const channel = String(args.channel).startsWith("U") ? `D${String(args.channel)}` : String(args.channel);
        const bot = { user: "U0MENTORSHIP", bot_id: "B0MENTORSHIP" };
        const posted = this.post(channel, { ...bot, text: args.text, blocks: args.blocks, metadata: args.metadata });
        return { ok: true, channel, ts: posted.ts, message: posted };
      }
      case "conversations.history":
        return this.historyPage(args);
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case "files.getUploadURLExternal":
        return {
          ok: true,
          upload_url: `${this.base}/upload/${encodeURIComponent(String(args.filename))}`,
          file_id: `F${id}`,
        };
      case "files.completeUploadExternal":
        return { ok: true, files: [{ id: `F${id}` }] };
      default:
        return { ok: true };
    }
  }

  /**
   * conversations.history as Slack documents it: newest first, between
   * `oldest` and `latest` (now by default; excluded unless `inclusive`),
   * `limit` a page (default 100, at most 999), the next page by
   * response_metadata.next_cursor while has_more; metadata only with
   * include_all_metadata.
   */
  private historyPage(args: Record<string, unknown>): Record<string, unknown> {
    const inclusive = String(args.inclusive) === "true" || args.inclusive === "1";
    const oldest = micros(String(args.oldest ?? "0"));
    // Without `latest`, up to now: every message the fake has.
    const latest = args.latest !== undefined ? micros(String(args.latest)) : this.lastTs + 1n;
    const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
    const withMetadata = String(args.include_all_metadata) === "true" || args.include_all_metadata === "1";
    let window = (this.history.get(String(args.channel)) ?? [])
      .filter((m) => {
        const at = micros(m.ts);
        return inclusive ? at >= oldest && at <= latest : at > oldest && at < latest;
      })
      .reverse();
    if (args.cursor) {
      const from = /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(String(args.cursor), "base64").toString("utf8"))?.[1];
      if (!from) return { ok: false, error: "invalid_cursor" };
      window = window.filter((m) => micros(m.ts) <= micros(from));
    }
    const page = window
      .slice(0, limit)
      .map(({ metadata, ...rest }) => (withMetadata && metadata ? { ...rest, metadata } : rest));
    const next = window[limit];
    return {
      ok: true,
      messages: page,
      has_more: next !== undefined,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      ...(next ? { response_metadata: { next_cursor: Buffer.from(`next_ts:${next.ts}`).toString("base64") } } : {}),
    };
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The newest modal opened for a trigger. */
  lastModal(): Record<string, unknown> {
    const call = this.callsTo("views.open").at(-1);
    if (!call) throw new Error("no modal was opened");
    return call.args.view as Record<string, unknown>;
  }
}

export interface SignedRequestOptions {
  timestamp?: number;
  secret?: string;
  retryNum?: number;
}

/** Sends one request to the bot's /slack/events as Slack would, signed. */
export async function slackRequest(
  botBase: string,
  secret: string,
  body: string,
  contentType: string,
  options: SignedRequestOptions = {},
) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", options.secret ?? secret)
    .update(`v0:${timestamp}:${body}`)
    .digest("hex")}`;
  const response = await fetch(`${botBase}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
      ...(options.retryNum
        ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
        : {}),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** The three kinds of payload Slack sends an app: Socket Mode names its envelopes by them. */
export type PayloadKind = "slash_commands" | "interactive" | "events_api";

/**
 * How a payload reaches the bot, answered as over HTTP: the status, and the body of the ack (empty when
 * the ack carries nothing, JSON such as `{"response_action":"errors",…}` when it does).
 */
export type SlackTransport = (
  kind: PayloadKind,
  payload: Record<string, unknown>,
  options: SignedRequestOptions,
) => Promise<{ status: number; body: string }>;

/** HTTP mode: commands and interactions form-encoded (interactions as a `payload` field), events as JSON. */
export const httpTransport =
  (botBase: string, secret: string): SlackTransport =>
  (kind, payload, options) => {
    if (kind === "events_api")
      return slackRequest(botBase, secret, JSON.stringify(payload), "application/json", options);
    const form =
      kind === "slash_commands"
        ? new URLSearchParams(payload as Record<string, string>)
        : new URLSearchParams({ payload: JSON.stringify(payload) });
    return slackRequest(botBase, secret, form.toString(), "application/x-www-form-urlencoded", options);
  };

let triggers = 0;

/** A Slack user, as the bot sees them in payloads, over HTTP (bot and secret) or another transport. */
export class SlackUser {
  private readonly send: SlackTransport;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly slack: { fake: FakeSlack } & ({ bot: string; secret: string } | { send: SlackTransport }),
  ) {
    this.send = "send" in slack ? slack.send : httpTransport(slack.bot, slack.secret);
  }

  async command(text: string, options: SignedRequestOptions = {}) {
    const triggerId = `trigger-${++triggers}`;
    const payload = {
      token: "legacy",
      team_id: "T1",
      channel_id: "C1",
      user_id: this.id,
      user_name: this.name,
      command: "/mentorship",
      text,
      api_app_id: "A1",
      is_enterprise_install: "false",
      response_url: `${this.slack.fake.base}/response/${triggerId}`,
      trigger_id: triggerId,
    };
    return { triggerId, ...(await this.send("slash_commands", payload, options)) };
  }
  async press(button: { action_id: string; value: string }, options: SignedRequestOptions = {}) {
    const triggerId = `trigger-${++triggers}`;
    const payload = {
      type: "block_actions",
      team: { id: "T1" },
      user: { id: this.id, username: this.name, name: this.name },
      api_app_id: "A1",
      trigger_id: triggerId,
      response_url: `${this.slack.fake.base}/response/${triggerId}`,
      container: { type: "message", message_ts: "1.0", channel_id: "C1" },
      channel: { id: "C1" },
      actions: [pressedButton(button)],
    };
    return { triggerId, ...(await this.send("interactive", payload, options)) };
  }

  /** Presses a button of the App Home tab: Slack sends no response URL, only the Home view. */
  async pressOnHome(button: { action_id: string; value: string }, options: SignedRequestOptions = {}) {
    const triggerId = `trigger-${++triggers}`;
    const payload = {
      type: "block_actions",
      team: { id: "T1" },
      user: { id: this.id, username: this.name, name: this.name },
      api_app_id: "A1",
      trigger_id: triggerId,
      view: { type: "home", id: "VHOME" },
      container: { type: "view", view_id: "VHOME" },
      actions: [pressedButton(button)],
    };
    return { triggerId, ...(await this.send("interactive", payload, options)) };
  }

  /** Submits a modal the bot opened, with values keyed by field id. */
  async submit(
    view: Record<string, unknown>,
    values: Record<string, string | string[]>,
    options: SignedRequestOptions = {},
  ) {
    const blocks = view.blocks as { block_id: string; element: { type: string } }[];
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of blocks) {
      const value = values[block.block_id];
      const type = block.element.type;
      const input =
        type === "static_select" || type === "radio_buttons"
          ? { type, selected_option: value ? { value } : null }
          : type === "datepicker"
            ? { type, selected_date: value ?? null }
            : type === "multi_users_select"
              ? { type, selected_users: value ?? [] }
              : type === "users_select"
                ? { type, selected_user: value ?? null }
                : type === "checkboxes"
                  ? { type, selected_options: value === "yes" ? [{ value: "yes" }] : [] }
                  : type === "file_input"
                    ? { type, files: typeof value === "string" && value ? [uploadedFile(value)] : [] }
                    : { type, value: value ?? null };
      state[block.block_id] = { value: input };
    }
    const payload = {
      type: "view_submission",
      team: { id: "T1" },
      user: { id: this.id, username: this.name, name: this.name },
      api_app_id: "A1",
      trigger_id: `trigger-${++triggers}`,
      view: { ...view, id: "V1", state: { values: state } },
    };
    return this.send("interactive", payload, options);
  }

  async openHome(eventId = `Ev${++triggers}`, options: SignedRequestOptions = {}) {
    const payload = {
      token: "legacy",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "app_home_opened", user: this.id, channel: `D${this.id}`, tab: "home", event_ts: "1.2" },
    };
    return this.send("events_api", payload, options);
  }
}

/** A file as a submitted `file_input` carries it (given the link Slack would keep it at). */
const uploadedFile = (permalink: string) => ({
  id: "F0123EVIDENCE",
  created: 1_800_000_000,
  timestamp: 1_800_000_000,
  name: "evidence.pdf",
  title: "evidence.pdf",
  filetype: "pdf",
  mimetype: "application/pdf",
  permalink,
  url_private: `${permalink}/private`,
  url_private_download: `${permalink}/download`,
  user: "U0",
  user_team: "T1",
});

/** The one action of a block_actions payload, as Slack sends a pressed button. */
function pressedButton(button: { action_id: string; value: string }) {
  return {
    type: "button",
    action_id: button.action_id,
    block_id: "b",
    value: button.value,
    action_ts: "1.1",
    text: { type: "plain_text", text: "x" },
  };
}
