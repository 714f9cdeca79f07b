// Eligibility (LFX's rules, each program's settings) and how an enrollment ends: each rule with a test that
// fails if it breaks, on the real database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accept, apply, withdraw } from "../../src/core/applications.js";
import type { Actor } from "../../src/core/context.js";
import { InvalidInput, Refusal } from "../../src/core/errors.js";
import { endEnrollmentEarly } from "../../src/core/enrollments.js";
import { createTerm, setApplicationsState, setEligibility } from "../../src/core/programs.js";
import { enrollProject } from "../../src/core/projects.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { acceptAda, buildWorld, DAY, enrollAda, passCheckpoints, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InvalidInput) return Object.values(error.fieldErrors).join(" ");
  if (error instanceof Refusal) return String(error.words);
  throw new Error(`expected a refusal, got ${String(error)}`);
}

const application = { motivation: "m", experience: "e", links: [], availability: "full_time" as const };

/** A 12-week term of `program` whose applications open on `opens` and that starts on `starts`. */
async function term(program: string, name: string, opens: string, starts: string, administrator: Actor) {
  const at = (day: string) => new Date(`${day}T00:00:00Z`);
  const startAt = at(starts);
  const created = await createTerm(w.core, administrator, program, {
    name,
    kind: "full_time",
    applicationsOpenAt: at(opens),
    applicationsCloseAt: new Date(startAt.getTime() - 28 * DAY),
    selectionAt: new Date(startAt.getTime() - 7 * DAY),
    startAt,
    endAt: new Date(startAt.getTime() + 84 * DAY),
  });
  return created.term;
}

async function project(termRef: string, slug: string, administrator: Actor) {
  return enrollProject(w.core, administrator, termRef, {
    slug,
    name: slug,
    description: "d",
    skills: [],
    slots: 2,
    stipendBaseCents: 100_000,
    currency: "USD",
    adjustByCountry: false,
    mentors: ["@kelsey"],
  });
}

/** Opens a term's applications at its own opening date (the clock moves there). */
async function open(termRef: string, opensAt: Date, administrator: Actor) {
  if (w.clock.now() < opensAt) w.clock.set(opensAt.toISOString());
  await setApplicationsState(w.core, administrator, termRef, "open");
}

describe("eligibility", () => {
  it("a new program has LFX's settings", async () => {
    const program = await db.prisma.program.findUniqueOrThrow({ where: { slug: "lfx" } });
    expect(program).toMatchObject({ allowReturningMentees: false, oneMentorshipAtATime: true, applicationsPerTerm: 3 });
  });

  it("a person once accepted as a mentee of the program cannot apply to it again, unless it allows that", async () => {
    const grace = w.as.administrator;
    const fall = await term("lfx", "2027-fall", "2027-06-07", "2027-08-02", grace);
    await project("lfx/2027-fall", "fall-docs", grace);
    // Ada is accepted in spring and ends early: she was accepted all the same.
    await enrollAda(w);
    await endEnrollmentEarly(w.core, grace, "@ada", "mentee_request", "Moved abroad");
    await open("lfx/2027-fall", fall.applicationsOpenAt, grace);
    expect(await refusal(apply(w.core, w.as.mentee, { ...application, project: "fall-docs" }))).toBe(
      "You were accepted as a mentee of LFX before (2027-spring, Kernel docs); " +
        "LFX accepts each person as a mentee once.",
    );
    // Bob applied in spring but was never accepted: he may apply again.
    await apply(w.core, w.as.otherMentee, { ...application, project: "fall-docs" });
    // Another program is another matter.
    const olga = w.as.otherAdministrator;
    const cncf = await term("cncf", "2027-fall", "2027-06-07", "2027-08-02", olga);
    await project("cncf/2027-fall", "cncf-docs", olga);
    await open("cncf/2027-fall", cncf.applicationsOpenAt, olga);
    await apply(w.core, w.as.mentee, { ...application, project: "cncf-docs" });

    await setEligibility(w.core, grace, "lfx", { allowReturningMentees: true });
    await apply(w.core, w.as.mentee, { ...application, project: "fall-docs" });
  });

  it("is checked again at acceptance: an application sent before the mentee was accepted elsewhere", async () => {
    const grace = w.as.administrator;
    // The fall term's applications open while spring's are still under review.
    const fall = await term("lfx", "2027-fall", "2027-01-20", "2027-08-02", grace);
    await project("lfx/2027-fall", "fall-docs", grace);
    await open("lfx/2027-fall", fall.applicationsOpenAt, grace);
    const early = await apply(w.core, w.as.mentee, { ...application, project: "fall-docs" });
    await acceptAda(w);
    w.clock.set(new Date(fall.applicationsCloseAt.getTime() + DAY).toISOString());
    await setApplicationsState(w.core, grace, "lfx/2027-fall", "closed");
    expect(await refusal(accept(w.core, grace, early.application.id))).toBe(
      "ada was accepted as a mentee of LFX before (2027-spring, Kernel docs); LFX accepts each person as a mentee " +
        "once. Its administrators can change that: /mentorship program eligibility lfx returning-mentees allowed.",
    );
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: early.application.id } })).status).toBe(
      "pending",
    );
  });

  it("one mentorship at a time across programs, while the ongoing one lasts into the new term", async () => {
    const olga = w.as.otherAdministrator;
    // CNCF's term overlaps LFX's spring term (1 March to 24 May).
    const cncf = await term("cncf", "2027-spring", "2027-01-13", "2027-03-15", olga);
    await project("cncf/2027-spring", "cncf-docs", olga);
    await project("cncf/2027-spring", "cncf-ops", olga);
    await open("cncf/2027-spring", cncf.applicationsOpenAt, olga);
    const early = await apply(w.core, w.as.mentee, { ...application, project: "cncf-docs" });
    await acceptAda(w);
    expect(await refusal(apply(w.core, w.as.mentee, { ...application, project: "cncf-ops" }))).toBe(
      "You are a mentee of LFX (Kernel docs) until 2027-05-24; a person holds one mentorship at a time. " +
        "Apply again for a term that starts after it ends.",
    );
    // Either program asking for it is enough: CNCF allowing several does not release LFX's mentee.
    await setEligibility(w.core, olga, "cncf", { oneMentorshipAtATime: false });
    expect(await refusal(apply(w.core, w.as.mentee, { ...application, project: "cncf-ops" }))).toContain(
      "one mentorship at a time",
    );
    w.clock.set(new Date(cncf.applicationsCloseAt.getTime() + DAY).toISOString());
    await setApplicationsState(w.core, olga, "cncf/2027-spring", "closed");
    expect(await refusal(accept(w.core, olga, early.application.id))).toBe(
      "ada is a mentee of LFX (Kernel docs) until 2027-05-24; a person holds one mentorship at a time.",
    );
    await setEligibility(w.core, w.as.administrator, "lfx", { oneMentorshipAtATime: false });
    const { enrollment } = await accept(w.core, olga, early.application.id);
    expect(enrollment.menteeId).toBe(w.as.mentee.personId);
  });

  it("an enrollment that ends before the new term starts does not stand in the way", async () => {
    const olga = w.as.otherAdministrator;
    const later = await term("cncf", "2027-summer", "2027-01-13", "2027-06-07", olga);
    await project("cncf/2027-summer", "cncf-docs", olga);
    await open("cncf/2027-summer", later.applicationsOpenAt, olga);
    await acceptAda(w);
    await apply(w.core, w.as.mentee, { ...application, project: "cncf-docs" });
  });

  it("applications per term follow the program's setting, withdrawn ones not counted", async () => {
    const grace = w.as.administrator;
    await setEligibility(w.core, grace, "lfx", { applicationsPerTerm: 1 });
    expect(await refusal(apply(w.core, w.as.otherMentee, { ...application, project: "kernel-docs" }))).toBe(
      "You have 1 application in 2027-spring; LFX allows at most 1 per term. Withdraw one to apply here.",
    );
    await withdraw(w.core, w.as.otherMentee, "k8s-ops");
    await apply(w.core, w.as.otherMentee, { ...application, project: "kernel-docs" });
  });

  it("only the program's administrators change its settings", async () => {
    for (const actor of [w.as.mentor, w.as.mentee, w.as.otherAdministrator]) {
      expect(await refusal(setEligibility(w.core, actor, "lfx", { applicationsPerTerm: 5 }))).toBe(
        "Only administrators of LFX can change its eligibility settings.",
      );
    }
    expect((await db.prisma.program.findUniqueOrThrow({ where: { slug: "lfx" } })).applicationsPerTerm).toBe(3);
  });
});

describe("ending an enrollment", () => {
  it("an accepted mentee cannot withdraw on their own", async () => {
    await acceptAda(w);
    w.clock.set("2027-02-22T10:00:00Z"); // once the selection is announced: before, see rules.db.test.ts
    expect(await refusal(withdraw(w.core, w.as.mentee, "kernel-docs"))).toBe(
      "You are accepted into Kernel docs, so you cannot withdraw on your own: " +
        "an administrator of LFX can end your enrollment at your request. Ask them.",
    );
    const enrollment = await db.prisma.enrollment.findFirstOrThrow({ include: { application: true } });
    expect([enrollment.status, enrollment.application.status]).toEqual(["onboarding", "accepted"]);
  });

  it.each([
    ["mentee_request", "withdrawn", "at the mentee's request"],
    ["non_performance", "terminated", "for non-performance"],
  ] as const)(
    "an administrator ends it (%s): application withdrawn, payments declined, mentee and mentors told",
    async (why, status, words) => {
      const enrollment = await enrollAda(w);
      await passCheckpoints(w, 2);
      await endEnrollmentEarly(w.core, w.as.administrator, "@ada", why, "Took a full-time job");
      const ended = await db.prisma.enrollment.findUniqueOrThrow({
        where: { id: enrollment.id },
        include: { application: true, payments: true },
      });
      expect(ended).toMatchObject({ status, endReason: "Took a full-time job" });
      expect(ended.application.status).toBe("withdrawn");
      expect(ended.payments.map((p) => p.status)).toEqual(["declined"]);
      expect(ended.payments[0]?.declineReason).toBe(`The enrollment was ended ${words}: Took a full-time job`);
      const told = await db.prisma.outboxMessage.findMany({ where: { kind: "enrollment_ended" } });
      const readers = told.map((m) => [m.personId, (m.payload as { event: { reader: string } }).event.reader]);
      expect(readers).toEqual(
        expect.arrayContaining([
          [w.as.mentee.personId, "mentee"],
          [w.as.mentor.personId, "mentor"],
        ]),
      );
      expect(told).toHaveLength(2);
      expect(await refusal(endEnrollmentEarly(w.core, w.as.administrator, "@ada", why, "again"))).toBe(
        `ada's enrollment is ${status} already.`,
      );
      const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "enrollment.ended" } });
      expect(audit.details).toEqual({ why, reason: "Took a full-time job" });
    },
  );

  it("a mentor cannot end it, even of their own project", async () => {
    await enrollAda(w);
    expect(await refusal(endEnrollmentEarly(w.core, w.as.mentor, "@ada", "non_performance", "No show"))).toBe(
      "Only administrators of LFX can end enrollments.",
    );
  });
});
