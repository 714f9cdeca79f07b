// What every use case runs with: the store, the clock, the bot's operators,
// and a transaction that also carries the outbox and the audit log.
import type { Database } from "../store/database.js";
import type { Prisma, Platform } from "../generated/prisma/client.js";
import type { Clock } from "./clock.js";
import { recordRequest, type RequestOnce } from "./requests.js";
import type { Logger } from "../log.js";
import type { OutboxPayload, UseCaseEvent } from "./notifications.js";

export type Tx = Prisma.TransactionClient;

export interface Core {
  db: Database;
  clock: Clock;
  /** "platform:externalId" of the bot's owners (MENTORSHIP_OPERATORS). */
  operators: ReadonlySet<string>;
  /** Told after a commit that wrote outbox messages, so deliverers need not poll blindly. */
  outboxWritten?: () => void;
  /** For what is worth knowing but not an error (a dispatcher that lost its claim). */
  log?: Logger;
}

/** The person acting, as the core knows them. */
export interface Actor {
  personId: string;
  displayName: string;
  timeZone: string;
  platform: Platform;
  isOperator: boolean;
  /** The platform request being handled, recorded with its first change (see requests.ts). */
  request?: RequestOnce;
}

export type Notification = {
  /** Unique per event: the same event written twice is delivered once. */
  key: string;
  personId?: string;
  programId?: string;
  /** Deliver no earlier than this (default now). */
  notBefore?: Date;
} & (
  | { event: UseCaseEvent }
  /** A reply the chat layer rendered for the person who asked, delivered only on the platform they used. */
  | { reply: Record<string, unknown>; platform: Platform }
);

export interface UseCase {
  tx: Tx;
  now: Date;
  actor: Actor | undefined;
  /**
   * Records what happened and returns the entry's id: an event that can happen again (a task submitted a
   * second time, at the same instant in a rehearsal) keys its notifications on it, as each happening has one.
   */
  audit(entry: {
    action: string;
    entity: string;
    entityId: string;
    programId?: string | null;
    details?: unknown;
  }): Promise<string>;
  notify(notification: Notification): Promise<void>;
}

/**
 * Runs one use case in one transaction: its changes, its audit entries and
 * the notifications it causes commit together or not at all.
 *
 * The same request arriving twice at once (a double click, a platform's retry) can pass a use case's
 * "already done?" check in both transactions, and the second then fails on a unique key. It runs
 * again, from the start: by then the first has committed, so the check answers as it would have
 * (e.g. "You sent your self-report already") instead of an internal error.
 */
export async function inTransaction<T>(
  core: Core,
  actor: Actor | undefined,
  fn: (uc: UseCase) => Promise<T>,
): Promise<T> {
  // Three copies at once can collide twice (the retries of two of them meet again), hence a few tries.
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransactionOnce(core, actor, fn);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= UNIQUE_VIOLATION_TRIES) throw error;
    }
  }
}

const UNIQUE_VIOLATION_TRIES = 4;

/** Prisma's P2002: a unique constraint refused an insert or update. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

async function inTransactionOnce<T>(core: Core, actor: Actor | undefined, fn: (uc: UseCase) => Promise<T>) {
  const now = core.clock.now();
  let notified = false;
  const request = actor?.request;
  const result = await core.db.prisma.$transaction(
    async (tx) => {
      if (request && !request.recorded) await recordRequest(tx, request.key, now);
      const uc: UseCase = {
        tx,
        now,
        actor,
        audit: async (entry) => {
          const { id } = await tx.auditLog.create({
            data: {
              at: now,
              actorId: actor?.personId ?? null,
              programId: entry.programId ?? null,
              action: entry.action,
              entity: entry.entity,
              entityId: entry.entityId,
              details: (entry.details ?? {}) as Prisma.InputJsonValue,
            },
            select: { id: true },
          });
          return id.toString();
        },
        notify: async (n) => {
          notified = true;
          await tx.outboxMessage.createMany({
            data: [
              {
                idempotencyKey: n.key,
                kind: "event" in n ? n.event.kind : "reply",
                personId: n.personId ?? null,
                programId: n.programId ?? null,
                payload: ("event" in n
                  ? { event: n.event }
                  : { reply: n.reply, platform: n.platform }) satisfies OutboxPayload as Prisma.InputJsonObject,
                notBefore: n.notBefore ?? now,
              },
            ],
            skipDuplicates: true,
          });
        },
      };
      return fn(uc);
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
  if (request) request.recorded = true;
  if (notified) core.outboxWritten?.();
  return result;
}
