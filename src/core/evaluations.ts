// Checkpoint evaluations by a project's mentors, and mentees' self-reports.
import type { EvaluationOutcome } from "../generated/prisma/client.js";
import { inTransaction, type Actor, type Core, type Tx, type UseCase } from "./context.js";
import { InvalidInput, notAllowed, notNow } from "./errors.js";
import { completeIfDone, failEnrollment, enrollmentById, shiftRemaining, type EnrollmentView } from "./enrollments.js";
import { findOrCreatePerson } from "./lookup.js";
import { isProjectMentor } from "./policy.js";
import { createPaymentIfDue } from "./stipends.js";
import { command, day, instant, say } from "./sentence.js";
import {
  checkpointToEvaluate,
  evaluationsOwed,
  nextToOpen,
  openCheckpoints,
  selfReportsOwed,
} from "./rules/checkpoints.js";
import { extensionWeeks, withinExtensionTotal } from "./rules/extensions.js";
import { menteesOf, myEnrollment } from "./enrollments.js";

export interface EvaluationInput {
  checkpoint: number;
  ratingTasks: number;
  ratingEngagement: number;
  ratingProgress: number;
  lastContactOn: Date;
  report: string;
  outcome: EvaluationOutcome;
  extendWeeks?: number | undefined;
}

type Schedule = EnrollmentView["checkpoints"][number];

export { openCheckpoints } from "./rules/checkpoints.js";

/** The checkpoint's window; an evaluation already saved stays editable until the grace period ends. */
function scheduleFor(
  enrollment: EnrollmentView,
  number: number,
  now: Date,
  saved: { checkpointId: string }[] = [],
): Schedule {
  const schedule = enrollment.checkpoints.find((s) => s.checkpoint.number === number);
  if (!schedule) throw new InvalidInput({ checkpoint: `The term has no checkpoint ${number}.` });
  const editing = saved.some((e) => e.checkpointId === schedule.checkpointId);
  // A checkpoint's days are the term's, in its program's zone.
  const zone = enrollment.project.term.program.timeZone;
  if (now < schedule.opensAt && !editing)
    throw new InvalidInput({ checkpoint: say`${schedule.checkpoint.name} opens on ${day(schedule.opensAt, zone)}.` });
  if (now > schedule.graceEndsAt) {
    const closed = day(schedule.graceEndsAt, zone);
    throw new InvalidInput({
      // The backslash continues the template without a line break: the sentence is one line.
      checkpoint: say`${schedule.checkpoint.name} closed on ${closed} (its grace period ended); \
an administrator can record an extension.`,
    });
  }
  return schedule;
}

export async function evaluationTarget(core: Core, actor: Actor, mention: string) {
  const tx = core.db.prisma;
  const mentee = await findOrCreatePerson(tx, actor.platform, mention);
  const latest = await tx.enrollment.findFirst({ where: { menteeId: mentee.id }, orderBy: { createdAt: "desc" } });
  const enrollment = await enrollmentById(tx, (await requireMentorOf(tx, actor, mentee.displayName, latest)).id);
  if (enrollment.status !== "active")
    throw notNow(
      `${enrollment.mentee.displayName}'s enrollment is ${enrollment.status}; there is nothing to evaluate.`,
    );
  return enrollment;
}

/** Only the mentee's mentors evaluate; anyone else reads the same sentence whether or not they are enrolled. */
async function requireMentorOf(
  tx: Tx,
  actor: Actor,
  menteeName: string,
  enrollment: { id: string; projectId: string } | null,
): Promise<{ id: string; projectId: string }> {
  if (!enrollment || !(await isProjectMentor(tx, actor.personId, enrollment.projectId)))
    throw notAllowed(`Only ${menteeName}'s mentors can evaluate them.`);
  return enrollment;
}

export async function submitEvaluation(core: Core, actor: Actor, mention: string, input: EvaluationInput) {
  return inTransaction(core, actor, async (uc) => {
    const { tx, now } = uc;
    const mentee = await findOrCreatePerson(tx, actor.platform, mention);
    const latest = await tx.enrollment.findFirst({ where: { menteeId: mentee.id }, orderBy: { createdAt: "desc" } });
    const found = await requireMentorOf(tx, actor, mentee.displayName, latest);
    // Two mentors saving at once: the second waits and sees the first's save.
    await tx.$executeRaw`SELECT id FROM "Enrollment" WHERE id = ${found.id} FOR UPDATE`;
    const enrollment = await enrollmentById(tx, found.id);
    if (enrollment.status !== "active")
      throw notNow(
        `${enrollment.mentee.displayName}'s enrollment is ${enrollment.status}; there is nothing to evaluate.`,
      );
    const schedule = scheduleFor(enrollment, input.checkpoint, now, enrollment.evaluations);
    const earlier = enrollment.checkpoints.filter((s) => s.checkpoint.number < input.checkpoint);
    const unpassed = earlier.find(
      (s) => !enrollment.evaluations.some((e) => e.checkpointId === s.checkpointId && e.outcome === "pass"),
    );
    if (unpassed)
      throw new InvalidInput({ checkpoint: `${unpassed.checkpoint.name} has not passed yet; evaluate it first.` });
    if (input.lastContactOn > now)
      throw new InvalidInput({ lastContactOn: "The last contact cannot be in the future." });

    const previous = enrollment.evaluations.find((e) => e.checkpointId === schedule.checkpointId);
    const previousWeeks = previous?.outcome === "extend" ? (previous.extendWeeks ?? 0) : 0;
    if (input.outcome === "extend") {
      const weeks = extensionWeeks(input.extendWeeks, "extendWeeks");
      withinExtensionTotal(weeks, enrollment.extensionWeeks, previousWeeks, "extendWeeks");
    }
    const data = {
      ...input,
      extendWeeks: input.outcome === "extend" ? input.extendWeeks! : null,
      mentorId: actor.personId,
      updatedAt: now,
    };
    const { checkpoint: _number, ...fields } = data;
    const evaluation = previous
      ? await tx.evaluation.update({ where: { id: previous.id }, data: fields })
      : await tx.evaluation.create({
          data: { ...fields, enrollmentId: enrollment.id, checkpointId: schedule.checkpointId, submittedAt: now },
        });
    const programId = enrollment.project.term.programId;
    await uc.audit({
      action: previous ? "evaluation.edited" : "evaluation.submitted",
      entity: "evaluation",
      entityId: evaluation.id,
      programId,
      details: { ...input, previous: previous ?? null },
    });

    // An "extend" corrected to pass or fail before the extended window opens was a mistake, not a second look:
    // the extension it made is taken back (dates, end date and the weeks counted). Once that window is open,
    // a pass or fail is the re-evaluation the extension was for, and the extension stands.
    const undone =
      previousWeeks > 0 && input.outcome !== "extend" && now < schedule.opensAt
        ? { weeks: previousWeeks, ...(await shiftRemaining(uc, enrollment, -previousWeeks, input.checkpoint)) }
        : undefined;
    if (undone)
      await uc.audit({
        action: "enrollment.extension_undone",
        entity: "enrollment",
        entityId: enrollment.id,
        programId,
        details: { weeks: previousWeeks, checkpoint: schedule.checkpoint.name },
      });
    await applyOutcome(uc, enrollment, schedule, input, previousWeeks, undone);
    const letter =
      input.outcome === "pass" && schedule.checkpoint.isFinal ? await completeIfDone(uc, enrollment.id) : undefined;
    return { evaluation, mentee, schedule, letter, edited: Boolean(previous) };
  });
}

async function applyOutcome(
  uc: UseCase,
  enrollment: EnrollmentView,
  schedule: Schedule,
  input: EvaluationInput,
  weeksAlreadyExtended: number,
  undone?: { weeks: number; endsAt?: string },
) {
  const programId = enrollment.project.term.programId;
  const checkpoint = schedule.checkpoint;
  const outcomeKey = `evaluation-outcome:${enrollment.id}:${checkpoint.id}:${input.outcome}:${input.extendWeeks ?? 0}`;
  if (input.outcome === "pass") {
    await createPaymentIfDue(uc, enrollment, checkpoint, programId);
    // A checkpoint that pays tells the mentee in its stipend's message that the evaluation passed; a second
    // one saying only that would repeat it. The final checkpoint's own says more (the last one), so it stays, as
    // does one that takes an extension back (its moved dates are told only here).
    if (checkpoint.stipendPercent <= 0 || checkpoint.isFinal || undone?.endsAt)
      await uc.notify({
        key: outcomeKey,
        personId: enrollment.menteeId,
        programId,
        event: {
          kind: "evaluation_passed",
          checkpoint: checkpoint.name,
          project: enrollment.project.name,
          final: checkpoint.isFinal,
          ...(undone?.endsAt ? { extensionUndone: { weeks: undone.weeks, endsAt: undone.endsAt } } : {}),
        },
      });
  } else if (input.outcome === "extend") {
    // Saving the same extension again moves nothing; changing 2 → 3 weeks moves one more.
    const weeks = input.extendWeeks! - weeksAlreadyExtended;
    const moved = await shiftRemaining(uc, enrollment, weeks, checkpoint.number);
    await uc.notify({
      key: outcomeKey,
      personId: enrollment.menteeId,
      programId,
      event: {
        kind: "evaluation_extended",
        checkpoint: checkpoint.name,
        project: enrollment.project.name,
        weeks: input.extendWeeks!,
        ...moved,
      },
    });
  } else {
    await failEnrollment(uc, enrollment, { type: "checkpoint_failed", checkpoint: checkpoint.name });
  }
}

const SELF_REPORTS_NEED_ENROLLMENT = "Self-reports are for mentees with an active enrollment.";

export async function submitSelfReport(
  core: Core,
  actor: Actor,
  input: { checkpoint: number; hours: number; support: string; progress: string },
) {
  return inTransaction(core, actor, async ({ tx, audit, now }) => {
    const found = await tx.enrollment.findFirst({ where: { menteeId: actor.personId, status: "active" } });
    if (!found) throw notNow(SELF_REPORTS_NEED_ENROLLMENT);
    const enrollment = await enrollmentById(tx, found.id);
    const schedule = scheduleFor(enrollment, input.checkpoint, now);
    if (enrollment.selfReports.some((r) => r.checkpointId === schedule.checkpointId)) {
      throw new InvalidInput({ checkpoint: `You sent your self-report for ${schedule.checkpoint.name} already.` });
    }
    const { checkpoint: _number, ...fields } = input;
    const report = await tx.selfReport.create({
      data: { ...fields, enrollmentId: enrollment.id, checkpointId: schedule.checkpointId, submittedAt: now },
    });
    await audit({
      action: "self_report.submitted",
      entity: "enrollment",
      entityId: enrollment.id,
      programId: enrollment.project.term.programId,
      details: input,
    });
    return { report, schedule };
  });
}

/**
 * The mentee a mentor is about to evaluate, with the checkpoint to propose; refused when no
 * evaluation is open, saying when the next one opens.
 */
export async function evaluationToOpen(core: Core, actor: Actor, mention: string) {
  const enrollment = await evaluationTarget(core, actor, mention);
  const now = core.clock.now();
  const open = openCheckpoints(enrollment, now);
  if (open.length === 0) {
    const next = nextToOpen(enrollment, now);
    const name = enrollment.mentee.displayName;
    throw notNow(
      next
        ? say`No evaluation of ${name} is open now. ${next.checkpoint.name} opens ${instant(next.opensAt)}.`
        : say`No evaluation of ${name} is open now.`,
    );
  }
  return { enrollment, open, current: checkpointToEvaluate(enrollment, now) };
}

/** The mentee's open checkpoints still waiting for their self-report; refused when there is none to send. */
export async function selfReportToOpen(core: Core, actor: Actor) {
  const enrollment = await myEnrollment(core, actor);
  if (!enrollment || enrollment.status !== "active") throw notNow(SELF_REPORTS_NEED_ENROLLMENT);
  const now = core.clock.now();
  if (openCheckpoints(enrollment, now).length === 0)
    throw notNow(say`No checkpoint is open now; ${command("status")} shows the next one.`);
  return { enrollment, open: selfReportsOwed(enrollment, now) };
}

/**
 * The evaluations this mentor owes now: each mentee with an open checkpoint, and how the mentor's platform
 * names them (so `/mentorship evaluate` without a mentee can pick or list them).
 */
export async function evaluationsOwedBy(core: Core, actor: Actor) {
  const now = core.clock.now();
  const enrollments = (await menteesOf(core, actor)).filter((e) => e.status === "active");
  const owed = enrollments.flatMap((e) => evaluationsOwed(e, now).map((s) => ({ enrollment: e, schedule: s })));
  const identities = await core.db.prisma.identity.findMany({
    where: { personId: { in: owed.map((o) => o.enrollment.menteeId) }, platform: actor.platform },
  });
  return owed.map(({ enrollment, schedule }) => ({
    mentee: enrollment.mentee.displayName,
    externalId: identities.find((i) => i.personId === enrollment.menteeId)?.externalId,
    checkpoint: schedule.checkpoint.name,
    dueAt: schedule.dueAt,
  }));
}
