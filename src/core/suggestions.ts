// What a person may be offered while they type an argument (Discord's autocomplete): only what they could
// see with a command anyway, so a suggestion list never reveals more than the commands do.
//
// - programs and terms: public (`/mentorship programs` and `terms` list them to anyone);
// - projects: those of terms that have not ended (anyone may browse and apply), and the asker's own in
//   ended terms: projects they mentor or asked to mentor, applied to, or whose program they administer;
// - mentees: people enrolled in a project the asker mentors (approved) or in a program they administer;
// - persons: those mentees, and the mentors and administrators of the programs the asker administers.
// People are the ones a person's role puts in their care, never a directory of everyone: being an operator
// gives no wider view here, since nothing an operator does needs a pick list of strangers.
import type { Actor, Core } from "./context.js";
import { projectRef } from "./lookup.js";

export type SuggestionKind = "program" | "term" | "project" | "mentee" | "person";

export interface FoundSuggestion {
  kind: "program" | "term" | "project" | "person";
  /** What people read: a program's or project's name, a person's display name. */
  name: string;
  /** A short disambiguation shown beside the name (a slug, a full reference). */
  detail?: string;
  /** What the command reads: a slug, "program/term", "program/term/project", or a person's platform id. */
  ref: string;
}

/** The most any platform shows (Discord: 25 choices). */
export const MAX_SUGGESTIONS = 25;

/** Suggestions of one kind for `actor`, whose name or reference contains `typed` (any case). */
export async function suggestionsFor(
  core: Core,
  actor: Actor,
  kind: SuggestionKind,
  typed: string,
  limit = MAX_SUGGESTIONS,
): Promise<FoundSuggestion[]> {
  const all = await visible(core, actor, kind);
  const needle = typed.trim().toLowerCase();
  const matching = all.filter((s) => s.name.toLowerCase().includes(needle) || s.ref.toLowerCase().includes(needle));
  return matching.slice(0, limit);
}

async function visible(core: Core, actor: Actor, kind: SuggestionKind): Promise<FoundSuggestion[]> {
  const prisma = core.db.prisma;
  switch (kind) {
    case "program":
      return (await prisma.program.findMany({ orderBy: { slug: "asc" } })).map((p) => ({
        kind: "program",
        name: p.name,
        detail: p.slug,
        ref: p.slug,
      }));
    case "term":
      return (await prisma.term.findMany({ include: { program: true }, orderBy: { startAt: "desc" } })).map((t) => {
        const ref = `${t.program.slug}/${t.name}`;
        return { kind: "term", name: ref, ref };
      });
    case "project": {
      const me = actor.personId;
      const projects = await prisma.project.findMany({
        where: {
          OR: [
            { term: { endAt: { gt: core.clock.now() } } },
            { mentors: { some: { personId: me, status: { in: ["requested", "approved"] } } } },
            { applications: { some: { menteeId: me } } },
            { term: { program: { administrators: { some: { personId: me } } } } },
          ],
        },
        include: { term: { include: { program: true } } },
        orderBy: [{ name: "asc" }, { slug: "asc" }],
      });
      return projects.map((p) => ({ kind: "project", name: p.name, detail: projectRef(p), ref: projectRef(p) }));
    }
    case "mentee":
      return people(core, actor, await menteesInCare(core, actor));
    case "person": {
      const administered = await administeredPrograms(core, actor);
      const [mentees, colleagues] = await Promise.all([
        menteesInCare(core, actor),
        prisma.person.findMany({
          where: {
            OR: [
              { administrations: { some: { programId: { in: administered } } } },
              {
                mentorships: {
                  some: { status: "approved", project: { term: { programId: { in: administered } } } },
                },
              },
            ],
          },
          select: { id: true },
        }),
      ]);
      return people(core, actor, [...new Set([...mentees, ...colleagues.map((c) => c.id)])]);
    }
  }
}

async function administeredPrograms(core: Core, actor: Actor): Promise<string[]> {
  const rows = await core.db.prisma.programAdministrator.findMany({ where: { personId: actor.personId } });
  return rows.map((r) => r.programId);
}

/** Ids of people enrolled in a project `actor` mentors or in a program they administer. */
async function menteesInCare(core: Core, actor: Actor): Promise<string[]> {
  const me = actor.personId;
  const enrollments = await core.db.prisma.enrollment.findMany({
    where: {
      OR: [
        { project: { mentors: { some: { personId: me, status: "approved" } } } },
        { term: { program: { administrators: { some: { personId: me } } } } },
      ],
    },
    select: { menteeId: true },
  });
  return [...new Set(enrollments.map((e) => e.menteeId))];
}

/** People by id, as the asker's platform knows them; someone without an identity there cannot be named. */
async function people(core: Core, actor: Actor, ids: string[]): Promise<FoundSuggestion[]> {
  if (ids.length === 0) return [];
  const identities = await core.db.prisma.identity.findMany({
    where: { personId: { in: ids }, platform: actor.platform },
    include: { person: true },
    orderBy: { person: { displayName: "asc" } },
  });
  return identities.map((i) => ({ kind: "person", name: i.person.displayName, ref: i.externalId }));
}
