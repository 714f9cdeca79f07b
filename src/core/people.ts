// Persons, their chat identities, their profiles, and linking a second
// platform's identity to the same person with a one-time code.
import { randomInt } from "node:crypto";
import type { Availability, Platform } from "../generated/prisma/client.js";
import { inTransaction, type Actor, type Core } from "./context.js";
import { InvalidInput, notAllowed, notNow } from "./errors.js";
import { command, say } from "./sentence.js";

export interface IdentityRef {
  platform: Platform;
  externalId: string;
  displayName: string;
}

export function operatorKey(identity: Pick<IdentityRef, "platform" | "externalId">): string {
  return `${identity.platform}:${identity.externalId}`;
}

/**
 * The person behind a chat identity, created the first time they speak. Two first requests of one new
 * person can arrive at once (a double click, two platforms' retries): the identity is inserted with
 * ON CONFLICT DO NOTHING, so the second waits for the first, finds its row and leaves no person behind.
 */
export async function resolveActor(core: Core, identity: IdentityRef): Promise<Actor> {
  const where = { platform_externalId: { platform: identity.platform, externalId: identity.externalId } };
  const include = { person: { include: { identities: true } } };
  let found = await core.db.prisma.identity.findUnique({ where, include });
  if (!found) {
    await core.db.prisma.$transaction(async (tx) => {
      const person = await tx.person.create({ data: { displayName: identity.displayName } });
      const { count } = await tx.identity.createMany({
        data: [{ personId: person.id, platform: identity.platform, externalId: identity.externalId }],
        skipDuplicates: true,
      });
      if (count === 0) await tx.person.delete({ where: { id: person.id } });
    });
    found = await core.db.prisma.identity.findUniqueOrThrow({ where, include });
  }
  // Someone named by a mention before they spoke has their id as a name until now.
  if (found.person.displayName === identity.externalId && identity.displayName !== identity.externalId) {
    await core.db.prisma.person.update({ where: { id: found.personId }, data: { displayName: identity.displayName } });
    found.person.displayName = identity.displayName;
  }
  // An operator keeps that role on every identity linked to them.
  const isOperator = found.person.identities.some((linked) => core.operators.has(operatorKey(linked)));
  return {
    personId: found.personId,
    displayName: found.person.displayName,
    timeZone: found.person.timeZone,
    platform: identity.platform,
    isOperator,
  };
}

export interface MenteeProfileInput {
  skills: string[];
  interests: string[];
  links: string[];
  country: string;
  timeZone: string;
  availability: Availability;
}

export async function saveMenteeProfile(core: Core, actor: Actor, input: MenteeProfileInput) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const profile = await tx.menteeProfile.upsert({
      where: { personId: actor.personId },
      create: { personId: actor.personId, ...input },
      update: input,
    });
    await tx.person.update({ where: { id: actor.personId }, data: { timeZone: input.timeZone } });
    await audit({ action: "mentee_profile.saved", entity: "person", entityId: actor.personId, details: input });
    return profile;
  });
}

export interface MentorProfileInput {
  bio: string;
  expertise: string[];
  timeZone: string;
  capacity: number;
}

export async function saveMentorProfile(core: Core, actor: Actor, input: MentorProfileInput) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const profile = await tx.mentorProfile.upsert({
      where: { personId: actor.personId },
      create: { personId: actor.personId, ...input },
      update: input,
    });
    await tx.person.update({ where: { id: actor.personId }, data: { timeZone: input.timeZone } });
    await audit({ action: "mentor_profile.saved", entity: "person", entityId: actor.personId, details: input });
    return profile;
  });
}

export async function getProfiles(core: Core, personId: string) {
  return core.db.prisma.person.findUniqueOrThrow({
    where: { id: personId },
    include: { menteeProfile: true, mentorProfile: true, identities: true },
  });
}

const LINK_CODE_MINUTES = 15;

/** A code the same person types on their other platform within 15 minutes. */
export async function createLinkCode(core: Core, actor: Actor): Promise<{ code: string; expiresAt: Date }> {
  return inTransaction(core, actor, async ({ tx, now }) => {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0") + "-" + String(randomInt(0, 1_000)).padStart(3, "0");
    const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
    await tx.linkCode.create({ data: { code, personId: actor.personId, expiresAt } });
    return { code, expiresAt };
  });
}

/**
 * Moves the speaking identity onto the person who made the code. The person
 * the identity belonged to until now must be new (nothing of theirs to lose).
 */
export async function redeemLinkCode(core: Core, actor: Actor, code: string): Promise<{ personId: string }> {
  return inTransaction(core, actor, async ({ tx, now, audit }) => {
    const link = await tx.linkCode.findUnique({ where: { code: code.trim() } });
    if (!link || link.usedAt || link.expiresAt <= now) {
      throw new InvalidInput({
        code: say`This code is unknown, used or expired. Ask for a new one with ${command("link")}.`,
      });
    }
    if (link.personId === actor.personId)
      throw notNow("This code was made by this same account; use it on your other platform.");
    const target = await tx.identity.findUnique({
      where: { personId_platform: { personId: link.personId, platform: actor.platform } },
    });
    if (target) throw notAllowed(`That person already has a ${actor.platform} identity linked.`);
    const leaving = await tx.person.findUniqueOrThrow({
      where: { id: actor.personId },
      include: {
        _count: { select: { applications: true, administrations: true, mentorships: true, enrollments: true } },
        menteeProfile: true,
        mentorProfile: true,
      },
    });
    const used = Object.values(leaving._count).some((n) => n > 0) || leaving.menteeProfile || leaving.mentorProfile;
    if (used) {
      throw notNow(
        "This account already has its own profile or program activity, so it cannot be merged. " +
          "Link from an account that is new to the bot.",
      );
    }
    await tx.identity.updateMany({
      where: { personId: actor.personId, platform: actor.platform },
      data: { personId: link.personId },
    });
    await tx.linkCode.update({ where: { code: link.code }, data: { usedAt: now } });
    await tx.person.delete({ where: { id: actor.personId } });
    await audit({
      action: "identity.linked",
      entity: "person",
      entityId: link.personId,
      details: { platform: actor.platform },
    });
    return { personId: link.personId };
  });
}

/** What a person's dashboard shows depends on what they are: a mentee, a mentor, an administrator. */
export async function dashboardRoles(core: Core, actor: Actor) {
  const prisma = core.db.prisma;
  const [person, mentoring, administering] = await Promise.all([
    prisma.person.findUniqueOrThrow({
      where: { id: actor.personId },
      include: { menteeProfile: true, _count: { select: { applications: true } } },
    }),
    prisma.projectMentor.count({ where: { personId: actor.personId, status: "approved" } }),
    prisma.programAdministrator.findMany({ where: { personId: actor.personId }, include: { program: true } }),
  ]);
  return {
    displayName: person.displayName,
    isMentee: Boolean(person.menteeProfile) || person._count.applications > 0,
    mentoring,
    administering: administering.map((a) => a.program),
  };
}
