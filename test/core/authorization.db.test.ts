// Every action against every kind of person: allowed, or refused with a
// sentence saying why, and then nothing changed (no audit entry written).
import { describe, expect, it } from "vitest";
import {
  accept,
  applicationsToReview,
  decline,
  reviewTask,
  submitTask,
  withdraw,
} from "../../src/core/applications.js";
import type { Actor } from "../../src/core/context.js";
import { InvalidInput, Refusal } from "../../src/core/errors.js";
import {
  confirmOnboardingStep,
  extend,
  markPlanItemDone,
  menteesOf,
  submitSurvey,
  endEnrollmentEarly,
  revokeLetter,
  writeGraduationNote,
} from "../../src/core/enrollments.js";
import { submitEvaluation, submitSelfReport } from "../../src/core/evaluations.js";
import { saveMentorProfile } from "../../src/core/people.js";
import { programDigest } from "../../src/core/digest.js";
import { applicationsForExport, evaluationsForExport, surveysForExport } from "../../src/core/exports.js";
import {
  addAdministrator,
  createProgram,
  createTerm,
  setApplicationsState,
  setDigestChannel,
  setSurveyAnonymity,
  setUnpaidReminderDays,
  setEligibility,
} from "../../src/core/programs.js";
import { submitMentorSurvey, surveyAnswers } from "../../src/core/surveys.js";
import {
  addPlanTemplateItem,
  addPrerequisite,
  decideMentorRequest,
  enrollProject,
  requestToMentor,
} from "../../src/core/projects.js";
import { decidePayment, listPayments, markPaid } from "../../src/core/stipends.js";
import { testDatabase } from "../support/database.js";
import {
  acceptAda,
  buildWorld,
  enrollAda,
  evaluation,
  insideWindow,
  passCheckpoints,
  ROLES,
  type Role,
  type World,
} from "../support/world.js";

type Stage = (w: World) => Promise<void>;
const applied: Stage = async () => {};
const closedWithTaskDone: Stage = async (w) => {
  await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
  w.clock.set("2027-02-09T10:00:00Z");
  await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
};
const accepted: Stage = async (w) => void (await acceptAda(w));
const active: Stage = async (w) => {
  await enrollAda(w);
  w.clock.set(insideWindow(1));
};
const paymentPending: Stage = async (w) => {
  await enrollAda(w);
  await passCheckpoints(w, 2);
};
const paymentApproved: Stage = async (w) => {
  await paymentPending(w);
  await decidePayment(w.core, w.as.administrator, await paymentId(w), { approve: true });
};
const finalOpen: Stage = async (w) => {
  await enrollAda(w);
  await passCheckpoints(w, 3);
  w.clock.set(insideWindow(4));
};
const completed: Stage = async (w) => {
  await finalOpen(w);
  for (const item of await w.core.db.prisma.planItem.findMany()) await markPlanItemDone(w.core, w.as.mentee, item.id);
  await submitSurvey(w.core, w.as.mentee, { overall: 5, mentorSupport: 5, wouldRecommend: true, comments: "" });
  await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(4));
};

const paymentId = async (w: World) => (await w.core.db.prisma.stipendPayment.findFirstOrThrow()).id;
const onboardingStepId = async (w: World) =>
  (
    await w.core.db.prisma.onboardingStep.findFirstOrThrow({
      where: { enrollment: { menteeId: w.as.mentee.personId } },
      orderBy: { position: "asc" },
    })
  ).id;
const planItemId = async (w: World) =>
  (await w.core.db.prisma.planItem.findFirstOrThrow({ where: { enrollment: { menteeId: w.as.mentee.personId } } })).id;
const later = (days: number) => new Date(Date.parse("2028-01-01T00:00:00Z") + days * 86_400_000);

interface Case {
  action: string;
  stage: Stage;
  allowed: Role[];
  run(w: World, actor: Actor, role: Role): Promise<unknown>;
  /** Puts the target back between two allowed persons (e.g. a task verified by the first). */
  reset?(w: World): Promise<unknown>;
}

const cases: Case[] = [
  {
    action: "create a program",
    stage: applied,
    allowed: [],
    run: (w, a, role) =>
      createProgram(w.core, a, { slug: `p-${role.toLowerCase()}`, name: "P", timeZone: "UTC", administrators: ["@x"] }),
  },
  {
    action: "add an administrator",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) => addAdministrator(w.core, a, "lfx", "@newcomer"),
  },
  {
    action: "create a term",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a, role) =>
      createTerm(w.core, a, "lfx", {
        name: `t-${role.toLowerCase()}`,
        kind: "full_time",
        applicationsOpenAt: later(0),
        applicationsCloseAt: later(28),
        selectionAt: later(42),
        startAt: later(49),
        endAt: later(49 + 84),
      }),
  },
  {
    action: "enroll a project",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a, role) =>
      enrollProject(w.core, a, "lfx/2027-spring", {
        slug: `x-${role.toLowerCase()}`,
        name: "X",
        description: "d",
        skills: [],
        slots: 1,
        stipendBaseCents: 1,
        currency: "USD",
        adjustByCountry: false,
        mentors: [],
      }),
  },
  {
    action: "add a prerequisite",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) =>
      addPrerequisite(w.core, a, "kernel-docs", {
        name: "Read the guide",
        dueAt: new Date("2027-02-01T00:00:00Z"),
        evidenceRequired: false,
      }),
  },
  {
    action: "change the plan template",
    stage: applied,
    allowed: ["administrator", "mentor"],
    run: (w, a) => addPlanTemplateItem(w.core, a, "kernel-docs", { kind: "task", title: "T", dueWeek: 2 }),
  },
  {
    action: "close applications",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) => setApplicationsState(w.core, a, "lfx/2027-spring", "closed"),
  },
  {
    action: "see a project's applications",
    stage: applied,
    allowed: ["administrator", "mentor"],
    run: (w, a) => applicationsToReview(w.core, a, { project: "kernel-docs" }),
  },
  {
    action: "submit a prerequisite task",
    stage: applied,
    allowed: ["mentee"],
    run: (w, a) => submitTask(w.core, a, w.ids.task, "https://example.org/2"),
  },
  {
    action: "verify a prerequisite task",
    stage: applied,
    allowed: ["administrator", "mentor"],
    run: (w, a) => reviewTask(w.core, a, w.ids.task, { complete: true }),
    reset: (w) =>
      w.core.db.prisma.applicationTask.update({
        where: { id: w.ids.task },
        data: { status: "submitted", completedAt: null },
      }),
  },
  {
    action: "decide a mentor request",
    stage: async (w) => {
      const mia = await w.actor("mia");
      await saveMentorProfile(w.core, mia, { bio: "b", expertise: ["c"], timeZone: "UTC", capacity: 1 });
      await requestToMentor(w.core, mia, "kernel-docs");
    },
    allowed: ["administrator"],
    run: async (w, a) => decideMentorRequest(w.core, a, w.ids.project, (await w.actor("mia")).personId, true),
  },
  {
    action: "accept an application",
    stage: closedWithTaskDone,
    allowed: ["administrator"],
    run: (w, a) => accept(w.core, a, w.ids.application),
  },
  {
    action: "decline an application",
    stage: closedWithTaskDone,
    allowed: ["administrator"],
    run: (w, a) => decline(w.core, a, w.ids.application, "No"),
  },
  {
    action: "withdraw an application",
    stage: applied,
    allowed: ["mentee"],
    run: (w, a) => withdraw(w.core, a, "kernel-docs"),
  },
  {
    action: "confirm an onboarding step",
    stage: accepted,
    allowed: ["administrator"],
    run: async (w, a) => confirmOnboardingStep(w.core, a, await onboardingStepId(w)),
  },
  {
    action: "evaluate a mentee",
    stage: active,
    allowed: ["mentor"],
    run: (w, a) => submitEvaluation(w.core, a, "@ada", evaluation(1)),
  },
  {
    action: "send a self-report",
    stage: active,
    allowed: ["mentee"],
    run: (w, a) => submitSelfReport(w.core, a, { checkpoint: 1, hours: 20, support: "s", progress: "p" }),
  },
  {
    action: "mark a plan item done",
    stage: active,
    allowed: ["administrator", "mentor", "mentee"],
    run: async (w, a) => markPlanItemDone(w.core, a, await planItemId(w)),
    reset: async (w) =>
      w.core.db.prisma.planItem.update({ where: { id: await planItemId(w) }, data: { doneAt: null } }),
  },
  {
    action: "see the mentees of a term",
    stage: active,
    allowed: ["administrator"],
    run: (w, a) => menteesOf(w.core, a, "lfx/2027-spring"),
  },
  {
    action: "extend an enrollment",
    stage: active,
    allowed: ["administrator"],
    run: (w, a) => extend(w.core, a, "@ada", 1),
  },
  {
    action: "end an enrollment early",
    stage: active,
    allowed: ["administrator"],
    run: (w, a) => endEnrollmentEarly(w.core, a, "@ada", "non_performance", "Stopped working"),
  },
  {
    action: "see stipend payments",
    stage: paymentPending,
    allowed: ["administrator"],
    run: (w, a) => listPayments(w.core, a, "lfx"),
  },
  {
    action: "approve a stipend payment",
    stage: paymentPending,
    allowed: ["administrator"],
    run: async (w, a) => decidePayment(w.core, a, await paymentId(w), { approve: true }),
  },
  {
    action: "decline a stipend payment",
    stage: paymentPending,
    allowed: ["administrator"],
    run: async (w, a) => decidePayment(w.core, a, await paymentId(w), { approve: false, reason: "No" }),
  },
  {
    action: "mark a stipend payment paid",
    stage: paymentApproved,
    allowed: ["administrator"],
    run: async (w, a) => markPaid(w.core, a, await paymentId(w), "REF"),
  },
  {
    action: "read the program's digest",
    stage: paymentPending,
    allowed: ["administrator"],
    run: (w, a) => programDigest(w.core, a, "lfx"),
  },
  {
    action: "export the program's applications",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) => applicationsForExport(w.core, a, "lfx"),
  },
  {
    action: "export the program's evaluations",
    stage: paymentPending,
    allowed: ["administrator"],
    run: (w, a) => evaluationsForExport(w.core, a, "lfx"),
  },
  {
    action: "export the program's feedback surveys",
    stage: finalOpen,
    allowed: ["administrator"],
    run: (w, a) => surveysForExport(w.core, a, "lfx"),
  },
  {
    action: "choose the digest channel",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) => setDigestChannel(w.core, a, "lfx", "mentors"),
  },
  {
    action: "change the program's eligibility settings",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) => setEligibility(w.core, a, "lfx", { applicationsPerTerm: 4 }),
  },
  {
    action: "write a graduation note",
    stage: completed,
    allowed: ["mentor"],
    run: (w, a) => writeGraduationNote(w.core, a, "@ada", "A fine term."),
  },
  {
    action: "revoke a Letter of Completion",
    stage: completed,
    allowed: ["administrator"],
    run: async (w, a) =>
      revokeLetter(w.core, a, (await w.core.db.prisma.letterOfCompletion.findFirstOrThrow()).code, "In error"),
  },
  {
    action: "send the feedback survey",
    stage: finalOpen,
    allowed: ["mentee"],
    run: (w, a) => submitSurvey(w.core, a, { overall: 5, mentorSupport: 5, wouldRecommend: true, comments: "" }),
  },
  {
    action: "send the mentor survey",
    stage: finalOpen,
    allowed: ["mentor"],
    run: (w, a) =>
      submitMentorSurvey(w.core, a, w.ids.project, {
        overall: 4,
        programSupport: 4,
        wouldMentorAgain: true,
        comments: "",
      }),
  },
  {
    action: "read the survey answers",
    stage: finalOpen,
    allowed: ["administrator"],
    run: (w, a) => surveyAnswers(w.core, a, "lfx"),
  },
  {
    action: "choose whether the surveys are anonymous",
    stage: applied,
    allowed: ["administrator"],
    run: (w, a) => setSurveyAnonymity(w.core, a, "lfx", false),
  },
  {
    action: "change when unpaid stipend payments are reminded",
    stage: paymentApproved,
    allowed: ["administrator"],
    run: (w, a) => setUnpaidReminderDays(w.core, a, "lfx", "7"),
  },
];

describe("authorization", () => {
  it.each(cases)("$action", async ({ stage, allowed, run, reset }) => {
    const db = await testDatabase();
    try {
      const w = await buildWorld(db);
      await stage(w);
      // Refused persons first, so each sees the target as it was.
      const order = [...ROLES.filter((r) => !allowed.includes(r)), ...ROLES.filter((r) => allowed.includes(r))];
      const outcomes: Record<string, string> = {};
      for (const role of order) {
        const auditBefore = await db.prisma.auditLog.count();
        const error = await run(w, w.as[role], role).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error === undefined) {
          outcomes[role] = "allowed";
          await reset?.(w);
          continue;
        }
        if (!(error instanceof Refusal) && !(error instanceof InvalidInput)) throw error;
        const sentence = error instanceof Refusal ? error.message : Object.values(error.fieldErrors).join(" ");
        expect(sentence, role).toMatch(/^[A-Z].{15,}[.!]$/s);
        expect(await db.prisma.auditLog.count(), `${role} changed something`).toBe(auditBefore);
        outcomes[role] =
          error instanceof Refusal && error.reason === "not_allowed" ? "refused: not allowed" : `refused: ${sentence}`;
      }
      const expected = Object.fromEntries(
        ROLES.map((r) => [r, allowed.includes(r) ? "allowed" : expect.stringMatching(/^refused: /)]),
      );
      expect(outcomes).toEqual(expected);
    } finally {
      await db.close();
    }
  });
});
