// Reminders this issue added, with the real sweeps and dispatcher on a simulated clock: a stipend payment
// approved and not paid (once per payment, administrator and reminder period; the program sets the period),
// listed in the digest; and the mentors' own survey at the end of the term.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveredView } from "../../src/chat/notifications.js";
import { digestView } from "../../src/chat/digest-view.js";
import { programDigest } from "../../src/core/digest.js";
import { setUnpaidReminderDays } from "../../src/core/programs.js";
import { decidePayment, markPaid } from "../../src/core/stipends.js";
import { submitMentorSurvey } from "../../src/core/surveys.js";
import { dispatch, type OutgoingMessage } from "../../src/scheduler/dispatcher.js";
import { sweep } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { buildWorld, DAY, dueOf, enrollAda, insideWindow, passCheckpoints, type World } from "../support/world.js";

const HOUR = 3_600_000;
let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

const options = { escalateAfterHours: 48 };
const at = (from: Date, ms: number) => new Date(from.getTime() + ms);

/** ada's midterm payment, approved by grace at 10:00 UTC (daytime for everyone, who live in UTC). */
async function approvedMidterm(): Promise<{ paymentId: string; approvedAt: Date }> {
  await enrollAda(w);
  await passCheckpoints(w, 2);
  const payment = await db.prisma.stipendPayment.findFirstOrThrow();
  const approvedAt = at(insideWindow(2), 10 * HOUR);
  w.clock.set(approvedAt);
  await decidePayment(w.core, w.as.administrator, payment.id, { approve: true });
  return { paymentId: payment.id, approvedAt };
}

async function deliver(): Promise<OutgoingMessage[]> {
  const sent: OutgoingMessage[] = [];
  await dispatch(w.core, { platform: "console", send: async (m) => void sent.push(m) });
  return sent;
}

describe("a stipend payment approved and not paid", () => {
  it("is reminded to each administrator once per period after approval, 14 days by default, until paid", async () => {
    const { paymentId, approvedAt } = await approvedMidterm();
    await deliver();
    w.clock.set(at(approvedAt, 14 * DAY - 60_000));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(0);
    w.clock.set(at(approvedAt, 14 * DAY));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(1);
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(0);
    const sent = (await deliver()).filter((m) => m.kind === "stipend-unpaid");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.target).toBe("grace");
    expect(deliveredView(sent[0]!, "console").text).toBe(
      "The stipend payment of 1500.00 USD for ada (Midterm evaluation) was approved Fri 9 Apr 2027, 10:00 (UTC) " +
        "and is not marked paid yet: `/mentorship admin payments lfx`.",
    );
    // Delivered once: a later sweep and dispatch in the same period send nothing more.
    w.clock.set(at(approvedAt, 27 * DAY));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(0);
    expect((await deliver()).filter((m) => m.kind === "stipend-unpaid")).toHaveLength(0);
    // The next period brings the next reminder.
    w.clock.set(at(approvedAt, 28 * DAY));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(1);
    expect((await deliver()).filter((m) => m.kind === "stipend-unpaid")).toHaveLength(1);
    // Paid: no more.
    await markPaid(w.core, w.as.administrator, paymentId, "WIRE-1");
    w.clock.set(at(approvedAt, 42 * DAY));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(0);
    const deliveries = await db.prisma.reminderDelivery.count({ where: { message: { kind: "stipend-unpaid" } } });
    expect(deliveries).toBe(2);
  });

  it("is reminded after the period the program chose, and reaches every administrator", async () => {
    await setUnpaidReminderDays(w.core, w.as.administrator, "lfx", "3");
    await db.prisma.programAdministrator.create({
      data: { programId: w.ids.program, personId: w.as.operator.personId },
    });
    const { approvedAt } = await approvedMidterm();
    w.clock.set(at(approvedAt, 3 * DAY - 60_000));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(0);
    w.clock.set(at(approvedAt, 3 * DAY));
    expect((await sweep(w.core, options)).stipendsApprovedUnpaid).toBe(2);
  });

  it("is listed in the digest once the period has passed, with a button to mark it paid", async () => {
    const { paymentId, approvedAt } = await approvedMidterm();
    const unpaid = async () => (await programDigest(w.core, w.as.administrator, "lfx")).unpaid;
    w.clock.set(at(approvedAt, 14 * DAY - 60_000));
    expect(await unpaid()).toEqual([]);
    w.clock.set(at(approvedAt, 14 * DAY));
    expect(await unpaid()).toEqual([
      {
        mentee: "ada",
        project: "Kernel docs",
        paymentId,
        checkpoint: "Midterm evaluation",
        amountCents: 150_000,
        currency: "USD",
        approvedAt: approvedAt.toISOString(),
      },
    ]);
    const view = digestView(await programDigest(w.core, w.as.administrator, "lfx"), w.clock.now(), "UTC");
    expect(JSON.stringify(view)).toContain("Approved 14 days or more ago, not marked paid (1)");
    expect(view.sections?.flatMap((s) => s.buttons ?? [])).toContainEqual({
      label: "Mark paid",
      action: "stipend.paid",
      value: paymentId,
    });
  });
});

describe("the mentors' survey reminder", () => {
  it("reaches each mentor of a project whose mentee started, once, when the final checkpoint opens", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 3);
    const opens = new Date(dueOf(4).getTime() - 7 * DAY);
    w.clock.set(at(opens, -HOUR));
    expect((await sweep(w.core, options)).mentorSurveyPending).toBe(0);
    w.clock.set(at(opens, 10 * HOUR));
    // linus (kernel-docs, ada active), not kelsey (k8s-ops had no mentee).
    expect((await sweep(w.core, options)).mentorSurveyPending).toBe(1);
    expect((await sweep(w.core, options)).mentorSurveyPending).toBe(0);
    const sent = (await deliver()).filter((m) => m.kind === "mentor-survey");
    expect(sent.map((m) => m.target)).toEqual(["linus"]);
    expect(deliveredView(sent[0]!, "console").text).toContain(
      "`/mentorship mentor survey lfx/2027-spring/kernel-docs`",
    );
    await submitMentorSurvey(w.core, w.as.mentor, w.ids.project, {
      overall: 4,
      programSupport: 4,
      wouldMentorAgain: true,
      comments: "",
    });
    await db.prisma.outboxMessage.deleteMany({ where: { kind: "mentor-survey" } });
    // Sent: no reminder, even if the first one were forgotten.
    expect((await sweep(w.core, options)).mentorSurveyPending).toBe(0);
  });

  it("is not sent once the survey has closed", async () => {
    await enrollAda(w);
    const term = await db.prisma.term.findUniqueOrThrow({ where: { id: w.ids.term } });
    w.clock.set(at(term.endAt, 43 * DAY));
    expect((await sweep(w.core, options)).mentorSurveyPending).toBe(0);
  });
});
