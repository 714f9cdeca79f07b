// Applications, their prerequisite tasks, and the decisions on them.
import type { ApplicationsState, Availability, Prisma, Program } from "../generated/prisma/client.js";
import { inTransaction, type Actor, type Core, type Tx, type UseCase } from "./context.js";
import { InvalidInput, notAllowed, notFound, notNow } from "./errors.js";
import { findProject, findTerm, projectRef } from "./lookup.js";
import { isProjectMentor, requireAdministrator, requireMentorOrAdministrator } from "./policy.js";
import { stipendFor } from "./stipends.js";
import { addDays, addWeeks } from "./time.js";
import { GRACE_DAYS } from "./programs.js";
import { command, day, instant, say, type Sentence } from "./sentence.js";
import { applicationsStateAt, decisionAnnouncedAt, decisionHeld } from "./rules/timeline.js";
import { oneAtATimeApplies } from "./rules/eligibility.js";
import { applicationResultKey } from "./notifications.js";

const NO_MENTEE_PROFILE = say`Set up your mentee profile first: ${command("profile mentee")}.`;

export interface ApplicationInput {
  project: string;
  motivation: string;
  experience: string;
  links: string[];
  availability: Availability;
}

const withProject = { mentee: true, project: { include: { term: { include: { program: true } } } } } as const;

export async function apply(core: Core, actor: Actor, input: ApplicationInput) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const profile = await tx.menteeProfile.findUnique({ where: { personId: actor.personId } });
    if (!profile) throw notNow(NO_MENTEE_PROFILE);
    const project = await findProject(tx, input.project);
    const term = project.term;
    await refuseApplication(tx, actor, project, now);
    // Serializes this mentee's concurrent applications, so the cap holds.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`apply:${actor.personId}:${term.id}`}))`;
    await refuseOverCap(tx, actor, term);
    const { project: _ref, ...fields } = input;
    const application = await tx.application.create({
      data: { ...fields, projectId: project.id, termId: term.id, menteeId: actor.personId, createdAt: now },
    });
    const prerequisites = await tx.prerequisite.findMany({ where: { projectId: project.id } });
    await tx.applicationTask.createMany({
      data: prerequisites.map((p) => ({ applicationId: application.id, prerequisiteId: p.id })),
    });
    await audit({
      action: "application.submitted",
      entity: "application",
      entityId: application.id,
      programId: term.programId,
    });
    const mentors = await tx.projectMentor.findMany({ where: { projectId: project.id, status: "approved" } });
    for (const mentor of mentors) {
      await notify({
        key: `application-new:${application.id}:${mentor.personId}`,
        personId: mentor.personId,
        programId: term.programId,
        event: { kind: "application_new", mentee: actor.displayName, project: project.name, projectSlug: project.slug },
      });
    }
    return { application, project, prerequisites };
  });
}

/** The applicant's own task, still open to submit: the form asks for evidence only if it can be saved. */
async function openTask(tx: Tx, actor: Actor, taskId: string, now: Date) {
  const task = await tx.applicationTask.findUnique({
    where: { id: taskId },
    include: { prerequisite: true, application: { include: withProject } },
  });
  if (!task || task.application.menteeId !== actor.personId)
    throw notAllowed("Only the applicant can submit their prerequisite tasks.");
  const { status } = task.application;
  if (status !== "pending") {
    // A decision not yet announced is not named.
    const held = status !== "withdrawn" && decisionHeld(task.application.project.term, now);
    throw notNow(`Your application is ${held ? "decided" : status}; its tasks are closed.`);
  }
  if (task.status === "completed") throw notNow(`"${task.prerequisite.name}" is completed already.`);
  return task;
}

/** The task a submission form is about, before its first field (whether its evidence is required). */
export async function taskToSubmit(core: Core, actor: Actor, taskId: string) {
  return openTask(core.db.prisma, actor, taskId, core.clock.now());
}

export async function submitTask(core: Core, actor: Actor, taskId: string, evidence: string | undefined) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const task = await openTask(tx, actor, taskId, now);
    if (task.prerequisite.evidenceRequired && !evidence)
      throw new InvalidInput({
        evidence: `"${task.prerequisite.name}" needs evidence: a link to your work, or a file.`,
      });
    if (now > task.application.project.term.selectionAt)
      throw notNow("The review period is over; tasks can no longer be submitted.");
    const updated = await tx.applicationTask.update({
      where: { id: task.id },
      data: { status: "submitted", evidence: evidence ?? null, submittedAt: now, comment: null },
    });
    const submission = await audit({
      action: "task.submitted",
      entity: "application_task",
      entityId: task.id,
      programId: task.application.project.term.programId,
      details: { evidence },
    });
    // The project's mentors verify it: each learns there is something to verify.
    const project = task.application.project;
    const mentors = await tx.projectMentor.findMany({ where: { projectId: project.id, status: "approved" } });
    for (const { personId } of mentors) {
      await notify({
        key: `task-submitted:${task.id}:${submission}:${personId}`,
        personId,
        programId: project.term.programId,
        event: {
          kind: "task_submitted",
          mentee: task.application.mentee.displayName,
          prerequisite: task.prerequisite.name,
          project: project.name,
          projectSlug: project.slug,
          // A sent-back task keeps its comment until it is submitted again.
          ...(task.comment !== null ? { sentBackWith: task.comment } : {}),
        },
      });
    }
    return { task: updated, prerequisite: task.prerequisite };
  });
}

/**
 * A submitted task a mentor or administrator of its project may verify or send back: only while its
 * application is pending, since a decided or withdrawn application's tasks count for nothing any more.
 */
async function taskUnderReview(tx: Tx, actor: Actor, taskId: string, doing: "verified" | "sent back") {
  const task = await tx.applicationTask.findUnique({
    where: { id: taskId },
    include: { prerequisite: true, application: { include: withProject } },
  });
  if (!task) throw notFound(say`That task no longer exists. Run ${command("applications")} for a fresh list.`);
  const { application } = task;
  await requireMentorOrAdministrator(tx, actor, application.project, "verify prerequisite tasks");
  if (application.status !== "pending") {
    const { mentee, project, status, decidedAt } = application;
    const closed = `its prerequisite tasks are closed, so nothing was ${doing}.`;
    throw notNow(
      decidedAt
        ? say`${mentee.displayName}'s application to ${project.name} is ${status} (${day(decidedAt)}): ${closed}`
        : say`${mentee.displayName}'s application to ${project.name} is ${status}: ${closed}`,
    );
  }
  if (task.status === "completed")
    throw notNow(
      task.completedAt
        ? say`"${task.prerequisite.name}" was completed already on ${day(task.completedAt)}.`
        : say`"${task.prerequisite.name}" was completed already.`,
    );
  if (task.status !== "submitted") throw notNow(`"${task.prerequisite.name}" has not been submitted yet.`);
  return task;
}

/** The task a send-back form is about, before its first field: refused at once if it cannot be sent back. */
export async function taskToSendBack(core: Core, actor: Actor, taskId: string) {
  return taskUnderReview(core.db.prisma, actor, taskId, "sent back");
}

/** A mentor or administrator of the project completes a submitted task, or sends it back with a comment. */
export async function reviewTask(
  core: Core,
  actor: Actor,
  taskId: string,
  verdict: { complete: true } | { complete: false; comment: string },
) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    // The application's row is locked first, as a decision locks it: a decline and a verification at once
    // cannot both pass, so no task is counted on an application declined meanwhile.
    await tx.$executeRaw`
      SELECT a.id FROM "Application" a JOIN "ApplicationTask" t ON t."applicationId" = a.id
      WHERE t.id = ${taskId} FOR UPDATE OF a`;
    const task = await taskUnderReview(tx, actor, taskId, verdict.complete ? "verified" : "sent back");
    const project = task.application.project;
    const data = verdict.complete
      ? { status: "completed" as const, completedAt: now, completedById: actor.personId, comment: null }
      : { status: "in_progress" as const, comment: verdict.comment };
    const updated = await tx.applicationTask.update({ where: { id: taskId }, data });
    const review = await audit({
      action: verdict.complete ? "task.completed" : "task.sent_back",
      entity: "application_task",
      entityId: taskId,
      programId: project.term.programId,
      details: verdict,
    });
    await notify({
      key: `task-review:${taskId}:${review}`,
      personId: task.application.menteeId,
      programId: project.term.programId,
      event: {
        kind: "task_reviewed",
        prerequisite: task.prerequisite.name,
        project: project.name,
        completed: verdict.complete,
        ...(verdict.complete ? {} : { comment: verdict.comment }),
      },
    });
    return { task: updated, prerequisite: task.prerequisite, application: task.application };
  });
}

/**
 * A mentee withdraws an application still pending. An accepted one stays: LFX lets only an administrator end
 * an enrollment (see `endEnrollmentEarly`), so that the program records why.
 */
export async function withdraw(core: Core, actor: Actor, projectRefText: string) {
  return inTransaction(core, actor, async ({ tx, audit, now }) => {
    const project = await findProject(tx, projectRefText);
    const application = await tx.application.findUnique({
      where: { menteeId_projectId: { menteeId: actor.personId, projectId: project.id } },
    });
    if (!application) throw notAllowed(`You have no application to ${project.name}.`);
    // A decision not yet announced stays unannounced: the same sentence whichever way it went.
    if (application.status !== "pending" && application.status !== "withdrawn" && decisionHeld(project.term, now))
      throw notNow(
        say`Your application to ${project.name} is decided; the decision is announced on ${day(
          project.term.selectionAt,
          project.term.program.timeZone,
        )}. To withdraw, ask an administrator of ${project.term.program.name}.`,
      );
    if (application.status === "accepted")
      throw notAllowed(
        `You are accepted into ${project.name}, so you cannot withdraw on your own: ` +
          `an administrator of ${project.term.program.name} can end your enrollment at your request. Ask them.`,
      );
    if (application.status !== "pending")
      throw notNow(`Your application to ${project.name} is ${application.status}; there is nothing to withdraw.`);
    await tx.application.update({ where: { id: application.id }, data: { status: "withdrawn" } });
    await audit({
      action: "application.withdrawn",
      entity: "application",
      entityId: application.id,
      programId: project.term.programId,
    });
    return { project, perTerm: project.term.program.applicationsPerTerm };
  });
}

// ---------------------------------------------------------------- eligibility

/**
 * Why this person may not become a mentee in `term` under its program's eligibility settings (and those of a
 * program they are enrolled in now), or nothing. `self` words it for the applicant, `administrator` for the one
 * deciding. Enrollments of `term` itself are left to the one-project-per-term rule at acceptance.
 */
async function whyIneligible(
  tx: Tx,
  term: { id: string; startAt: Date; program: Program },
  mentee: { id: string; name: string },
  reader: "self" | "administrator",
): Promise<Sentence | undefined> {
  const program = term.program;
  const [subject, be, have] = reader === "self" ? ["You", "are", "were"] : [mentee.name, "is", "was"];
  if (!program.allowReturningMentees) {
    const before = await tx.enrollment.findFirst({
      where: { menteeId: mentee.id, termId: { not: term.id }, term: { programId: program.id } },
      include: { project: true, term: true },
      orderBy: { createdAt: "asc" },
    });
    if (before) {
      const once = `${program.name} accepts each person as a mentee once.`;
      const what =
        `${subject} ${have} accepted as a mentee of ${program.name} before ` +
        `(${before.term.name}, ${before.project.name})`;
      if (reader === "self") return say`${what}; ${once}`;
      const allow = command("program eligibility", program.slug, "returning-mentees", "allowed");
      return say`${what}; ${once} Its administrators can change that: ${allow}.`;
    }
  }
  // An ongoing enrollment elsewhere stands in the way only if it lasts into this term: one that ends before the
  // term starts leaves the mentee free by then.
  const ongoing = await tx.enrollment.findMany({
    where: {
      menteeId: mentee.id,
      termId: { not: term.id },
      status: { in: ["onboarding", "active"] },
      endAt: { gt: term.startAt },
    },
    include: { project: true, term: { include: { program: true } } },
  });
  const blocking = ongoing.find((e) => oneAtATimeApplies(program, e.term.program));
  if (blocking) {
    const where = `${blocking.term.program.name} (${blocking.project.name})`;
    const after = reader === "self" ? " Apply again for a term that starts after it ends." : "";
    const rule = `a person holds one mentorship at a time.${after}`;
    return say`${subject} ${be} a mentee of ${where} until ${day(blocking.endAt)}; ${rule}`;
  }
  return undefined;
}

// ---------------------------------------------------------------- decisions

const reviewInclude = {
  mentee: { include: { menteeProfile: true } },
  tasks: { include: { prerequisite: true }, orderBy: { prerequisite: { position: "asc" } } },
  project: { include: { term: { include: { program: true } } } },
} satisfies Prisma.ApplicationInclude;

export type ReviewedApplication = Prisma.ApplicationGetPayload<{ include: typeof reviewInclude }>;

/** An application in a mentor's or administrator's review list. */
export type ListedApplication = ReviewedApplication & { otherApplications: OtherApplication[] };

/** Every prerequisite task submitted or completed: LFX's "complete" application, whatever its status. */
export const isComplete = (a: { tasks: { status: string }[] }) =>
  a.tasks.every((t) => t.status === "submitted" || t.status === "completed");

export const isReadyForReview = (a: { status: string; tasks: { status: string }[] }) =>
  a.status === "pending" && isComplete(a);

/**
 * How far an applicant is with the prerequisites, from 0 to 1: a completed task counts whole, a submitted
 * one (waiting for a mentor) half. No prerequisites at all: nothing is missing, 1.
 */
export function prerequisiteProgress(a: { tasks: { status: string }[] }): number {
  if (a.tasks.length === 0) return 1;
  const done = a.tasks.reduce((sum, t) => sum + (t.status === "completed" ? 1 : t.status === "submitted" ? 0.5 : 0), 0);
  return done / a.tasks.length;
}

/** The filters `applicationsToReview` takes besides the statuses: ready for review, complete. */
export const APPLICATION_FILTERS = ["ready", "complete", "pending", "accepted", "declined", "withdrawn", "graduated"];

/**
 * The order of a review list: "ready" puts those ready for review first, then the oldest; "progress" the
 * most prerequisite progress first, then the oldest. Pure, for the list and its tests.
 */
export function reviewOrder(order: "ready" | "progress") {
  return (
    a: { status: string; tasks: { status: string }[]; createdAt: Date },
    b: { status: string; tasks: { status: string }[]; createdAt: Date },
  ) => {
    const first =
      order === "progress"
        ? prerequisiteProgress(b) - prerequisiteProgress(a)
        : Number(isReadyForReview(b)) - Number(isReadyForReview(a));
    return first || a.createdAt.getTime() - b.createdAt.getTime();
  };
}

/** The same applicant's other application this term to a project the reader manages (LFX's "Other Applications"). */
export interface OtherApplication {
  project: string;
  projectRef: string;
  status: string;
  completedTasks: number;
  tasks: number;
}

/**
 * Applications a mentor or administrator may see: of one project, or of every project they mentor or
 * administer in the current terms (in one term, or in every term, when asked); filtered by status, "ready"
 * or "complete"; ready for review first, or by prerequisite progress.
 * Each carries the applicant's other applications of the same term to projects this reader manages (mentors
 * their projects, administrators their programs' projects), never to anyone else's.
 */
export async function applicationsToReview(
  core: Core,
  actor: Actor,
  options: { project?: string; term?: string; allTerms?: boolean; status?: string; order?: "ready" | "progress" } = {},
) {
  const prisma = core.db.prisma;
  let projectIds: string[];
  const [mentored, administered] = await Promise.all([
    prisma.projectMentor.findMany({ where: { personId: actor.personId, status: "approved" } }),
    prisma.programAdministrator.findMany({ where: { personId: actor.personId } }),
  ]);
  if (options.project) {
    const project = await findProject(prisma, options.project);
    await requireMentorOrAdministrator(prisma, actor, project, "see its applications");
    projectIds = [project.id];
  } else {
    // Without a project: the current terms' (open, in review or running), unless every term or one is asked for.
    const term = options.term ? await findTerm(prisma, options.term) : undefined;
    const terms = term ? { id: term.id } : options.allTerms ? {} : { endAt: { gt: core.clock.now() } };
    const projects = await prisma.project.findMany({
      where: {
        term: terms,
        OR: [
          { id: { in: mentored.map((m) => m.projectId) } },
          { term: { programId: { in: administered.map((a) => a.programId) } } },
        ],
      },
      select: { id: true },
    });
    projectIds = projects.map((p) => p.id);
    // An administrator whose terms have all ended may still ask: they simply have nothing to review.
    if (mentored.length === 0 && administered.length === 0)
      throw notAllowed("Only mentors and administrators review applications; you have no projects.");
  }
  const byStatus = options.status && !["ready", "complete"].includes(options.status);
  const applications = await prisma.application.findMany({
    where: { projectId: { in: projectIds }, ...(byStatus ? { status: options.status as "pending" } : {}) },
    include: reviewInclude,
    orderBy: { createdAt: "asc" },
  });
  const filtered =
    options.status === "ready"
      ? applications.filter(isReadyForReview)
      : options.status === "complete"
        ? applications.filter(isComplete)
        : applications;
  filtered.sort(reviewOrder(options.order ?? "ready"));
  if (filtered.length === 0) return [];

  const others = await prisma.application.findMany({
    where: {
      OR: filtered.map((a) => ({ menteeId: a.menteeId, termId: a.termId })),
      project: {
        OR: [
          { id: { in: mentored.map((m) => m.projectId) } },
          { term: { programId: { in: administered.map((a) => a.programId) } } },
        ],
      },
    },
    include: { tasks: true, project: { include: { term: { include: { program: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  return filtered.map(
    (a): ListedApplication => ({
      ...a,
      otherApplications: others
        .filter((o) => o.id !== a.id && o.menteeId === a.menteeId && o.termId === a.termId)
        .map(
          (o): OtherApplication => ({
            project: o.project.name,
            projectRef: projectRef(o.project),
            status: o.status,
            completedTasks: o.tasks.filter((t) => t.status === "completed").length,
            tasks: o.tasks.length,
          }),
        ),
    }),
  );
}

export async function accept(core: Core, actor: Actor, applicationId: string) {
  return inTransaction(core, actor, async (uc) => {
    const { tx, audit, notify, now } = uc;
    const application = await lockApplication(tx, applicationId);
    const project = application.project;
    const term = project.term;
    await requireAdministrator(tx, actor, term.program, "accept applications");
    refuseDecided(application);
    refuseBeforeClose(term, now);
    const open = application.tasks.filter((t) => t.status !== "completed");
    if (open.length > 0) {
      throw notNow(
        `${application.mentee.displayName}'s prerequisites are not all completed: ` +
          `${open.map((t) => `"${t.prerequisite.name}" (${t.status.replace("_", " ")})`).join(", ")}` +
          `. A mentor verifies them first.`,
      );
    }
    // One acceptance at a time per project: slots are counted under this lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`slots:${project.id}`}))`;
    const taken = await tx.application.count({
      where: { projectId: project.id, status: { in: ["accepted", "graduated"] } },
    });
    if (taken >= project.slots) throw notNow(`${project.name} is full: ${taken} of ${project.slots} slots are taken.`);
    // Serializes this mentee's acceptances in every program, so two at once cannot both pass the rules below.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accept:${application.menteeId}`}))`;
    const ineligible = await whyIneligible(
      tx,
      term,
      { id: application.menteeId, name: application.mentee.displayName },
      "administrator",
    );
    if (ineligible) throw notNow(ineligible);
    const elsewhere = await tx.enrollment.findUnique({
      where: { termId_menteeId: { termId: term.id, menteeId: application.menteeId } },
      include: { project: true },
    });
    if (elsewhere)
      throw notNow(
        `${application.mentee.displayName} is already accepted into ${elsewhere.project.name} ` +
          `this term; a mentee joins one project per term.`,
      );

    await tx.application.update({
      where: { id: application.id },
      data: { status: "accepted", decidedAt: now, decidedById: actor.personId },
    });
    const enrollment = await createEnrollment(uc, application);
    await audit({
      action: "application.accepted",
      entity: "application",
      entityId: application.id,
      programId: term.programId,
    });
    await notify({
      key: applicationResultKey(application.id),
      personId: application.menteeId,
      programId: term.programId,
      notBefore: decisionAnnouncedAt(term, now),
      event: {
        kind: "application_accepted",
        project: project.name,
        term: term.name,
        termStartsAt: term.startAt.toISOString(),
      },
    });
    return { application, enrollment };
  });
}

async function createEnrollment(uc: UseCase, application: ReviewedApplication) {
  const { tx } = uc;
  const project = application.project;
  const term = project.term;
  const zone = term.program.timeZone;
  const country = application.mentee.menteeProfile?.country ?? "";
  const enrollment = await tx.enrollment.create({
    data: {
      applicationId: application.id,
      termId: term.id,
      projectId: project.id,
      menteeId: application.menteeId,
      stipendCents: stipendFor(project, term.program.stipendCountryPercent, country),
      currency: project.currency,
      endAt: term.endAt,
    },
  });
  await tx.onboardingStep.createMany({
    data: term.program.onboardingSteps.map((name, i) => ({ enrollmentId: enrollment.id, position: i + 1, name })),
  });
  const template = await tx.planTemplateItem.findMany({
    where: { projectId: project.id },
    orderBy: { position: "asc" },
  });
  await tx.planItem.createMany({
    data: template.map((item) => ({
      enrollmentId: enrollment.id,
      position: item.position,
      kind: item.kind,
      title: item.title,
      dueAt: addWeeks(term.startAt, item.dueWeek, zone),
    })),
  });
  const checkpoints = await tx.checkpoint.findMany({ where: { termId: term.id } });
  await tx.enrollmentCheckpoint.createMany({
    data: checkpoints.map((c) => ({
      enrollmentId: enrollment.id,
      checkpointId: c.id,
      opensAt: c.opensAt,
      dueAt: c.dueAt,
      graceEndsAt: addDays(c.dueAt, GRACE_DAYS, zone),
    })),
  });
  return enrollment;
}

export async function decline(core: Core, actor: Actor, applicationId: string, reason: string) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const application = await lockApplication(tx, applicationId);
    const term = application.project.term;
    await requireAdministrator(tx, actor, term.program, "decline applications");
    refuseDecided(application);
    refuseBeforeClose(term, now);
    await tx.application.update({
      where: { id: application.id },
      data: { status: "declined", declineReason: reason, decidedAt: now, decidedById: actor.personId },
    });
    await audit({
      action: "application.declined",
      entity: "application",
      entityId: application.id,
      programId: term.programId,
      details: { reason },
    });
    await notify({
      key: applicationResultKey(application.id),
      personId: application.menteeId,
      programId: term.programId,
      notBefore: decisionAnnouncedAt(term, now),
      event: { kind: "application_declined", project: application.project.name, term: term.name, reason },
    });
    return application;
  });
}

/** Declines every application of the project still pending, with one reason, in one transaction. */
export async function declineRemaining(core: Core, actor: Actor, projectRefText: string, reason: string) {
  return inTransaction(core, actor, async ({ tx, audit, notify, now }) => {
    const project = await findProject(tx, projectRefText);
    const term = project.term;
    await requireAdministrator(tx, actor, term.program, "decline applications");
    refuseBeforeClose(term, now);
    const pending = await tx.application.findMany({ where: { projectId: project.id, status: "pending" } });
    await tx.application.updateMany({
      where: { id: { in: pending.map((a) => a.id) } },
      data: { status: "declined", declineReason: reason, decidedAt: now, decidedById: actor.personId },
    });
    for (const application of pending) {
      await audit({
        action: "application.declined",
        entity: "application",
        entityId: application.id,
        programId: term.programId,
        details: { reason, bulk: true },
      });
      await notify({
        key: applicationResultKey(application.id),
        personId: application.menteeId,
        programId: term.programId,
        notBefore: decisionAnnouncedAt(term, now),
        event: { kind: "application_declined", project: project.name, term: term.name, reason },
      });
    }
    return { project, count: pending.length };
  });
}

async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$executeRaw`SELECT id FROM "Application" WHERE id = ${applicationId} FOR UPDATE`;
  const application = await tx.application.findUnique({ where: { id: applicationId }, include: reviewInclude });
  if (!application) throw notNow("This application no longer exists.");
  return application;
}

function refuseDecided(application: ReviewedApplication): void {
  if (application.status === "pending") return;
  throw notNow(
    application.decidedAt
      ? say`This application is ${application.status} already on ${day(application.decidedAt)}; nothing was changed.`
      : say`This application is ${application.status} already; nothing was changed.`,
  );
}

/** A mentee's own applications with their tasks. */
export async function myApplications(core: Core, actor: Actor) {
  return core.db.prisma.application.findMany({
    where: { menteeId: actor.personId },
    include: {
      tasks: { include: { prerequisite: true }, orderBy: { prerequisite: { position: "asc" } } },
      project: { include: { term: { include: { program: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
}

/** A mentee applies with a profile (skills, country, availability); without one they are told how to make it. */
type ProjectToApply = Awaited<ReturnType<typeof findProject>>;

/** Why this person may not apply to this project now (the term, the project, the program's eligibility). */
async function refuseApplication(tx: Tx, actor: Actor, project: ProjectToApply, now: Date) {
  const term = project.term;
  const state = applicationsStateAt(term, now);
  if (state !== "open") {
    throw new InvalidInput({
      project:
        state === "closed"
          ? `Applications to ${term.name} are closed.`
          : `Applications to ${term.name} are not open yet.`,
    });
  }
  if (await isProjectMentor(tx, actor.personId, project.id))
    throw notAllowed("You mentor this project; you cannot apply to it.");
  const existing = await tx.application.findUnique({
    where: { menteeId_projectId: { menteeId: actor.personId, projectId: project.id } },
  });
  if (existing)
    throw new InvalidInput({ project: `You applied to ${project.name} already (status: ${existing.status}).` });
  const ineligible = await whyIneligible(tx, term, { id: actor.personId, name: actor.displayName }, "self");
  if (ineligible) throw notAllowed(ineligible);
}

async function refuseOverCap(tx: Tx, actor: Actor, term: ProjectToApply["term"]) {
  const count = await tx.application.count({
    where: { menteeId: actor.personId, termId: term.id, status: { not: "withdrawn" } },
  });
  const cap = term.program.applicationsPerTerm;
  if (count >= cap) {
    throw new InvalidInput({
      project:
        `You have ${count} application${count === 1 ? "" : "s"} in ${term.name}; ` +
        `${term.program.name} allows at most ${cap} per term. Withdraw one to apply here.`,
    });
  }
}

/**
 * Asked before the application form opens for a project named in the command or its button, so a person
 * who may not apply is told so before typing anything; `apply` asks again when the form is sent.
 */
export async function applicationToOpen(core: Core, actor: Actor, projectRef: string) {
  await requireMenteeProfile(core, actor);
  // A read only: no actor, so the command is not recorded as a change (see requests.ts).
  await inTransaction(core, undefined, async ({ tx, now }) => {
    const project = await findProject(tx, projectRef);
    await refuseApplication(tx, actor, project, now);
    await refuseOverCap(tx, actor, project.term);
  });
}

export async function requireMenteeProfile(core: Core, actor: Actor) {
  const profile = await core.db.prisma.menteeProfile.findUnique({ where: { personId: actor.personId } });
  if (!profile) throw notNow(NO_MENTEE_PROFILE);
  return profile;
}

/** The programs whose applications this person may accept or decline (they administer them). */
export async function programsDecidedBy(core: Core, actor: Actor): Promise<ReadonlySet<string>> {
  const administered = await core.db.prisma.programAdministrator.findMany({ where: { personId: actor.personId } });
  return new Set(administered.map((a) => a.programId));
}

/** Decisions wait for applications to close: by hand (`term close`) or at the published close date. */
function refuseBeforeClose(term: TermWithProgram, now: Date) {
  if (applicationsStateAt(term, now) === "closed") return;
  const ref = `${term.program.slug}/${term.name}`;
  const [close, byHand] = [instant(term.applicationsCloseAt), command("term close", ref)];
  throw notNow(
    say`Decisions are taken after applications to ${term.name} close, at ${close}, or earlier with ${byHand}.`,
  );
}

type TermWithProgram = {
  name: string;
  applicationsState: ApplicationsState;
  applicationsCloseAt: Date;
  program: { slug: string };
};

/** The reason recorded on an application still pending when its term started (see declineUndecidedAtStart). */
export const NOT_SELECTED_REASON = "Not selected: the term started without a decision on this application.";

/**
 * When a term starts, its applications still pending are declined as not selected, as LFX shows an applicant
 * who was not picked: no one is left waiting on a term that is under way. Each applicant is told once (the key
 * is the one any decision on the application uses) and each administrator once per term, and the digest lists
 * them for a week. Only the transaction that changes an application tells anyone, so a second sweep (or a second
 * replica) changes and sends nothing. The decision carries the term's start as its instant and no decider.
 */
export async function declineUndecidedAtStart(core: Core): Promise<number> {
  const terms = await core.db.prisma.term.findMany({
    where: { startAt: { lte: core.clock.now() }, applications: { some: { status: "pending" } } },
    select: { id: true },
  });
  let declined = 0;
  for (const { id } of terms) {
    declined += await inTransaction(core, undefined, async ({ tx, audit, notify }) => {
      const term = await tx.term.findUniqueOrThrow({ where: { id }, include: { program: true } });
      const pending = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Application" WHERE "termId" = ${id} AND status = 'pending' FOR UPDATE SKIP LOCKED`;
      if (pending.length === 0) return 0;
      const ids = pending.map((a) => a.id);
      await tx.application.updateMany({
        where: { id: { in: ids }, status: "pending" },
        data: { status: "declined", declineReason: NOT_SELECTED_REASON, decidedAt: term.startAt },
      });
      const applications = await tx.application.findMany({ where: { id: { in: ids } }, include: { project: true } });
      for (const application of applications) {
        await audit({
          action: "application.declined",
          entity: "application",
          entityId: application.id,
          programId: term.programId,
          details: { reason: NOT_SELECTED_REASON, notSelected: true },
        });
        await notify({
          key: applicationResultKey(application.id),
          personId: application.menteeId,
          programId: term.programId,
          event: {
            kind: "application_declined",
            project: application.project.name,
            term: term.name,
            reason: NOT_SELECTED_REASON,
          },
        });
      }
      const administrators = await tx.programAdministrator.findMany({ where: { programId: term.programId } });
      for (const { personId } of administrators) {
        await notify({
          key: `applications-not-selected:${id}:${personId}`,
          personId,
          programId: term.programId,
          event: {
            kind: "applications_not_selected",
            term: term.name,
            termRef: `${term.program.slug}/${term.name}`,
            programSlug: term.program.slug,
            count: applications.length,
            startedAt: term.startAt.toISOString(),
          },
        });
      }
      return applications.length;
    });
  }
  return declined;
}
