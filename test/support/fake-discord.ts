// A local Discord: the REST API the bot calls (recorded), and a WebSocket
// gateway speaking Discord's protocol (HELLO, IDENTIFY, READY, heartbeats,
// RESUME) that delivers INTERACTION_CREATE dispatches, plus a driver that
// builds interactions the way Discord sends them.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const APPLICATION_ID = "900000000000000001";

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
    if (name === "payload_json") json = JSON.parse(Buffer.from(content, "latin1").toString("utf8")) as Record<string, unknown>;
    else if (/filename="([^"]+)"/.test(part)) files.push(content);
  }
  return { json, files };
}

const snowflakes = { next: 1_000_000_000_000_000n };
export const snowflake = () => String(snowflakes.next++);

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  private server: Server | undefined;
  private gateway: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private sequence = 0;
  readonly identified: number[] = [];
  readonly resumed: number[] = [];
  /** Nonces seen per channel, as Discord keeps them to refuse a repeated message. */
  private readonly nonces = new Set<string>();
  base = "";

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = (req.url ?? "/").split("?")[0]!.replace(/^\/api\/v10/, "");
      const { json, files } = parseBody(raw, req.headers["content-type"]);
      this.calls.push({ method: req.method ?? "GET", path, body: json, files });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(this.answer(req.method ?? "GET", path, json)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    this.gateway = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.gateway.on("connection", (socket) => this.connect(socket));
  }

  async stop(): Promise<void> {
    for (const client of this.gateway?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => this.gateway?.close(() => resolve()));
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(method: string, path: string, body: Record<string, unknown>): unknown {
    if (path === "/gateway/bot") {
      return { url: this.base.replace("http", "ws") + "/gateway", shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } };
    }
    if (method === "POST" && path === "/users/@me/channels") return { id: `dm${String(body.recipient_id)}`, type: 1, recipients: [{ id: body.recipient_id, username: "someone" }] };
    const channelMessage = /^\/channels\/([^/]+)\/messages$/.exec(path);
    if (method === "POST" && channelMessage) {
      if (body.enforce_nonce && body.nonce) {
        const key = `${channelMessage[1]}:${String(body.nonce)}`;
        const repeated = this.nonces.has(key);
        this.nonces.add(key);
        if (repeated) this.calls.at(-1)!.body.repeated = true;
      }
      return this.message(channelMessage[1]!, body);
    }
    if (/^\/webhooks\//.test(path)) return this.message("dm", body);
    if (/^\/interactions\//.test(path)) return {};
    if (/^\/applications\//.test(path)) return body;
    return {};
  }

  /** A message object as Discord returns it. */
  message(channelId: string, body: Record<string, unknown>) {
    return {
      id: snowflake(),
      channel_id: channelId,
      type: 0,
      author: { id: "900000000000000002", username: "Mentorship", discriminator: "0", avatar: null, bot: true },
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
    return this.calls.filter((c) => c.path.startsWith("/interactions/") && (!interactionId || c.path.startsWith(`/interactions/${interactionId}/`)));
  }
}
