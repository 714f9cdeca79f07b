// Set-based sweeps: each finds everything due of one kind with a single
// statement and writes it to the outbox as a typed event (core/notifications.ts:
// the names, instants and ids a reader needs; the chat layer words it at
// delivery). The idempotency key names the event (and the deadline it is
// about), so a sweep run twice, or on two replicas at once, enqueues nothing
// twice, and an extension, which moves the deadline, brings fresh reminders for
// the new dates.
//
// Each minute a sweep reads only the rows whose trigger instant (when the
// reminder came due: a checkpoint opening, a deadline a day away, a period
// of an unpaid stipend ending) passed since its previous run, through the
// indexes on those instants; the previous run's instant is kept per sweep in
// "SweepWatermark". What came due by another change (a mentor approved, an
// enrollment activated after its window opened) is found by a catch-up that
// reads each window whole: at every start of the scheduler and hourly.
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
  /** A catch-up, which reads every window whole, at most this long after the previous one (default 60). */
  catchUpMinutes?: number;
}

/**
 * How a sweep statement reads: every row in its window (a catch-up), or only the rows whose trigger instant
 * passed since $2 (the previous sweep, less a margin).
 */
type Reading = "catch-up" | "came-due";

/**
 * The trigger instant, `column + offset`, has passed by now ($1), and in a "came-due" reading not before $2.
 * Written on the bare column, so that its index serves the range.
 */
const cameDue = (reading: Reading, column: string, offset = "0") =>
  `${column} <= $1::timestamp - interval '${offset}'${
    reading === "came-due" ? ` AND ${column} > $2::timestamp - interval '${offset}'` : ""
  }`;

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
     -- Keys already enqueued are skipped before their event is built (a catch-up finds mostly those);
     -- ON CONFLICT still keeps two sweeps at once from enqueueing one twice.
     WHERE NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."idempotencyKey" = due.key)
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
/** Whole reminder periods of an approved stipend payment (p, prog) at the instant `at`. */
const periodsBy = (at: string) =>
  `floor(extract(epoch FROM ${at}::timestamp - p."decidedAt") / (prog."unpaidReminderDays" * 86400))::int`;
const epoch = (ts: string) => `extract(epoch FROM ${ts})::bigint`;

const mentorReminder = (kind: string, when: string, instants: Record<string, string>, quiet = true) =>
  enqueue(`SELECT '${kind}:' || e.id || ':' || c.id || ':' || ${epoch('ec."dueAt"')} || ':' || mentor.id AS key,
                  '${kind}' AS kind, mentor.id AS person_id, t."programId" AS program_id,
                  ${event(kind, { ...checkpointFacts, ...instants })},
                  ${quiet ? afterQuietHours('mentor."timeZone"') : "$1::timestamp"} AS not_before
    ${OPEN_CHECKPOINTS.replace("WHERE", `${MENTORS} WHERE ${when} AND`)}`);

/**
 * Each sweep's statement, for a reading: $1 is the sweep's now; in a "came-due" reading, $2 the instant after
 * which the trigger instants are read (see cameDue). Each names its trigger instant; the rest of its condition
 * is the window in which the reminder is still worth sending, as a catch-up reads it.
 */
export const SWEEPS: Record<string, (o: SweepOptions, reading: Reading) => string> = {
  evaluationSoon: (_, r) =>
    mentorReminder("eval-soon", `${cameDue(r, 'ec."opensAt"', "-2 days")} AND $1::timestamp < ec."opensAt"`, {
      opensAt: iso('ec."opensAt"'),
    }),
  evaluationOpen: (_, r) =>
    mentorReminder("eval-open", `${cameDue(r, 'ec."opensAt"')} AND $1::timestamp < ec."dueAt" - interval '1 day'`, {
      dueAt: iso('ec."dueAt"'),
    }),
  evaluationDueTomorrow: (_, r) =>
    mentorReminder("eval-due", `${cameDue(r, 'ec."dueAt"', "-1 day")} AND $1::timestamp < ec."dueAt"`, {
      dueAt: iso('ec."dueAt"'),
    }),
  evaluationOverdue: (_, r) =>
    mentorReminder(
      "eval-overdue",
      `${cameDue(r, 'ec."dueAt"')} AND $1::timestamp <= ec."graceEndsAt"`,
      { dueAt: iso('ec."dueAt"'), graceEndsAt: iso('ec."graceEndsAt"') },
      false,
    ),
  evaluationEscalated: (o, r) =>
    enqueue(`SELECT 'eval-escalated:' || e.id || ':' || c.id || ':' || ${epoch('ec."dueAt"')} || ':' || admin.id,
                    'eval-escalated', admin.id, t."programId",
                    ${event("eval-escalated", { ...checkpointFacts, dueAt: iso('ec."dueAt"') })},
                    $1::timestamp
      ${OPEN_CHECKPOINTS.replace(
        "WHERE",
        `JOIN "ProgramAdministrator" pa ON pa."programId" = t."programId"
         JOIN "Person" admin ON admin.id = pa."personId"
        WHERE ${cameDue(r, 'ec."dueAt"', `${Math.round(o.escalateAfterHours)} hours`)} AND`,
      )}`),
  selfReportPending: (_, r) =>
    enqueue(`SELECT 'self-report:' || e.id || ':' || c.id || ':' || ${epoch('ec."dueAt"')},
                    'self-report', mentee.id, t."programId",
                    ${event("self-report", { checkpoint: "c.name", project: "pr.name", dueAt: iso('ec."dueAt"') })},
                    ${afterQuietHours('mentee."timeZone"')}
      ${OPEN_CHECKPOINTS} AND ${cameDue(r, 'ec."opensAt"')} AND $1::timestamp < ec."dueAt"
        AND NOT EXISTS (SELECT 1 FROM "SelfReport" sr WHERE sr."enrollmentId" = e.id AND sr."checkpointId" = c.id)`),
  surveyPending: (_, r) =>
    enqueue(`SELECT 'survey:' || e.id, 'survey', mentee.id, t."programId",
                    jsonb_build_object('kind', 'survey'),
                    ${afterQuietHours('mentee."timeZone"')}
      ${OPEN_CHECKPOINTS} AND c."isFinal" AND ${cameDue(r, 'ec."opensAt"')}
        AND NOT EXISTS (SELECT 1 FROM "FeedbackSurvey" fs WHERE fs."enrollmentId" = e.id)`),
  prerequisitesOpen: (_, r) =>
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
        AND ${cameDue(r, 'pq."dueAt"', "-3 days")} AND $1::timestamp < pq."dueAt"`),
  onboardingMissing: (_, r) =>
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
        AND ${cameDue(r, 'GREATEST(a."decidedAt", t."selectionAt")', "2 days")}`),
  stipendsAwaitingApproval: (_, r) =>
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
      WHERE p.status = 'pending_approval' AND ${cameDue(r, 'ev."submittedAt"', "2 days")}`),
  // Once per payment, administrator and reminder period: the key counts the whole periods since approval,
  // so a payment still unpaid after two periods is reminded twice, and a sweep run again adds nothing.
  // Its trigger instants are the ends of the periods: one came due when the count grew since $2.
  stipendsApprovedUnpaid: (_, r) =>
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
       CROSS JOIN LATERAL (SELECT ${periodsBy("$1")} AS n) periods
      WHERE p.status = 'approved' AND periods.n >= 1${r === "came-due" ? ` AND periods.n > ${periodsBy("$2")}` : ""}`),
  // A mentor of a project whose mentee started, from the term's final checkpoint until the survey closes.
  mentorSurveyPending: (_, r) =>
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
      WHERE pm.status = 'approved' AND ${cameDue(r, 'c."opensAt"')}
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

/**
 * A "came-due" sweep reads back this far before the previous sweep's instant, for a row written with a
 * trigger instant just behind it while that sweep ran. (Rows that came due by any other change are the
 * catch-up's.)
 */
const CAME_DUE_MARGIN_MS = 2 * 60_000;
const DEFAULT_CATCH_UP_MINUTES = 60;

/**
 * How each sweep reads now: a catch-up when asked (`catchUp`, at the scheduler's start), when it has none yet,
 * when its last one is older than the catch-up period, or when the clock reads earlier than its last one (a
 * clock set back); otherwise only what came due since its previous run.
 */
async function readings(core: Core, options: SweepOptions, now: Date, catchUp: boolean) {
  const marks = new Map((await core.db.prisma.sweepWatermark.findMany()).map((m) => [m.sweep, m] as const));
  const period = (options.catchUpMinutes ?? DEFAULT_CATCH_UP_MINUTES) * 60_000;
  return Object.keys(SWEEPS).map((name) => {
    const caughtUpAt = marks.get(name)?.caughtUpAt?.getTime();
    const stale = caughtUpAt === undefined || now.getTime() - caughtUpAt >= period || caughtUpAt > now.getTime();
    return catchUp || stale
      ? { name, reading: "catch-up" as const, since: undefined }
      : {
          name,
          reading: "came-due" as const,
          since: new Date(marks.get(name)!.sweptUntil.getTime() - CAME_DUE_MARGIN_MS),
        };
  });
}

/**
 * Runs every sweep once; returns how many messages each enqueued. `catchUp` makes every sweep read its whole
 * windows (the scheduler's first tick asks for it).
 */
export async function sweep(
  core: Core,
  options: SweepOptions,
  { catchUp = false }: { catchUp?: boolean } = {},
): Promise<Record<string, number>> {
  const now = core.clock.now();
  const counts: Record<string, number> = {};
  const plan = await readings(core, options, now, catchUp);
  for (const { name, reading, since } of plan) {
    const statement = SWEEPS[name]!(options, reading);
    counts[name] = await (since
      ? core.db.prisma.$executeRawUnsafe(statement, now, since)
      : core.db.prisma.$executeRawUnsafe(statement, now));
  }
  // Only now that every sweep's statement committed: a sweep that failed reads its range again next time.
  // GREATEST keeps the marks from moving back when replicas (whose clocks differ a little) sweep at once.
  await core.db.prisma.$executeRawUnsafe(
    `INSERT INTO "SweepWatermark" (sweep, "sweptUntil", "caughtUpAt")
     SELECT name, $1::timestamp, CASE WHEN name = ANY($3::text[]) THEN $1::timestamp END FROM unnest($2::text[]) name
     ON CONFLICT (sweep) DO UPDATE SET
       "sweptUntil" = GREATEST("SweepWatermark"."sweptUntil", excluded."sweptUntil"),
       "caughtUpAt" = GREATEST("SweepWatermark"."caughtUpAt", excluded."caughtUpAt")`,
    now,
    plan.map((p) => p.name),
    plan.filter((p) => p.reading === "catch-up").map((p) => p.name),
  );
  counts.applicationsClosed = await closeApplicationsOnSchedule(core);
  counts.notSelectedAtStart = await declineUndecidedAtStart(core);
  counts.failedForMissingFinal = await failMissingFinalEvaluations(core);
  counts.digests = await enqueueDigests(core);
  return counts;
}
