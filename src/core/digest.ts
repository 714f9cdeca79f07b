// The administrators' digest of a program: what needs their attention now.
import { findProgram } from "./lookup.js";
import type { Actor, Core } from "./context.js";
import { NOT_SELECTED_REASON } from "./applications.js";
import { requireAdministrator } from "./policy.js";
import type { IsoInstant } from "./notifications.js";
import { DAY_MS } from "./time.js";
import { Prisma, type EvaluationOutcome, type PaymentStatus, type TaskStatus } from "../generated/prisma/client.js";

const WEEK = 7 * DAY_MS;

/**
 * How many entries each list of names holds (new, ready, overdue, at risk, not selected); the digest counts the
 * rest. A chat platform shows no more of one list anyway (Discord cuts a section at 1,024 characters, about 30
 * names), and a program of 10,000 applications would otherwise read and carry thousands of names per digest.
 */
export const DIGEST_LIST_SHOWN = 25;

export async function programDigest(core: Core, actor: Actor, programSlug: string) {
  const program = await findProgram(core.db.prisma, programSlug);
  await requireAdministrator(core.db.prisma, actor, program, "read the program's digest");
  return digestOf(core, program);
}

/** Why a mentee is at risk; the chat layer words each. */
export type RiskReason = "overdue_evaluation" | "no_plan_progress" | "overdue_self_report";

/** A mentee and their project, as the digest names them. */
interface Who {
  mentee: string;
  project: string;
}

/**
 * The digest's facts: plain data (instants as ISO strings), so that the same facts answer
 * `/mentorship admin digest` now and travel in the outbox to be worded at delivery.
 */
export interface DigestFacts {
  program: { id: string; name: string; slug: string; timeZone: string };
  asOf: IsoInstant;
  newApplications: Who[];
  ready: Who[];
  prerequisites: { completed: number; submitted: number; total: number };
  overdue: (Who & { checkpoint: string; dueAt: IsoInstant })[];
  payments: (Who & { paymentId: string; checkpoint: string; amountCents: number; currency: string })[];
  /**
   * Payments approved at least `unpaidAfterDays` days ago and not marked paid. Absent from digests written to
   * the outbox before the program had the setting.
   */
  unpaid?: (Who & {
    paymentId: string;
    checkpoint: string;
    amountCents: number;
    currency: string;
    approvedAt: IsoInstant;
  })[];
  unpaidAfterDays?: number;
  /** Applications declined as not selected when their term started, in the last week. Absent from older digests. */
  notSelected?: (Who & { term: string })[];
  atRisk: (Who & { reasons: RiskReason[] })[];
  /**
   * How many each list of names has in all; each list holds its first DIGEST_LIST_SHOWN. Absent from digests
   * queued before the lists were cut, whose lists are whole.
   */
  counts?: Record<"newApplications" | "ready" | "overdue" | "atRisk" | "notSelected", number>;
  dead: { kind: string; lastError: string | null }[];
  /** The figures of the digest's chart: its current term's. Missing from digests queued before charts. */
  chart?: ChartFigures | undefined;
}

/**
 * The program's current term (the one running now, else the newest whose applications opened) in figures:
 * the application funnel, evaluations per checkpoint by outcome, and stipend payments by state. None before
 * any term opened.
 */
export interface ChartFigures {
  term: string;
  /** Applications; those with every prerequisite submitted or completed; accepted (enrolled); completed. */
  funnel: { applied: number; prerequisitesDone: number; accepted: number; completed: number };
  checkpoints: { number: number; name: string; pass: number; extend: number; fail: number }[];
  payments: Record<PaymentStatus, number>;
}

/** The digest's content, for whoever may read it (the scheduled post has no actor). */
export async function digestOf(
  core: Core,
  program: { id: string; name: string; slug: string; timeZone: string; unpaidReminderDays: number },
): Promise<DigestFacts> {
  const prisma = core.db.prisma;
  const now = core.clock.now();
  const inProgram = { term: { programId: program.id } };

  const unpaidSince = new Date(now.getTime() - program.unpaidReminderDays * DAY_MS);
  const weekAgo = new Date(now.getTime() - WEEK);
  // Lists are read with only the names they show; everything else is counted in SQL, so the digest of a
  // program with thousands of applications loads no application or enrollment with its relations.
  const [newApplications, ready, tasks, payments, unpaid, overdue, atRisk, dead, chart, notSelected] =
    await Promise.all([
      applicationsListed(
        core,
        program.id,
        Prisma.sql`a."createdAt" >= ${weekAgo}::timestamp`,
        Prisma.sql`a."createdAt", a.id`,
      ),
      // isReadyForReview: pending, every prerequisite task submitted or completed.
      applicationsListed(
        core,
        program.id,
        Prisma.sql`a.status = 'pending' AND NOT EXISTS (SELECT 1 FROM "ApplicationTask" k
                     WHERE k."applicationId" = a.id AND k.status NOT IN ('submitted', 'completed'))`,
        Prisma.sql`a."createdAt", a.id`,
      ),
      prisma.applicationTask.groupBy({
        by: ["status"],
        where: { application: { ...inProgram, status: "pending" } },
        _count: true,
      }),
      paymentsListed(core, program.id, Prisma.sql`p.status = 'pending_approval'`, Prisma.sql`p."createdAt"`),
      paymentsListed(
        core,
        program.id,
        Prisma.sql`p.status = 'approved' AND p."decidedAt" <= ${unpaidSince}::timestamp`,
        Prisma.sql`p."decidedAt"`,
      ),
      // An active mentee's checkpoint past its due date without a pass or a fail.
      prisma.$queryRaw<(Who & { checkpoint: string; dueAt: Date; total: number })[]>`
      SELECT mentee."displayName" AS mentee, pr.name AS project, c.name AS checkpoint, ec."dueAt" AS "dueAt",
             count(*) OVER ()::int AS total
        FROM "EnrollmentCheckpoint" ec
        JOIN "Enrollment" e ON e.id = ec."enrollmentId" AND e.status = 'active'
        JOIN "Term" t ON t.id = e."termId" AND t."programId" = ${program.id}
        JOIN "Checkpoint" c ON c.id = ec."checkpointId"
        JOIN "Project" pr ON pr.id = e."projectId"
        JOIN "Person" mentee ON mentee.id = e."menteeId"
       WHERE ec."dueAt" < ${now}::timestamp
         AND NOT EXISTS (SELECT 1 FROM "Evaluation" v
                          WHERE v."enrollmentId" = e.id AND v."checkpointId" = ec."checkpointId"
                            AND v.outcome <> 'extend')
       ORDER BY e."createdAt", e.id, c.number
       LIMIT ${DIGEST_LIST_SHOWN}`,
      // Each reason of RiskReason, per active mentee; only those with one. Each reason is a set of enrollments
      // found by joins over the program's active ones (not subqueries per enrollment, which PostgreSQL ran
      // once per mentee: 2,000 mentees took 100 ms here, now a few).
      prisma.$queryRaw<
        (Who & { overdueEvaluation: boolean; noPlanProgress: boolean; overdueSelfReport: boolean; total: number })[]
      >`
      WITH active AS (
             SELECT e.id, e."createdAt", e."activatedAt", e."projectId", e."menteeId"
               FROM "Enrollment" e JOIN "Term" t ON t.id = e."termId" AND t."programId" = ${program.id}
              WHERE e.status = 'active'),
           past AS (
             SELECT ec."enrollmentId", ec."checkpointId"
               FROM "EnrollmentCheckpoint" ec JOIN active a ON a.id = ec."enrollmentId"
              WHERE ec."dueAt" < ${now}::timestamp),
           unevaluated AS (
             SELECT DISTINCT p."enrollmentId" FROM past p
              WHERE NOT EXISTS (SELECT 1 FROM "Evaluation" v WHERE v."enrollmentId" = p."enrollmentId"
                                  AND v."checkpointId" = p."checkpointId" AND v.outcome <> 'extend')),
           unreported AS (
             SELECT DISTINCT p."enrollmentId" FROM past p
              WHERE NOT EXISTS (SELECT 1 FROM "SelfReport" r WHERE r."enrollmentId" = p."enrollmentId"
                                  AND r."checkpointId" = p."checkpointId")),
           plans AS (
             SELECT i."enrollmentId", bool_or(i."doneAt" IS NULL) AS open, max(i."doneAt") AS "lastDone"
               FROM "PlanItem" i JOIN active a ON a.id = i."enrollmentId"
              GROUP BY i."enrollmentId")
      SELECT *, count(*) OVER ()::int AS total FROM (
        SELECT mentee."displayName" AS mentee, pr.name AS project, a."createdAt", a.id,
               ue."enrollmentId" IS NOT NULL AS "overdueEvaluation",
               (COALESCE(pl.open, false)
                AND ${now}::timestamp - interval '14 days' >
                    GREATEST(COALESCE(a."activatedAt", 'epoch'), COALESCE(pl."lastDone", 'epoch')))
                 AS "noPlanProgress",
               ur."enrollmentId" IS NOT NULL AS "overdueSelfReport"
          FROM active a
          JOIN "Project" pr ON pr.id = a."projectId"
          JOIN "Person" mentee ON mentee.id = a."menteeId"
          LEFT JOIN unevaluated ue ON ue."enrollmentId" = a.id
          LEFT JOIN unreported ur ON ur."enrollmentId" = a.id
          LEFT JOIN plans pl ON pl."enrollmentId" = a.id) risks
       WHERE "overdueEvaluation" OR "noPlanProgress" OR "overdueSelfReport"
       ORDER BY "createdAt", id
       LIMIT ${DIGEST_LIST_SHOWN}`,
      prisma.outboxMessage.findMany({
        where: { programId: program.id, status: "dead" },
        orderBy: { createdAt: "asc" },
      }),
      chartFigures(core, program.id, now),
      applicationsListed(
        core,
        program.id,
        Prisma.sql`a.status = 'declined' AND a."decidedById" IS NULL AND a."declineReason" = ${NOT_SELECTED_REASON}
                   AND a."decidedAt" >= ${weekAgo}::timestamp`,
        Prisma.sql`pr.name, mentee."displayName", a.id`,
      ),
    ]);

  const taskCount = (status: TaskStatus) => tasks.find((t) => t.status === status)?._count ?? 0;
  const named = (a: Who): Who => ({ mentee: a.mentee, project: a.project });
  return {
    program: { id: program.id, name: program.name, slug: program.slug, timeZone: program.timeZone },
    asOf: now.toISOString(),
    newApplications: newApplications.map(named),
    ready: ready.map(named),
    prerequisites: {
      completed: taskCount("completed"),
      submitted: taskCount("submitted"),
      total: tasks.reduce((sum, t) => sum + t._count, 0),
    },
    overdue: overdue.map((o) => ({
      mentee: o.mentee,
      project: o.project,
      checkpoint: o.checkpoint,
      dueAt: o.dueAt.toISOString(),
    })),
    payments: payments.map((p) => ({
      ...named(p),
      paymentId: p.id,
      checkpoint: p.checkpoint,
      amountCents: p.amountCents,
      currency: p.currency,
    })),
    unpaid: unpaid.map((p) => ({
      ...named(p),
      paymentId: p.id,
      checkpoint: p.checkpoint,
      amountCents: p.amountCents,
      currency: p.currency,
      // Approved payments always have their decision's instant.
      approvedAt: (p.decidedAt ?? p.createdAt).toISOString(),
    })),
    unpaidAfterDays: program.unpaidReminderDays,
    notSelected: notSelected.map((a) => ({ ...named(a), term: a.term })),
    atRisk: atRisk.map((r) => ({
      mentee: r.mentee,
      project: r.project,
      reasons: [
        ...(r.overdueEvaluation ? (["overdue_evaluation"] as const) : []),
        ...(r.noPlanProgress ? (["no_plan_progress"] as const) : []),
        ...(r.overdueSelfReport ? (["overdue_self_report"] as const) : []),
      ],
    })),
    counts: {
      newApplications: totalOf(newApplications),
      ready: totalOf(ready),
      overdue: totalOf(overdue),
      atRisk: totalOf(atRisk),
      notSelected: totalOf(notSelected),
    },
    dead: dead.map((m) => ({ kind: m.kind, lastError: m.lastError })),
    chart,
  };
}

/** Each row of a cut list carries the whole list's count (a window over the rows before the LIMIT). */
const totalOf = (rows: { total: number }[]) => rows[0]?.total ?? 0;

/**
 * The first DIGEST_LIST_SHOWN of the program's applications matching `condition` (on `a`, with `pr` its project
 * and `mentee` its applicant), in `order`, by name, each with the count of all that match.
 */
function applicationsListed(core: Core, programId: string, condition: Prisma.Sql, order: Prisma.Sql) {
  return core.db.prisma.$queryRaw<(Who & { term: string; total: number })[]>`
    SELECT mentee."displayName" AS mentee, pr.name AS project, t.name AS term, count(*) OVER ()::int AS total
      FROM "Application" a
      JOIN "Term" t ON t.id = a."termId" AND t."programId" = ${programId}
      JOIN "Project" pr ON pr.id = a."projectId"
      JOIN "Person" mentee ON mentee.id = a."menteeId"
     WHERE ${condition}
     ORDER BY ${order}
     LIMIT ${DIGEST_LIST_SHOWN}`;
}

/**
 * The program's stipend payments matching `condition` (on `p`), in `order`, every one (each has its buttons), in
 * plain joins: the same read through Prisma's includes built a JSON object per payment, 600 of them in 200 ms on
 * PGlite.
 */
function paymentsListed(core: Core, programId: string, condition: Prisma.Sql, order: Prisma.Sql) {
  return core.db.prisma.$queryRaw<
    (Who & {
      id: string;
      checkpoint: string;
      amountCents: number;
      currency: string;
      decidedAt: Date | null;
      createdAt: Date;
    })[]
  >`
    SELECT p.id, p."amountCents", p.currency, p."decidedAt", p."createdAt", c.name AS checkpoint,
           mentee."displayName" AS mentee, pr.name AS project
      FROM "StipendPayment" p
      JOIN "Enrollment" e ON e.id = p."enrollmentId"
      JOIN "Term" t ON t.id = e."termId" AND t."programId" = ${programId}
      JOIN "Checkpoint" c ON c.id = p."checkpointId"
      JOIN "Project" pr ON pr.id = e."projectId"
      JOIN "Person" mentee ON mentee.id = e."menteeId"
     WHERE ${condition}
     ORDER BY ${order}, p.id`;
}

async function chartFigures(core: Core, programId: string, now: Date): Promise<ChartFigures | undefined> {
  const prisma = core.db.prisma;
  // The term running now (the newest to start, if two overlap); before any runs, the newest to open.
  const term =
    (await prisma.term.findFirst({
      where: { programId, startAt: { lte: now }, endAt: { gte: now } },
      orderBy: { startAt: "desc" },
    })) ??
    (await prisma.term.findFirst({
      where: { programId, applicationsOpenAt: { lte: now } },
      orderBy: { applicationsOpenAt: "desc" },
    }));
  if (!term) return undefined;
  // The funnel, evaluations by checkpoint and outcome, and payments by state, each counted in SQL.
  const [[funnel], checkpoints, evaluations, payments] = await Promise.all([
    prisma.$queryRaw<{ applied: number; prerequisitesDone: number; accepted: number; completed: number }[]>`
      SELECT count(*)::int AS applied,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "ApplicationTask" k WHERE k."applicationId" = a.id
                                                  AND k.status NOT IN ('submitted', 'completed')))::int
               AS "prerequisitesDone",
             count(e.id)::int AS accepted,
             count(*) FILTER (WHERE e.status = 'completed')::int AS completed
        FROM "Application" a LEFT JOIN "Enrollment" e ON e."applicationId" = a.id
       WHERE a."termId" = ${term.id}`,
    prisma.checkpoint.findMany({
      where: { termId: term.id },
      select: { id: true, number: true, name: true },
      orderBy: { number: "asc" },
    }),
    prisma.evaluation.groupBy({
      by: ["checkpointId", "outcome"],
      where: { checkpoint: { termId: term.id } },
      _count: true,
    }),
    prisma.stipendPayment.groupBy({ by: ["status"], where: { enrollment: { termId: term.id } }, _count: true }),
  ]);
  const byStatus = (status: PaymentStatus) => payments.find((p) => p.status === status)?._count ?? 0;
  const outcomes = (checkpointId: string, outcome: EvaluationOutcome) =>
    evaluations.find((e) => e.checkpointId === checkpointId && e.outcome === outcome)?._count ?? 0;
  return {
    term: term.name,
    funnel: funnel ?? { applied: 0, prerequisitesDone: 0, accepted: 0, completed: 0 },
    checkpoints: checkpoints.map((c) => ({
      number: c.number,
      name: c.name,
      pass: outcomes(c.id, "pass"),
      extend: outcomes(c.id, "extend"),
      fail: outcomes(c.id, "fail"),
    })),
    payments: {
      pending_approval: byStatus("pending_approval"),
      approved: byStatus("approved"),
      declined: byStatus("declined"),
      paid: byStatus("paid"),
    },
  };
}
