// A small program built through the core's own use cases, for rule and
// authorization tests: program lfx (administrator grace) with a full-time term,
// projects kernel-docs (mentor linus, a prerequisite, a plan) and k8s-ops
// (mentor kelsey); mentees ada (applied to kernel-docs) and bob (k8s-ops);
// olga administers another program; sam is a stranger.
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { apply, accept, reviewTask, submitTask } from "../../src/core/applications.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Actor, Core } from "../../src/core/context.js";
import { confirmOnboardingStep } from "../../src/core/enrollments.js";
import { submitEvaluation, type EvaluationInput } from "../../src/core/evaluations.js";
import { resolveActor, saveMenteeProfile, saveMentorProfile } from "../../src/core/people.js";
import { createProgram, createTerm, setApplicationsState } from "../../src/core/programs.js";
import { addPlanTemplateItem, addPrerequisite, enrollProject } from "../../src/core/projects.js";
import type { Database } from "../../src/store/database.js";

export const DAY = 86_400_000;
export const TERM_START = new Date("2027-03-01T00:00:00Z");
export type Kind = "full_time" | "part_time";
/** The default checkpoints' weeks; each opens a week before it is due. */
export const CHECKPOINT_WEEKS: Record<Kind, number[]> = { full_time: [3, 6, 9, 12], part_time: [6, 12, 18, 24] };
export const dueOf = (checkpoint: number, extraWeeks = 0, kind: Kind = "full_time") =>
  new Date(TERM_START.getTime() + (CHECKPOINT_WEEKS[kind][checkpoint - 1]! + extraWeeks) * 7 * DAY);
export const insideWindow = (checkpoint: number, extraWeeks = 0, kind: Kind = "full_time") =>
  new Date(dueOf(checkpoint, extraWeeks, kind).getTime() - 3 * DAY);

export const ROLES = [
  "administrator",
  "otherAdministrator",
  "mentor",
  "otherMentor",
  "mentee",
  "otherMentee",
  "stranger",
] as const;
export type Role = (typeof ROLES)[number];

export interface World {
  kind: Kind;
  core: Core;
  clock: ManualClock;
  as: Record<Role | "operator", Actor>;
  actor(name: string): Promise<Actor>;
  /** Project kernel-docs's ids, ada's application and task. */
  ids: {
    program: string;
    term: string;
    project: string;
    otherProject: string;
    application: string;
    task: string;
    otherApplication: string;
  };
}

export async function buildWorld(db: Database, kind: Kind = "full_time"): Promise<World> {
  const clock = new ManualClock("2027-01-04T10:00:00Z");
  const core: Core = { db, clock, operators: new Set(["console:operator"]) };
  const actor = (name: string) => resolveActor(core, consoleIdentity(name));
  const operator = await actor("operator");
  await createProgram(core, operator, { slug: "lfx", name: "LFX", timeZone: "UTC", administrators: ["@grace"] });
  await createProgram(core, operator, { slug: "cncf", name: "CNCF", timeZone: "UTC", administrators: ["@olga"] });
  const grace = await actor("grace");
  const { term } = await createTerm(core, grace, "lfx", {
    name: "2027-spring",
    kind,
    applicationsOpenAt: new Date("2027-01-11T00:00:00Z"),
    applicationsCloseAt: new Date("2027-02-08T00:00:00Z"),
    selectionAt: new Date("2027-02-22T00:00:00Z"),
    startAt: TERM_START,
    endAt: new Date(TERM_START.getTime() + CHECKPOINT_WEEKS[kind].at(-1)! * 7 * DAY),
  });
  const projectInput = {
    description: "d",
    skills: ["c"],
    stipendBaseCents: 300_000,
    currency: "USD",
    adjustByCountry: false,
  };
  const project = await enrollProject(core, grace, "lfx/2027-spring", {
    ...projectInput,
    slug: "kernel-docs",
    name: "Kernel docs",
    slots: 1,
    mentors: ["@linus"],
  });
  const otherProject = await enrollProject(core, grace, "lfx/2027-spring", {
    ...projectInput,
    slug: "k8s-ops",
    name: "K8s ops",
    slots: 2,
    mentors: ["@kelsey"],
  });
  await addPrerequisite(core, grace, "kernel-docs", {
    name: "Docs patch",
    dueAt: new Date("2027-02-15T00:00:00Z"),
    evidenceRequired: true,
  });
  await addPlanTemplateItem(core, grace, "kernel-docs", { kind: "task", title: "Fix a typo", dueWeek: 1 });
  clock.set("2027-01-12T10:00:00Z");
  await setApplicationsState(core, grace, "lfx/2027-spring", "open");

  const menteeProfile = {
    skills: ["c"],
    interests: [],
    links: [],
    country: "DE",
    timeZone: "UTC",
    availability: "full_time" as const,
  };
  const ada = await actor("ada");
  const bob = await actor("bob");
  await saveMenteeProfile(core, ada, menteeProfile);
  await saveMenteeProfile(core, bob, menteeProfile);
  const application = await apply(core, ada, {
    project: "kernel-docs",
    motivation: "m",
    experience: "e",
    links: [],
    availability: "full_time",
  });
  const otherApplication = await apply(core, bob, {
    project: "k8s-ops",
    motivation: "m",
    experience: "e",
    links: [],
    availability: "full_time",
  });
  const task = await core.db.prisma.applicationTask.findFirstOrThrow({
    where: { applicationId: application.application.id },
  });
  await submitTask(core, ada, task.id, "https://example.org/1");

  const as = {
    operator,
    administrator: grace,
    otherAdministrator: await actor("olga"),
    mentor: await actor("linus"),
    otherMentor: await actor("kelsey"),
    mentee: ada,
    otherMentee: bob,
    stranger: await actor("sam"),
  };
  await saveMentorProfile(core, as.mentor, { bio: "b", expertise: ["c"], timeZone: "UTC", capacity: 2 });
  return {
    kind,
    core,
    clock,
    as,
    actor,
    ids: {
      program: term.programId,
      term: term.id,
      project: project.id,
      otherProject: otherProject.id,
      application: application.application.id,
      task: task.id,
      otherApplication: otherApplication.application.id,
    },
  };
}

/** bob applies to kernel-docs too and submits its prerequisite task: his application and that task. */
export async function bobAppliesToKernelDocs(w: World) {
  const { application } = await apply(w.core, w.as.otherMentee, {
    project: "kernel-docs",
    motivation: "m",
    experience: "e",
    links: [],
    availability: "full_time",
  });
  const task = await w.core.db.prisma.applicationTask.findFirstOrThrow({ where: { applicationId: application.id } });
  await submitTask(w.core, w.as.otherMentee, task.id, "https://example.org/bob");
  return { application, task };
}

/** Verifies ada's task, closes applications and accepts ada into kernel-docs. */
export async function acceptAda(w: World) {
  await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
  w.clock.set("2027-02-09T10:00:00Z");
  await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
  return accept(w.core, w.as.administrator, w.ids.application);
}

/** …and confirms her onboarding, so her enrollment is active. */
export async function enrollAda(w: World) {
  const { enrollment } = await acceptAda(w);
  const steps = await w.core.db.prisma.onboardingStep.findMany({ where: { enrollmentId: enrollment.id } });
  for (const step of steps) await confirmOnboardingStep(w.core, w.as.administrator, step.id);
  return enrollment;
}

export const evaluation = (
  checkpoint: number,
  outcome: EvaluationInput["outcome"] = "pass",
  extendWeeks?: number,
): EvaluationInput => ({
  checkpoint,
  ratingTasks: 4,
  ratingEngagement: 4,
  ratingProgress: 4,
  lastContactOn: new Date("2027-03-01T00:00:00Z"),
  report: "ok",
  outcome,
  extendWeeks,
});

/** Passes ada's checkpoints 1 … n, each inside its window. */
export async function passCheckpoints(w: World, n: number) {
  for (let checkpoint = 1; checkpoint <= n; checkpoint++) {
    w.clock.set(insideWindow(checkpoint, 0, w.kind));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(checkpoint));
  }
}
