// A whole term driven through the console adapter's scriptable mode with an
// injected clock, from program creation to letters of completion. It covers a
// failed evaluation, an extension, a withdrawal, a declined stipend payment, a
// full project and a mentee at the application cap. Shared by the test and
// the benchmark; its checks use vitest's expect, which works in both.
import { expect } from "vitest";
import type { ManualClock } from "../../src/core/clock.js";
import type { Database } from "../../src/store/database.js";
import type { TermDriver } from "../support/script.js";

const DAY = 86_400_000;
const START = Date.parse("2027-03-01T00:00:00Z");
export const SCENARIO_START = new Date("2027-01-04T10:00:00Z");
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const TERM_KINDS = [
  { kind: "full_time", weeks: [3, 6, 9, 12] },
  { kind: "part_time", weeks: [6, 12, 18, 24] },
] as const;

/** Runs the term; returns how many views the bot showed and the wall time of the conversation. */
/** `s` is a person at the console or in Slack, scripted (see TermDriver). */
export async function runWholeTerm(s: TermDriver, clock: ManualClock, db: Database, kind: "full_time" | "part_time") {
  const weeks = TERM_KINDS.find((k) => k.kind === kind)!.weeks;
  clock.set(SCENARIO_START);
  const due = (checkpoint: number, extraWeeks = 0) => START + (weeks[checkpoint - 1]! + extraWeeks) * 7 * DAY;
  /** A moment inside a checkpoint's window: the day after it opens. */
  const during = (checkpoint: number, extraWeeks = 0) =>
    clock.set(new Date(due(checkpoint, extraWeeks) - 6 * DAY + 10 * 3600_000));
  const started = performance.now();

  // Operator creates the program; Grace administers it.
  await s.ok("/mentorship program create", "lfx", "LFX Mentorship", "UTC", "@grace");
  await s.as("grace");
  await s.ok(
    "/mentorship term create lfx",
    "2027-spring",
    kind,
    "2027-01-11",
    "2027-02-08",
    "2027-02-22",
    "2027-03-01",
    "",
  );
  const term = await s.ok("/mentorship term show lfx/2027-spring");
  expect(term).toContain(`due ${new Date(due(4)).toUTCString().slice(0, 3)}`);
  expect(term).toContain("stipend 50%");
  await s.ok("/mentorship program stipend-table lfx IN=60 BR=70");

  const project = (slug: string, slots: string, mentor: string, base: string, adjust: string) =>
    s.ok(
      `/mentorship project add lfx/2027-spring`,
      slug,
      `Project ${slug}`,
      `Work on ${slug}.`,
      "c, git, docs",
      slots,
      mentor,
      base,
      "USD",
      adjust,
      "1000",
      "",
    );
  await project("kernel-docs", "1", "@linus", "3000", "yes");
  await project("k8s-ops", "2", "@kelsey", "6000", "no");
  await project("web-ui", "1", "@kelsey", "3000", "no");
  await project("rust-tools", "1", "@linus", "3000", "no");
  await s.ok("/mentorship project prerequisite kernel-docs", "Send a documentation patch", "2027-02-15", "yes");
  await s.ok("/mentorship project plan-item kernel-docs", "task", "Fix a typo in the docs", "1");
  await s.ok("/mentorship project plan-item kernel-docs", "milestone", "Rewrite one chapter", String(weeks[3]! - 2));
  await s.ok("/mentorship project plan-item k8s-ops", "task", "Run the test suite locally", "1");

  // A mentor asks to join a project; Grace approves with the button.
  await s.as("mia");
  await s.ok("/mentorship profile mentor", "Operator of clusters", "kubernetes, go", "Europe/Berlin", "2");
  await s.ok("/mentorship mentor request k8s-ops");
  await s.as("grace");
  await s.ok("/mentorship mentor requests");
  await s.pressOk("Approve", "mia");

  // Applications open.
  clock.set(at("2027-01-12"));
  await s.ok("/mentorship term open lfx/2027-spring");
  const profile = (name: string, country: string) =>
    s
      .as(name)
      .then(() =>
        s.ok(
          "/mentorship profile mentee",
          "c, git, docs",
          "kernels",
          "https://github.com/" + name,
          country,
          "UTC",
          kind,
        ),
      );
  await profile("ada", "IN");
  expect(await s.ok("/mentorship projects")).toContain("you match 3");
  await s.ok("/mentorship apply kernel-docs", "", "I love docs", "Wrote many", "", "");
  await s.ok("/mentorship apply k8s-ops", "", "Clusters!", "Homelab", "", "");
  await s.ok("/mentorship tasks");
  await s.pressOk("Submit", "Send a documentation patch", "https://example.org/patch/1");

  await profile("bob", "DE");
  for (const slug of ["kernel-docs", "k8s-ops", "web-ui"])
    await s.ok(`/mentorship apply ${slug}`, "", "Motivated", "Some", "", "");
  // The application cap: a fourth application in the term is refused.
  expect(await s.refused("/mentorship apply rust-tools", "", "Motivated", "Some", "", "")).toContain(
    "at most 3 per term",
  );
  await s.ok("/mentorship tasks");
  await s.pressOk("Submit", "kernel-docs", "https://example.org/patch/2");

  await profile("cy", "BR");
  await s.ok("/mentorship apply k8s-ops", "", "Motivated", "Some", "", "");
  await profile("dee", "US");
  await s.ok("/mentorship apply k8s-ops", "", "Motivated", "Some", "", "");
  await s.ok("/mentorship withdraw k8s-ops");
  // A withdrawn application frees its place under the cap.
  await s.ok("/mentorship apply web-ui", "", "Motivated", "Some", "", "");

  // Linus verifies the prerequisites of his project.
  await s.as("linus");
  const review = await s.ok("/mentorship applications kernel-docs");
  expect(review).toContain("ready for review");
  await s.pressOk("Verify", "ada");
  await s.ok("/mentorship applications kernel-docs");
  await s.pressOk("Verify", "bob");
  expect(s.directMessagesTo("ada").join(" ")).toContain("verified as completed");

  // Decisions wait for applications to close.
  await s.as("grace");
  await s.ok("/mentorship applications kernel-docs");
  expect(await s.pressRefused("Accept", "ada")).toContain("after applications to 2027-spring close");
  clock.set(at("2027-02-09"));
  await s.ok("/mentorship term close lfx/2027-spring");
  await s.ok("/mentorship applications kernel-docs");
  await s.pressOk("Accept", "ada");
  // The full project: one slot, taken.
  await s.ok("/mentorship applications kernel-docs");
  expect(await s.pressRefused("Accept", "bob")).toContain("is full: 1 of 1 slots");
  await s.ok("/mentorship applications k8s-ops");
  expect(await s.pressRefused("Accept", "ada")).toContain("already accepted into Project kernel-docs");
  await s.ok("/mentorship applications k8s-ops");
  await s.pressOk("Accept", "bob");
  await s.ok("/mentorship applications k8s-ops");
  await s.pressOk("Accept", "cy");
  await s.ok("/mentorship admin decline-remaining k8s-ops The project is full this term.");
  await s.ok("/mentorship applications web-ui pending");
  await s.pressOk("Decline", "dee", "We picked another applicant.");
  await s.ok("/mentorship admin decline-remaining kernel-docs The project is full this term.");
  await s.ok("/mentorship admin decline-remaining web-ui The project is full this term.");

  // Onboarding: every step confirmed makes the enrollment active.
  for (let i = 0; i < 6; i++) {
    await s.ok("/mentorship admin onboarding");
    await s.pressOk("Confirm");
  }
  expect(await s.ok("/mentorship admin onboarding")).toContain("Every accepted mentee is onboarded");

  // Decisions are announced on the selection date (22 Feb): until then applicants hear nothing of them, and
  // their status says when they will.
  await s.deliverDue();
  expect(s.directMessagesTo("ada").join(" ")).not.toContain("The project is full this term.");
  expect(s.directMessagesTo("dee").join(" ")).not.toContain("We picked another applicant.");
  await s.as("ada");
  const waiting = await s.ok("/mentorship status");
  expect(waiting).toContain("the decision is announced Mon 22 Feb 2027");
  expect(waiting).not.toContain("accepted");
  clock.set(at("2027-02-22"));
  await s.deliverDue();
  expect(s.directMessagesTo("ada").join(" ")).toContain("The project is full this term.");
  expect(s.directMessagesTo("dee").join(" ")).toContain("We picked another applicant.");
  expect(await s.ok("/mentorship status")).toContain("Enrollment in Project kernel-docs: active");

  // Checkpoint 1: passes, and a failed evaluation that ends cy's enrollment.
  during(1);
  await s.as("linus");
  expect(await s.refused("/mentorship evaluate @bob")).toContain("Only bob's mentors can evaluate them.");
  const evaluate = (mentee: string, outcome: string, extend = "") =>
    s.ok(
      `/mentorship evaluate @${mentee}`,
      "",
      "4",
      "4",
      "4",
      dateOf(clock.now().getTime() - DAY),
      "Good work.",
      outcome,
      extend,
    );
  await evaluate("ada", "pass");
  await s.as("ada");
  await s.ok("/mentorship self-report", "", "30", "Weekly calls", "First chapter drafted");
  await s.as("kelsey");
  await evaluate("bob", "pass");
  await evaluate("cy", "fail");
  expect(s.directMessagesTo("cy").join(" ")).toContain("has ended (failed)");

  // Checkpoint 2 (the first stipend): ada passes, bob is extended by two weeks.
  during(2);
  await s.as("linus");
  await evaluate("ada", "pass");
  await evaluate("ada", "pass"); // saved again: still one payment
  await s.as("kelsey");
  await evaluate("bob", "extend", "2");
  expect(await s.refused("/mentorship evaluate @cy")).toContain("failed");
  await s.as("grace");
  const payments = await s.ok("/mentorship admin payments lfx");
  // ada: 3000 USD × 60 % (India) = 1800, half at the midterm.
  expect(payments).toContain("900.00 USD: pending approval");
  expect(payments.match(/pending approval/g)).toHaveLength(1);
  await s.pressOk("Approve", "ada");
  await s.ok("/mentorship admin payments lfx approved");
  await s.pressOk("Mark paid", "ada", "BANK-001");
  expect(s.directMessagesTo("ada").join(" ")).toContain("Reference: BANK-001");

  // bob's checkpoint 2 moved by two weeks: closed at its old date, open at the new one.
  await s.as("kelsey");
  during(2, 2);
  await evaluate("bob", "pass");
  await s.as("grace");
  await s.ok("/mentorship admin payments lfx pending");
  await s.pressOk("Decline", "bob", "Bank details missing; send them to finance.");
  expect(s.directMessagesTo("bob").join(" ")).toContain("Bank details missing");
  await s.ok("/mentorship admin ledger lfx");
  const ledger = s.lastFile().toString("utf8");
  expect(ledger.split("\r\n")[0]).toBe(
    "\uFEFFpayment_id,term,project,mentee,checkpoint,amount,currency,status,decided_at,paid_at,reference",
  );
  expect(ledger).toMatch(/,ada,Midterm evaluation,900\.00,USD,paid,.*,BANK-001\r\n/);

  // Checkpoints 3 and 4, the plan, the survey, the letters.
  during(3);
  await s.as("linus");
  await evaluate("ada", "pass");
  during(3, 2);
  await s.as("kelsey");
  await evaluate("bob", "pass");
  during(4);
  await s.as("ada");
  await s.ok("/mentorship plan");
  await s.pressOk("Mark done", "Fix a typo");
  await s.ok("/mentorship plan");
  await s.pressOk("Mark done", "Rewrite one chapter");
  await s.ok("/mentorship survey", "5", "5", "yes", "Thank you!");
  expect(await s.refused("/mentorship letter")).toContain("no Letter of Completion yet");
  await s.as("linus");
  await evaluate("ada", "pass");
  await s.as("ada");
  const letter = await s.ok("/mentorship letter");
  const code = /LOC(-[0-9A-Z]{4}){4}/.exec(letter)?.[0];
  expect(code).toBeDefined();
  const pdf = s.lastFile();
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

  during(4, 2);
  await s.as("bob");
  await s.ok("/mentorship plan");
  await s.pressOk("Mark done", "Run the test suite");
  await s.ok("/mentorship survey", "4", "5", "yes", "");
  await s.as("kelsey");
  await evaluate("bob", "pass");
  await s.as("bob");
  expect(await s.ok("/mentorship status")).toContain("Letter of Completion");

  // Anyone can verify a letter.
  await s.as("stranger");
  expect(await s.ok(`/mentorship verify ${code}`)).toContain("Valid: ada completed Project kernel-docs");
  await s.refused("/mentorship verify LOC-0000-0000-0000-0000");

  // The administrators' records, as files on each platform.
  await s.as("grace");
  await s.ok("/mentorship admin export applications lfx graduated");
  const graduated = s.lastFile().toString("utf8").split("\r\n");
  expect(graduated[0]).toMatch(/^\uFEFFapplication_id,term,project,mentee,status,/);
  expect(
    graduated
      .slice(1, -1)
      .map((row) => /,(ada|bob),graduated,/.exec(row)?.[1])
      .sort(),
  ).toEqual(["ada", "bob"]);
  await s.ok("/mentorship admin export surveys lfx");
  // The mentees' answers come last; the program's surveys are anonymous (the default), so without names.
  const surveys = s.lastFile().toString("utf8");
  expect(surveys).toMatch(/^\uFEFFterm,mentee,project,submitted_at,overall,/);
  expect(surveys).toMatch(/,,,,5,5,yes,Thank you!/);
  expect(surveys).not.toContain("ada");

  const elapsedMs = performance.now() - started;

  // What the database holds at the end agrees with the conversation.
  const enrollments = await db.prisma.enrollment.findMany({ include: { mentee: true, payments: true } });
  const byName = Object.fromEntries(enrollments.map((e) => [e.mentee.displayName, e]));
  expect(byName.ada?.status).toBe("completed");
  expect(byName.bob?.status).toBe("completed");
  expect(byName.bob?.extensionWeeks).toBe(2);
  expect(byName.cy?.status).toBe("failed");
  expect(byName.cy?.payments).toEqual([]);
  expect(byName.ada?.payments.map((p) => p.status).sort()).toEqual(["paid", "pending_approval"]);
  expect(byName.bob?.payments.map((p) => p.status).sort()).toEqual(["declined", "pending_approval"]);
  const statuses = await db.prisma.application.groupBy({ by: ["status"], _count: true });
  expect(Object.fromEntries(statuses.map((g) => [g.status, g._count]))).toEqual({
    graduated: 2,
    accepted: 1,
    declined: 4,
    withdrawn: 1,
  });
  return { views: s.viewsSeen, elapsedMs };
}
