// An accepted mentee's enrollment: onboarding, plan, extensions, termination,
// the feedback survey, completion and the Letter of Completion.
import type { Prisma } from "../generated/prisma/client.js";
import { applicationResultKey, type EndCause, type Moved } from "./notifications.js";
import { inTransaction, type Actor, type Core, type Tx, type UseCase } from "./context.js";
import { InvalidInput, notAllowed, notFound, notNow } from "./errors.js";
import { findOrCreatePerson, findTerm } from "./lookup.js";
import {
  isProgramAdministrator,
  isProjectMentor,
  requireAdministrator,
  requireMentor,
  requireMentorOrAdministrator,
} from "./policy.js";
import { addWeeks } from "./time.js";
import { firstNotPassed } from "./rules/checkpoints.js";
import { decisionAnnouncedAt } from "./rules/timeline.js";
import { command, day, say } from "./sentence.js";
import { extensionWeeks, withinExtensionTotal } from "./rules/extensions.js";
import { newVerificationCode, normalizeCode } from "./rules/verification-code.js";

export const enrollmentInclude = {
  mentee: true,
  project: { include: { term: { include: { program: true } } } },
  onboarding: { orderBy: { position: "asc" } },
  planItems: { orderBy: [{ dueAt: "asc" }, { position: "asc" }] },
  checkpoints: { include: { checkpoint: true }, orderBy: { dueAt: "asc" } },
  evaluations: true,
  selfReports: true,
  payments: { include: { checkpoint: true } },
  survey: true,
  letter: true,
} satisfies Prisma.EnrollmentInclude;

export type EnrollmentView = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentInclude }>;

const ONGOING = ["onboarding", "active"] as const;

/** The mentee's current enrollment (the newest one), if any. */
export async function myEnrollment(core: Core, actor: Actor): Promise<EnrollmentView | null> {
  return core.db.prisma.enrollment.findFirst({
    where: { menteeId: actor.personId },
    include: enrollmentInclude,
    orderBy: { createdAt: "desc" },
  });
}

/**
 * The enrollment of a mentee named by mention, as seen by a mentor of its
 * project or an administrator of its program (newest first).
 */
export async function enrollmentOf(tx: Tx, actor: Actor, mention: string, doing: string): Promise<EnrollmentView> {
  const mentee = await findOrCreatePerson(tx, actor.platform, mention);
  const enrollment = await tx.enrollment.findFirst({
    where: { menteeId: mentee.id },
    include: enrollmentInclude,
    orderBy: { createdAt: "desc" },
  });
  // Whether the person is enrolled at all is theirs, their mentors' and their administrators' to know: anyone
  // else reads the same sentence either way.
  const refusal = notAllowed(`Only ${mentee.displayName}'s mentors and their program's administrators can ${doing}.`);
  if (!enrollment) throw refusal;
  const mayAct =
    (await isProjectMentor(tx, actor.personId, enrollment.project.id)) ||
    (await isProgramAdministrator(tx, actor.personId, enrollment.project.term.programId));
  if (!mayAct) throw refusal;
  return enrollment;
}

export async function enrollmentById(tx: Tx, id: string): Promise<EnrollmentView> {
  const enrollment = await tx.enrollment.findUnique({ where: { id }, include: enrollmentInclude });
  // Ids arrive in buttons and form contexts, which a person can replay long after (or forge).
  if (!enrollment) throw notFound("That enrollment no longer exists.");
  return enrollment;
}

// ---------------------------------------------------------------- onboarding

export async function confirmOnboardingStep(core: Core, actor: Actor, stepId: string) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const step = await tx.onboardingStep.findUnique({ where: { id: stepId } });
    if (!step) throw notNow("This onboarding step no longer exists.");
    const enrollment = await enrollmentById(tx, step.enrollmentId);
    const program = enrollment.project.term.program;
    await requireAdministrator(tx, actor, program, "confirm onboarding steps");
    if (step.confirmedAt) throw notNow(say`"${step.name}" was confirmed already on ${day(step.confirmedAt)}.`);
    if (enrollment.status !== "onboarding")
      throw notNow(`${enrollment.mentee.displayName}'s enrollment is ${enrollment.status}; onboarding is over.`);
    await tx.onboardingStep.update({
      where: { id: step.id },
      data: { confirmedAt: now, confirmedById: actor.personId },
    });
    await audit({
      action: "onboarding.confirmed",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: program.id,
      details: { step: step.name },
    });
    const remaining = enrollment.onboarding.filter((s) => s.id !== step.id && !s.confirmedAt);
    if (remaining.length === 0) {
      await tx.enrollment.update({ where: { id: enrollment.id }, data: { status: "active", activatedAt: now } });
      await audit({
        action: "enrollment.activated",
        entity: "enrollment",
        entityId: enrollment.id,
        programId: program.id,
      });
      // Onboarding completed before the mentee heard of their acceptance: the acceptance, not yet sent, says so
      // itself instead of pointing to a checklist already done, and no second message follows it.
      const toldInAcceptance = await tx.$executeRaw`
        UPDATE "OutboxMessage" SET payload = jsonb_set(payload, '{event,onboarded}', 'true')
        WHERE "idempotencyKey" = ${applicationResultKey(enrollment.applicationId)}
          AND status = 'pending' AND "firstAttemptAt" IS NULL AND payload #>> '{event,kind}' = 'application_accepted'`;
      if (toldInAcceptance === 0)
        await notify({
          key: `enrollment-active:${enrollment.id}`,
          personId: enrollment.menteeId,
          programId: program.id,
          notBefore: decisionAnnouncedAt(enrollment.project.term, now),
          event: { kind: "enrollment_active", project: enrollment.project.name },
        });
    }
    return { step, enrollment, activated: remaining.length === 0 };
  });
}

/** Enrollments with onboarding steps still open, for the program's administrators. */
export async function onboardingQueue(core: Core, actor: Actor) {
  const administered = await core.db.prisma.programAdministrator.findMany({ where: { personId: actor.personId } });
  if (administered.length === 0) throw notAllowed("Only program administrators confirm onboarding steps.");
  return core.db.prisma.enrollment.findMany({
    where: { status: "onboarding", term: { programId: { in: administered.map((a) => a.programId) } } },
    include: enrollmentInclude,
    orderBy: { createdAt: "asc" },
  });
}

// ---------------------------------------------------------------- plan

export async function addPlanItem(
  core: Core,
  actor: Actor,
  enrollmentId: string,
  input: { kind: "milestone" | "task"; title: string; dueAt: Date },
) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const enrollment = await enrollmentById(tx, enrollmentId);
    await requirePlanEditor(tx, actor, enrollment);
    if (input.dueAt < enrollment.project.term.startAt || input.dueAt > enrollment.endAt) {
      throw new InvalidInput({ dueAt: "A plan item falls due inside the term: from its start to its end." });
    }
    const position =
      (await tx.planItem.aggregate({ where: { enrollmentId }, _max: { position: true } }))._max.position ?? 0;
    const item = await tx.planItem.create({ data: { enrollmentId, position: position + 1, ...input } });
    await audit({
      action: "plan.item_added",
      entity: "enrollment",
      entityId: enrollmentId,
      programId: enrollment.project.term.programId,
      details: input,
    });
    return item;
  });
}

export async function markPlanItemDone(core: Core, actor: Actor, itemId: string) {
  return inTransaction(core, actor, async (uc) => {
    const item = await uc.tx.planItem.findUnique({ where: { id: itemId } });
    if (!item) throw notNow("This plan item no longer exists.");
    const enrollment = await enrollmentById(uc.tx, item.enrollmentId);
    await requirePlanEditor(uc.tx, actor, enrollment);
    if (item.doneAt) throw notNow(`"${item.title}" is done already.`);
    await uc.tx.planItem.update({ where: { id: itemId }, data: { doneAt: uc.now } });
    await uc.audit({
      action: "plan.item_done",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: enrollment.project.term.programId,
      details: { title: item.title },
    });
    const letter = await completeIfDone(uc, enrollment.id);
    return { item, enrollment, letter };
  });
}

async function requirePlanEditor(tx: Tx, actor: Actor, enrollment: EnrollmentView) {
  if (enrollment.menteeId !== actor.personId)
    await requireMentorOrAdministrator(tx, actor, enrollment.project, "change this mentee's plan");
  if (enrollment.status !== "active")
    throw notNow(`The enrollment is ${enrollment.status}; the plan changes only while it is active.`);
}

// ---------------------------------------------------------------- extension, termination

/**
 * Moves the mentee's remaining checkpoints (not yet passed) and end date by
 * `weeks`. Used by an "extend" evaluation and by administrators directly.
 */
export async function shiftRemaining(
  uc: UseCase,
  enrollment: EnrollmentView,
  weeks: number,
  fromCheckpointNumber: number,
): Promise<Moved> {
  const zone = enrollment.project.term.program.timeZone;
  const first = enrollment.checkpoints
    .filter((s) => s.checkpoint.number >= fromCheckpointNumber)
    .sort((a, b) => a.checkpoint.number - b.checkpoint.number)[0];
  // What the person is told moved: the first checkpoint moved (its self-report opens with it) and the end.
  const moved: Moved = {
    endsAt: addWeeks(enrollment.endAt, weeks, zone).toISOString(),
    ...(first
      ? {
          nextCheckpoint: first.checkpoint.name,
          nextOpensAt: addWeeks(first.opensAt, weeks, zone).toISOString(),
          nextDueAt: addWeeks(first.dueAt, weeks, zone).toISOString(),
        }
      : {}),
  };
  if (weeks === 0) return moved;
  for (const schedule of enrollment.checkpoints) {
    if (schedule.checkpoint.number < fromCheckpointNumber) continue;
    await uc.tx.enrollmentCheckpoint.update({
      where: { enrollmentId_checkpointId: { enrollmentId: enrollment.id, checkpointId: schedule.checkpointId } },
      data: {
        opensAt: addWeeks(schedule.opensAt, weeks, zone),
        dueAt: addWeeks(schedule.dueAt, weeks, zone),
        graceEndsAt: addWeeks(schedule.graceEndsAt, weeks, zone),
      },
    });
  }
  await uc.tx.enrollment.update({
    where: { id: enrollment.id },
    data: { endAt: addWeeks(enrollment.endAt, weeks, zone), extensionWeeks: { increment: weeks } },
  });
  return moved;
}

export async function extend(core: Core, actor: Actor, mention: string, weeks: number) {
  return inTransaction(core, actor, async (uc) => {
    const enrollment = await enrollmentOf(uc.tx, actor, mention, "extend this enrollment");
    await requireAdministrator(uc.tx, actor, enrollment.project.term.program, "record extensions");
    if (!["active", "onboarding"].includes(enrollment.status))
      throw notNow(`${enrollment.mentee.displayName}'s enrollment is ${enrollment.status}.`);
    withinExtensionTotal(extensionWeeks(weeks), enrollment.extensionWeeks);
    const next = firstNotPassed(enrollment);
    if (!next) throw notNow("Every checkpoint has passed; there is nothing to extend.");
    const moved = await shiftRemaining(uc, enrollment, weeks, next.checkpoint.number);
    const extension = await uc.audit({
      action: "enrollment.extended",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: enrollment.project.term.programId,
      details: { weeks },
    });
    await uc.notify({
      key: `extended:${enrollment.id}:${extension}`,
      personId: enrollment.menteeId,
      programId: enrollment.project.term.programId,
      event: { kind: "enrollment_extended", project: enrollment.project.name, weeks, ...moved },
    });
    return enrollmentById(uc.tx, enrollment.id);
  });
}

/** Why an administrator ends an enrollment before its term does (LFX's two cases). */
export type EarlyEnd = "non_performance" | "mentee_request";

/**
 * An administrator ends an ongoing enrollment, for non-performance or at the mentee's request, with a reason.
 * The application shows withdrawn, as LFX records it; no further stipend is paid; the mentee and the
 * project's mentors are told.
 */
export async function endEnrollmentEarly(core: Core, actor: Actor, mention: string, why: EarlyEnd, reason: string) {
  return inTransaction(core, actor, async (uc) => {
    const enrollment = await enrollmentOf(uc.tx, actor, mention, "end this enrollment");
    const program = enrollment.project.term.program;
    await requireAdministrator(uc.tx, actor, program, "end enrollments");
    if (!ONGOING.includes(enrollment.status as (typeof ONGOING)[number]))
      throw notNow(`${enrollment.mentee.displayName}'s enrollment is ${enrollment.status} already.`);
    const status = why === "non_performance" ? "terminated" : "withdrawn";
    await uc.tx.enrollment.update({
      where: { id: enrollment.id },
      data: { status, endedAt: uc.now, endReason: reason },
    });
    await uc.tx.application.update({ where: { id: enrollment.applicationId }, data: { status: "withdrawn" } });
    await uc.tx.stipendPayment.updateMany({
      where: { enrollmentId: enrollment.id, status: "pending_approval" },
      data: {
        status: "declined",
        declineReason:
          why === "non_performance"
            ? `The enrollment was ended for non-performance: ${reason}`
            : `The enrollment was ended at the mentee's request: ${reason}`,
        decidedAt: uc.now,
      },
    });
    await uc.audit({
      action: "enrollment.ended",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: program.id,
      details: { why, reason },
    });
    const facts = { project: enrollment.project.name, mentee: enrollment.mentee.displayName, why, reason };
    await uc.notify({
      key: `enrollment-ended:${enrollment.id}`,
      personId: enrollment.menteeId,
      programId: program.id,
      event: { kind: "enrollment_ended", reader: "mentee", ...facts },
    });
    const mentors = await uc.tx.projectMentor.findMany({
      where: { projectId: enrollment.projectId, status: "approved" },
    });
    for (const mentor of mentors) {
      await uc.notify({
        key: `enrollment-ended:${enrollment.id}:${mentor.personId}`,
        personId: mentor.personId,
        programId: program.id,
        event: { kind: "enrollment_ended", reader: "mentor", ...facts },
      });
    }
    return enrollment;
  });
}

/** What the enrollment record and its declined payments keep as the rule that failed it. */
function recordedReason(cause: EndCause): string {
  if (cause.type === "checkpoint_failed") return `The ${cause.checkpoint.toLowerCase()} did not pass.`;
  return "The final evaluation was not submitted before its grace period ended.";
}

/** Fails an enrollment: no further stipend, payments not yet approved are declined. */
export async function failEnrollment(uc: UseCase, enrollment: EnrollmentView, cause: EndCause) {
  const reason = recordedReason(cause);
  await uc.tx.enrollment.update({
    where: { id: enrollment.id },
    data: { status: "failed", endedAt: uc.now, endReason: reason },
  });
  await uc.tx.stipendPayment.updateMany({
    where: { enrollmentId: enrollment.id, status: "pending_approval" },
    data: { status: "declined", declineReason: `The enrollment failed: ${reason}`, decidedAt: uc.now },
  });
  const programId = enrollment.project.term.programId;
  await uc.audit({
    action: "enrollment.failed",
    entity: "enrollment",
    entityId: enrollment.id,
    programId,
    details: { reason },
  });
  await uc.notify({
    key: `enrollment-ended:${enrollment.id}`,
    personId: enrollment.menteeId,
    programId,
    event: { kind: "enrollment_failed", project: enrollment.project.name, cause },
  });
}

// ---------------------------------------------------------------- survey, completion, letter

const SURVEY_NOT_ENROLLED = "The feedback survey is for mentees with an active enrollment.";
const SURVEY_SENT = "You submitted the feedback survey already. Thank you!";

/** The enrollment whose feedback survey the mentee is about to fill in; refused when there is none to send. */
export async function surveyToOpen(core: Core, actor: Actor): Promise<EnrollmentView> {
  const enrollment = await myEnrollment(core, actor);
  if (!enrollment || enrollment.status !== "active") throw notNow(SURVEY_NOT_ENROLLED);
  refuseSurveyBeforeFinal(enrollment, core.clock.now());
  if (enrollment.survey) throw notNow(SURVEY_SENT);
  return enrollment;
}

/** Asked when the form would open and again when it is sent, so no one fills in a survey that is then refused. */
function refuseSurveyBeforeFinal(enrollment: Pick<EnrollmentView, "checkpoints">, now: Date) {
  const finalSchedule = enrollment.checkpoints.find((s) => s.checkpoint.isFinal);
  if (finalSchedule && now < finalSchedule.opensAt)
    throw notNow(say`The feedback survey opens with the final evaluation, on ${day(finalSchedule.opensAt)}.`);
}

export async function submitSurvey(
  core: Core,
  actor: Actor,
  input: { overall: number; mentorSupport: number; wouldRecommend: boolean; comments: string },
) {
  return inTransaction(core, actor, async (uc) => {
    const enrollment = await uc.tx.enrollment.findFirst({
      where: { menteeId: actor.personId, status: "active" },
      include: enrollmentInclude,
    });
    if (!enrollment) throw notNow(SURVEY_NOT_ENROLLED);
    refuseSurveyBeforeFinal(enrollment, uc.now);
    if (enrollment.survey) throw notNow(SURVEY_SENT);
    await uc.tx.feedbackSurvey.create({ data: { enrollmentId: enrollment.id, ...input, submittedAt: uc.now } });
    await uc.audit({
      action: "survey.submitted",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: enrollment.project.term.programId,
    });
    const letter = await completeIfDone(uc, enrollment.id);
    return { enrollment, letter };
  });
}

/**
 * Completion needs the passed final evaluation, every plan item done and the
 * survey. Called after each of the three; the one that completes the set
 * issues the letter.
 */
export async function completeIfDone(uc: UseCase, enrollmentId: string) {
  const enrollment = await enrollmentById(uc.tx, enrollmentId);
  if (enrollment.status !== "active") return undefined;
  const finalCheckpoint = enrollment.checkpoints.find((s) => s.checkpoint.isFinal);
  const finalPassed = enrollment.evaluations.some(
    (e) => e.checkpointId === finalCheckpoint?.checkpointId && e.outcome === "pass",
  );
  const planDone = enrollment.planItems.every((item) => item.doneAt);
  if (!finalPassed || !planDone || !enrollment.survey) return undefined;

  const letter = await uc.tx.letterOfCompletion.create({
    data: { enrollmentId, code: newVerificationCode(), issuedAt: uc.now },
  });
  await uc.tx.enrollment.update({ where: { id: enrollmentId }, data: { status: "completed", endedAt: uc.now } });
  await uc.tx.application.update({ where: { id: enrollment.applicationId }, data: { status: "graduated" } });
  const programId = enrollment.project.term.programId;
  await uc.audit({
    action: "enrollment.completed",
    entity: "enrollment",
    entityId: enrollmentId,
    programId,
    details: { code: letter.code },
  });
  await uc.notify({
    key: `letter:${enrollmentId}`,
    personId: enrollment.menteeId,
    programId,
    event: { kind: "letter_issued", project: enrollment.project.name, code: letter.code },
  });
  return letter;
}

const letterInclude = {
  enrollment: {
    include: {
      ...enrollmentInclude,
      project: {
        include: {
          term: { include: { program: true } },
          mentors: { where: { status: "approved" }, include: { person: true }, orderBy: { requestedAt: "asc" } },
        },
      },
    },
  },
} satisfies Prisma.LetterOfCompletionInclude;

/** The mentee's newest Letter of Completion with what it names: mentors, and the graduation note's writer. */
export async function myLetter(core: Core, actor: Actor) {
  const prisma = core.db.prisma;
  const letter = await prisma.letterOfCompletion.findFirst({
    where: { enrollment: { menteeId: actor.personId } },
    include: letterInclude,
    orderBy: { issuedAt: "desc" },
  });
  if (!letter)
    throw notNow(
      "You have no Letter of Completion yet. " +
        "It is issued when your final evaluation passed, your plan is done and you sent the feedback survey.",
    );
  const program = letter.enrollment.project.term.program;
  if (letter.revokedAt) {
    const ask = `The administrators of ${program.name} can tell you why.`;
    throw notNow(say`Your Letter of Completion was revoked on ${day(letter.revokedAt)}. ${ask}`);
  }
  const noteById = letter.enrollment.graduationNoteById;
  const noteBy = noteById ? await prisma.person.findUnique({ where: { id: noteById } }) : null;
  return { letter, mentors: letter.enrollment.project.mentors.map((m) => m.person.displayName), noteBy };
}

/** A letter by its code, as anyone may check it; the caller shows a revoked one as revoked and nothing more. */
export async function verifyLetter(core: Core, code: string) {
  return core.db.prisma.letterOfCompletion.findUnique({
    where: { code: normalizeCode(code) },
    include: {
      enrollment: { include: { mentee: true, project: { include: { term: { include: { program: true } } } } } },
    },
  });
}

/**
 * An administrator of the letter's program revokes it (issued in error, say), with a reason kept in the audit
 * log and told to the mentee. Verification then says only that it was revoked, and when.
 */
export async function revokeLetter(core: Core, actor: Actor, code: string, reason: string) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const letter = await tx.letterOfCompletion.findUnique({
      where: { code: normalizeCode(code) },
      include: { enrollment: { include: { project: { include: { term: { include: { program: true } } } } } } },
    });
    // Whether a code exists is told to anyone who asks `verify`, so this refusal may say it too.
    if (!letter) throw notFound(`No Letter of Completion has the code ${code}.`);
    const project = letter.enrollment.project;
    const program = project.term.program;
    await requireAdministrator(tx, actor, program, "revoke its Letters of Completion");
    if (letter.revokedAt) throw notNow(say`This letter was revoked already on ${day(letter.revokedAt)}.`);
    const revoked = await tx.letterOfCompletion.update({
      where: { enrollmentId: letter.enrollmentId },
      data: { revokedAt: now, revokedById: actor.personId, revokeReason: reason },
    });
    await audit({
      action: "letter.revoked",
      entity: "enrollment",
      entityId: letter.enrollmentId,
      programId: program.id,
      details: { code: letter.code, reason },
    });
    await notify({
      key: `letter-revoked:${letter.enrollmentId}`,
      personId: letter.enrollment.menteeId,
      programId: program.id,
      event: { kind: "letter_revoked", project: project.name, reason },
    });
    return { letter: revoked, program };
  });
}

export const GRADUATION_NOTE_MAX = 500;

/**
 * A mentor of the mentee's project writes (or rewrites) a short graduation note once the final evaluation
 * passed; the Letter of Completion quotes it, whenever it is downloaded.
 */
export async function writeGraduationNote(core: Core, actor: Actor, mention: string, note: string) {
  return inTransaction(core, actor, async ({ tx, audit, now }) => {
    const enrollment = await enrollmentOf(tx, actor, mention, "write a graduation note for them");
    await requireMentor(tx, actor, enrollment.project, "write a graduation note for its mentees");
    const words = note.trim();
    if (!words) throw new InvalidInput({ note: "Write the note: a few words the letter will quote." });
    if (words.length > GRADUATION_NOTE_MAX)
      throw new InvalidInput({ note: `A graduation note has at most ${GRADUATION_NOTE_MAX} characters.` });
    const finalCheckpoint = enrollment.checkpoints.find((s) => s.checkpoint.isFinal);
    const finalPassed = enrollment.evaluations.some(
      (e) => e.checkpointId === finalCheckpoint?.checkpointId && e.outcome === "pass",
    );
    if (!finalPassed || !["active", "completed"].includes(enrollment.status))
      throw notNow(
        `${enrollment.mentee.displayName}'s final evaluation has not passed; ` +
          "a graduation note is written once it has.",
      );
    await tx.enrollment.update({
      where: { id: enrollment.id },
      data: { graduationNote: words, graduationNoteById: actor.personId },
    });
    await audit({
      action: "enrollment.graduation_note",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: enrollment.project.term.programId,
      details: { note: words, at: now.toISOString() },
    });
    return enrollment;
  });
}

/** Mentees of the projects this person mentors (or of a term they administer). */
export async function menteesOf(core: Core, actor: Actor, termRef?: string) {
  const prisma = core.db.prisma;
  if (termRef) {
    const term = await findTerm(prisma, termRef);
    await requireAdministrator(prisma, actor, term.program, "see all mentees of a term");
    return prisma.enrollment.findMany({
      where: { termId: term.id },
      include: enrollmentInclude,
      orderBy: { createdAt: "asc" },
    });
  }
  const mentored = await prisma.projectMentor.findMany({ where: { personId: actor.personId, status: "approved" } });
  if (mentored.length === 0)
    throw notAllowed(say`You mentor no project yet. ${command("mentor request", "<project>")} asks to mentor one.`);
  return prisma.enrollment.findMany({
    where: { projectId: { in: mentored.map((m) => m.projectId) } },
    include: enrollmentInclude,
    orderBy: { createdAt: "asc" },
  });
}

/** A mentee's plan, as their project's mentors and their program's administrators see it. */
export async function planOf(core: Core, actor: Actor, mention: string): Promise<EnrollmentView> {
  return enrollmentOf(core.db.prisma, actor, mention, "see this mentee's plan");
}
