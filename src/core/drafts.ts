// Forms being filled in a few fields at a time (Discord's modal steps) are kept in the store, not in one
// process's memory: behind a load balancer the next step may reach any replica, and a restart between two
// steps loses nothing. A draft belongs to the identity that started it, and is forgotten when it has not
// been continued for DRAFT_LIFETIME_MS (each scheduler tick deletes the expired ones).
import type { Prisma } from "../generated/prisma/client.js";
import type { Core } from "./context.js";
import type { IdentityRef } from "./people.js";

/**
 * 30 minutes after the last step: room to write a long answer (a project's description, a self-report) in
 * each step, while a form left behind does not linger. Discord's own interaction token lasts 15 minutes,
 * but each step starts from a new interaction (the "Continue" button), so the draft may outlive one.
 */
export const DRAFT_LIFETIME_MS = 30 * 60_000;

type Owner = Pick<IdentityRef, "platform" | "externalId">;

/** Saves a draft's state (new or after a step); its expiry moves to DRAFT_LIFETIME_MS from now. */
export async function saveDraft(core: Core, id: string, owner: Owner, state: Prisma.InputJsonValue): Promise<void> {
  const now = core.clock.now();
  const expiresAt = new Date(now.getTime() + DRAFT_LIFETIME_MS);
  const row = { platform: owner.platform, externalId: owner.externalId, state, updatedAt: now, expiresAt };
  await core.db.prisma.formDraft.upsert({ where: { id }, create: { id, ...row }, update: row });
}

/** The draft's state, when it exists, belongs to `owner` and has not expired; undefined otherwise. */
export async function loadDraft(core: Core, id: string, owner: Owner): Promise<Prisma.JsonValue | undefined> {
  const draft = await core.db.prisma.formDraft.findUnique({ where: { id } });
  if (!draft || draft.platform !== owner.platform || draft.externalId !== owner.externalId) return undefined;
  return draft.expiresAt > core.clock.now() ? draft.state : undefined;
}

/** The form was submitted (or ended with a refusal): its draft goes. */
export async function deleteDraft(core: Core, id: string): Promise<void> {
  await core.db.prisma.formDraft.deleteMany({ where: { id } });
}

/** Forgets drafts nobody continued in time (each scheduler tick). */
export async function forgetExpiredDrafts(core: Core): Promise<number> {
  return (await core.db.prisma.formDraft.deleteMany({ where: { expiresAt: { lt: core.clock.now() } } })).count;
}
