// Stipend payments: created once when a stipend checkpoint's evaluation
// passes, approved or declined by an administrator, marked paid by finance.
import type { Prisma } from "../generated/prisma/client.js";
import { inTransaction, type Actor, type Core, type UseCase } from "./context.js";
import { notAllowed, notNow } from "./errors.js";
import { findProgram } from "./lookup.js";
import { requireAdministrator } from "./policy.js";
import { day, say } from "./sentence.js";
import { paymentAmount } from "./rules/stipend-schedule.js";

/** The mentee's stipend: the project's base, adjusted by country when the project says so, clamped. */
export function stipendFor(
  project: {
    stipendBaseCents: number;
    adjustByCountry: boolean;
    stipendMinCents: number | null;
    stipendMaxCents: number | null;
  },
  countryPercent: Prisma.JsonValue,
  country: string,
): number {
  let cents = project.stipendBaseCents;
  if (project.adjustByCountry) {
    const table = (countryPercent ?? {}) as Record<string, number>;
    const percent = table[country.toUpperCase()];
    if (typeof percent === "number") cents = Math.round((cents * percent) / 100);
  }
  if (project.stipendMinCents !== null) cents = Math.max(cents, project.stipendMinCents);
  if (project.stipendMaxCents !== null) cents = Math.min(cents, project.stipendMaxCents);
  return cents;
}

/** What an event about a payment tells its reader. */
const paymentFacts = (p: { id: string; amountCents: number; currency: string; checkpoint: { name: string } }) => ({
  paymentId: p.id,
  checkpoint: p.checkpoint.name,
  amountCents: p.amountCents,
  currency: p.currency,
});

/**
 * Called when a checkpoint's evaluation passes. The unique (enrollment,
 * checkpoint) key makes a second save, a retry or a restart create nothing.
 */
export async function createPaymentIfDue(
  uc: UseCase,
  enrollment: { id: string; menteeId: string; stipendCents: number; currency: string },
  checkpoint: { id: string; name: string; stipendPercent: number },
  programId: string,
) {
  if (checkpoint.stipendPercent <= 0) return;
  const amountCents = paymentAmount(enrollment.stipendCents, checkpoint.stipendPercent);
  const created = await uc.tx.stipendPayment.createMany({
    // The use case's clock, not the database's: simulations and tests move time by hand.
    data: [
      {
        enrollmentId: enrollment.id,
        checkpointId: checkpoint.id,
        amountCents,
        currency: enrollment.currency,
        createdAt: uc.now,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) return;
  await uc.audit({
    action: "stipend.created",
    entity: "enrollment",
    entityId: enrollment.id,
    programId,
    details: { checkpoint: checkpoint.name, amountCents },
  });
  const { id: paymentId } = await uc.tx.stipendPayment.findUniqueOrThrow({
    where: { enrollmentId_checkpointId: { enrollmentId: enrollment.id, checkpointId: checkpoint.id } },
  });
  const payment = { paymentId, checkpoint: checkpoint.name, amountCents, currency: enrollment.currency };
  await uc.notify({
    key: `stipend-created:${enrollment.id}:${checkpoint.id}`,
    personId: enrollment.menteeId,
    programId,
    event: { kind: "stipend_created", ...payment },
  });
  const admins = await uc.tx.programAdministrator.findMany({ where: { programId } });
  for (const admin of admins) {
    await uc.notify({
      key: `stipend-to-approve:${paymentId}:${admin.personId}`,
      personId: admin.personId,
      programId,
      event: { kind: "stipend_to_approve", ...payment },
    });
  }
}

const paymentInclude = {
  checkpoint: true,
  enrollment: { include: { mentee: true, project: true, term: { include: { program: true } } } },
} satisfies Prisma.StipendPaymentInclude;

async function lockPayment(uc: UseCase, paymentId: string, doing: string) {
  await uc.tx.$executeRaw`SELECT id FROM "StipendPayment" WHERE id = ${paymentId} FOR UPDATE`;
  const payment = await uc.tx.stipendPayment.findUnique({ where: { id: paymentId }, include: paymentInclude });
  if (!payment) throw notNow("This stipend payment no longer exists.");
  if (!uc.actor) throw notAllowed(`Only the program's administrators can ${doing}.`);
  await requireAdministrator(uc.tx, uc.actor, payment.enrollment.term.program, doing);
  return payment;
}

export async function decidePayment(
  core: Core,
  actor: Actor,
  paymentId: string,
  decision: { approve: true } | { approve: false; reason: string },
) {
  return inTransaction(core, actor, async (uc) => {
    const payment = await lockPayment(uc, paymentId, "approve or decline stipend payments");
    if (payment.status !== "pending_approval") {
      const status = payment.status.replace("_", " ");
      throw notNow(
        payment.decidedAt
          ? say`This payment is ${status} already (decided ${day(payment.decidedAt)}); nothing was changed.`
          : say`This payment is ${status} already; nothing was changed.`,
      );
    }
    const status = decision.approve ? "approved" : "declined";
    const updated = await uc.tx.stipendPayment.update({
      where: { id: paymentId },
      data: {
        status,
        decidedAt: uc.now,
        decidedById: actor.personId,
        declineReason: decision.approve ? null : decision.reason,
      },
    });
    const programId = payment.enrollment.term.programId;
    await uc.audit({
      action: `stipend.${status}`,
      entity: "stipend_payment",
      entityId: paymentId,
      programId,
      details: decision,
    });
    await uc.notify({
      key: `stipend-${status}:${paymentId}`,
      personId: payment.enrollment.menteeId,
      programId,
      event: decision.approve
        ? { kind: "stipend_approved", ...paymentFacts(payment) }
        : { kind: "stipend_declined", ...paymentFacts(payment), reason: decision.reason ?? "" },
    });
    return { ...payment, ...updated };
  });
}

export async function markPaid(core: Core, actor: Actor, paymentId: string, reference: string) {
  return inTransaction(core, actor, async (uc) => {
    const payment = await lockPayment(uc, paymentId, "mark stipend payments paid");
    if (payment.status === "paid")
      throw notNow(`This payment was marked paid already (reference ${payment.paidReference}).`);
    if (payment.status !== "approved")
      throw notNow(`Only an approved payment can be paid; this one is ${payment.status.replace("_", " ")}.`);
    const updated = await uc.tx.stipendPayment.update({
      where: { id: paymentId },
      data: { status: "paid", paidAt: uc.now, paidReference: reference },
    });
    const programId = payment.enrollment.term.programId;
    await uc.audit({
      action: "stipend.paid",
      entity: "stipend_payment",
      entityId: paymentId,
      programId,
      details: { reference },
    });
    await uc.notify({
      key: `stipend-paid:${paymentId}`,
      personId: payment.enrollment.menteeId,
      programId,
      event: { kind: "stipend_paid", ...paymentFacts(payment), reference },
    });
    return { ...payment, ...updated };
  });
}

/** A program's payments, oldest first; administrators only. */
export async function listPayments(
  core: Core,
  actor: Actor,
  programSlug: string,
  status?: "pending_approval" | "approved" | "declined" | "paid",
) {
  const program = await findProgram(core.db.prisma, programSlug);
  await requireAdministrator(core.db.prisma, actor, program, "see stipend payments");
  const payments = await core.db.prisma.stipendPayment.findMany({
    where: { enrollment: { term: { programId: program.id } }, ...(status ? { status } : {}) },
    include: paymentInclude,
    orderBy: { createdAt: "asc" },
  });
  return { program, payments };
}

/** A payment as a program's payment list holds it (the ledger, the payments view). */
export type ListedPayment = Prisma.StipendPaymentGetPayload<{ include: typeof paymentInclude }>;
