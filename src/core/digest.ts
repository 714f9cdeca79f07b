// The administrators' digest of a program: what needs their attention now.
import { findProgram } from "./lookup.js";
import type { Actor, Core } from "./context.js";
import { isReadyForReview } from "./applications.js";
import { requireAdministrator } from "./policy.js";
import type { IsoInstant } from "./notifications.js";
import { DAY_MS } from "./time.js";

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
  atRisk: (Who & { reasons: RiskReason[] })[];
  dead: { kind: string; lastError: string | null }[];
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
  const [newApplications, pending, payments, unpaid, enrollments, dead] = await Promise.all([
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
    atRisk: atRisk.map(({ enrollment, reasons }) => ({ ...who(enrollment), reasons })),
    dead: dead.map((m) => ({ kind: m.kind, lastError: m.lastError })),
  };
}
