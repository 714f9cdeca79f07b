// A program's records as CSV files for its administrators: applications (with task progress), evaluations
// (ratings and outcomes; the mentors' reports only when asked for), the stipend ledger, feedback surveys.
import { plural } from "../../format.js";
import {
  APPLICATION_STATUSES,
  applicationsForExport,
  evaluationsForExport,
  surveysForExport,
} from "../../../core/exports.js";
import { listPayments } from "../../../core/stipends.js";
import { defineCommand } from "../../command-tree.js";
import type { ChatContext } from "../../context.js";
import {
  applicationsCsv,
  csvFile,
  evaluationsCsv,
  ledgerCsv,
  menteeSurveysCsv,
  mentorSurveysCsv,
} from "../../exports-csv.js";
import type { MessageView } from "../../views.js";
import { info } from "../common.js";

const KINDS = ["applications", "evaluations", "ledger", "surveys"] as const;
const PAYMENT_STATUSES = ["pending_approval", "approved", "declined", "paid"] as const;
const WITH_REPORTS = "with-reports";

const refused = (text: string): MessageView[] => [{ type: "message", tone: "error", text }];
const oneOf = <T extends string>(values: readonly T[], value: string): value is T => values.includes(value as T);
/** The value when it is one of `values`, undefined when none was given, null when it is something else. */
const chosen = <T extends string>(values: readonly T[], value: string | undefined): T | undefined | null =>
  value === undefined ? undefined : oneOf(values, value) ? value : null;

/** The stipend ledger, by `admin export ledger` and `admin ledger` alike. */
export async function ledgerExport(ctx: ChatContext, programSlug: string, option?: string): Promise<MessageView[]> {
  const status = chosen(PAYMENT_STATUSES, option);
  if (status === null) return refused(`A payment's status is one of ${PAYMENT_STATUSES.join(", ")}.`);
  const { program, payments } = await listPayments(ctx.core, ctx.actor, programSlug, status);
  return [
    info(`Stipend ledger — ${program.name}`, {
      text: `${plural(payments.length, "payment")}, as CSV for finance.`,
      files: [
        csvFile(
          `stipend-ledger-${program.slug}${status ? `-${status}` : ""}.csv`,
          ledgerCsv(payments, program.timeZone),
        ),
      ],
    }),
  ];
}

async function applications(ctx: ChatContext, programSlug: string, option?: string): Promise<MessageView[]> {
  const status = chosen(APPLICATION_STATUSES, option);
  if (status === null) return refused(`An application's status is one of ${APPLICATION_STATUSES.join(", ")}.`);
  const { program, applications } = await applicationsForExport(ctx.core, ctx.actor, programSlug, status);
  return [
    info(`Applications — ${program.name}`, {
      text: `${plural(applications.length, "application")}${status ? ` ${status}` : ""}, with their task progress.`,
      files: [
        csvFile(
          `applications-${program.slug}${status ? `-${status}` : ""}.csv`,
          applicationsCsv(applications, program.timeZone),
        ),
      ],
    }),
  ];
}

async function evaluations(ctx: ChatContext, programSlug: string, option?: string): Promise<MessageView[]> {
  if (option && option !== WITH_REPORTS)
    return refused(`Evaluations export their ratings and outcomes; add ${WITH_REPORTS} for the mentors' reports.`);
  const withReports = option === WITH_REPORTS;
  const { program, evaluations } = await evaluationsForExport(ctx.core, ctx.actor, programSlug);
  return [
    info(`Evaluations — ${program.name}`, {
      text:
        `${plural(evaluations.length, "evaluation")}: ratings and outcomes` +
        `${withReports ? ", with the mentors' reports" : ""}.`,
      files: [
        csvFile(
          `evaluations-${program.slug}${withReports ? "-with-reports" : ""}.csv`,
          evaluationsCsv(evaluations, program.timeZone, withReports),
        ),
      ],
    }),
  ];
}

async function surveys(ctx: ChatContext, programSlug: string, option?: string): Promise<MessageView[]> {
  if (option) return refused("Feedback surveys are exported whole; leave out the last word.");
  const { program, anonymous, mentees, mentors } = await surveysForExport(ctx.core, ctx.actor, programSlug);
  return [
    info(`Feedback surveys — ${program.name}`, {
      text:
        `${plural(mentees.length, "mentee answer")} and ${plural(mentors.length, "mentor answer")}` +
        (anonymous ? ", without names: the program's surveys are anonymous." : "."),
      files: [
        csvFile(`mentor-surveys-${program.slug}.csv`, mentorSurveysCsv(mentors, program.timeZone)),
        csvFile(`mentee-surveys-${program.slug}.csv`, menteeSurveysCsv(mentees, program.timeZone)),
      ],
    }),
  ];
}

defineCommand({
  path: ["admin", "export"],
  summary:
    "A program's applications, evaluations, stipend ledger or feedback surveys as a CSV file " +
    "(applications and the ledger by status; evaluations with-reports).",
  audience: "administrator",
  args: [
    { name: "what", description: "applications, evaluations, ledger or surveys", required: true },
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    {
      name: "option",
      description: "a status (applications, ledger), or with-reports (evaluations)",
      required: false,
    },
  ],
  run: async (ctx, args) => {
    const what = args.what.toLowerCase();
    if (!oneOf(KINDS, what)) return refused(`Export one of ${KINDS.join(", ")}.`);
    const option = args.option?.toLowerCase();
    if (what === "applications") return applications(ctx, args.program, option);
    if (what === "evaluations") return evaluations(ctx, args.program, option);
    if (what === "ledger") return ledgerExport(ctx, args.program, option);
    return surveys(ctx, args.program, option);
  },
});
