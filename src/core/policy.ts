// Who may do what. Every use case asks here before it changes anything, so a
// button shown to the wrong person, or pressed twice, is still refused.
import type { Actor, Tx } from "./context.js";
import { notAllowed } from "./errors.js";

export function requireOperator(actor: Actor): void {
  if (!actor.isOperator)
    throw notAllowed(
      "Only the bot's operators can create programs. Ask one of them, or an administrator of an existing program.",
    );
}

export async function isProgramAdministrator(tx: Tx, personId: string, programId: string): Promise<boolean> {
  return (await tx.programAdministrator.count({ where: { programId, personId } })) > 0;
}

export async function isProjectMentor(tx: Tx, personId: string, projectId: string): Promise<boolean> {
  return (await tx.projectMentor.count({ where: { projectId, personId, status: "approved" } })) > 0;
}

export async function requireAdministrator(
  tx: Tx,
  actor: Actor,
  program: { id: string; name: string },
  doing: string,
): Promise<void> {
  if (await isProgramAdministrator(tx, actor.personId, program.id)) return;
  throw notAllowed(`Only administrators of ${program.name} can ${doing}.`);
}

/** Operators may name administrators of any program; administrators of their own. */
export async function requireAdministratorOrOperator(
  tx: Tx,
  actor: Actor,
  program: { id: string; name: string },
  doing: string,
) {
  if (actor.isOperator) return;
  await requireAdministrator(tx, actor, program, doing);
}

export async function requireMentorOrAdministrator(
  tx: Tx,
  actor: Actor,
  project: { id: string; name: string; term: { programId: string } },
  doing: string,
): Promise<"mentor" | "administrator"> {
  if (await isProjectMentor(tx, actor.personId, project.id)) return "mentor";
  if (await isProgramAdministrator(tx, actor.personId, project.term.programId)) return "administrator";
  throw notAllowed(`Only the mentors of ${project.name} and the program's administrators can ${doing}.`);
}

export async function requireMentor(
  tx: Tx,
  actor: Actor,
  project: { id: string; name: string },
  doing: string,
): Promise<void> {
  if (await isProjectMentor(tx, actor.personId, project.id)) return;
  throw notAllowed(`Only the mentors of ${project.name} can ${doing}.`);
}
