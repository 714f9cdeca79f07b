// Platform requests run once. Slack retries a request it thinks went unanswered (X-Slack-Retry-Num), a
// replayed request carries a valid signature for five minutes, and two replicas holding one Discord
// gateway token both receive each interaction. Each request's own id is recorded in the database the
// first time it is seen, so a second copy, on any replica and after a restart, is recognised.
import type { Core } from "./context.js";

/** Longer than any platform retries or accepts a signature for (Slack: 5 minutes; Discord: 15). */
export const REMEMBER_REQUESTS_MS = 24 * 3_600_000;

/**
 * Records `key` as handled; true the first time, false for every later copy. The record is written
 * before the request is handled, so a copy arriving while the first is still running is refused too.
 */
export async function firstTimeSeen(core: Core, key: string): Promise<boolean> {
  const now = core.clock.now();
  const inserted = await core.db.prisma.$executeRaw`
    INSERT INTO "ProcessedRequest" (key, "handledAt", "expiresAt")
    VALUES (${key}, ${now}, ${new Date(now.getTime() + REMEMBER_REQUESTS_MS)})
    ON CONFLICT (key) DO NOTHING`;
  return inserted === 1;
}

/** Forgets one request: it was refused, changed nothing, and may be answered again if it comes again. */
export async function forgetRequest(core: Core, key: string): Promise<void> {
  await core.db.prisma.$executeRaw`DELETE FROM "ProcessedRequest" WHERE key = ${key}`;
}

/** Forgets requests whose platform can no longer send them again (each scheduler tick). */
export async function forgetOldRequests(core: Core): Promise<number> {
  return core.db.prisma.$executeRaw`DELETE FROM "ProcessedRequest" WHERE "expiresAt" < ${core.clock.now()}`;
}
