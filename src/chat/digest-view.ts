// The digest as a neutral view: the same for `/mentorship admin digest` and
// the scheduled post in the administrators' channel.
import type { Digest } from "../core/digest.js";
import { formatInstant, formatMoney } from "./format.js";
import type { MessageView, Section } from "./views.js";

export function digestView(d: Digest, now: Date, zone: string): MessageView {
  const when = (instant: Date) => formatInstant(instant, zone);
  const list = (items: string[]) => (items.length ? items : ["None."]);
  const sections: Section[] = [
    {
      heading: `New applications this week (${d.newApplications.length})`,
      lines: list(d.newApplications.map((a) => `${a.mentee.displayName} → ${a.project.name}`)),
    },
    {
      heading: `Ready for review (${d.ready.length})`,
      lines: list(d.ready.map((a) => `${a.mentee.displayName} → ${a.project.name}`)),
    },
    {
      heading: "Prerequisites of pending applications",
      lines: [
        d.prerequisites.total
          ? `${d.prerequisites.completed} of ${d.prerequisites.total} completed, ${d.prerequisites.submitted} waiting for a mentor.`
          : "None.",
      ],
    },
    {
      heading: `Overdue evaluations (${d.overdue.length})`,
      lines: list(
        d.overdue.map(
          (o) =>
            `${o.enrollment.mentee.displayName} — ${o.enrollment.project.name}: ${o.schedule.checkpoint.name}, due ${when(o.schedule.dueAt)}`,
        ),
      ),
    },
    {
      heading: `Stipend payments to approve (${d.payments.length})`,
      lines: d.payments.length ? [] : ["None."],
    },
    ...d.payments.map((p) => ({
      lines: [
        `${p.enrollment.mentee.displayName} — ${p.enrollment.project.name} — ${p.checkpoint.name}: ${formatMoney(p.amountCents, p.currency)}`,
      ],
      buttons: [
        { label: "Approve", action: "stipend.approve", value: p.id, style: "primary" as const },
        { label: "Decline", action: "stipend.decline", value: p.id, style: "danger" as const },
      ],
    })),
    {
      heading: `Mentees at risk (${d.atRisk.length})`,
      lines: list(
        d.atRisk.map(
          (r) => `${r.enrollment.mentee.displayName} — ${r.enrollment.project.name}: ${r.reasons.join(", ")}`,
        ),
      ),
    },
    {
      heading: `Messages that could not be delivered (${d.dead.length})`,
      lines: list(d.dead.map((m) => `${m.kind}: ${m.lastError ?? "unknown error"}`)),
    },
  ];
  return { type: "message", title: `Digest — ${d.program.name}`, text: `As of ${when(now)}.`, sections };
}
