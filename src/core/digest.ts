// The administrators' digest of a program: what needs their attention now.
import { findProgram } from "./lookup.js";
import type { Actor, Core } from "./context.js";
import { isReadyForReview } from "./applications.js";
import { requireAdministrator } from "./policy.js";
import { DAY_MS } from "./time.js";

const WEEK = 7 * DAY_MS;

export async function programDigest(core: Core, actor: Actor, programSlug: string) {
  const program = await findProgram(core.db.prisma, programSlug);
  await requireAdministrator(core.db.prisma, actor, program, "read the program's digest");
  return digestOf(core, program);
}

export type Digest = Awaited<ReturnType<typeof digestOf>>;

/** The digest's content, for whoever may read it (the scheduled post has no actor). */
export async function digestOf(core: Core, program: { id: string; name: string; slug: string; timeZone: string }) {
  const prisma = core.db.prisma;
  const now = core.clock.now();
  const inProgram = { term: { programId: program.id } };

  const [newApplications, pending, payments, enrollments, dead] = await Promise.all([
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
    const reasons: string[] = [];
    if (overdue.some((o) => o.enrollment.id === e.id)) reasons.push("an overdue evaluation");
    const lastProgress = Math.max(e.activatedAt?.getTime() ?? 0, ...e.planItems.map((i) => i.doneAt?.getTime() ?? 0));
    if (e.planItems.some((i) => !i.doneAt) && now.getTime() - lastProgress > 2 * WEEK)
      reasons.push("no plan progress in two weeks");
    if (e.checkpoints.some((s) => s.dueAt < now && !e.selfReports.some((r) => r.checkpointId === s.checkpointId)))
      reasons.push("an overdue self-report");
    return reasons.length ? [{ enrollment: e, reasons }] : [];
  });
  return {
    program,
    newApplications,
    ready,
    prerequisites: {
      completed: tasks.filter((t) => t.status === "completed").length,
      submitted: tasks.filter((t) => t.status === "submitted").length,
      total: tasks.length,
    },
    overdue,
    payments,
    atRisk,
    dead,
  };
}
