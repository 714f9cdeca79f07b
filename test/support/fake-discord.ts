// A local Discord: the REST API the bot calls (recorded; channel messages
// kept and read back as Discord pages them; outages on demand: 429 with
// Discord's rate-limit headers and body, 500, no answer), and a WebSocket
// gateway speaking Discord's protocol (HELLO, IDENTIFY, READY, heartbeats,
// RESUME) that delivers INTERACTION_CREATE dispatches, plus a driver that
// builds interactions the way Discord sends them.
import { discordPayloadProblem } from "./discord-payloads.js";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const APPLICATION_ID = "900000000000000001";
/** The bot's own user, as READY names it. */
export const BOT_USER_ID = "900000000000000002";

export interface RestCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  files: string[];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart with a payload_json part and files. */
function parseBody(body: Buffer, type: string | undefined): { json: Record<string, unknown>; files: string[] } {
  if (!body.length) return { json: {}, files: [] };
  const boundary = /boundary=(.+)$/.exec(type ?? "")?.[1];
  if (!boundary) return { json: JSON.parse(body.toString("utf8")) as Record<string, unknown>, files: [] };
  const text = body.toString("latin1");
  const parts = text.split(`--${boundary}`);
  let json: Record<string, unknown> = {};
  const files: string[] = [];
  for (const part of parts) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    const content = part.slice(part.indexOf("\r\n\r\n") + 4).replace(/\r\n$/, "");
    if (name === "payload_json")
      json = JSON.parse(Buffer.from(content, "latin1").toString("utf8")) as Record<string, unknown>;
    else if (/filename="([^"]+)"/.test(part)) files.push(content);
  }
  return { json, files };
}

const snowflakes = { next: 1_000_000_000_000_000n };
export const snowflake = () => String(snowflakes.next++);
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * One answer Discord may give instead of a normal one: 429 (rate limited for
 * `retryAfter` seconds, 1 by default; `global` for the bot-wide limit), 500,
 * "hang" (no answer ever; nothing done) or "hang-after-processing" (the
 * request takes effect, its answer never comes).
 */
export type Fault =
  | { status: 429; retryAfter?: number; global?: boolean }
  | 500
  | "hang"
  | "hang-after-processing"
  // Answered as usual: lets a fault come after some requests that succeed (a crash after page k).
  | "ok";

export interface FakeDiscordOptions {
  /** Discord's clock (epoch ms), from which message ids are made; tests that move time by hand share theirs. */
  now?: () => number;
  /** How long Discord remembers a nonce to refuse a repeat ("the past few minutes"). */
  nonceWindowMs?: number;
  /** Told of every request as it arrives (benchmarks time the bot's answers by it). */
  onCall?: (call: RestCall) => void;
}

/** A message as Discord keeps it; the nonce is known only to the answer that created it. */
type StoredMessage = ReturnType<FakeDiscord["message"]> & { nonce?: string | number };

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  private server: Server | undefined;
  private gateway: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private sequence = 0;
  readonly identified: number[] = [];
  readonly resumed: number[] = [];
  /** Nonces seen per channel and author, with the message each created, as Discord keeps them to refuse a repeat. */
  private readonly nonces = new Map<string, { at: number; message: StoredMessage }>();
  /** Messages per channel, oldest first. */
  private readonly channels = new Map<string, StoredMessage[]>();
  /** Outages by route: the first rule whose method and path match answers the request with its next fault. */
  private readonly faults: { method: string; path: RegExp; answers: Fault[] }[] = [];
  /** Requests left without an answer (a hang), until the caller gives up or the fake stops. */
  readonly hanging = new Set<ServerResponse>();
  private lastId = 0n;
  /** The nonce each message was created with, by message id. */
  private readonly createdWith = new Map<string, string>();
  private readonly now: () => number;
  private readonly nonceWindowMs: number;
  private readonly onCall: ((call: RestCall) => void) | undefined;
  base = "";

  constructor(options: FakeDiscordOptions = {}) {
    this.now = options.now ?? Date.now;
    this.nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
    this.onCall = options.onCall;
  }

  /** Interactions whose callback Discord took. */
  private readonly acknowledged = new Set<string>();
  /** Payloads refused as Discord would refuse them (see discord-payloads.ts). */
  readonly refused: { path: string; problem: string }[] = [];

  /** The next requests to a route ("POST", /^\/channels\/[^/]+\/messages$/) get these answers, then normal ones. */
  fail(method: string, path: RegExp, ...answers: Fault[]): void {
    this.faults.push({ method, path, answers });
  }

  /** Faults not yet given. */
  faultsLeft(): number {
    return this.faults.reduce((sum, f) => sum + f.answers.length, 0);
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const [rawPath = "/", search = ""] = (req.url ?? "/").split("?");
      const path = rawPath.replace(/^\/api\/v10/, "");
      const method = req.method ?? "GET";
      const { json, files } = parseBody(raw, req.headers["content-type"]);
      this.calls.push({ method, path, body: json, files });
      this.onCall?.(this.calls.at(-1)!);
      res.setHeader("content-type", "application/json");
      const invalid = method === "POST" || method === "PATCH" ? discordPayloadProblem(json) : undefined;
      if (invalid) {
        this.refused.push({ path, problem: invalid });
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 50035, message: `Invalid Form Body: ${invalid}`, errors: {} }));
        return;
      }
      // Discord takes one callback per interaction; any later one is refused (a copy's deferral, say).
      const callback = method === "POST" ? /^\/interactions\/([^/]+)\/[^/]+\/callback$/.exec(path)?.[1] : undefined;
      if (callback && this.acknowledged.has(callback)) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 40060, message: "Interaction has already been acknowledged." }));
        return;
      }
      const rule = this.faults.find((f) => f.method === method && f.path.test(path) && f.answers.length > 0);
      const fault = rule?.answers.shift();
      if (typeof fault === "object") return this.rateLimited(res, fault);
      if (fault === 500) {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: "500: Internal Server Error", code: 0 }));
        return;
      }
      const answer = fault === "hang" ? undefined : this.answer(method, path, json, new URLSearchParams(search));
      if (callback && fault !== "hang") this.acknowledged.add(callback);
      if (fault === "hang" || fault === "hang-after-processing") {
        this.hanging.add(res);
        res.on("close", () => this.hanging.delete(res));
        return;
      }
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    this.gateway = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.gateway.on("connection", (socket) => this.connect(socket));
  }

  /** Discord's 429: Retry-After and the X-RateLimit headers, and the same in the body. */
  private rateLimited(res: ServerResponse, fault: { retryAfter?: number; global?: boolean }): void {
    const seconds = fault.retryAfter ?? 1;
    res.statusCode = 429;
    res.setHeader("retry-after", String(Math.ceil(seconds)));
    res.setHeader("x-ratelimit-scope", fault.global ? "global" : "user");
    if (fault.global) res.setHeader("x-ratelimit-global", "true");
    else {
      res.setHeader("x-ratelimit-limit", "5");
      res.setHeader("x-ratelimit-remaining", "0");
      res.setHeader("x-ratelimit-reset", String((Date.now() / 1000 + seconds).toFixed(3)));
      res.setHeader("x-ratelimit-reset-after", seconds.toFixed(3));
      res.setHeader("x-ratelimit-bucket", "fake-channel-messages");
    }
    const global = fault.global ?? false;
    res.end(JSON.stringify({ message: "You are being rate limited.", retry_after: seconds, global }));
  }

  async stop(): Promise<void> {
    // Hung requests would keep the server open for ever.
    this.server?.closeAllConnections();
    for (const client of this.gateway?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => this.gateway?.close(() => resolve()));
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(method: string, path: string, body: Record<string, unknown>, query: URLSearchParams): unknown {
    if (path === "/gateway/bot") {
      return {
        url: this.base.replace("http", "ws") + "/gateway",
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      };
    }
    if (method === "POST" && path === "/users/@me/channels")
      return {
        id: `dm${String(body.recipient_id)}`,
        type: 1,
        recipients: [{ id: body.recipient_id, username: "someone" }],
      };
    const channelMessage = /^\/channels\/([^/]+)\/messages$/.exec(path);
    if (method === "POST" && channelMessage) {
      const channelId = channelMessage[1]!;
      const key = `${channelId}:${BOT_USER_ID}:${String(body.nonce)}`;
      if (body.enforce_nonce && body.nonce !== undefined) {
        // Within the window, a repeat gets the first message back and creates none.
        const earlier = this.nonces.get(key);
        if (earlier && this.now() - earlier.at < this.nonceWindowMs) {
          this.calls.at(-1)!.body.repeated = true;
          return earlier.message;
        }
      }
      const created = this.post(channelId, body);
      if (body.enforce_nonce && body.nonce !== undefined) this.nonces.set(key, { at: this.now(), message: created });
      return created;
    }
    if (method === "GET" && channelMessage) return this.page(channelMessage[1]!, query);
    if (/^\/webhooks\//.test(path)) return this.message("dm", body);
    if (/^\/interactions\//.test(path)) return {};
    if (/^\/applications\//.test(path)) return body;
    return {};
  }

  /** Stores a message in a channel, by the bot or (`author`) someone else, now; answers as Discord does. */
  post(channelId: string, body: Record<string, unknown>, author?: { id: string; username: string }): StoredMessage {
    const message: StoredMessage = { ...this.message(channelId, body), id: this.messageId() };
    if (author) message.author = { ...author, discriminator: "0", avatar: null, bot: false } as never;
    const list = this.channels.get(channelId) ?? [];
    list.push(message);
    this.channels.set(channelId, list);
    // The answer to a create carries the nonce; the message as kept (and read back later) does not.
    if (body.nonce === undefined) return message;
    this.createdWith.set(message.id, String(body.nonce));
    return { ...message, nonce: body.nonce as string };
  }

  /** How many messages were created with a nonce, in any channel (for counting copies; Discord does not say). */
  copies(nonce: string): number {
    return [...this.createdWith.values()].filter((n) => n === nonce).length;
  }

  /** Messages in a channel, oldest first. */
  messages(channelId: string): StoredMessage[] {
    return [...(this.channels.get(channelId) ?? [])];
  }

  /**
   * GET /channels/{id}/messages as Discord documents it: `limit` 1–100 (50 by
   * default); `before`, `after` or `around` a message id; newest first, also
   * when read forwards with `after` (then the oldest `limit` after it).
   */
  private page(channelId: string, query: URLSearchParams): StoredMessage[] {
    const limit = Math.min(Math.max(Number(query.get("limit") ?? 50) || 50, 1), 100);
    const all = this.channels.get(channelId) ?? [];
    const id = (m: StoredMessage) => BigInt(m.id);
    let chosen: StoredMessage[];
    if (query.get("after")) {
      const after = BigInt(query.get("after")!);
      chosen = all.filter((m) => id(m) > after).slice(0, limit);
    } else if (query.get("before")) {
      const before = BigInt(query.get("before")!);
      chosen = all.filter((m) => id(m) < before).slice(-limit);
    } else if (query.get("around")) {
      const around = BigInt(query.get("around")!);
      const at = all.findIndex((m) => id(m) >= around);
      const from = Math.max(0, (at < 0 ? all.length : at) - Math.floor(limit / 2));
      chosen = all.slice(from, from + limit);
    } else {
      chosen = all.slice(-limit);
    }
    return [...chosen].reverse();
  }

  /** A Discord id made from the fake's clock: later messages have larger ids. */
  private messageId(): string {
    const at = (BigInt(this.now()) - DISCORD_EPOCH_MS) << 22n;
    this.lastId = at > this.lastId ? at : this.lastId + 1n;
    return String(this.lastId);
  }

  /** A message object as Discord returns it. */
  message(channelId: string, body: Record<string, unknown>) {
    return {
      id: snowflake(),
      channel_id: channelId,
      type: 0,
      author: { id: BOT_USER_ID, username: "Mentorship", discriminator: "0", avatar: null, bot: true },
      content: body.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      flags: body.flags ?? 0,
    };
  }

  private connect(socket: WebSocket): void {
    this.socket = socket;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on("message", (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d: unknown };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (packet.op === 2) {
        this.identified.push(Date.now());
        this.dispatch("READY", {
          v: 10,
          user: { id: "900000000000000002", username: "Mentorship", discriminator: "0", avatar: null, bot: true },
          guilds: [],
          session_id: "session-1",
          resume_gateway_url: this.base.replace("http", "ws") + "/gateway",
          application: { id: APPLICATION_ID, flags: 0 },
        });
      }
      if (packet.op === 6) {
        this.resumed.push(Date.now());
        this.dispatch("RESUMED", null);
      }
    });
  }

  dispatch(event: string, d: unknown): void {
    this.socket?.send(JSON.stringify({ op: 0, t: event, s: ++this.sequence, d }));
  }

  /** Closes the gateway connection as Discord does before asking for a resume. */
  disconnect(): void {
    this.socket?.close(4000, "unknown error");
  }

  callbacks(interactionId?: string): RestCall[] {
    return this.calls.filter(
      (c) =>
        c.path.startsWith("/interactions/") && (!interactionId || c.path.startsWith(`/interactions/${interactionId}/`)),
    );
  }
}
