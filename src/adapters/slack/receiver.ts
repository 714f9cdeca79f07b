// Slack's HTTP edge: the only code that reads a request sent to /slack/events. Anyone can reach this
// port, so nothing reaches Bolt, the chat layer or the database until the request has passed, in order:
// method (POST), size, content type, signature and timestamp (Slack's signing secret, 5 minutes), and a
// shape check of the payload kinds the bot handles. Every refusal is a 4xx with no side effect; a
// payload kind the bot does not use is acknowledged and dropped. Bolt's own HTTPReceiver lets some bad
// requests escape as exceptions or unhandled rejections, which is why the bot has this one.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { HTTPResponseAck, isValidSlackRequest, type App, type Receiver } from "@slack/bolt";
import { z } from "zod";
import { COMMAND_NAME } from "../../chat/command-tree.js";
import { BODY_LIMIT_BYTES, readBody } from "../../http-server.js";
import { newErrorId, type Logger } from "../../log.js";

/** How far a request's timestamp may be from now, either way. */
const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * Slack's ids (users, triggers, events, views) are short runs of letters, digits and a few marks. They
 * become keys in the store, so anything else (a NUL, a lone surrogate, a kilobyte) is a malformed payload.
 */
const slackId = z.string().regex(/^[\w.:-]{1,255}$/);

const user = z.object({ id: slackId, username: z.string().optional(), name: z.string().optional() }).passthrough();

const slashCommand = z
  .object({
    command: z.string().startsWith("/"),
    user_id: slackId,
    user_name: z.string().optional(),
    trigger_id: slackId,
    response_url: z.string().url(),
  })
  .passthrough();

/** The interactive payloads the bot listens to; each field named here is one the listeners read. */
const interaction = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("block_actions"),
      user,
      trigger_id: slackId,
      actions: z
        .array(z.object({ action_id: z.string(), type: z.string(), value: z.string().optional() }).passthrough())
        .min(1),
    })
    .passthrough(),
  z
    .object({
      type: z.literal("view_submission"),
      user,
      trigger_id: slackId,
      view: z
        .object({
          id: slackId,
          callback_id: z.string(),
          private_metadata: z.string(),
          blocks: z.array(z.object({}).passthrough()),
          state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({}).passthrough())) }),
        })
        .passthrough(),
    })
    .passthrough(),
]);

const eventEnvelope = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }).passthrough(),
  z
    .object({
      type: z.literal("event_callback"),
      event_id: slackId,
      // Bolt reads the event's user (when there is one) to say who acts.
      event: z.object({ type: z.string(), user: slackId.optional() }).passthrough(),
    })
    .passthrough(),
]);

/** What the edge decided about one request. */
type Verdict =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { body: Record<string, unknown>; retryNum?: number; retryReason?: string };

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: { signingSecret: string; log: Logger; now?: () => number }) {}

  init(app: App): void {
    this.app = app;
  }

  // The HTTP server is the bot's own (it also serves /healthz); it calls requestListener.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => {
    void this.handle(req, res).catch((error: unknown) => {
      const errorId = newErrorId();
      this.options.log.error({ err: error, errorId }, "slack request failed at the edge");
      answer(res, { status: 400, body: `Request refused (error id ${errorId}).\n` });
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = await this.check(req);
    if ("status" in verdict) return answer(res, verdict);
    const app = this.app;
    if (!app) return answer(res, { status: 503, body: "Not ready.\n" });
    const ack = new HTTPResponseAck({
      logger: app.logger,
      processBeforeResponse: false,
      httpRequest: req,
      httpResponse: res,
      httpRequestBody: verdict.body,
    });
    try {
      await app.processEvent({
        body: verdict.body,
        ack: ack.bind(),
        ...(verdict.retryNum !== undefined ? { retryNum: verdict.retryNum } : {}),
        ...(verdict.retryReason !== undefined ? { retryReason: verdict.retryReason } : {}),
      });
    } catch (error) {
      // A listener's failure is ours, not the sender's: logged with an id; Slack still gets its ack.
      const errorId = newErrorId();
      this.options.log.error({ err: error, errorId }, "slack listener failed");
      ack.ack();
      answer(res, { status: 200 });
    }
  }

  private async check(req: IncomingMessage): Promise<Verdict> {
    if (req.method !== "POST") return { status: 405, headers: { allow: "POST" }, body: "Use POST.\n" };
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/x-www-form-urlencoded" && contentType !== "application/json") {
      return { status: 415, body: "Slack sends form-encoded or JSON bodies.\n" };
    }
    const raw = await readBody(req, BODY_LIMIT_BYTES);
    if (raw === "too large") {
      return { status: 413, headers: { connection: "close" }, body: "Request body too large.\n" };
    }
    if (raw === "aborted") return { status: 400, body: "Request body incomplete.\n" };
    const text = raw.toString("utf8");
    const form = contentType === "application/x-www-form-urlencoded" ? parseQuery(text) : undefined;
    // Slack's certificate check is unsigned by design; it is answered and never processed.
    if (form?.ssl_check === "1") return { status: 200 };

    const signature = req.headers["x-slack-signature"];
    const timestamp = Number(req.headers["x-slack-request-timestamp"]);
    const signed =
      typeof signature === "string" &&
      Number.isFinite(timestamp) &&
      isValidSlackRequest({
        signingSecret: this.options.signingSecret,
        body: text,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
        ...(this.options.now ? { nowMilliseconds: this.options.now() } : {}),
      });
    // Bolt's check refuses only old timestamps; Slack's rule is five minutes either way.
    const skewMs = Math.abs((this.options.now?.() ?? Date.now()) - timestamp * 1000);
    if (!signed || skewMs > SIGNATURE_WINDOW_MS) return { status: 401, body: "Invalid or expired signature.\n" };

    const body = parseBody(text, form);
    if (!body) return { status: 400, body: "Malformed payload.\n" };
    const retry = retryOf(req);
    if (form && typeof form.payload !== "string") {
      if (!slashCommand.safeParse(body).success) return malformed("slash command");
      // Another command of the same Slack app is not ours to run.
      return body.command === `/${COMMAND_NAME}` ? { body, ...retry } : IGNORED;
    }
    if (form) {
      if (typeof body.type !== "string") return malformed("interaction");
      if (body.type !== "block_actions" && body.type !== "view_submission") return IGNORED;
      return interaction.safeParse(body).success ? { body, ...retry } : malformed(String(body.type));
    }
    if (body.type !== "url_verification" && body.type !== "event_callback") {
      return typeof body.type === "string" ? IGNORED : malformed("event");
    }
    const envelope = eventEnvelope.safeParse(body);
    if (!envelope.success) return malformed(body.type);
    if (envelope.data.type === "url_verification") {
      return { status: 200, body: JSON.stringify({ challenge: envelope.data.challenge }), headers: JSON_HEADERS };
    }
    return { body, ...retry };
  }
}

const JSON_HEADERS = { "content-type": "application/json" };

const malformed = (what: string): Verdict => ({ status: 400, body: `Malformed ${what} payload.\n` });

/** A well-formed payload of a kind the bot has no listener for: acknowledged, so Slack does not retry it. */
const IGNORED: Verdict = { status: 200 };

function answer(res: ServerResponse, verdict: { status: number; body?: string; headers?: Record<string, string> }) {
  if (res.headersSent) return void res.end();
  res.writeHead(verdict.status, { "content-type": "text/plain", ...verdict.headers });
  res.end(verdict.body ?? "");
}

/** The body as a plain object, or undefined when it is not one. */
function parseBody(text: string, form: ReturnType<typeof parseQuery> | undefined): Record<string, unknown> | undefined {
  let parsed: unknown = form;
  if (!form || typeof form.payload === "string") {
    try {
      parsed = JSON.parse(form ? (form.payload as string) : text);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  // A repeated form field arrives as an array; Slack never repeats one.
  if (form && !form.payload && Object.values(parsed).some((v) => typeof v !== "string")) return undefined;
  return { ...(parsed as Record<string, unknown>) };
}

function retryOf(req: IncomingMessage): { retryNum?: number; retryReason?: string } {
  const num = Number(req.headers["x-slack-retry-num"]);
  const reason = req.headers["x-slack-retry-reason"];
  return {
    ...(Number.isInteger(num) ? { retryNum: num } : {}),
    ...(typeof reason === "string" ? { retryReason: reason } : {}),
  };
}
