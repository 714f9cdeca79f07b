// Delivers outbox messages to people on one platform. A message is claimed
// for a lease (FOR UPDATE SKIP LOCKED, so replicas never take the same one)
// under a claim token of its own, sent outside any transaction, then recorded
// as delivered, but only while that claim still holds it: a dispatcher that
// stalled past its lease cannot overwrite the work of the one that took over
// (fencing). Each message gets a time limit shorter than the lease, and none is
// sent unless the lease outlasts that limit. A failure is retried with backoff,
// or after the platform's Retry-After; after the last attempt the message is
// marked dead, which the program's digest reports.
import { randomUUID } from "node:crypto";
import type { Platform, Prisma } from "../generated/prisma/client.js";
import type { Core } from "../core/context.js";
import type { OutboxPayload } from "../core/notifications.js";

export interface OutgoingMessage {
  id: string;
  kind: string;
  /** The recipient's id on the platform: a person, or for a program's digest its channel. */
  target: string;
  toChannel: boolean;
  /** 1 on the first attempt; more means an earlier one may have reached the platform. */
  attempt: number;
  /** When the first attempt began: an earlier copy on the platform cannot be older. */
  firstAttemptAt: Date;
  /**
   * When this attempt must be over (epoch ms, real time): a sender starts no
   * platform call that could still be running then, so nothing it sends can
   * land after its claim has passed to another dispatcher.
   */
  deadline: number;
  /** The event to word for the reader, or a reply already worded for them. */
  payload: OutboxPayload;
  /**
   * The reader's time zone: the one their profile chose; without a profile, the zone of the program the
   * message is about (a channel post's too); else UTC.
   */
  readerZone: string;
}

export interface Sender {
  platform: Platform;
  /**
   * The longest one message may take on the platform, look-up and send
   * together (default SEND_TIMEOUT_MS). The dispatcher abandons a message after
   * that, and sends only while its lease outlasts it.
   */
  timeoutMs?: number;
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

/** The platform did not answer in time; the message may or may not have reached it. */
export class TimedOut extends Error {
  constructor(readonly afterMs: number) {
    super(`the platform did not answer within ${afterMs} ms`);
  }
}

/** For senders: throws TimedOut unless a call taking up to `callMs` would end before the message's deadline. */
export function ensureTimeFor(message: OutgoingMessage, callMs: number): void {
  if (Date.now() + callMs > message.deadline) throw new TimedOut(callMs);
}

export const MAX_ATTEMPTS = 8;
/** Deliveries recorded in one transaction; also the most a crash can leave sent but unrecorded. */
export const RECORD_BATCH = 50;
/** Recipients sent to side by side within a batch; each recipient's messages still go one after another. */
export const SEND_LANES = 4;
/** How long a claimed message is left to its dispatcher before another may take it. */
export const LEASE_MS = 60_000;
/** A sender's time limit per message when it names none; well inside the lease. */
export const SEND_TIMEOUT_MS = 20_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;

/** 30 s, 1 min, 2 min … at most an hour between attempts. */
export const backoffMs = (attempt: number) => Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), LONGEST_RETRY_MS);

export interface DispatchResult {
  delivered: number;
  retrying: number;
  dead: number;
}

interface ClaimedRow {
  id: string;
  kind: string;
  target: string;
  to_channel: boolean;
  payload: Prisma.JsonValue;
  attempts: number;
  first_attempt_at: Date;
  not_before: Date;
  created_at: Date;
  reader_zone: string;
}

export async function dispatch(core: Core, sender: Sender, limit = 100, leaseMs = LEASE_MS): Promise<DispatchResult> {
  const timeoutMs = sender.timeoutMs ?? SEND_TIMEOUT_MS;
  if (timeoutMs >= leaseMs) {
    throw new Error(`a ${leaseMs} ms lease cannot hold a ${sender.platform} message that may take ${timeoutMs} ms`);
  }
  const prisma = core.db.prisma;
  const claimedAt = core.clock.now();
  const leaseEnd = claimedAt.getTime() + leaseMs;
  const claimToken = randomUUID();
  // A person's messages go where they have an identity on this platform; a
  // program's (the digest) to the channel its administrators chose here. A
  // message attempted before first attempts were recorded may have reached
  // the platform any time since it was written.
  const claimed = await prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxMessage" o
       SET "claimedUntil" = ${new Date(leaseEnd)}, "claimToken" = ${claimToken}, attempts = o.attempts + 1,
           "firstAttemptAt" = COALESCE(o."firstAttemptAt",
                                       CASE WHEN o.attempts > 0 THEN o."createdAt" ELSE ${claimedAt} END)
      FROM (SELECT m.id, COALESCE(i."externalId", p."digestChannelId") AS target, i.id IS NULL AS to_channel,
                   COALESCE(CASE WHEN EXISTS (SELECT 1 FROM "MenteeProfile" WHERE "personId" = reader.id)
                                   OR EXISTS (SELECT 1 FROM "MentorProfile" WHERE "personId" = reader.id)
                                 THEN reader."timeZone" END,
                            home."timeZone", reader."timeZone", p."timeZone") AS reader_zone
              FROM "OutboxMessage" m
              LEFT JOIN "Identity" i ON i."personId" = m."personId" AND i.platform = ${sender.platform}::"Platform"
              LEFT JOIN "Person" reader ON reader.id = i."personId"
              -- A person's zone is the one their profile chose; without a profile (an administrator), the
              -- program's the message is about; else UTC, which every worded date names.
              LEFT JOIN "Program" home ON home.id = m."programId"
              LEFT JOIN "Program" p ON m."personId" IS NULL AND p.id = m."programId"
                                   AND p."digestPlatform" = ${sender.platform}::"Platform"
                                   AND p."digestChannelId" IS NOT NULL
             WHERE m.status = 'pending' AND m."notBefore" <= ${claimedAt}
               AND (m."claimedUntil" IS NULL OR m."claimedUntil" < ${claimedAt})
               AND (i.id IS NOT NULL OR p.id IS NOT NULL)
               AND (m.payload->>'platform' IS NULL OR m.payload->>'platform' = ${sender.platform})
             ORDER BY m."notBefore", m."createdAt", m.id
             LIMIT ${limit}
               FOR UPDATE OF m SKIP LOCKED) c
     WHERE o.id = c.id
    RETURNING o.id, o.kind, o.payload, o.attempts, o."firstAttemptAt" AS first_attempt_at,
              o."notBefore" AS not_before, o."createdAt" AS created_at, c.target, c.to_channel, c.reader_zone`;
  // RETURNING promises no order; the oldest due goes first, and messages held until the same instant (an
  // acceptance and then its onboarding, both waiting for the selection date) in the order they were written.
  const queue = claimed.sort(
    (a, b) =>
      a.not_before.getTime() - b.not_before.getTime() ||
      a.created_at.getTime() - b.created_at.getTime() ||
      (a.id < b.id ? -1 : 1),
  );

  const result: DispatchResult = { delivered: 0, retrying: 0, dead: 0 };
  /** Under this claim only: 0 rows means another dispatcher has taken the message over. */
  const whereClaimed = (id: string) => ({ id, claimToken });
  const lost = (id: string, what: string) =>
    core.log?.debug(
      { outboxMessageId: id, platform: sender.platform },
      `outbox claim lost before recording ${what}; the new claimant decides`,
    );

  // Deliveries are recorded a batch at a time, each batch in one transaction under the claim (fencing): a
  // crash before a batch is recorded leaves at most RECORD_BATCH messages sent and unrecorded, which their
  // retry, after the lease, finds on the platform (alreadyDelivered) instead of sending again.
  let sent: { id: string; target: string; deliveredAt: Date }[] = [];
  const record = async () => {
    if (sent.length === 0) return;
    const batch = sent;
    sent = [];
    // One statement, so one round trip and atomic without a transaction: the messages still held by this
    // claim are marked delivered, and only those get their delivery rows.
    const held = await prisma.$queryRaw<{ id: string }[]>`
      WITH d AS (
        SELECT * FROM unnest(${batch.map((m) => m.id)}::text[], ${batch.map((m) => m.target)}::text[],
                             ${batch.map((m) => m.deliveredAt.toISOString())}::text[]) AS d(id, target, at)
      ), held AS (
        UPDATE "OutboxMessage" o
           SET status = 'delivered', "deliveredAt" = d.at::timestamp, "claimedUntil" = NULL, "lastError" = NULL
          FROM d
         WHERE o.id = d.id AND o."claimToken" = ${claimToken}
        RETURNING o.id, d.target, o."deliveredAt"
      ), recorded AS (
        INSERT INTO "ReminderDelivery" (id, "outboxMessageId", platform, target, "deliveredAt")
        SELECT gen_random_uuid()::text, id, ${sender.platform}::"Platform", target, "deliveredAt" FROM held
        ON CONFLICT ("outboxMessageId", platform) DO NOTHING
      )
      SELECT id FROM held`;
    const recorded = new Set(held.map((r) => r.id));
    for (const m of batch) {
      if (recorded.has(m.id)) result.delivered++;
      else lost(m.id, "its delivery");
    }
  };

  // A batch at a time: its recipients' messages go out side by side, each recipient's in order (an
  // acceptance before its onboarding), and the batch is recorded before the next one starts.
  let stop: { until?: Date } | undefined;
  const untried = new Set(queue.map((m) => m.id));
  try {
    for (let start = 0; start < queue.length && !stop; start += RECORD_BATCH) {
      const lanes = new Map<string, ClaimedRow[]>();
      for (const message of queue.slice(start, start + RECORD_BATCH)) {
        const lane = lanes.get(message.target) ?? [];
        lanes.set(message.target, [...lane, message]);
      }
      const waiting = [...lanes.values()];
      const runLane = async (): Promise<void> => {
        for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
          for (const message of lane) {
            if (stop) return;
            untried.delete(message.id);
            await deliver(message);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(SEND_LANES, waiting.length) }, runLane));
      await record();
    }
  } finally {
    await record();
    await release(
      core,
      queue.filter((m) => untried.has(m.id)),
      claimToken,
      stop?.until,
    );
  }
  return result;

  async function deliver(message: ClaimedRow): Promise<void> {
    const startedAt = core.clock.now();
    if (startedAt.getTime() > leaseEnd - timeoutMs) {
      // The lease may end while this message is on its way: leave the rest to the next run.
      untried.add(message.id);
      stop = {};
      return;
    }
    const outgoing: OutgoingMessage = {
      id: message.id,
      kind: message.kind,
      target: message.target,
      toChannel: message.to_channel,
      attempt: message.attempts,
      firstAttemptAt: message.first_attempt_at,
      deadline: Date.now() + timeoutMs,
      payload: message.payload as unknown as OutboxPayload,
      readerZone: message.reader_zone,
    };
    try {
      await withinTime(timeoutMs, async () => {
        const sentBefore = outgoing.attempt > 1 && (await sender.alreadyDelivered?.(outgoing)) === true;
        if (!sentBefore) await sender.send(outgoing);
      });
    } catch (error) {
      const now = core.clock.now();
      const dead = message.attempts >= MAX_ATTEMPTS;
      const waitMs = error instanceof RateLimited ? error.retryAfterMs : backoffMs(message.attempts);
      // A platform that rate-limits or does not answer would do the same to the rest of the batch; they wait
      // (for Retry-After) without losing an attempt.
      if (error instanceof RateLimited) stop = { until: new Date(now.getTime() + waitMs) };
      else if (error instanceof TimedOut) stop ??= {};
      const { count } = await prisma.outboxMessage.updateMany({
        where: whereClaimed(message.id),
        data: {
          status: dead ? "dead" : "pending",
          claimedUntil: null,
          notBefore: new Date(now.getTime() + waitMs),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        },
      });
      if (count === 0) lost(message.id, "a failure");
      else if (dead) result.dead++;
      else result.retrying++;
      return;
    }
    sent.push({ id: message.id, target: message.target, deliveredAt: core.clock.now() });
  }
}

/** Gives claimed messages that were not tried back, as they were (their attempt is not spent). */
async function release(core: Core, rows: ClaimedRow[], claimToken: string, notBefore?: Date): Promise<void> {
  if (rows.length === 0) return;
  await core.db.prisma.outboxMessage.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, claimToken, status: "pending" },
    data: { claimedUntil: null, attempts: { decrement: 1 }, ...(notBefore ? { notBefore } : {}) },
  });
}

/** Abandons work the platform does not finish in time (a sender that ignores its deadline, a hung socket). */
async function withinTime(ms: number, work: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(ms)), ms);
  });
  try {
    await Promise.race([work(), late]);
  } finally {
    clearTimeout(timer);
  }
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
