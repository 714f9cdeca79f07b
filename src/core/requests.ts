// Platform requests run once. Slack retries a request it thinks went unanswered (X-Slack-Retry-Num), a
// replayed request carries a valid signature for five minutes, and two replicas holding one Discord
// gateway token both receive each interaction. Each request's own id is recorded in ProcessedRequest:
// - in the same transaction as the first change the request makes, so a request is either done and
//   recorded or neither: a crash between the two cannot lose it, nor let a copy run it again;
// - two copies running at once meet on the record's key, and the second rolls back (DuplicateRequest);
// - a copy arriving later is recognised before it runs, on any replica and after a restart;
// - a request that changed nothing is recorded once answered, so a copy is not answered twice; a refused
//   one is not recorded at all, so a forged or meaningless request leaves no row behind.
import type { Core, Tx } from "./context.js";

/** Longer than any platform retries or accepts a signature for (Slack: 5 minutes; Discord: 15). */
export const REMEMBER_REQUESTS_MS = 24 * 3_600_000;

/** The platform request an actor is making; `recorded` once a transaction that recorded it committed. */
export interface RequestOnce {
  key: string;
  recorded: boolean;
}

/** Another copy of this request already made its changes; this one must not. */
export class DuplicateRequest extends Error {
  constructor(readonly key: string) {
    super(`request ${key} was already handled`);
  }
}

/** True when this inserted the record, false when a copy had (in a transaction: once that copy committed). */
async function insertRequest(db: Pick<Tx, "$executeRaw">, key: string, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + REMEMBER_REQUESTS_MS);
  const inserted = await db.$executeRaw`
    INSERT INTO "ProcessedRequest" (key, "handledAt", "expiresAt") VALUES (${key}, ${now}, ${expiresAt})
    ON CONFLICT (key) DO NOTHING`;
  return inserted === 1;
}

export async function seenBefore(core: Core, key: string): Promise<boolean> {
  const rows = await core.db.prisma.$queryRaw<unknown[]>`SELECT 1 FROM "ProcessedRequest" WHERE key = ${key}`;
  return rows.length > 0;
}

/** Inside a use case's transaction: records the request, or throws DuplicateRequest if a copy did. */
export async function recordRequest(tx: Tx, key: string, now: Date): Promise<void> {
  if (!(await insertRequest(tx, key, now))) throw new DuplicateRequest(key);
}

/**
 * Records `key` on its own; true the first time, false for every later copy. For a request answered
 * without changing anything, and for steps that live outside the store (a Discord form's draft).
 */
export async function firstTimeSeen(core: Core, key: string): Promise<boolean> {
  return insertRequest(core.db.prisma, key, core.clock.now());
}

/** Forgets requests whose platform can no longer send them again (each scheduler tick). */
export async function forgetOldRequests(core: Core): Promise<number> {
  return core.db.prisma.$executeRaw`DELETE FROM "ProcessedRequest" WHERE "expiresAt" < ${core.clock.now()}`;
}
