// Projects enrolled in a term: mentors, slots, stipend, prerequisites and the
// plan template; mentors asking to mentor; mentees browsing open projects.
import type { PlanItemKind } from "../generated/prisma/client.js";
import { inTransaction, type Actor, type Core } from "./context.js";
import { InvalidInput, notAllowed, notFound, notNow } from "./errors.js";
import { checkMentions, findOrCreatePerson, findProject, findTerm, projectRef } from "./lookup.js";
import {
  isProgramAdministrator,
  isProjectMentor,
  requireAdministrator,
  requireMentorOrAdministrator,
} from "./policy.js";
import { isShortName, shortNameRule } from "./rules/names.js";
import { command, day, say } from "./sentence.js";

export interface ProjectInput {
  slug: string;
  name: string;
  description: string;
  skills: string[];
  slots: number;
  stipendBaseCents: number;
  currency: string;
  stipendMinCents?: number | undefined;
  stipendMaxCents?: number | undefined;
  adjustByCountry: boolean;
  mentors: string[];
}

export async function enrollProject(core: Core, actor: Actor, termRef: string, input: ProjectInput) {
  return inTransaction(core, actor, async ({ tx, audit, notify }) => {
    const term = await findTerm(tx, termRef);
    await requireAdministrator(tx, actor, term.program, "enroll projects");
    checkMentions(actor.platform, input.mentors, "mentors");
    const errors: Record<string, string> = {};
    if (!isShortName(input.slug)) errors.slug = shortNameRule("Short name");
    if (await tx.project.findUnique({ where: { termId_slug: { termId: term.id, slug: input.slug } } })) {
      errors.slug = `Term ${term.name} has a project called "${input.slug}" already.`;
    }
    if (
      input.stipendMinCents !== undefined &&
      input.stipendMaxCents !== undefined &&
      input.stipendMinCents > input.stipendMaxCents
    ) {
      errors.stipendMaxCents = "The maximum stipend must be at least the minimum.";
    }
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
    const { mentors, ...data } = input;
    const project = await tx.project.create({ data: { ...data, termId: term.id } });
    for (const mention of mentors) {
      const person = await findOrCreatePerson(tx, actor.platform, mention);
      await tx.projectMentor.create({
        data: { projectId: project.id, personId: person.id, status: "approved", decidedAt: core.clock.now() },
      });
      // Named by the administrator: told as a mentor whose request was approved is, with where to start.
      await notify({
        key: `mentor-named:${project.id}:${person.id}`,
        personId: person.id,
        programId: term.programId,
        event: { kind: "mentor_decision", approved: true, project: project.name, projectSlug: project.slug },
      });
    }
    await audit({
      action: "project.enrolled",
      entity: "project",
      entityId: project.id,
      programId: term.programId,
      details: input,
    });
    return { ...project, term };
  });
}

export async function addPrerequisite(
  core: Core,
  actor: Actor,
  projectRefText: string,
  input: { name: string; dueAt: Date; evidenceRequired: boolean },
) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const project = await findProject(tx, projectRefText);
    await requireAdministrator(tx, actor, project.term.program, "change a project's prerequisites");
    if (input.dueAt > project.term.selectionAt) {
      const selection = day(project.term.selectionAt, project.term.program.timeZone);
      throw new InvalidInput({ dueAt: say`A prerequisite is due by the selection (${selection}) at the latest.` });
    }
    // Applicants can only work on it once applications open.
    if (input.dueAt <= project.term.applicationsOpenAt) {
      const opens = day(project.term.applicationsOpenAt, project.term.program.timeZone);
      throw new InvalidInput({
        dueAt: say`A prerequisite is due after applications open (${opens}), so applicants can do it.`,
      });
    }
    const position = (await tx.prerequisite.count({ where: { projectId: project.id } })) + 1;
    const prerequisite = await tx.prerequisite.create({ data: { projectId: project.id, position, ...input } });
    // Applications already in get the new task too.
    const applications = await tx.application.findMany({ where: { projectId: project.id, status: "pending" } });
    await tx.applicationTask.createMany({
      data: applications.map((a) => ({ applicationId: a.id, prerequisiteId: prerequisite.id })),
    });
    await audit({
      action: "prerequisite.added",
      entity: "project",
      entityId: project.id,
      programId: project.term.programId,
      details: input,
    });
    return prerequisite;
  });
}

export async function addPlanTemplateItem(
  core: Core,
  actor: Actor,
  projectRefText: string,
  input: { kind: PlanItemKind; title: string; dueWeek: number },
) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const project = await findProject(tx, projectRefText);
    await requireMentorOrAdministrator(tx, actor, project, "change the plan template");
    const weeks = project.term.kind === "full_time" ? 12 : 24;
    if (input.dueWeek > weeks)
      throw new InvalidInput({ dueWeek: `The term lasts ${weeks} weeks; choose a week from 1 to ${weeks}.` });
    const position = (await tx.planTemplateItem.count({ where: { projectId: project.id } })) + 1;
    const item = await tx.planTemplateItem.create({ data: { projectId: project.id, position, ...input } });
    await audit({
      action: "plan_template.added",
      entity: "project",
      entityId: project.id,
      programId: project.term.programId,
      details: input,
    });
    return item;
  });
}

export async function requestToMentor(core: Core, actor: Actor, projectRefText: string) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const project = await findProject(tx, projectRefText);
    const profile = await tx.mentorProfile.findUnique({ where: { personId: actor.personId } });
    if (!profile) throw notNow(say`Set up your mentor profile first: ${command("profile mentor")}.`);
    const existing = await tx.projectMentor.findUnique({
      where: { projectId_personId: { projectId: project.id, personId: actor.personId } },
    });
    if (existing?.status === "approved") throw notNow(`You already mentor ${project.name}.`);
    if (existing?.status === "requested")
      throw notNow(`Your request to mentor ${project.name} is waiting for an administrator.`);
    // A request after a decline asks again: a new request, at the clock's time (a rehearsal's too).
    await tx.projectMentor.upsert({
      where: { projectId_personId: { projectId: project.id, personId: actor.personId } },
      update: { status: "requested", requestedAt: now, decidedAt: null },
      create: { projectId: project.id, personId: actor.personId, requestedAt: now },
    });
    const asked = await audit({
      action: "mentor.requested",
      entity: "project",
      entityId: project.id,
      programId: project.term.programId,
    });
    const admins = await tx.programAdministrator.findMany({ where: { programId: project.term.programId } });
    for (const admin of admins) {
      await notify({
        key: `mentor-request:${project.id}:${actor.personId}:${asked}:${admin.personId}`,
        personId: admin.personId,
        programId: project.term.programId,
        event: {
          kind: "mentor_request",
          projectId: project.id,
          project: project.name,
          projectRef: projectRef(project),
          mentorId: actor.personId,
          mentor: actor.displayName,
        },
      });
    }
    return project;
  });
}

export async function decideMentorRequest(
  core: Core,
  actor: Actor,
  projectId: string,
  personId: string,
  approve: boolean,
) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const include = { term: { include: { program: true } } };
    const project = await tx.project.findUnique({ where: { id: projectId }, include });
    if (!project)
      throw notFound(say`That project no longer exists. Run ${command("mentor requests")} for a fresh list.`);
    await requireAdministrator(tx, actor, project.term.program, "decide mentor requests");
    const request = await tx.projectMentor.findUnique({
      where: { projectId_personId: { projectId, personId } },
      include: { person: true },
    });
    if (!request) throw notNow("There is no such mentor request.");
    if (request.status !== "requested")
      throw notNow(
        request.decidedAt
          ? say`This request was ${request.status} already on ${day(request.decidedAt)}.`
          : say`This request was ${request.status} already.`,
      );
    const status = approve ? "approved" : "declined";
    await tx.projectMentor.update({
      where: { projectId_personId: { projectId, personId } },
      data: { status, decidedAt: now },
    });
    const decision = await audit({
      action: `mentor.${status}`,
      entity: "project",
      entityId: projectId,
      programId: project.term.programId,
      details: { personId },
    });
    await notify({
      key: `mentor-decision:${projectId}:${personId}:${decision}`,
      personId,
      programId: project.term.programId,
      event: { kind: "mentor_decision", approved: approve, project: project.name, projectSlug: project.slug },
    });
    return { project, mentor: request.person, status };
  });
}

export async function pendingMentorRequests(core: Core, actor: Actor) {
  const programs = await core.db.prisma.programAdministrator.findMany({ where: { personId: actor.personId } });
  return core.db.prisma.projectMentor.findMany({
    where: { status: "requested", project: { term: { programId: { in: programs.map((p) => p.programId) } } } },
    include: {
      person: { include: { mentorProfile: true } },
      project: { include: { term: { include: { program: true } } } },
    },
    orderBy: { requestedAt: "asc" },
  });
}

/** Projects of terms open for applications, best skill match first. */
export async function browseProjects(core: Core, actor: Actor) {
  const profile = await core.db.prisma.menteeProfile.findUnique({ where: { personId: actor.personId } });
  const projects = await core.db.prisma.project.findMany({
    where: { term: { applicationsState: "open", applicationsCloseAt: { gt: core.clock.now() } } },
    include: {
      term: { include: { program: true } },
      prerequisites: { orderBy: { position: "asc" } },
      _count: { select: { applications: { where: { status: { in: ["pending", "accepted"] } } } } },
    },
  });
  const mine = new Set((profile?.skills ?? []).map(normalizeSkill));
  return projects
    .map((project) => {
      const matched = project.skills.filter((s) => mine.has(normalizeSkill(s)));
      return { project, matched, score: project.skills.length ? matched.length / project.skills.length : 0 };
    })
    .sort(
      (a, b) =>
        b.score - a.score || b.matched.length - a.matched.length || a.project.name.localeCompare(b.project.name),
    );
}

const normalizeSkill = (skill: string) => skill.trim().toLowerCase();

export async function projectDetails(core: Core, actor: Actor, projectRefText: string) {
  const project = await findProject(core.db.prisma, projectRefText);
  const full = await core.db.prisma.project.findUniqueOrThrow({
    where: { id: project.id },
    include: {
      term: { include: { program: true } },
      mentors: { where: { status: "approved" }, include: { person: true } },
      prerequisites: { orderBy: { position: "asc" } },
      planTemplate: { orderBy: { position: "asc" } },
    },
  });
  if (full.term.applicationsState === "not_open") {
    const insider =
      (await isProgramAdministrator(core.db.prisma, actor.personId, full.term.programId)) ||
      (await isProjectMentor(core.db.prisma, actor.personId, full.id));
    if (!insider)
      throw notAllowed(`${full.name} is not published yet: applications to ${full.term.name} have not opened.`);
  }
  return full;
}

/** The term a project is about to be enrolled in, for one of its program's administrators. */
export async function termForNewProject(core: Core, actor: Actor, termRef: string) {
  const term = await findTerm(core.db.prisma, termRef);
  await requireAdministrator(core.db.prisma, actor, term.program, "enroll projects");
  return term;
}

/** A project whose prerequisites an administrator of its program is about to change. */
export async function projectForPrerequisites(core: Core, actor: Actor, projectRefText: string) {
  const project = await findProject(core.db.prisma, projectRefText);
  await requireAdministrator(core.db.prisma, actor, project.term.program, "change a project's prerequisites");
  return project;
}

/** A project whose plan template one of its mentors or administrators is about to change. */
export async function projectForPlanTemplate(core: Core, actor: Actor, projectRefText: string) {
  const project = await findProject(core.db.prisma, projectRefText);
  await requireMentorOrAdministrator(core.db.prisma, actor, project, "change the plan template");
  return project;
}
