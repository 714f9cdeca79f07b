// Slack's Socket Mode, locally, composed with a FakeSlack: its Web API's apps.connections.open (app token
// only) hands out a one-use WebSocket URL served here; a connection is greeted with `hello`, payloads
// arrive as envelopes `{envelope_id, type, payload, accepts_response_payload[, retry_attempt,
// retry_reason]}` and are acknowledged by `{envelope_id, payload?}`; `disconnect` asks the app to go
// and come back through a fresh apps.connections.open. Shapes as in @slack/socket-mode's client and
// Slack's Socket Mode documentation.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import type { FakeSlack, PayloadKind, SlackTransport } from "./fake-slack.js";

export interface Envelope {
  envelope_id: string;
  type: PayloadKind;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  /** Events API envelopes only: 0 the first time, then 1, 2, 3 for Slack's redeliveries. */
  retry_attempt?: number;
  retry_reason?: string;
}

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackSocketOptions {
  /**
   * How long an envelope waits for its ack before the fake gives up. Slack allows 3 s; the fake waits
   * longer so a loaded test machine does not fail a test that is about something else.
   */
  ackTimeoutMs?: number;
  /** Slack pings its connections; the fake does every this many ms when given. */
  pingIntervalMs?: number;
}

export class FakeSlackSocket {
  /** Every envelope sent and every message the app sent back, in order. */
  readonly envelopes: Envelope[] = [];
  readonly acks: Ack[] = [];
  /** Connections the app opened (each with a ticket from apps.connections.open), and those refused. */
  connections = 0;
  refused = 0;
  /** Pongs the app answered Slack's pings with. */
  pongs = 0;
  private server: WebSocketServer | undefined;
  private url = "";
  private readonly tickets = new Set<string>();
  /** The connection envelopes go to: the newest one greeted and not asked to leave. */
  private current: WebSocket | undefined;
  private readonly waitingForConnection: ((socket: WebSocket) => void)[] = [];
  private readonly waitingForAck = new Map<string, (ack: Ack) => void>();
  private readonly ackTimeoutMs: number;
  private readonly pingIntervalMs: number | undefined;
  private readonly pinging = new Set<NodeJS.Timeout>();

  constructor(
    private readonly slack: FakeSlack,
    options: FakeSlackSocketOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.pingIntervalMs = options.pingIntervalMs;
  }

  /** Connections open now, whichever is current. */
  get open(): number {
    return this.server?.clients.size ?? 0;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once("listening", resolve));
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Slack's URLs look like wss://wss-primary.slack.com/link/?ticket=…&app_id=…, one ticket per call.
    this.slack.socketUrl = () => {
      const ticket = randomUUID();
      this.tickets.add(ticket);
      return `${this.url}/link/?ticket=${ticket}&app_id=A1`;
    };
    server.on("connection", (socket, req) => {
      const ticket = new URL(req.url ?? "/", this.url).searchParams.get("ticket") ?? "";
      if (!this.tickets.delete(ticket)) {
        this.refused += 1;
        socket.close(1008, "invalid ticket");
        return;
      }
      this.connections += 1;
      socket.on("message", (data) => this.read(String(data)));
      socket.on("pong", () => {
        this.pongs += 1;
      });
      const pings = this.pingIntervalMs ? setInterval(() => socket.ping(), this.pingIntervalMs) : undefined;
      if (pings) this.pinging.add(pings);
      socket.on("close", () => {
        if (this.current === socket) this.current = undefined;
        clearInterval(pings);
        if (pings) this.pinging.delete(pings);
      });
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: "A1" },
        }),
      );
      this.current = socket;
      for (const waiting of this.waitingForConnection.splice(0)) waiting(socket);
    });
  }

  /** Slack's pings stop (a connection gone quiet on Slack's side); connections opened later are pinged again. */
  stopPinging(): void {
    for (const pings of this.pinging) clearInterval(pings);
    this.pinging.clear();
  }

  async stop(): Promise<void> {
    this.stopPinging();
    this.slack.socketUrl = undefined;
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Asks the connected app to reconnect, as Slack does before it recycles a connection. */
  disconnect(reason = "refresh_requested"): void {
    const socket = this.current;
    if (!socket) throw new Error("no Socket Mode connection to disconnect");
    // Envelopes from now on wait for the connection the app opens next.
    this.current = undefined;
    socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake" } }));
  }

  /** Sends one envelope on the current connection (waiting for one) and settles with its ack. */
  async deliver(
    type: PayloadKind,
    payload: Record<string, unknown>,
    retry: { attempt: number; reason: string } = { attempt: 0, reason: "" },
  ): Promise<Ack> {
    const socket = this.current ?? (await new Promise<WebSocket>((resolve) => this.waitingForConnection.push(resolve)));
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      // Slack takes a response in the ack of a command or a modal submission, not of a button or an event.
      accepts_response_payload: type === "slash_commands" || payload.type === "view_submission",
      ...(type === "events_api" ? { retry_attempt: retry.attempt, retry_reason: retry.reason } : {}),
    };
    this.envelopes.push(envelope);
    const acked = new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waitingForAck.delete(envelope.envelope_id);
        reject(new Error(`no ack for ${type} envelope ${envelope.envelope_id} within ${this.ackTimeoutMs} ms`));
      }, this.ackTimeoutMs);
      this.waitingForAck.set(envelope.envelope_id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(JSON.stringify(envelope));
    return acked;
  }

  /**
   * The transport SlackUser sends through: an envelope per payload, answered as HTTP mode answers (200,
   * and the ack's payload as the body). A retried request (retryNum) is a redelivery of the same payload.
   */
  readonly transport: SlackTransport = async (kind, payload, options) => {
    const retry = { attempt: options.retryNum ?? 0, reason: options.retryNum ? "timeout" : "" };
    const ack = await this.deliver(kind, payload, retry);
    const body = ack.payload && Object.keys(ack.payload).length > 0 ? JSON.stringify(ack.payload) : "";
    return { status: 200, body };
  };

  private read(text: string): void {
    const message = JSON.parse(text) as Ack;
    this.acks.push(message);
    this.waitingForAck.get(message.envelope_id)?.(message);
    this.waitingForAck.delete(message.envelope_id);
  }
}
