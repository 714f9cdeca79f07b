// Delivers outbox messages to people on one platform. A message is claimed
// for a lease (FOR UPDATE SKIP LOCKED, so replicas never take the same one),
// sent outside any transaction, then recorded as delivered. A failure is
// retried with backoff, or after the platform's Retry-After; after the last
// attempt the message is marked dead, which the program's digest reports.
import type { Platform, Prisma } from "../generated/prisma/client.js";
import type { Core } from "../core/context.js";
import type { Button, MessageView } from "../chat/views.js";

export interface OutgoingMessage {
  id: string;
  kind: string;
  /** The recipient's id on the platform: a person, or for a program's digest its channel. */
  target: string;
  toChannel: boolean;
  /** 1 on the first attempt; more means an earlier one may have reached the platform. */
  attempt: number;
  /** A notification's text and buttons; a digest carries a whole view. */
  payload: { text: string; buttons: Button[]; view?: MessageView; platform?: Platform };
}

/** What a message shows: a digest's own view, or a notification's text and buttons. */
export const messageView = (message: OutgoingMessage): MessageView =>
  message.payload.view ?? { type: "message", text: message.payload.text, buttons: message.payload.buttons };

export interface Sender {
  platform: Platform;
  send(message: OutgoingMessage): Promise<void>;
  /**
   * On a later attempt: whether an earlier one was delivered after all (the
   * dispatcher died between the platform's answer and recording it). Lets a
   * retry after a crash skip the message instead of sending it twice.
   */
  alreadyDelivered?(message: OutgoingMessage): Promise<boolean>;
}

/** Thrown by a sender when the platform answered 429. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited; retry after ${retryAfterMs} ms`);
  }
}

export const MAX_ATTEMPTS = 8;
/** How long a claimed message is left to its dispatcher before another may take it. */
export const LEASE_MS = 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;

/** 30 s, 1 min, 2 min … at most an hour between attempts. */
export const backoffMs = (attempt: number) => Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), LONGEST_RETRY_MS);

export interface DispatchResult {
  delivered: number;
  retrying: number;
  dead: number;
}

export async function dispatch(core: Core, sender: Sender, limit = 100, leaseMs = LEASE_MS): Promise<DispatchResult> {
  const now = core.clock.now();
  const leaseEnd = new Date(now.getTime() + leaseMs);
  // A person's messages go where they have an identity on this platform; a
  // program's (the digest) to the channel its administrators chose here.
  const claimed = await core.db.prisma.$queryRaw<{ id: string; kind: string; target: string; to_channel: boolean; payload: Prisma.JsonValue; attempts: number }[]>`
    UPDATE "OutboxMessage" o
       SET "claimedUntil" = ${leaseEnd}, attempts = o.attempts + 1
      FROM (SELECT m.id, COALESCE(i."externalId", p."digestChannelId") AS target, i.id IS NULL AS to_channel
              FROM "OutboxMessage" m
              LEFT JOIN "Identity" i ON i."personId" = m."personId" AND i.platform = ${sender.platform}::"Platform"
              LEFT JOIN "Program" p ON m."personId" IS NULL AND p.id = m."programId"
                                   AND p."digestPlatform" = ${sender.platform}::"Platform" AND p."digestChannelId" IS NOT NULL
             WHERE m.status = 'pending' AND m."notBefore" <= ${now}
               AND (m."claimedUntil" IS NULL OR m."claimedUntil" < ${now})
               AND (i.id IS NOT NULL OR p.id IS NOT NULL)
               AND (m.payload->>'platform' IS NULL OR m.payload->>'platform' = ${sender.platform})
             ORDER BY m."notBefore", m.id
             LIMIT ${limit}
               FOR UPDATE OF m SKIP LOCKED) c
     WHERE o.id = c.id
    RETURNING o.id, o.kind, o.payload, o.attempts, c.target, c.to_channel`;
  const result: DispatchResult = { delivered: 0, retrying: 0, dead: 0 };
  for (const message of claimed) {
    const outgoing: OutgoingMessage = {
      id: message.id,
      kind: message.kind,
      target: message.target,
      toChannel: message.to_channel,
      attempt: message.attempts,
      payload: message.payload as unknown as OutgoingMessage["payload"],
    };
    try {
      const sentBefore = outgoing.attempt > 1 && sender.alreadyDelivered ? await sender.alreadyDelivered(outgoing) : false;
      if (!sentBefore) await sender.send(outgoing);
    } catch (error) {
      const dead = message.attempts >= MAX_ATTEMPTS;
      const waitMs = error instanceof RateLimited ? error.retryAfterMs : backoffMs(message.attempts);
      await core.db.prisma.outboxMessage.update({
        where: { id: message.id },
        data: {
          status: dead ? "dead" : "pending",
          claimedUntil: null,
          notBefore: new Date(now.getTime() + waitMs),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        },
      });
      if (dead) result.dead++;
      else result.retrying++;
      continue;
    }
    await core.db.prisma.$transaction([
      core.db.prisma.reminderDelivery.createMany({ data: [{ outboxMessageId: message.id, platform: sender.platform, target: message.target, deliveredAt: now }], skipDuplicates: true }),
      core.db.prisma.outboxMessage.update({ where: { id: message.id }, data: { status: "delivered", deliveredAt: now, claimedUntil: null, lastError: null } }),
    ]);
    result.delivered++;
  }
  return result;
}

/**
 * Delivery right after a use case wrote messages (instead of at the next
 * tick), one run at a time per sender. A failed run leaves the messages for
 * the next one.
 */
export class Deliveries {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: Core,
    private readonly sender: Sender,
    private readonly onError: (error: unknown) => void,
  ) {}

  soon(): void {
    this.chain = this.chain.then(() => dispatch(this.core, this.sender)).then(() => undefined, this.onError);
  }

  settled(): Promise<void> {
    return this.chain;
  }
}
