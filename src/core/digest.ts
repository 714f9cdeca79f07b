// The administrators' digest of a program: what needs their attention now.
import { findProgram } from "./lookup.js";
import type { Actor, Core } from "./context.js";
import { NOT_SELECTED_REASON } from "./applications.js";
import { requireAdministrator } from "./policy.js";
import type { IsoInstant } from "./notifications.js";
import { DAY_MS } from "./time.js";
import type { EvaluationOutcome, PaymentStatus, TaskStatus } from "../generated/prisma/client.js";

const WEEK = 7 * DAY_MS;

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
  // Lists are read with only the names they show; everything else is counted in SQL, so the digest of a
  // program with thousands of applications loads no application or enrollment with its relations.
  const names = { mentee: { select: { displayName: true } }, project: { select: { name: true } } };
  const [newApplications, ready, tasks, payments, unpaid, overdue, atRisk, dead, chart, notSelected] =
    await Promise.all([
      prisma.application.findMany({
        where: { ...inProgram, createdAt: { gte: new Date(now.getTime() - WEEK) } },
        select: names,
        orderBy: { createdAt: "asc" },
      }),
      // isReadyForReview: pending, every prerequisite task submitted or completed.
      prisma.application.findMany({
        where: { ...inProgram, status: "pending", tasks: { every: { status: { in: ["submitted", "completed"] } } } },
        select: names,
        orderBy: { createdAt: "asc" },
      }),
      prisma.applicationTask.groupBy({
        by: ["status"],
        where: { application: { ...inProgram, status: "pending" } },
        _count: true,
      }),
      prisma.stipendPayment.findMany({
        where: { status: "pending_approval", enrollment: inProgram },
        include: { checkpoint: true, enrollment: { select: names } },
        orderBy: { createdAt: "asc" },
      }),
      prisma.stipendPayment.findMany({
        where: { status: "approved", decidedAt: { lte: unpaidSince }, enrollment: inProgram },
        include: { checkpoint: true, enrollment: { select: names } },
        orderBy: { decidedAt: "asc" },
      }),
      // An active mentee's checkpoint past its due date without a pass or a fail.
      prisma.$queryRaw<(Who & { checkpoint: string; dueAt: Date })[]>`
      SELECT mentee."displayName" AS mentee, pr.name AS project, c.name AS checkpoint, ec."dueAt" AS "dueAt"
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
       ORDER BY e."createdAt", e.id, c.number`,
      // Each reason of RiskReason, per active mentee; only those with one.
      prisma.$queryRaw<(Who & { overdueEvaluation: boolean; noPlanProgress: boolean; overdueSelfReport: boolean })[]>`
      SELECT * FROM (
        SELECT mentee."displayName" AS mentee, pr.name AS project, e."createdAt", e.id,
               EXISTS (SELECT 1 FROM "EnrollmentCheckpoint" ec
                        WHERE ec."enrollmentId" = e.id AND ec."dueAt" < ${now}::timestamp
                          AND NOT EXISTS (SELECT 1 FROM "Evaluation" v WHERE v."enrollmentId" = e.id
                                             AND v."checkpointId" = ec."checkpointId" AND v.outcome <> 'extend'))
                 AS "overdueEvaluation",
               (EXISTS (SELECT 1 FROM "PlanItem" i WHERE i."enrollmentId" = e.id AND i."doneAt" IS NULL)
                AND ${now}::timestamp - interval '14 days' >
                    GREATEST(COALESCE(e."activatedAt", 'epoch'),
                             COALESCE((SELECT max(i."doneAt") FROM "PlanItem" i
                                        WHERE i."enrollmentId" = e.id), 'epoch')))
                 AS "noPlanProgress",
               EXISTS (SELECT 1 FROM "EnrollmentCheckpoint" ec
                        WHERE ec."enrollmentId" = e.id AND ec."dueAt" < ${now}::timestamp
                          AND NOT EXISTS (SELECT 1 FROM "SelfReport" r
                                           WHERE r."enrollmentId" = e.id AND r."checkpointId" = ec."checkpointId"))
                 AS "overdueSelfReport"
          FROM "Enrollment" e
          JOIN "Term" t ON t.id = e."termId" AND t."programId" = ${program.id}
          JOIN "Project" pr ON pr.id = e."projectId"
          JOIN "Person" mentee ON mentee.id = e."menteeId"
         WHERE e.status = 'active') risks
       WHERE "overdueEvaluation" OR "noPlanProgress" OR "overdueSelfReport"
       ORDER BY "createdAt", id`,
      prisma.outboxMessage.findMany({
        where: { programId: program.id, status: "dead" },
        orderBy: { createdAt: "asc" },
      }),
      chartFigures(core, program.id, now),
      prisma.application.findMany({
        where: {
          ...inProgram,
          status: "declined",
          decidedById: null,
          declineReason: NOT_SELECTED_REASON,
          decidedAt: { gte: new Date(now.getTime() - WEEK) },
        },
        include: { mentee: true, project: true, term: true },
        orderBy: [{ project: { name: "asc" } }, { mentee: { displayName: "asc" } }],
      }),
    ]);

  const taskCount = (status: TaskStatus) => tasks.find((t) => t.status === status)?._count ?? 0;
  const who = (a: { mentee: { displayName: string }; project: { name: string } }): Who => ({
    mentee: a.mentee.displayName,
    project: a.project.name,
  });
  return {
    program: { id: program.id, name: program.name, slug: program.slug, timeZone: program.timeZone },
    asOf: now.toISOString(),
    newApplications: newApplications.map(who),
    ready: ready.map(who),
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
      ...who(p.enrollment),
      paymentId: p.id,
      checkpoint: p.checkpoint.name,
      amountCents: p.amountCents,
      currency: p.currency,
    })),
    unpaid: unpaid.map((p) => ({
      ...who(p.enrollment),
      paymentId: p.id,
      checkpoint: p.checkpoint.name,
      amountCents: p.amountCents,
      currency: p.currency,
      // Approved payments always have their decision's instant.
      approvedAt: (p.decidedAt ?? p.createdAt).toISOString(),
    })),
    unpaidAfterDays: program.unpaidReminderDays,
    notSelected: notSelected.map((a) => ({ ...who(a), term: a.term.name })),
    atRisk: atRisk.map((r) => ({
      mentee: r.mentee,
      project: r.project,
      reasons: [
        ...(r.overdueEvaluation ? (["overdue_evaluation"] as const) : []),
        ...(r.noPlanProgress ? (["no_plan_progress"] as const) : []),
        ...(r.overdueSelfReport ? (["overdue_self_report"] as const) : []),
      ],
    })),
    dead: dead.map((m) => ({ kind: m.kind, lastError: m.lastError })),
    chart,
  };
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
