// The administrators' digest of a program: what needs their attention now.
import { findProgram } from "./lookup.js";
import type { Actor, Core } from "./context.js";
import { isReadyForReview, NOT_SELECTED_REASON } from "./applications.js";
import { requireAdministrator } from "./policy.js";
import type { IsoInstant } from "./notifications.js";
import { DAY_MS } from "./time.js";
import type { PaymentStatus } from "../generated/prisma/client.js";

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
  const [newApplications, pending, payments, unpaid, enrollments, dead, chart, notSelected] = await Promise.all([
    prisma.application.findMany({
      where: { ...inProgram, createdAt: { gte: new Date(now.getTime() - WEEK) } },
      include: { mentee: true, project: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.application.findMany({
      where: { ...inProgram, status: "pending" },
      include: { mentee: true, project: true, tasks: true },
    }),
    prisma.stipendPayment.findMany({
      where: { status: "pending_approval", enrollment: inProgram },
      include: { checkpoint: true, enrollment: { include: { mentee: true, project: true } } },
      orderBy: { createdAt: "asc" },
    }),
    prisma.stipendPayment.findMany({
      where: { status: "approved", decidedAt: { lte: unpaidSince }, enrollment: inProgram },
      include: { checkpoint: true, enrollment: { include: { mentee: true, project: true } } },
      orderBy: { decidedAt: "asc" },
    }),
    prisma.enrollment.findMany({
      where: { ...inProgram, status: "active" },
      include: {
        mentee: true,
        project: true,
        checkpoints: { include: { checkpoint: true } },
        evaluations: true,
        selfReports: true,
        planItems: true,
      },
    }),
    prisma.outboxMessage.findMany({ where: { programId: program.id, status: "dead" }, orderBy: { createdAt: "asc" } }),
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

  const ready = pending.filter(isReadyForReview);
  const tasks = pending.flatMap((a) => a.tasks);
  const overdue = enrollments.flatMap((e) =>
    e.checkpoints
      .filter(
        (s) => s.dueAt < now && !e.evaluations.some((v) => v.checkpointId === s.checkpointId && v.outcome !== "extend"),
      )
      .map((s) => ({ enrollment: e, schedule: s })),
  );
  const atRisk = enrollments.flatMap((e) => {
    const reasons: RiskReason[] = [];
    if (overdue.some((o) => o.enrollment.id === e.id)) reasons.push("overdue_evaluation");
    const lastProgress = Math.max(e.activatedAt?.getTime() ?? 0, ...e.planItems.map((i) => i.doneAt?.getTime() ?? 0));
    if (e.planItems.some((i) => !i.doneAt) && now.getTime() - lastProgress > 2 * WEEK) reasons.push("no_plan_progress");
    if (e.checkpoints.some((s) => s.dueAt < now && !e.selfReports.some((r) => r.checkpointId === s.checkpointId)))
      reasons.push("overdue_self_report");
    return reasons.length ? [{ enrollment: e, reasons }] : [];
  });
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
      completed: tasks.filter((t) => t.status === "completed").length,
      submitted: tasks.filter((t) => t.status === "submitted").length,
      total: tasks.length,
    },
    overdue: overdue.map(({ enrollment, schedule }) => ({
      ...who(enrollment),
      checkpoint: schedule.checkpoint.name,
      dueAt: schedule.dueAt.toISOString(),
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
    atRisk: atRisk.map(({ enrollment, reasons }) => ({ ...who(enrollment), reasons })),
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
  const [applications, checkpoints, payments] = await Promise.all([
    prisma.application.findMany({
      where: { termId: term.id },
      select: { tasks: { select: { status: true } }, enrollment: { select: { status: true } } },
    }),
    prisma.checkpoint.findMany({
      where: { termId: term.id },
      select: { number: true, name: true, evaluations: { select: { outcome: true } } },
      orderBy: { number: "asc" },
    }),
    prisma.stipendPayment.groupBy({ by: ["status"], where: { enrollment: { termId: term.id } }, _count: true }),
  ]);
  const byStatus = (status: PaymentStatus) => payments.find((p) => p.status === status)?._count ?? 0;
  return {
    term: term.name,
    funnel: {
      applied: applications.length,
      prerequisitesDone: applications.filter((a) =>
        a.tasks.every((t) => t.status === "submitted" || t.status === "completed"),
      ).length,
      accepted: applications.filter((a) => a.enrollment).length,
      completed: applications.filter((a) => a.enrollment?.status === "completed").length,
    },
    checkpoints: checkpoints.map((c) => ({
      number: c.number,
      name: c.name,
      pass: c.evaluations.filter((e) => e.outcome === "pass").length,
      extend: c.evaluations.filter((e) => e.outcome === "extend").length,
      fail: c.evaluations.filter((e) => e.outcome === "fail").length,
    })),
    payments: {
      pending_approval: byStatus("pending_approval"),
      approved: byStatus("approved"),
      declined: byStatus("declined"),
      paid: byStatus("paid"),
    },
  };
}
