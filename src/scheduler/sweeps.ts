// Set-based sweeps: each finds everything due of one kind with a single
// statement and writes it to the outbox as a typed event (core/notifications.ts:
// the names, instants and ids a reader needs; the chat layer words it at
// delivery). The idempotency key names the event (and the deadline it is
// about), so a sweep run twice, or on two replicas at once, enqueues nothing
// twice, and an extension, which moves the deadline, brings fresh reminders for
// the new dates.
import type { Core } from "../core/context.js";
import type { Prisma } from "../generated/prisma/client.js";
import { inTransaction } from "../core/context.js";
import { failEnrollment, enrollmentById } from "../core/enrollments.js";
import { digestOf } from "../core/digest.js";
import { closeApplicationsOnSchedule } from "../core/programs.js";
import { declineUndecidedAtStart } from "../core/applications.js";
import { DAY_MS } from "../core/time.js";
import { MENTOR_SURVEY_DAYS_AFTER_END } from "../core/surveys.js";
import type { DigestEvent, OutboxPayload } from "../core/notifications.js";
import { lastMatch } from "./cron-match.js";

export interface SweepOptions {
  /** Overdue evaluations are escalated to the administrators this long after they were due. */
  escalateAfterHours: number;
}

/** Wall-clock time of `ts` (UTC, as stored) in the zone `tz`. */
const local = (ts: string, tz: string) => `((${ts}) AT TIME ZONE 'UTC') AT TIME ZONE ${tz}`;
/** A stored instant as an event carries it: `Date.toISOString()`'s form. */
const iso = (ts: string) => `to_char(${ts}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** An event's JSON: its kind and the named facts. */
const event = (kind: string, facts: Record<string, string>) =>
  `jsonb_build_object('kind', '${kind}', ${Object.entries(facts)
    .map(([name, value]) => `'${name}', ${value}`)
    .join(", ")})`;
/** What a reminder about one checkpoint of one enrollment tells (see CheckpointFacts). */
const checkpointFacts = {
  checkpoint: "c.name",
  mentee: 'mentee."displayName"',
  project: "pr.name",
  menteeIds: `(SELECT jsonb_object_agg(i.platform::text, i."externalId")
                 FROM "Identity" i WHERE i."personId" = mentee.id)`,
};
/**
 * Now, unless that is between 22:00 and 08:00 where the reader lives: then
 * 08:00 their time. ($1 is the sweep's now.)
 */
export const afterQuietHours = (tz: string) => {
  const now = local("$1::timestamp", tz);
  return `CASE WHEN extract(hour FROM ${now}) >= 22 OR extract(hour FROM ${now}) < 8
     THEN ((date_trunc('day', ${now} + interval '2 hours') + interval '8 hours') AT TIME ZONE ${tz}) AT TIME ZONE 'UTC'
     ELSE $1::timestamp END`;
};

/** Each row: key, kind, person, program, the event (JSON), and when to deliver. */
function enqueue(select: string): string {
  return `INSERT INTO "OutboxMessage"
           (id, "idempotencyKey", kind, "personId", "programId", payload, status, attempts, "notBefore", "createdAt")
    SELECT gen_random_uuid()::text, due.key, due.kind, due.person_id, due.program_id,
           jsonb_build_object('event', due.event), 'pending', 0, due.not_before, $1::timestamp
      FROM (${select}) AS due(key, kind, person_id, program_id, event, not_before)
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}

/** Active enrollments' checkpoints still without a passed or failed evaluation. */
const OPEN_CHECKPOINTS = `
  FROM "EnrollmentCheckpoint" ec
  JOIN "Enrollment" e ON e.id = ec."enrollmentId" AND e.status = 'active'
  JOIN "Checkpoint" c ON c.id = ec."checkpointId"
  JOIN "Project" pr ON pr.id = e."projectId"
  JOIN "Term" t ON t.id = e."termId"
  JOIN "Person" mentee ON mentee.id = e."menteeId"
  WHERE NOT EXISTS (SELECT 1 FROM "Evaluation" ev
                     WHERE ev."enrollmentId" = e.id AND ev."checkpointId" = c.id AND ev.outcome <> 'extend')`;

const MENTORS = `JOIN "ProjectMentor" pm ON pm."projectId" = e."projectId" AND pm.status = 'approved'
                 JOIN "Person" mentor ON mentor.id = pm."personId"`;
const epoch = (ts: string) => `extract(epoch FROM ${ts})::bigint`;

const mentorReminder = (kind: string, when: string, instants: Record<string, string>, quiet = true) =>
  enqueue(`SELECT '${kind}:' || e.id || ':' || c.id || ':' || ${epoch('ec."dueAt"')} || ':' || mentor.id AS key,
                  '${kind}' AS kind, mentor.id AS person_id, t."programId" AS program_id,
                  ${event(kind, { ...checkpointFacts, ...instants })},
                  ${quiet ? afterQuietHours('mentor."timeZone"') : "$1::timestamp"} AS not_before
    ${OPEN_CHECKPOINTS.replace("WHERE", `${MENTORS} WHERE ${when} AND`)}`);

export const SWEEPS: Record<string, (o: SweepOptions) => string> = {
  evaluationSoon: () =>
    mentorReminder("eval-soon", `$1::timestamp >= ec."opensAt" - interval '2 days' AND $1::timestamp < ec."opensAt"`, {
      opensAt: iso('ec."opensAt"'),
    }),
  evaluationOpen: () =>
    mentorReminder("eval-open", `$1::timestamp >= ec."opensAt" AND $1::timestamp < ec."dueAt" - interval '1 day'`, {
      dueAt: iso('ec."dueAt"'),
    }),
  evaluationDueTomorrow: () =>
    mentorReminder("eval-due", `$1::timestamp >= ec."dueAt" - interval '1 day' AND $1::timestamp < ec."dueAt"`, {
      dueAt: iso('ec."dueAt"'),
    }),
  evaluationOverdue: () =>
    mentorReminder(
      "eval-overdue",
      `$1::timestamp >= ec."dueAt" AND $1::timestamp <= ec."graceEndsAt"`,
      { dueAt: iso('ec."dueAt"'), graceEndsAt: iso('ec."graceEndsAt"') },
      false,
    ),
  evaluationEscalated: (o) =>
    enqueue(`SELECT 'eval-escalated:' || e.id || ':' || c.id || ':' || ${epoch('ec."dueAt"')} || ':' || admin.id,
                    'eval-escalated', admin.id, t."programId",
                    ${event("eval-escalated", { ...checkpointFacts, dueAt: iso('ec."dueAt"') })},
                    $1::timestamp
      ${OPEN_CHECKPOINTS.replace(
        "WHERE",
        `JOIN "ProgramAdministrator" pa ON pa."programId" = t."programId"
         JOIN "Person" admin ON admin.id = pa."personId"
        WHERE $1::timestamp >= ec."dueAt" + interval '${Math.round(o.escalateAfterHours)} hours' AND`,
      )}`),
  selfReportPending: () =>
    enqueue(`SELECT 'self-report:' || e.id || ':' || c.id || ':' || ${epoch('ec."dueAt"')},
                    'self-report', mentee.id, t."programId",
                    ${event("self-report", { checkpoint: "c.name", project: "pr.name", dueAt: iso('ec."dueAt"') })},
                    ${afterQuietHours('mentee."timeZone"')}
      ${OPEN_CHECKPOINTS} AND $1::timestamp >= ec."opensAt" AND $1::timestamp < ec."dueAt"
        AND NOT EXISTS (SELECT 1 FROM "SelfReport" sr WHERE sr."enrollmentId" = e.id AND sr."checkpointId" = c.id)`),
  surveyPending: () =>
    enqueue(`SELECT 'survey:' || e.id, 'survey', mentee.id, t."programId",
                    jsonb_build_object('kind', 'survey'),
                    ${afterQuietHours('mentee."timeZone"')}
      ${OPEN_CHECKPOINTS} AND c."isFinal" AND $1::timestamp >= ec."opensAt"
        AND NOT EXISTS (SELECT 1 FROM "FeedbackSurvey" fs WHERE fs."enrollmentId" = e.id)`),
  prerequisitesOpen: () =>
    enqueue(`SELECT 'prerequisite-due:' || task.id || ':' || ${epoch('pq."dueAt"')},
                    'prerequisite-due', mentee.id, t."programId",
                    ${event("prerequisite-due", {
                      prerequisite: "pq.name",
                      project: "pr.name",
                      dueAt: iso('pq."dueAt"'),
                    })},
                    ${afterQuietHours('mentee."timeZone"')}
       FROM "ApplicationTask" task
       JOIN "Application" a ON a.id = task."applicationId" AND a.status = 'pending'
       JOIN "Prerequisite" pq ON pq.id = task."prerequisiteId"
       JOIN "Project" pr ON pr.id = a."projectId"
       JOIN "Term" t ON t.id = a."termId"
       JOIN "Person" mentee ON mentee.id = a."menteeId"
      WHERE task.status IN ('pending', 'in_progress')
        AND $1::timestamp >= pq."dueAt" - interval '3 days' AND $1::timestamp < pq."dueAt"`),
  onboardingMissing: () =>
    enqueue(`SELECT 'onboarding:' || e.id, 'onboarding', mentee.id, t."programId",
                    ${event("onboarding", { project: "pr.name" })},
                    ${afterQuietHours('mentee."timeZone"')}
       FROM "Enrollment" e
       JOIN "Application" a ON a.id = e."applicationId"
       JOIN "Project" pr ON pr.id = e."projectId"
       JOIN "Term" t ON t.id = e."termId"
       JOIN "Person" mentee ON mentee.id = e."menteeId"
      WHERE e.status = 'onboarding'
        -- Two days after the mentee heard of their acceptance: the selection date, if it was decided before.
        AND $1::timestamp >= GREATEST(a."decidedAt", t."selectionAt") + interval '2 days'`),
  stipendsAwaitingApproval: () =>
    enqueue(`SELECT 'stipend-waiting:' || p.id || ':' || admin.id, 'stipend-waiting', admin.id, t."programId",
                    ${event("stipend-waiting", {
                      paymentId: "p.id",
                      amountCents: 'p."amountCents"',
                      currency: "p.currency",
                      mentee: 'mentee."displayName"',
                      programSlug: `(SELECT slug FROM "Program" WHERE id = t."programId")`,
                    })},
                    ${afterQuietHours('admin."timeZone"')}
       FROM "StipendPayment" p
       JOIN "Evaluation" ev ON ev."enrollmentId" = p."enrollmentId" AND ev."checkpointId" = p."checkpointId"
       JOIN "Enrollment" e ON e.id = p."enrollmentId"
       JOIN "Term" t ON t.id = e."termId"
       JOIN "Person" mentee ON mentee.id = e."menteeId"
       JOIN "ProgramAdministrator" pa ON pa."programId" = t."programId"
       JOIN "Person" admin ON admin.id = pa."personId"
      WHERE p.status = 'pending_approval' AND $1::timestamp >= ev."submittedAt" + interval '2 days'`),
  // Once per payment, administrator and reminder period: the key counts the whole periods since approval,
  // so a payment still unpaid after two periods is reminded twice, and a sweep run again adds nothing.
  stipendsApprovedUnpaid: () =>
    enqueue(`SELECT 'stipend-unpaid:' || p.id || ':' || admin.id || ':' || periods.n,
                    'stipend-unpaid', admin.id, t."programId",
                    ${event("stipend-unpaid", {
                      paymentId: "p.id",
                      checkpoint: "c.name",
                      amountCents: 'p."amountCents"',
                      currency: "p.currency",
                      mentee: 'mentee."displayName"',
                      approvedAt: iso('p."decidedAt"'),
                      days: 'prog."unpaidReminderDays"',
                      programSlug: "prog.slug",
                    })},
                    ${afterQuietHours('admin."timeZone"')}
       FROM "StipendPayment" p
       JOIN "Checkpoint" c ON c.id = p."checkpointId"
       JOIN "Enrollment" e ON e.id = p."enrollmentId"
       JOIN "Term" t ON t.id = e."termId"
       JOIN "Program" prog ON prog.id = t."programId"
       JOIN "Person" mentee ON mentee.id = e."menteeId"
       JOIN "ProgramAdministrator" pa ON pa."programId" = t."programId"
       JOIN "Person" admin ON admin.id = pa."personId"
       CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM $1::timestamp - p."decidedAt")
                                        / (prog."unpaidReminderDays" * 86400))::int AS n) periods
      WHERE p.status = 'approved' AND periods.n >= 1`),
  // A mentor of a project whose mentee started, from the term's final checkpoint until the survey closes.
  mentorSurveyPending: () =>
    enqueue(`SELECT 'mentor-survey:' || pr.id || ':' || mentor.id, 'mentor-survey', mentor.id, t."programId",
                    ${event("mentor-survey", {
                      project: "pr.name",
                      projectRef: `prog.slug || '/' || t.name || '/' || pr.slug`,
                    })},
                    ${afterQuietHours('mentor."timeZone"')}
       FROM "ProjectMentor" pm
       JOIN "Person" mentor ON mentor.id = pm."personId"
       JOIN "Project" pr ON pr.id = pm."projectId"
       JOIN "Term" t ON t.id = pr."termId"
       JOIN "Program" prog ON prog.id = t."programId"
       JOIN "Checkpoint" c ON c."termId" = t.id AND c."isFinal"
      WHERE pm.status = 'approved' AND $1::timestamp >= c."opensAt"
        AND $1::timestamp <= t."endAt" + interval '${MENTOR_SURVEY_DAYS_AFTER_END} days'
        AND EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."projectId" = pr.id AND e."activatedAt" IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM "MentorSurvey" ms WHERE ms."projectId" = pr.id AND ms."mentorId" = mentor.id)`),
};

/**
 * A final evaluation still missing when its grace period has ended counts as
 * a fail (an administrator's extension moves the grace period first).
 */
export async function failMissingFinalEvaluations(core: Core): Promise<number> {
  const now = core.clock.now();
  const missing = await core.db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT e.id ${OPEN_CHECKPOINTS} AND c."isFinal" AND ec."graceEndsAt" < $1::timestamp`,
    now,
  );
  for (const { id } of missing) {
    await inTransaction(core, undefined, async (uc) => {
      const enrollment = await enrollmentById(uc.tx, id);
      if (enrollment.status !== "active") return;
      await failEnrollment(uc, enrollment, { type: "final_evaluation_missing" });
    });
  }
  return missing.length;
}

/**
 * The digest of each program whose administrators chose a channel, when its
 * schedule (cron, in the program's time zone) came due in the last day. The
 * key names the due minute: every replica agrees on it, so it is posted once.
 */
export async function enqueueDigests(core: Core): Promise<number> {
  const now = core.clock.now();
  const programs = await core.db.prisma.program.findMany({ where: { digestChannelId: { not: null } } });
  let enqueued = 0;
  for (const program of programs) {
    const due = lastMatch(program.digestSchedule, new Date(now.getTime() - DAY_MS), now, program.timeZone);
    if (!due) continue;
    const key = `digest:${program.id}:${due.toUTC().toISO()}`;
    if (await core.db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: key } })) continue;
    const digest: DigestEvent = { kind: "digest", digest: await digestOf(core, program) };
    const payload: OutboxPayload = { event: digest };
    const created = await core.db.prisma.outboxMessage.createMany({
      data: [
        {
          idempotencyKey: key,
          kind: "digest",
          programId: program.id,
          payload: payload as unknown as Prisma.InputJsonObject,
          notBefore: now,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    enqueued += created.count;
  }
  return enqueued;
}

/** Runs every sweep once; returns how many messages each enqueued. */
export async function sweep(core: Core, options: SweepOptions): Promise<Record<string, number>> {
  const now = core.clock.now();
  const counts: Record<string, number> = {};
  for (const [name, statement] of Object.entries(SWEEPS)) {
    counts[name] = await core.db.prisma.$executeRawUnsafe(statement(options), now);
  }
  counts.applicationsClosed = await closeApplicationsOnSchedule(core);
  counts.notSelectedAtStart = await declineUndecidedAtStart(core);
  counts.failedForMissingFinal = await failMissingFinalEvaluations(core);
  counts.digests = await enqueueDigests(core);
  return counts;
}
