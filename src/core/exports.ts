// What a program's administrators export for their own records and for finance: applications, evaluations and
// feedback surveys of every term of the program (the stipend ledger is stipends.ts's listPayments). Only the
// program's administrators may export; the chat layer writes the rows as CSV.
import type { ApplicationStatus, Prisma } from "../generated/prisma/client.js";
import type { Actor, Core } from "./context.js";
import { surveyAnswers } from "./surveys.js";
import { findProgram } from "./lookup.js";
import { requireAdministrator } from "./policy.js";

export const APPLICATION_STATUSES = ["pending", "accepted", "declined", "withdrawn", "graduated"] as const;

const applicationInclude = {
  term: true,
  project: true,
  mentee: true,
  tasks: { select: { status: true } },
  enrollment: { select: { status: true, endedAt: true, endReason: true } },
} satisfies Prisma.ApplicationInclude;

/** The program's applications, of one status or all, in term, project and mentee order. */
export async function applicationsForExport(core: Core, actor: Actor, programSlug: string, status?: ApplicationStatus) {
  const program = await findProgram(core.db.prisma, programSlug);
  await requireAdministrator(core.db.prisma, actor, program, "export the program's applications");
  const applications = await core.db.prisma.application.findMany({
    where: { term: { programId: program.id }, ...(status ? { status } : {}) },
    include: applicationInclude,
    orderBy: [{ term: { startAt: "asc" } }, { project: { name: "asc" } }, { createdAt: "asc" }],
  });
  return { program, applications };
}

export type ExportedApplication = Prisma.ApplicationGetPayload<{ include: typeof applicationInclude }>;

const evaluationInclude = {
  checkpoint: true,
  mentor: true,
  enrollment: { include: { term: true, project: true, mentee: true } },
} satisfies Prisma.EvaluationInclude;

/** Every evaluation of the program, in term, project, mentee and checkpoint order. */
export async function evaluationsForExport(core: Core, actor: Actor, programSlug: string) {
  const program = await findProgram(core.db.prisma, programSlug);
  await requireAdministrator(core.db.prisma, actor, program, "export the program's evaluations");
  const evaluations = await core.db.prisma.evaluation.findMany({
    where: { enrollment: { term: { programId: program.id } } },
    include: evaluationInclude,
    orderBy: [
      { enrollment: { term: { startAt: "asc" } } },
      { enrollment: { project: { name: "asc" } } },
      { enrollment: { createdAt: "asc" } },
      { checkpoint: { number: "asc" } },
    ],
  });
  return { program, evaluations };
}

export type ExportedEvaluation = Prisma.EvaluationGetPayload<{ include: typeof evaluationInclude }>;

/** Every survey answer of the program, mentees' and mentors', named or not as the program chose. */
export const surveysForExport = (core: Core, actor: Actor, programSlug: string) =>
  surveyAnswers(core, actor, programSlug, "export the program's feedback surveys");
