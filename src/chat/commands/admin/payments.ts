// Administrators approve or decline stipend payments; finance marks them paid.
import { decidePayment, listPayments, markPaid } from "../../../core/stipends.js";
import { formatMoney, formatStatus } from "../../format.js";
import { defineAction } from "../../actions.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, field, text } from "../../forms.js";
import type { Button } from "../../views.js";
import { info, success, when } from "../common.js";

const STATUSES = ["pending_approval", "approved", "declined", "paid"] as const;

defineCommand({
  path: ["admin", "payments"],
  summary: "A program's stipend payments, with buttons to approve, decline or mark paid.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "status", description: "pending, approved, declined or paid", required: false },
  ],
  run: async (ctx, args) => {
    // Read as the views write it: "pending", "pending approval" and the stored "pending_approval" alike.
    const typed = args.status?.toLowerCase().replace(/[\s_-]+/g, "_");
    const status = typed === "pending" ? "pending_approval" : (typed as (typeof STATUSES)[number] | undefined);
    if (status && !STATUSES.includes(status))
      return [{ type: "message", tone: "error", text: "Status must be one of pending, approved, declined, paid." }];
    const { program, payments } = await listPayments(ctx.core, ctx.actor, args.program, status);
    if (payments.length === 0) return [info(`Stipend payments — ${program.name}`, { text: "No payment matches." })];
    return [
      info(`Stipend payments — ${program.name}`, {
        sections: payments.map((p) => {
          const buttons: Button[] =
            p.status === "pending_approval"
              ? [
                  { label: "Approve", action: "stipend.approve", value: p.id, style: "primary" },
                  { label: "Decline", action: "stipend.decline", value: p.id, style: "danger" },
                ]
              : p.status === "approved"
                ? [{ label: "Mark paid", action: "stipend.paid", value: p.id }]
                : [];
          return {
            heading: `${p.enrollment.mentee.displayName} — ${p.enrollment.project.name} — ${p.checkpoint.name}`,
            lines: [
              `${formatMoney(p.amountCents, p.currency)}: ${formatStatus(p.status)}` +
                `${p.declineReason ? ` (${p.declineReason})` : ""}` +
                `${p.paidReference ? ` (reference ${p.paidReference})` : ""}; created ${when(ctx, p.createdAt)}`,
            ],
            buttons,
          };
        }),
      }),
    ];
  },
});

defineAction({
  id: "stipend.approve",
  run: async (ctx, paymentId) => {
    const p = await decidePayment(ctx.core, ctx.actor, paymentId, { approve: true });
    return [
      success(
        `Approved: ${formatMoney(p.amountCents, p.currency)} ` +
          `for ${p.enrollment.mentee.displayName} (${p.checkpoint.name}) ` +
          `— by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
      ),
    ];
  },
});

const declineForm = defineForm({
  id: "stipend-decline",
  title: "Decline a stipend payment",
  submitLabel: "Decline",
  fields: { reason: field("Reason (the mentee reads it)", "textarea", text("Reason", 1000), { maxLength: 1000 }) },
  submit: async (ctx, v, paymentId) => {
    const p = await decidePayment(ctx.core, ctx.actor, paymentId, { approve: false, reason: v.reason });
    return [
      success(
        `Declined: ${formatMoney(p.amountCents, p.currency)} ` +
          `for ${p.enrollment.mentee.displayName} (${p.checkpoint.name}) ` +
          `— by ${ctx.actor.displayName}, ${when(ctx, ctx.core.clock.now())}.`,
      ),
    ];
  },
});

defineAction({
  id: "stipend.decline",
  form: declineForm,
  run: async (ctx, paymentId) => [await buildForm(ctx, declineForm.id, paymentId)],
});

const paidForm = defineForm({
  id: "stipend-paid",
  title: "Mark a stipend payment paid",
  submitLabel: "Mark paid",
  fields: {
    reference: field("Payment reference (e.g. the bank transfer id)", "text", text("Reference", 200), {
      maxLength: 200,
    }),
  },
  submit: async (ctx, v, paymentId) => {
    const p = await markPaid(ctx.core, ctx.actor, paymentId, v.reference);
    return [
      success(
        `Paid: ${formatMoney(p.amountCents, p.currency)} to ${p.enrollment.mentee.displayName}, ` +
          `reference ${v.reference}.`,
      ),
    ];
  },
});

defineAction({
  id: "stipend.paid",
  form: paidForm,
  run: async (ctx, paymentId) => [await buildForm(ctx, paidForm.id, paymentId)],
});
