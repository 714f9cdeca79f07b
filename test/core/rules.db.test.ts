// Every rule of DOMAIN.md, each with a test that fails if the rule breaks.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  accept,
  apply,
  applicationsToReview,
  decline,
  declineRemaining,
  reviewTask,
  submitTask,
  taskToSendBack,
  withdraw,
} from "../../src/core/applications.js";
import { InvalidInput, Refusal } from "../../src/core/errors.js";
import {
  addPlanItem,
  confirmOnboardingStep,
  extend,
  markPlanItemDone,
  submitSurvey,
  surveyToOpen,
  endEnrollmentEarly,
  verifyLetter,
} from "../../src/core/enrollments.js";
import { submitEvaluation, submitSelfReport } from "../../src/core/evaluations.js";
import {
  createLinkCode,
  redeemLinkCode,
  resolveActor,
  saveMenteeProfile,
  saveMentorProfile,
} from "../../src/core/people.js";
import {
  checkpointsToEdit,
  closeApplicationsOnSchedule,
  createTerm,
  editCheckpoint,
  setApplicationsState,
  validateTimeline,
} from "../../src/core/programs.js";
import { addPrerequisite, decideMentorRequest, enrollProject, requestToMentor } from "../../src/core/projects.js";
import { decidePayment, markPaid, stipendFor } from "../../src/core/stipends.js";
import { dispatch, type OutgoingMessage, type Sender } from "../../src/scheduler/dispatcher.js";
import { notificationView } from "../../src/chat/notifications.js";
import type { NotificationEvent } from "../../src/core/notifications.js";
import { sweep } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import {
  acceptAda,
  bobAppliesToKernelDocs,
  buildWorld,
  DAY,
  dueOf,
  enrollAda,
  evaluation,
  insideWindow,
  passCheckpoints,
  TERM_START,
  type World,
} from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

async function refusal(promise: Promise<unknown>): Promise<Refusal | InvalidInput> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Refusal) && !(error instanceof InvalidInput))
    throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}
const text = (e: Refusal | InvalidInput) =>
  e instanceof InvalidInput ? Object.values(e.fieldErrors).join(" ") : e.message;

describe("terms", () => {
  const base = {
    name: "t1",
    kind: "full_time" as const,
    applicationsOpenAt: new Date("2028-01-01T00:00:00Z"),
    applicationsCloseAt: new Date("2028-01-29T00:00:00Z"),
    selectionAt: new Date("2028-02-12T00:00:00Z"),
    startAt: new Date("2028-02-14T00:00:00Z"),
    endAt: new Date("2028-05-08T00:00:00Z"),
  };

  it("validate the timeline: order, a review period of at least 14 days, the length of the kind", () => {
    expect(validateTimeline(base, "UTC")).toEqual({});
    expect(Object.keys(validateTimeline({ ...base, applicationsCloseAt: base.applicationsOpenAt }, "UTC"))).toContain(
      "applicationsCloseAt",
    );
    expect(validateTimeline({ ...base, selectionAt: new Date("2028-02-11T00:00:00Z") }, "UTC").selectionAt).toContain(
      "at least 14 days",
    );
    expect(
      validateTimeline(
        { ...base, startAt: new Date("2028-02-10T00:00:00Z"), endAt: new Date("2028-05-04T00:00:00Z") },
        "UTC",
      ).startAt,
    ).toBeDefined();
    expect(validateTimeline({ ...base, kind: "part_time" }, "UTC").endAt).toContain("24 weeks");
    // A daylight-saving change inside the term does not make 12 weeks look like 83.96 days.
    expect(
      validateTimeline(
        { ...base, startAt: new Date("2028-02-13T23:00:00Z"), endAt: new Date("2028-05-07T22:00:00Z") },
        "Europe/Berlin",
      ),
    ).toEqual({});
  });

  it("get the default checkpoints: weeks 3, 6, 9, 12 with 50/50 stipend at the 2nd and the final", async () => {
    const checkpoints = await db.prisma.checkpoint.findMany({
      where: { termId: w.ids.term },
      orderBy: { number: "asc" },
    });
    expect(checkpoints.map((c) => (c.dueAt.getTime() - TERM_START.getTime()) / (7 * DAY))).toEqual([3, 6, 9, 12]);
    expect(checkpoints.map((c) => c.stipendPercent)).toEqual([0, 50, 0, 50]);
    expect(checkpoints.map((c) => c.isFinal)).toEqual([false, false, false, true]);
    const { term } = await createTerm(w.core, w.as.administrator, "lfx", {
      ...base,
      kind: "part_time",
      endAt: new Date("2028-07-31T00:00:00Z"),
    });
    const partTime = await db.prisma.checkpoint.findMany({ where: { termId: term.id }, orderBy: { number: "asc" } });
    expect(partTime.map((c) => (c.dueAt.getTime() - base.startAt.getTime()) / (7 * DAY))).toEqual([6, 12, 18, 24]);
  });

  it("keep 3 or 4 checkpoints inside the term with stipends adding up to 100 %", async () => {
    w.clock.set("2027-01-05T00:00:00Z");
    expect(text(await refusal(editCheckpoint(w.core, w.as.administrator, "lfx/2027-spring", 2, "remove")))).toContain(
      "stipend percentages",
    );
    expect(
      text(
        await refusal(
          editCheckpoint(w.core, w.as.administrator, "lfx/2027-spring", 2, {
            name: "Mid",
            opensAt: dueOf(2),
            dueAt: new Date(TERM_START.getTime() + 100 * DAY),
            stipendPercent: 50,
          }),
        ),
      ),
    ).toContain("inside the term");
    const three = await editCheckpoint(w.core, w.as.administrator, "lfx/2027-spring", 3, "remove");
    expect(three.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(three.at(-1)?.isFinal).toBe(true);
    expect(text(await refusal(editCheckpoint(w.core, w.as.administrator, "lfx/2027-spring", 1, "remove")))).toContain(
      "3 or 4 checkpoints",
    );
  });

  it("refuse a change of a started term's checkpoints before its form asks anything", async () => {
    await expect(checkpointsToEdit(w.core, w.as.administrator, "lfx/2027-spring")).resolves.toBeDefined();
    w.clock.set(new Date(TERM_START.getTime() + DAY));
    await expect(checkpointsToEdit(w.core, w.as.administrator, "lfx/2027-spring")).rejects.toThrow(/has started/);
  });

  it("run at most two at the same time in a program", async () => {
    // The same timeline as `base`, moved so that the term starts on `start`.
    const startingOn = (name: string, start: string) => {
      const by = Date.parse(`${start}T00:00:00Z`) - base.startAt.getTime();
      const move = (d: Date) => new Date(d.getTime() + by);
      return {
        ...base,
        name,
        applicationsOpenAt: move(base.applicationsOpenAt),
        applicationsCloseAt: move(base.applicationsCloseAt),
        selectionAt: move(base.selectionAt),
        startAt: move(base.startAt),
        endAt: move(base.endAt),
      };
    };
    await createTerm(w.core, w.as.administrator, "lfx", startingOn("t-b", "2027-03-08"));
    // One running before the others end is fine; a third at once is not.
    await createTerm(w.core, w.as.administrator, "lfx", startingOn("t-d", "2027-05-27"));
    const third = await refusal(createTerm(w.core, w.as.administrator, "lfx", startingOn("t-c", "2027-03-15")));
    expect(text(third)).toContain("at most two terms at once");
  });
});

describe("projects", () => {
  it("tell each mentor named when the project is enrolled, once", async () => {
    const told = await db.prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "mentor-named:" } } });
    expect(told.map((m) => m.personId)).toContain(w.as.mentor.personId);
    expect(new Set(told.map((m) => m.idempotencyKey)).size).toBe(told.length);
  });
});

describe("applications", () => {
  it("at most three per term by default, withdrawn ones not counted, even when sent at once", async () => {
    for (const slug of ["p1", "p2", "p3"]) {
      await enrollProject(w.core, w.as.administrator, "lfx/2027-spring", {
        slug,
        name: slug,
        description: "d",
        skills: [],
        slots: 1,
        stipendBaseCents: 1,
        currency: "USD",
        adjustByCountry: false,
        mentors: [],
      });
    }
    const input = { motivation: "m", experience: "e", links: [], availability: "full_time" as const };
    // ada has one application already; three more at once: exactly two get in.
    const results = await Promise.allSettled(
      ["p1", "p2", "p3"].map((project) => apply(w.core, w.as.mentee, { ...input, project })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(text(rejected.reason as InvalidInput)).toContain("LFX allows at most 3 per term");
    await withdraw(w.core, w.as.mentee, "kernel-docs");
    const last = results.findIndex((r) => r.status === "rejected");
    await apply(w.core, w.as.mentee, { ...input, project: ["p1", "p2", "p3"][last]! });
    expect(
      await db.prisma.application.count({ where: { menteeId: w.as.mentee.personId, status: { not: "withdrawn" } } }),
    ).toBe(3);
  });

  it("one per mentee per project, only while applications are open", async () => {
    const input = { motivation: "m", experience: "e", links: [], availability: "full_time" as const };
    expect(text(await refusal(apply(w.core, w.as.mentee, { ...input, project: "kernel-docs" })))).toContain(
      "applied to Kernel docs already",
    );
    await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
    expect(text(await refusal(apply(w.core, w.as.mentee, { ...input, project: "k8s-ops" })))).toContain("closed");
  });

  it("tasks are completed only by the project's mentors or administrators, after the mentee submits them", async () => {
    const fresh = await apply(w.core, w.as.otherMentee, {
      project: "kernel-docs",
      motivation: "m",
      experience: "e",
      links: [],
      availability: "full_time",
    });
    const task = await db.prisma.applicationTask.findFirstOrThrow({ where: { applicationId: fresh.application.id } });
    expect(text(await refusal(reviewTask(w.core, w.as.mentor, task.id, { complete: true })))).toContain(
      "not been submitted",
    );
    expect(text(await refusal(submitTask(w.core, w.as.mentee, task.id, "https://x.org")))).toContain(
      "Only the applicant",
    );
    expect(text(await refusal(submitTask(w.core, w.as.otherMentee, task.id, undefined)))).toContain("needs evidence");
    await submitTask(w.core, w.as.otherMentee, task.id, "https://x.org");
    // The project's mentor learns there is something to verify.
    const told = await db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `task-submitted:${task.id}:` } },
    });
    expect(told.map((m) => m.personId)).toEqual([w.as.mentor.personId]);
    const ready = await applicationsToReview(w.core, w.as.mentor, { project: "kernel-docs", status: "ready" });
    expect(ready.map((a) => a.mentee.displayName).sort()).toEqual(["ada", "bob"]);
    // Ready for review is shown, not a status of its own.
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: fresh.application.id } })).status).toBe(
      "pending",
    );
    await reviewTask(w.core, w.as.mentor, task.id, { complete: false, comment: "Add a test" });
    expect((await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("in_progress");
  });

  it("tasks of an application no longer pending are neither verified nor sent back", async () => {
    // Withdrawn by its applicant, with a task submitted:
    const { task: bobs } = await bobAppliesToKernelDocs(w);
    await withdraw(w.core, w.as.otherMentee, "kernel-docs");
    expect(text(await refusal(reviewTask(w.core, w.as.mentor, bobs.id, { complete: true })))).toBe(
      "bob's application to Kernel docs is withdrawn: its prerequisite tasks are closed, so nothing was verified.",
    );
    // Declined by an administrator:
    w.clock.set("2027-02-09T10:00:00Z");
    await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
    await decline(w.core, w.as.administrator, w.ids.application, "Another applicant fits better.");
    const verified = text(await refusal(reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true })));
    expect(verified).toContain("ada's application to Kernel docs is declined (2027-02-09)");
    expect(verified).toContain("its prerequisite tasks are closed, so nothing was verified.");
    const sentBack = reviewTask(w.core, w.as.mentor, w.ids.task, { complete: false, comment: "Too late" });
    expect(text(await refusal(sentBack))).toContain("nothing was sent back");
    // The send-back form is refused before its comment is asked.
    expect(text(await refusal(taskToSendBack(w.core, w.as.mentor, w.ids.task)))).toContain("is declined");
    for (const id of [w.ids.task, bobs.id]) {
      const task = await db.prisma.applicationTask.findUniqueOrThrow({ where: { id } });
      expect(task).toMatchObject({ status: "submitted", completedAt: null, comment: null });
    }
    expect(await db.prisma.outboxMessage.count({ where: { kind: "task_reviewed" } })).toBe(0);
  });

  it("prerequisites fall due inside the application-and-review window", async () => {
    const due = (iso: string) =>
      addPrerequisite(w.core, w.as.administrator, "kernel-docs", {
        name: "p",
        dueAt: new Date(iso),
        evidenceRequired: false,
      });
    await expect(due("2027-01-10T00:00:00Z")).rejects.toThrow(/after applications open/);
    await expect(due("2027-02-23T00:00:00Z")).rejects.toThrow(/by the selection \(2027-02-22\) at the latest/);
    await due("2027-02-01T00:00:00Z");
  });

  it("cannot be accepted with incomplete prerequisites", async () => {
    await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
    expect(text(await refusal(accept(w.core, w.as.administrator, w.ids.application)))).toContain(
      "prerequisites are not all completed",
    );
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: w.ids.application } })).status).toBe(
      "pending",
    );
  });

  it("close at the published close date: applying is refused, deciding allowed, administrators told once", async () => {
    const input = { motivation: "m", experience: "e", links: [], availability: "full_time" as const };
    await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
    w.clock.set("2027-02-08T00:00:00Z");
    // No one pressed `term close`, and the scheduler has not run yet: the date alone closes them.
    expect(text(await refusal(apply(w.core, w.as.otherMentee, { ...input, project: "k8s-ops" })))).toContain(
      "Applications to 2027-spring are closed.",
    );
    expect(await closeApplicationsOnSchedule(w.core)).toBe(1);
    expect(await closeApplicationsOnSchedule(w.core)).toBe(0);
    const term = await db.prisma.term.findFirstOrThrow({ where: { name: "2027-spring" } });
    expect(term).toMatchObject({ applicationsState: "closed", applicationsClosedAt: term.applicationsCloseAt });
    const told = await db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: "applications-closed:" } },
    });
    expect(told.map((m) => m.personId)).toEqual([w.as.administrator.personId]);
    await accept(w.core, w.as.administrator, w.ids.application);
  });

  it("cannot be decided before applications close", async () => {
    await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
    expect(text(await refusal(accept(w.core, w.as.administrator, w.ids.application)))).toContain(
      "after applications to 2027-spring close",
    );
    expect(text(await refusal(decline(w.core, w.as.administrator, w.ids.application, "no")))).toContain(
      "after applications",
    );
  });

  it("cannot be accepted beyond the project's slots, even when accepted at once", async () => {
    const second = await apply(w.core, w.as.otherMentee, {
      project: "kernel-docs",
      motivation: "m",
      experience: "e",
      links: [],
      availability: "full_time",
    });
    const task = await db.prisma.applicationTask.findFirstOrThrow({ where: { applicationId: second.application.id } });
    await submitTask(w.core, w.as.otherMentee, task.id, "https://x.org");
    await reviewTask(w.core, w.as.mentor, task.id, { complete: true });
    await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
    await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
    const results = await Promise.allSettled([
      accept(w.core, w.as.administrator, w.ids.application),
      accept(w.core, w.as.administrator, second.application.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(text((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toContain(
      "is full: 1 of 1 slots",
    );
    expect(await db.prisma.enrollment.count({ where: { projectId: w.ids.project } })).toBe(1);
  });

  it("accept a mentee into at most one project per term", async () => {
    await apply(w.core, w.as.mentee, {
      project: "k8s-ops",
      motivation: "m",
      experience: "e",
      links: [],
      availability: "full_time",
    });
    await acceptAda(w);
    const other = await db.prisma.application.findFirstOrThrow({
      where: { menteeId: w.as.mentee.personId, projectId: w.ids.otherProject },
    });
    expect(text(await refusal(accept(w.core, w.as.administrator, other.id)))).toContain(
      "already accepted into Kernel docs",
    );
  });

  it("decline all remaining pending applications of a project with one reason, each mentee told", async () => {
    await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
    const { count } = await declineRemaining(w.core, w.as.administrator, "k8s-ops", "Full this term");
    expect(count).toBe(1);
    const bob = await db.prisma.application.findUniqueOrThrow({ where: { id: w.ids.otherApplication } });
    expect(bob).toMatchObject({ status: "declined", declineReason: "Full this term" });
    const messages = await db.prisma.outboxMessage.findMany({
      where: { personId: w.as.otherMentee.personId, kind: "application_declined" },
    });
    expect(messages).toHaveLength(1);
    expect(text(await refusal(decline(w.core, w.as.administrator, w.ids.otherApplication, "again")))).toContain(
      "declined already",
    );
  });

  it("notify the mentee of the result by direct message, once", async () => {
    await acceptAda(w);
    const messages = await db.prisma.outboxMessage.findMany({
      where: { personId: w.as.mentee.personId, kind: "application_accepted" },
    });
    expect(messages).toHaveLength(1);
    expect(text(await refusal(accept(w.core, w.as.administrator, w.ids.application)))).toContain("accepted already");
  });

  it("announce a decision taken before the selection date on that date, once; one taken after, at once", async () => {
    const sent: OutgoingMessage[] = [];
    const console: Sender = { platform: "console", send: async (m) => void sent.push(m) };
    const decisions = (person: string) =>
      sent.filter((m) => m.target === person && /^(application_|enrollment_)/.test(m.kind)).map((m) => m.kind);
    await enrollAda(w); // accepted and onboarded on 9 Feb; the selection is announced 22 Feb 00:00 UTC
    await dispatch(w.core, console);
    expect(decisions("ada")).toEqual([]);
    // Administrators see the decision at once.
    const listed = await applicationsToReview(w.core, w.as.administrator, { project: "kernel-docs" });
    expect(listed.find((a) => a.id === w.ids.application)?.status).toBe("accepted");
    w.clock.set("2027-02-21T23:59:00Z");
    await dispatch(w.core, console);
    expect(decisions("ada")).toEqual([]);
    w.clock.set("2027-02-22T00:00:00Z");
    await dispatch(w.core, console);
    await dispatch(w.core, console);
    // The onboarding was confirmed while the acceptance was held: the acceptance says so, and points to the
    // plan, not to a checklist already done; no second message follows.
    expect(decisions("ada")).toEqual(["application_accepted"]);
    const accepted = notificationView(
      (sent.find((m) => m.kind === "application_accepted")!.payload as { event: NotificationEvent }).event,
      { zone: "UTC", platform: "console" },
    ).text;
    expect(accepted).toContain("Your onboarding is complete already: you are an active mentee.");
    expect(accepted).not.toContain("onboarding checklist");
    w.clock.set("2027-02-23T10:00:00Z");
    await decline(w.core, w.as.administrator, w.ids.otherApplication, "Full");
    await dispatch(w.core, console);
    expect(decisions("bob")).toEqual(["application_declined"]);
  });

  it("point an acceptance sent before the onboarding is done to the checklist, then tell its completion", async () => {
    const sent: OutgoingMessage[] = [];
    const console: Sender = { platform: "console", send: async (m) => void sent.push(m) };
    // Accepted after the selection date: the acceptance is sent at once, while the checklist is still to do.
    await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
    w.clock.set("2027-02-22T10:00:00Z");
    await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
    await accept(w.core, w.as.administrator, w.ids.application);
    await dispatch(w.core, console);
    const steps = await db.prisma.onboardingStep.findMany({
      where: { enrollment: { menteeId: w.as.mentee.personId } },
    });
    for (const step of steps) await confirmOnboardingStep(w.core, w.as.administrator, step.id);
    await dispatch(w.core, console);
    const toAda = sent.filter((m) => m.target === "ada" && /^(application_|enrollment_)/.test(m.kind));
    expect(toAda.map((m) => m.kind)).toEqual(["application_accepted", "enrollment_active"]);
    const accepted = notificationView((toAda[0]!.payload as { event: NotificationEvent }).event, {
      zone: "UTC",
      platform: "console",
    }).text;
    expect(accepted).toContain("Next: your onboarding checklist");
  });

  it("remind an accepted mentee of onboarding two days after they heard of it, not after the decision", async () => {
    await acceptAda(w); // 9 Feb; announced 22 Feb
    const onboarding = () => db.prisma.outboxMessage.count({ where: { kind: "onboarding" } });
    w.clock.set("2027-02-12T10:00:00Z");
    await sweep(w.core, { escalateAfterHours: 48 });
    expect(await onboarding()).toBe(0);
    w.clock.set("2027-02-24T10:00:00Z");
    await sweep(w.core, { escalateAfterHours: 48 });
    expect(await onboarding()).toBe(1);
  });

  it("tell a mentee who tries to withdraw a decision not yet announced only when it is announced", async () => {
    await acceptAda(w);
    const refused = text(await refusal(withdraw(w.core, w.as.mentee, "kernel-docs")));
    expect(refused).toContain("is decided; the decision is announced on");
    expect(refused).not.toContain("accepted");
  });

  it("show a mentee only their own application", async () => {
    expect(text(await refusal(applicationsToReview(w.core, w.as.otherMentee, { project: "kernel-docs" })))).toContain(
      "Only the mentors of Kernel docs",
    );
    expect(text(await refusal(applicationsToReview(w.core, w.as.otherMentor, { project: "kernel-docs" })))).toContain(
      "Only the mentors",
    );
    const mine = await applicationsToReview(w.core, w.as.otherMentor);
    expect(mine.map((a) => a.project.slug)).toEqual(["k8s-ops"]);
  });
});

describe("onboarding", () => {
  it("makes the enrollment active only when every step is confirmed", async () => {
    const { enrollment } = await acceptAda(w);
    const steps = await db.prisma.onboardingStep.findMany({
      where: { enrollmentId: enrollment.id },
      orderBy: { position: "asc" },
    });
    expect(steps.map((s) => s.name)).toEqual(["Sign the contract", "Complete the HR steps"]);
    const plan = await db.prisma.planItem.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    await confirmOnboardingStep(w.core, w.as.administrator, steps[0]!.id);
    expect((await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).status).toBe("onboarding");
    expect(text(await refusal(markPlanItemDone(w.core, w.as.mentee, plan.id)))).toContain("only while it is active");
    expect(text(await refusal(confirmOnboardingStep(w.core, w.as.administrator, steps[0]!.id)))).toContain(
      "confirmed already",
    );
    await confirmOnboardingStep(w.core, w.as.administrator, steps[1]!.id);
    expect((await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).status).toBe("active");
  });
});

describe("evaluations", () => {
  it("are submitted only by a mentor of the mentee's project, not even by an administrator", async () => {
    await enrollAda(w);
    w.clock.set(insideWindow(1));
    expect(text(await refusal(submitEvaluation(w.core, w.as.otherMentor, "@ada", evaluation(1))))).toBe(
      "Only ada's mentors can evaluate them.",
    );
    expect(text(await refusal(submitEvaluation(w.core, w.as.administrator, "@ada", evaluation(1))))).toBe(
      "Only ada's mentors can evaluate them.",
    );
    // Someone with no enrollment at all: the same sentence, so a refusal does not tell who is enrolled.
    expect(text(await refusal(submitEvaluation(w.core, w.as.otherMentor, "@nobody", evaluation(1))))).toBe(
      "Only nobody's mentors can evaluate them.",
    );
    const enrolled = text(await refusal(extend(w.core, w.as.otherMentor, "@ada", 1)));
    const notEnrolled = text(await refusal(extend(w.core, w.as.otherMentor, "@nobody", 1)));
    expect(notEnrolled).toBe(enrolled.replace("ada's", "nobody's"));
    expect(enrolled).toBe("Only ada's mentors and their program's administrators can extend this enrollment.");
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(1));
    expect(await db.prisma.evaluation.count()).toBe(1);
  });

  it("are editable until the grace period ends, each change kept in the audit log", async () => {
    await enrollAda(w);
    w.clock.set(new Date(dueOf(1).getTime() - 8 * DAY));
    expect(text(await refusal(submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(1))))).toContain("opens on");
    w.clock.set(insideWindow(1));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(1));
    w.clock.set(new Date(dueOf(1).getTime() + 6 * DAY));
    await submitEvaluation(w.core, w.as.mentor, "@ada", { ...evaluation(1), report: "edited" });
    w.clock.set(new Date(dueOf(1).getTime() + 8 * DAY));
    expect(
      text(await refusal(submitEvaluation(w.core, w.as.mentor, "@ada", { ...evaluation(1), report: "too late" }))),
    ).toContain("grace period ended");
    expect((await db.prisma.evaluation.findFirstOrThrow()).report).toBe("edited");
    const audit = await db.prisma.auditLog.findMany({ where: { entity: "evaluation" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["evaluation.submitted", "evaluation.edited"]);
  });

  it("a failed evaluation ends the enrollment and its stipend", async () => {
    const enrollment = await enrollAda(w);
    await passCheckpoints(w, 1);
    w.clock.set(insideWindow(2));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "fail"));
    expect((await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).status).toBe("failed");
    expect(await db.prisma.stipendPayment.count()).toBe(0);
    w.clock.set(insideWindow(3));
    expect(text(await refusal(submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(3))))).toContain("failed");
    expect(await db.prisma.stipendPayment.count()).toBe(0);
  });

  it("an early end after a passed stipend checkpoint declines the payment not yet approved", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 2);
    await endEnrollmentEarly(w.core, w.as.administrator, "@ada", "non_performance", "Left without notice");
    const [payment] = await db.prisma.stipendPayment.findMany();
    expect(payment).toMatchObject({ status: "declined" });
  });

  it("an extension moves that mentee's remaining checkpoints and end date, and only hers", async () => {
    const enrollment = await enrollAda(w);
    await passCheckpoints(w, 1);
    w.clock.set(insideWindow(2));
    const before = await db.prisma.enrollmentCheckpoint.findMany({
      where: { enrollmentId: enrollment.id },
      include: { checkpoint: true },
      orderBy: { dueAt: "asc" },
    });
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "extend", 2));
    // Saving the same extension again moves nothing more.
    await submitEvaluation(w.core, w.as.mentor, "@ada", { ...evaluation(2, "extend", 2), report: "same" });
    const after = await db.prisma.enrollmentCheckpoint.findMany({
      where: { enrollmentId: enrollment.id },
      include: { checkpoint: true },
      orderBy: { dueAt: "asc" },
    });
    const shift = after.map((a, i) => (a.dueAt.getTime() - before[i]!.dueAt.getTime()) / (7 * DAY));
    expect(shift).toEqual([0, 2, 2, 2]);
    const moved = await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(moved.endAt.getTime() - TERM_START.getTime()).toBe((12 + 2) * 7 * DAY);
    expect(moved.stipendCents).toBe(300_000);
    // The mentee is told the moved dates: the extended checkpoint's and the new end.
    const told = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { personId: w.as.mentee.personId, idempotencyKey: { contains: ":extend:" } },
    });
    const event = (told.payload as { event: { nextDueAt: string; endsAt: string } }).event;
    expect(event).toMatchObject({ nextDueAt: after[1]!.dueAt.toISOString(), endsAt: moved.endAt.toISOString() });
    // The term's own checkpoints did not move.
    expect((await db.prisma.checkpoint.findFirstOrThrow({ where: { number: 2, termId: w.ids.term } })).dueAt).toEqual(
      dueOf(2),
    );
    // At the old date the checkpoint is not open; at the new one it is.
    w.clock.set(insideWindow(2, 2));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2));
    await extend(w.core, w.as.administrator, "@ada", 1);
    const third = await db.prisma.enrollmentCheckpoint.findFirstOrThrow({
      where: { enrollmentId: enrollment.id, checkpoint: { number: 3 } },
    });
    expect(third.dueAt).toEqual(dueOf(3, 3));
  });

  it("an extend corrected to pass before the extended window opens undoes it; the mentee is told", async () => {
    const enrollment = await enrollAda(w);
    await passCheckpoints(w, 1);
    w.clock.set(insideWindow(2));
    const dates = () =>
      db.prisma.enrollmentCheckpoint
        .findMany({ where: { enrollmentId: enrollment.id }, orderBy: { dueAt: "asc" } })
        .then((rows) => rows.map((r) => [r.opensAt, r.dueAt, r.graceEndsAt]));
    const before = await dates();
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "extend", 2));
    expect(await dates()).not.toEqual(before);
    // The same day, the mentor sees it was a mistake and saves a pass instead.
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2));
    expect(await dates()).toEqual(before);
    const after = await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(after.extensionWeeks).toBe(0);
    expect(after.endAt.getTime() - TERM_START.getTime()).toBe(12 * 7 * DAY);
    // Its weeks no longer count: an administrator may extend by the whole 5.
    await extend(w.core, w.as.administrator, "@ada", 5);
    const undone = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "enrollment.extension_undone" } });
    expect(undone.details).toEqual({ weeks: 2, checkpoint: "Midterm evaluation" });
    const told = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { personId: w.as.mentee.personId, idempotencyKey: { contains: ":pass:" }, kind: "evaluation_passed" },
      orderBy: { createdAt: "desc" },
    });
    const event = (told.payload as { event: { extensionUndone?: { weeks: number; endsAt: string } } }).event;
    expect(event.extensionUndone).toEqual({
      weeks: 2,
      endsAt: new Date(TERM_START.getTime() + 12 * 7 * DAY).toISOString(),
    });
  });

  it("extensions total at most 5 weeks per enrollment, an evaluation's and an administrator's together", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 1);
    w.clock.set(insideWindow(2));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "extend", 2));
    await extend(w.core, w.as.administrator, "@ada", 3);
    await expect(extend(w.core, w.as.administrator, "@ada", 1)).rejects.toThrow(/at most 5 weeks/);
    // Editing the evaluation's 2 weeks to 3 would make 6.
    await expect(submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "extend", 3))).rejects.toThrow(
      /at most 5 weeks/,
    );
    const enrollment = await db.prisma.enrollment.findFirstOrThrow();
    expect(enrollment.extensionWeeks).toBe(5);
  });

  it("self-reports: one per checkpoint, while it is open", async () => {
    await enrollAda(w);
    w.clock.set(insideWindow(1));
    await submitSelfReport(w.core, w.as.mentee, { checkpoint: 1, hours: 30, support: "s", progress: "p" });
    expect(
      text(
        await refusal(submitSelfReport(w.core, w.as.mentee, { checkpoint: 1, hours: 30, support: "s", progress: "p" })),
      ),
    ).toContain("already");
    expect(
      text(
        await refusal(submitSelfReport(w.core, w.as.mentee, { checkpoint: 2, hours: 30, support: "s", progress: "p" })),
      ),
    ).toContain("opens on");
  });
});

describe("stipends", () => {
  it("one payment per passed stipend checkpoint, however often or concurrently the evaluation is saved", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 1);
    expect(await db.prisma.stipendPayment.count()).toBe(0);
    w.clock.set(insideWindow(2));
    await Promise.all(
      [1, 2, 3].map((i) => submitEvaluation(w.core, w.as.mentor, "@ada", { ...evaluation(2), report: `save ${i}` })),
    );
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2));
    const payments = await db.prisma.stipendPayment.findMany();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 150_000, status: "pending_approval" });
    // Created at the use case's time, not the database's: the ledger and reminders read it.
    expect(payments[0]?.createdAt).toEqual(w.clock.now());
    expect(await db.prisma.outboxMessage.count({ where: { kind: "stipend_created" } })).toBe(1);
    // The stipend's message says the midterm passed: no second message saying only that (the first
    // checkpoint, which pays nothing, has its own).
    const passed = await db.prisma.outboxMessage.findMany({ where: { kind: "evaluation_passed" } });
    expect(passed.map((m) => (m.payload as { event: { checkpoint: string } }).event.checkpoint)).toEqual([
      "First evaluation",
    ]);
  });

  it("a payment is approved or declined once, and paid only when approved", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 2);
    const payment = await db.prisma.stipendPayment.findFirstOrThrow();
    expect(text(await refusal(markPaid(w.core, w.as.administrator, payment.id, "REF")))).toContain(
      "Only an approved payment",
    );
    await decidePayment(w.core, w.as.administrator, payment.id, { approve: true });
    expect(
      text(await refusal(decidePayment(w.core, w.as.administrator, payment.id, { approve: false, reason: "x" }))),
    ).toContain("approved already");
    await markPaid(w.core, w.as.administrator, payment.id, "REF-1");
    expect(text(await refusal(markPaid(w.core, w.as.administrator, payment.id, "REF-2")))).toContain("REF-1");
    const told = await db.prisma.outboxMessage.findMany({
      where: { personId: w.as.mentee.personId, kind: { startsWith: "stipend_" } },
      orderBy: { createdAt: "asc" },
    });
    expect(told.map((m) => m.kind)).toEqual(["stipend_created", "stipend_approved", "stipend_paid"]);
  });

  it("the amount follows the country table, clamped to the project's minimum and maximum", () => {
    const project = {
      stipendBaseCents: 300_000,
      adjustByCountry: true,
      stipendMinCents: 100_000,
      stipendMaxCents: 250_000,
    };
    const table = { IN: 60, BR: 20 };
    expect(stipendFor(project, table, "in")).toBe(180_000);
    expect(stipendFor(project, table, "BR")).toBe(100_000);
    expect(stipendFor(project, table, "DE")).toBe(250_000);
    expect(stipendFor({ ...project, adjustByCountry: false }, table, "IN")).toBe(250_000);
  });
});

describe("completion", () => {
  async function readyExceptOne(missing: "final" | "plan" | "survey") {
    const enrollment = await enrollAda(w);
    await passCheckpoints(w, 3);
    w.clock.set(insideWindow(4));
    if (missing !== "plan") {
      for (const item of await db.prisma.planItem.findMany({ where: { enrollmentId: enrollment.id } }))
        await markPlanItemDone(w.core, w.as.mentee, item.id);
    }
    if (missing !== "survey")
      await submitSurvey(w.core, w.as.mentee, { overall: 5, mentorSupport: 5, wouldRecommend: true, comments: "" });
    if (missing !== "final") await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(4));
    return db.prisma.enrollment.findUniqueOrThrow({
      where: { id: enrollment.id },
      include: { letter: true, application: true },
    });
  }

  it.each(["final", "plan", "survey"] as const)("is refused while the %s is missing", async (missing) => {
    const enrollment = await readyExceptOne(missing);
    expect(enrollment.status).toBe("active");
    expect(enrollment.letter).toBeNull();
  });

  it("the survey is refused before its form opens, until the final evaluation opens", async () => {
    await enrollAda(w);
    await expect(surveyToOpen(w.core, w.as.mentee)).rejects.toThrow(/opens with the final evaluation/);
    w.clock.set(insideWindow(4));
    await expect(surveyToOpen(w.core, w.as.mentee)).resolves.toBeDefined();
  });

  it("plan items fall due inside the term", async () => {
    const enrollment = await enrollAda(w);
    const add = (dueAt: Date) => addPlanItem(w.core, w.as.mentor, enrollment.id, { kind: "task", title: "t", dueAt });
    await expect(add(new Date("2020-01-01T00:00:00Z"))).rejects.toThrow(/inside the term/);
    await expect(add(new Date(enrollment.endAt.getTime() + DAY))).rejects.toThrow(/inside the term/);
    await add(dueOf(2));
  });

  it("issues a verifiable letter once the final evaluation passed, the plan is done and the survey is in", async () => {
    const before = await readyExceptOne("plan");
    await addPlanItem(w.core, w.as.mentor, before.id, { kind: "milestone", title: "Ship it", dueAt: dueOf(4) });
    for (const item of await db.prisma.planItem.findMany({ where: { enrollmentId: before.id } }))
      await markPlanItemDone(w.core, w.as.mentee, item.id);
    const done = await db.prisma.enrollment.findUniqueOrThrow({
      where: { id: before.id },
      include: { letter: true, application: true },
    });
    expect(done.status).toBe("completed");
    expect(done.application.status).toBe("graduated");
    expect(done.letter?.code).toMatch(/^LOC(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect((await verifyLetter(w.core, done.letter!.code.toLowerCase()))?.enrollment.mentee.displayName).toBe("ada");
    expect(await verifyLetter(w.core, "LOC-AAAA-AAAA-AAAA-AAAA")).toBeNull();
  });
});

describe("notifications", () => {
  const kinds = async (personId: string, kind: string) => db.prisma.outboxMessage.count({ where: { personId, kind } });
  // A rehearsal's clock stands still between commands: a key made of the instant told only the first happening.
  it("tell every happening of an event that can happen again, even at the same instant", async () => {
    // Sent back, submitted again, verified: the mentor hears of both submissions, the mentee of both reviews.
    await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: false, comment: "Link the thread" });
    await submitTask(w.core, w.as.mentee, w.ids.task, "https://example.org/2");
    await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
    expect(await kinds(w.as.mentor.personId, "task_submitted")).toBe(2);
    // The second says it answers the send-back (both were written at the same instant: in either order).
    const submitted = await db.prisma.outboxMessage.findMany({ where: { kind: "task_submitted" } });
    const answering = submitted.map((m) => (m.payload as { event: { sentBackWith?: string } }).event.sentBackWith);
    expect(answering).toHaveLength(2);
    expect(answering).toEqual(expect.arrayContaining([undefined, "Link the thread"]));
    expect(await kinds(w.as.mentee.personId, "task_reviewed")).toBe(2);
    // A mentor request declined, asked again and approved: two requests, two decisions.
    const mia = await w.actor("mia");
    await saveMentorProfile(w.core, mia, { bio: "b", expertise: ["c"], timeZone: "UTC", capacity: 1 });
    for (const approve of [false, true]) {
      await requestToMentor(w.core, mia, "kernel-docs");
      await decideMentorRequest(w.core, w.as.administrator, w.ids.project, mia.personId, approve);
    }
    expect(await kinds(w.as.administrator.personId, "mentor_request")).toBe(2);
    expect(await kinds(mia.personId, "mentor_decision")).toBe(2);
    const request = await db.prisma.projectMentor.findFirstOrThrow({ where: { personId: mia.personId } });
    expect(request.requestedAt).toEqual(w.clock.now());
  });

  it("tell each of two extensions recorded at the same instant", async () => {
    await enrollAda(w);
    w.clock.set(insideWindow(1));
    await extend(w.core, w.as.administrator, "@ada", 1);
    await extend(w.core, w.as.administrator, "@ada", 1);
    expect(await kinds(w.as.mentee.personId, "enrollment_extended")).toBe(2);
  });
});

describe("identity", () => {
  it("links a second platform's identity to the same person with a one-time code", async () => {
    const { code } = await createLinkCode(w.core, w.as.mentee);
    const slackAda = await resolveActor(w.core, { platform: "slack", externalId: "U0ADA", displayName: "Ada L." });
    await redeemLinkCode(w.core, slackAda, code);
    const identities = await db.prisma.identity.findMany({ where: { personId: w.as.mentee.personId } });
    expect(identities.map((i) => i.platform).sort()).toEqual(["console", "slack"]);
    const other = await resolveActor(w.core, { platform: "slack", externalId: "U0BOB", displayName: "Bob" });
    expect(text(await refusal(redeemLinkCode(w.core, other, code)))).toContain("unknown, used or expired");
    // An account with its own history cannot be merged away.
    const { code: second } = await createLinkCode(w.core, w.as.mentee);
    await saveMenteeProfile(w.core, other, {
      skills: ["x"],
      interests: [],
      links: [],
      country: "DE",
      timeZone: "UTC",
      availability: "full_time",
    });
    const discordBob = await resolveActor(w.core, { platform: "discord", externalId: "999", displayName: "Bob" });
    await saveMenteeProfile(w.core, discordBob, {
      skills: ["x"],
      interests: [],
      links: [],
      country: "DE",
      timeZone: "UTC",
      availability: "full_time",
    });
    expect(text(await refusal(redeemLinkCode(w.core, discordBob, second)))).toContain("cannot be merged");
  });
});
