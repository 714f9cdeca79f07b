import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../../src/core/errors.js";
import { paymentAmount, stipendSchedule, unpaidReminderDays } from "../../../src/core/rules/stipend-schedule.js";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const checkpoint = (number: number, stipendPercent: number, due: string) => ({
  checkpointId: `c${number}`,
  dueAt: at(due),
  checkpoint: { name: `Checkpoint ${number}`, number, stipendPercent },
});
// Listed out of order, as a query may return them: the schedule is in checkpoint order.
const checkpoints = [
  checkpoint(4, 50, "2027-05-24"),
  checkpoint(1, 0, "2027-03-22"),
  checkpoint(2, 50, "2027-04-12"),
  checkpoint(3, 0, "2027-05-03"),
];
const payment = (checkpointId: string, extra: Partial<Parameters<typeof stipendSchedule>[0]["payments"][number]>) => ({
  checkpointId,
  amountCents: 150_000,
  currency: "USD",
  status: "pending_approval" as const,
  createdAt: at("2027-04-10"),
  decidedAt: null,
  declineReason: null,
  paidAt: null,
  paidReference: null,
  ...extra,
});
const enrollment = (status: string, payments: ReturnType<typeof payment>[] = []) => ({
  status,
  stipendCents: 300_001,
  currency: "USD",
  checkpoints,
  payments,
});

describe("a mentee's stipend schedule", () => {
  it("lists each stipend checkpoint in order with its expected date and amount, waiting for its evaluation", () => {
    expect(stipendSchedule(enrollment("active"))).toEqual([
      {
        checkpoint: "Checkpoint 2",
        expectedAt: at("2027-04-12"),
        amountCents: 150_001,
        currency: "USD",
        state: "waiting_for_evaluation",
      },
      {
        checkpoint: "Checkpoint 4",
        expectedAt: at("2027-05-24"),
        amountCents: 150_001,
        currency: "USD",
        state: "waiting_for_evaluation",
      },
    ]);
  });

  it("shows a payment's state: pending approval, approved, paid with its reference, declined with its reason", () => {
    const states = (p: ReturnType<typeof payment>) =>
      stipendSchedule(enrollment("active", [p])).map(({ checkpoint, expectedAt, currency, ...rest }) => rest);
    expect(states(payment("c2", {}))[0]).toEqual({
      amountCents: 150_000,
      state: "pending_approval",
      since: at("2027-04-10"),
    });
    expect(states(payment("c2", { status: "approved", decidedAt: at("2027-04-11") }))[0]).toEqual({
      amountCents: 150_000,
      state: "approved",
      approvedAt: at("2027-04-11"),
    });
    const paid = payment("c2", { status: "paid", paidAt: at("2027-04-20"), paidReference: "WIRE-7" });
    expect(states(paid)[0]).toEqual({
      amountCents: 150_000,
      state: "paid",
      paidAt: at("2027-04-20"),
      reference: "WIRE-7",
    });
    const declined = payment("c2", { status: "declined", declineReason: "Duplicate." });
    expect(states(declined)[0]).toEqual({ amountCents: 150_000, state: "declined", reason: "Duplicate." });
    // The checkpoint without a payment still waits for its evaluation.
    expect(states(declined)[1]?.state).toBe("waiting_for_evaluation");
  });

  it("says a checkpoint will not be paid once the enrollment ended before it", () => {
    const failed = stipendSchedule(enrollment("failed", [payment("c2", { status: "paid", paidReference: "W" })]));
    expect(failed.map((p) => p.state)).toEqual(["paid", "not_due"]);
    expect(failed[1]).toMatchObject({ state: "not_due", enrollmentStatus: "failed" });
  });

  it("computes a payment's amount as its checkpoint's share of the stipend, rounded to a cent", () => {
    expect(paymentAmount(300_001, 50)).toBe(150_001);
    expect(paymentAmount(100_000, 33)).toBe(33_000);
    expect(paymentAmount(99_999, 50)).toBe(50_000);
  });
});

describe("the reminder period for payments approved and not paid", () => {
  it("is a whole number of days from 1 to 90", () => {
    expect(unpaidReminderDays("14")).toBe(14);
    expect(unpaidReminderDays(" 1 ")).toBe(1);
    expect(unpaidReminderDays("90")).toBe(90);
    for (const bad of ["0", "91", "1.5", "-3", "two", ""]) {
      expect(() => unpaidReminderDays(bad), bad).toThrow(InvalidInput);
    }
  });
});
