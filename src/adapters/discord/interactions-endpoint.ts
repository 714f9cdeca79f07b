// Discord's HTTP edge: POST /discord/interactions, the application's "Interactions Endpoint URL". Anyone can
// reach this port, so nothing reaches discord.js, the chat layer or the database until the request has
// passed, in order: method (POST), size, content type, the Ed25519 signature Discord makes with the
// application's key over X-Signature-Timestamp followed by the raw body (and a timestamp within 5 minutes,
// so a captured request cannot be replayed later), JSON, and the shape of an interaction. Every refusal is
// a 4xx with no side effect. A PING (Discord checking the URL) is answered PONG. Every other interaction is
// handed to the adapter, which handles it with exactly the gateway's code and answers through discord.js's
// REST call to /interactions/{id}/{token}/callback. Discord documents that combination: "If you send this
// request for an interaction received over HTTP, respond to the original HTTP request with a 202 and no
// body" (Receiving and Responding → Interaction Callback); so the endpoint answers 202 once that callback
// has been answered (or the handling ended without one, as for a copy already answered).
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { BODY_LIMIT_BYTES, readBody } from "../../http-server.js";
import { newErrorId, type Logger } from "../../log.js";

/** Where Discord posts interactions once the application's Interactions Endpoint URL names it. */
export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";

/** How far a request's timestamp may be from now, either way (as Slack's; Discord names no window). */
const SIGNATURE_WINDOW_MS = 5 * 60_000;
/** Discord wants the first answer within 3 s; past that the HTTP request is answered anyway. */
const ANSWER_WITHIN_MS = 3_000;

const PING = 1;
const snowflake = z.string().regex(/^\d{1,25}$/);

/** The fields of an interaction the bot relies on (discord.js reads the rest). */
const interaction = z
  .object({
    id: snowflake,
    application_id: snowflake,
    type: z.number().int().min(2).max(5),
    token: z.string().min(1).max(1_000),
    data: z.object({}).passthrough(),
    // `member` in a server, `user` in a direct message.
    user: z.object({ id: snowflake }).passthrough().optional(),
    member: z
      .object({ user: z.object({ id: snowflake }).passthrough() })
      .passthrough()
      .optional(),
  })
  .passthrough()
  .refine((i) => i.user !== undefined || i.member !== undefined, { message: "no user" });

export type InteractionPayload = z.infer<typeof interaction>;

export interface EndpointOptions {
  /** The application's public key, 64 hexadecimal characters (checked by config.ts). */
  publicKey: string;
  log: Logger;
  /**
   * Handles one verified interaction; resolves once Discord has its callback (or the handling ended), with
   * false when discord.js could not read the payload as an interaction.
   */
  receive(payload: InteractionPayload): Promise<boolean>;
  now?: () => number;
}

type Answer = { status: number; body?: string; headers?: Record<string, string> };
type Verdict = Answer | { interaction: InteractionPayload };

export class DiscordInteractionsEndpoint {
  private readonly key: KeyObject;

  constructor(private readonly options: EndpointOptions) {
    // Discord gives the raw 32-byte Ed25519 key in hex; node:crypto takes it as a JWK.
    const x = Buffer.from(options.publicKey, "hex").toString("base64url");
    this.key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
  }

  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => {
    void this.handle(req, res).catch((error: unknown) => {
      const errorId = newErrorId();
      this.options.log.error({ err: error, errorId }, "discord interaction failed at the edge");
      answer(res, { status: 400, body: `Request refused (error id ${errorId}).\n` });
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = await this.check(req);
    if ("status" in verdict) return answer(res, verdict);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), ANSWER_WITHIN_MS)));
    try {
      const read = await Promise.race([this.options.receive(verdict.interaction), late]);
      answer(res, read ? { status: 202 } : MALFORMED);
    } finally {
      clearTimeout(timer);
    }
  }

  private async check(req: IncomingMessage): Promise<Verdict> {
    if (req.method !== "POST") return { status: 405, headers: { allow: "POST" }, body: "Use POST.\n" };
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/json") return { status: 415, body: "Discord sends JSON bodies.\n" };
    const raw = await readBody(req, BODY_LIMIT_BYTES);
    if (raw === "too large") {
      return { status: 413, headers: { connection: "close" }, body: "Request body too large.\n" };
    }
    if (raw === "aborted") return { status: 400, body: "Request body incomplete.\n" };
    // Discord itself sends badly signed requests now and then, and expects them refused with 401.
    if (!this.signed(req, raw)) return { status: 401, body: "Invalid or expired signature.\n" };

    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return { status: 400, body: "Malformed JSON.\n" };
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return MALFORMED;
    if ((body as { type?: unknown }).type === PING) {
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ type: PING }) };
    }
    const parsed = interaction.safeParse(body);
    return parsed.success ? { interaction: parsed.data } : MALFORMED;
  }

  private signed(req: IncomingMessage, raw: Buffer): boolean {
    const signature = req.headers["x-signature-ed25519"];
    const timestamp = req.headers["x-signature-timestamp"];
    if (typeof signature !== "string" || !/^[0-9a-f]{128}$/i.test(signature)) return false;
    if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return false;
    const skewMs = Math.abs((this.options.now?.() ?? Date.now()) - Number(timestamp) * 1000);
    if (skewMs > SIGNATURE_WINDOW_MS) return false;
    return verify(null, Buffer.concat([Buffer.from(timestamp, "utf8"), raw]), this.key, Buffer.from(signature, "hex"));
  }
}

const MALFORMED: Answer = { status: 400, body: "Malformed interaction payload.\n" };

function answer(res: ServerResponse, verdict: Answer): void {
  if (res.headersSent) return void res.end();
  // 202 has no body, and so no content type.
  const headers = verdict.body === undefined ? {} : { "content-type": "text/plain", ...verdict.headers };
  res.writeHead(verdict.status, headers);
  res.end(verdict.body ?? "");
}
