// The digest as a neutral view: the same for `/mentorship admin digest` and
// the scheduled post in the administrators' channel.
import type { DigestFacts, RiskReason } from "../core/digest.js";
import { chartAttachment, chartLines } from "./digest-chart.js";
import { formatDate, formatInstant, formatMoney } from "./format.js";
import type { MessageView, Section } from "./views.js";

const RISKS: Record<RiskReason, string> = {
  overdue_evaluation: "an overdue evaluation",
  no_plan_progress: "no plan progress in two weeks",
  overdue_self_report: "an overdue self-report",
};

export function digestView(d: DigestFacts, now: Date, zone: string): MessageView {
  const when = (iso: string) => formatInstant(new Date(iso), zone);
  const list = (items: string[]) => (items.length ? items : ["None."]);
  // Each list holds its first few; the count says how many there are in all (older digests: the list's length).
  const count = (name: keyof NonNullable<DigestFacts["counts"]>, shown: unknown[]) => d.counts?.[name] ?? shown.length;
  const cut = (name: keyof NonNullable<DigestFacts["counts"]>, shown: string[]) => {
    const more = count(name, shown) - shown.length;
    return more > 0 ? [...shown, `…and ${more} more.`] : list(shown);
  };
  const who = (w: { mentee: string; project: string }) => `${w.mentee} — ${w.project}`;
  const sections: Section[] = [
    {
      heading: `New applications this week (${count("newApplications", d.newApplications)})`,
      lines: cut(
        "newApplications",
        d.newApplications.map((a) => `${a.mentee} → ${a.project}`),
      ),
    },
    {
      heading: `Ready for review (${count("ready", d.ready)})`,
      lines: cut(
        "ready",
        d.ready.map((a) => `${a.mentee} → ${a.project}`),
      ),
    },
    {
      heading: "Prerequisites of pending applications",
      lines: [
        d.prerequisites.total
          ? `${d.prerequisites.completed} of ${d.prerequisites.total} completed, ` +
            `${d.prerequisites.submitted} waiting for a mentor.`
          : "None.",
      ],
    },
    {
      heading: `Overdue evaluations (${count("overdue", d.overdue)})`,
      lines: cut(
        "overdue",
        d.overdue.map((o) => `${who(o)}: ${o.checkpoint}, due ${when(o.dueAt)}`),
      ),
    },
    {
      heading: `Stipend payments to approve (${d.payments.length})`,
      lines: d.payments.length ? [] : ["None."],
    },
    ...d.payments.map((p) => ({
      lines: [`${who(p)} — ${p.checkpoint}: ${formatMoney(p.amountCents, p.currency)}`],
      buttons: [
        { label: "Approve", action: "stipend.approve", value: p.paymentId, style: "primary" as const },
        { label: "Decline", action: "stipend.decline", value: p.paymentId, style: "danger" as const },
      ],
    })),
    // Digests queued before the setting existed have no such list; they show none rather than "None.".
    ...(d.unpaid
      ? [
          {
            heading: `Approved ${d.unpaidAfterDays} days or more ago, not marked paid (${d.unpaid.length})`,
            lines: d.unpaid.length ? [] : ["None."],
          },
          ...d.unpaid.map((p) => ({
            lines: [
              `${who(p)} — ${p.checkpoint}: ${formatMoney(p.amountCents, p.currency)}, approved ${when(p.approvedAt)}`,
            ],
            buttons: [{ label: "Mark paid", action: "stipend.paid", value: p.paymentId }],
          })),
        ]
      : []),
    // Digests queued before this list existed have none; nothing is shown for them.
    ...(d.notSelected?.length
      ? [
          {
            heading: `Not selected when their term started, this week (${count("notSelected", d.notSelected)})`,
            lines: cut(
              "notSelected",
              d.notSelected.map((a) => `${who(a)} (${a.term}): declined, the applicant was told`),
            ),
          },
        ]
      : []),
    {
      heading: `Mentees at risk (${count("atRisk", d.atRisk)})`,
      lines: cut(
        "atRisk",
        d.atRisk.map((r) => `${who(r)}: ${r.reasons.map((reason) => RISKS[reason]).join(", ")}`),
      ),
    },
    {
      heading: `Messages that could not be delivered (${d.dead.length})`,
      lines: list(d.dead.map((m) => `${m.kind}: ${m.lastError ?? "unknown error"}`)),
    },
    // The chart's figures in words, for whoever cannot see the picture.
    ...(d.chart ? [{ heading: `Term ${d.chart.term} in figures (the chart)`, lines: chartLines(d.chart) }] : []),
  ];
  return { type: "message", title: `Digest — ${d.program.name}`, text: `As of ${formatInstant(now, zone)}.`, sections };
}

/** The digest with its chart, rendered now from the figures it carries; the file is named by program and day. */
export async function digestWithChart(d: DigestFacts, now: Date, zone: string): Promise<MessageView> {
  const view = digestView(d, now, zone);
  if (!d.chart) return view;
  const name = `digest-${d.program.slug}-${formatDate(now, zone)}.png`;
  return { ...view, files: [await chartAttachment(d.chart, d.program.slug, name)] };
}
