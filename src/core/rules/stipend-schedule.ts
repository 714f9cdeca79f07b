// A mentee's stipend schedule: each checkpoint that pays part of the stipend, when it is expected to be
// evaluated (the mentee's own dates, which an extension moves), the amount, and where its payment stands.
// International transfers take weeks, so mentees want to see this before they ask anyone.
import { InvalidInput } from "../errors.js";

/** The share of the mentee's stipend a checkpoint pays, in minor units (the payment is created with it). */
export const paymentAmount = (stipendCents: number, percent: number) => Math.round((stipendCents * percent) / 100);

export type ScheduledPaymentState =
  | { state: "waiting_for_evaluation" }
  | { state: "pending_approval"; since: Date }
  | { state: "approved"; approvedAt: Date | null }
  | { state: "paid"; paidAt: Date | null; reference: string }
  | { state: "declined"; reason: string }
  /** The enrollment ended before this checkpoint passed: no payment will come. */
  | { state: "not_due"; enrollmentStatus: string };

export type ScheduledPayment = {
  checkpoint: string;
  /** The mentee's due date for the checkpoint's evaluation. */
  expectedAt: Date;
  amountCents: number;
  currency: string;
} & ScheduledPaymentState;

interface EnrollmentStipend {
  status: string;
  stipendCents: number;
  currency: string;
  checkpoints: readonly {
    checkpointId: string;
    dueAt: Date;
    checkpoint: { name: string; number: number; stipendPercent: number };
  }[];
  payments: readonly {
    checkpointId: string;
    amountCents: number;
    currency: string;
    status: "pending_approval" | "approved" | "declined" | "paid";
    createdAt: Date;
    decidedAt: Date | null;
    declineReason: string | null;
    paidAt: Date | null;
    paidReference: string | null;
  }[];
}

const ONGOING = new Set(["onboarding", "active"]);

/** Every stipend checkpoint of the enrollment in checkpoint order, with its payment's state. */
export function stipendSchedule(enrollment: EnrollmentStipend): ScheduledPayment[] {
  return [...enrollment.checkpoints]
    .filter((s) => s.checkpoint.stipendPercent > 0)
    .sort((a, b) => a.checkpoint.number - b.checkpoint.number)
    .map((s) => {
      const payment = enrollment.payments.find((p) => p.checkpointId === s.checkpointId);
      const base = { checkpoint: s.checkpoint.name, expectedAt: s.dueAt };
      if (!payment) {
        return {
          ...base,
          amountCents: paymentAmount(enrollment.stipendCents, s.checkpoint.stipendPercent),
          currency: enrollment.currency,
          ...(ONGOING.has(enrollment.status)
            ? { state: "waiting_for_evaluation" as const }
            : { state: "not_due" as const, enrollmentStatus: enrollment.status }),
        };
      }
      // A created payment keeps the amount it was created with, whatever the stipend says since.
      const made = { ...base, amountCents: payment.amountCents, currency: payment.currency };
      switch (payment.status) {
        case "pending_approval":
          return { ...made, state: "pending_approval" as const, since: payment.createdAt };
        case "approved":
          return { ...made, state: "approved" as const, approvedAt: payment.decidedAt };
        case "paid":
          return { ...made, state: "paid" as const, paidAt: payment.paidAt, reference: payment.paidReference ?? "" };
        case "declined":
          return { ...made, state: "declined" as const, reason: payment.declineReason ?? "" };
      }
    });
}

/** The reminder period a program may choose for payments approved but not paid: whole days, 1 to 90. */
export const UNPAID_REMINDER_DAYS = { min: 1, max: 90, default: 14 } as const;

/** The period as typed ("14"), or a refusal naming the bounds. */
export function unpaidReminderDays(typed: string): number {
  const days = Number(typed.trim());
  if (!/^\d+$/.test(typed.trim()) || days < UNPAID_REMINDER_DAYS.min || days > UNPAID_REMINDER_DAYS.max)
    throw new InvalidInput({
      days:
        `"${typed.trim()}" is not a reminder period: a whole number of days ` +
        `from ${UNPAID_REMINDER_DAYS.min} to ${UNPAID_REMINDER_DAYS.max}, e.g. ${UNPAID_REMINDER_DAYS.default}.`,
    });
  return days;
}
