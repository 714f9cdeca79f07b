// A program's exports as CSV files: the stipend ledger for finance, applications, evaluations and feedback
// surveys. csv-stringify writes them (RFC 4180 quoting, CRLF line ends, cells a spreadsheet would run as formulas
// defused with a leading '), after a UTF-8 byte order mark so a spreadsheet reads 李小龙 or Zoë as written.
// Instants are written in the program's zone with their offset (ISO 8601), so a spreadsheet reads the day the
// program means and the exact moment stays.
import { stringify } from "csv-stringify/sync";
import type { ExportedApplication, ExportedEvaluation } from "../core/exports.js";
import type { Respondent, SurveyAnswer } from "../core/rules/survey-anonymity.js";
import type { MenteeSurveyAnswers, MentorSurveyAnswers } from "../core/surveys.js";
import type { ListedPayment } from "../core/stipends.js";
import { formatTimestamp } from "./format.js";
import type { Attachment } from "./views.js";

type Cell = string | number;

function csv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows], { bom: true, record_delimiter: "windows", escape_formulas: true });
}

const instant = (at: Date | null, zone: string) => (at ? formatTimestamp(at, zone) : "");
const amount = (cents: number) => (cents / 100).toFixed(2);

/** A CSV file to send: named after the program (and what it holds), so several downloads stay apart. */
export const csvFile = (name: string, content: string): Attachment => ({
  name,
  mimeType: "text/csv",
  content: Buffer.from(content, "utf8"),
});

export function ledgerCsv(payments: ListedPayment[], zone: string): string {
  return csv(
    [
      "payment_id",
      "term",
      "project",
      "mentee",
      "checkpoint",
      "amount",
      "currency",
      "status",
      "decided_at",
      "paid_at",
      "reference",
    ],
    payments.map((p) => [
      p.id,
      p.enrollment.term.name,
      p.enrollment.project.name,
      p.enrollment.mentee.displayName,
      p.checkpoint.name,
      amount(p.amountCents),
      p.currency,
      p.status,
      instant(p.decidedAt, zone),
      instant(p.paidAt, zone),
      p.paidReference ?? "",
    ]),
  );
}

/** Task progress is each application's prerequisites: how many the mentee submitted, how many a mentor verified. */
/**
 * How an accepted application's enrollment ended (completed, failed, terminated or withdrawn), why and when;
 * empty while it goes on or when there is none. A completion has no reason.
 */
function enrollmentEnd(enrollment: ExportedApplication["enrollment"], zone: string): Cell[] {
  if (!enrollment?.endedAt || enrollment.status === "onboarding" || enrollment.status === "active") return ["", "", ""];
  return [enrollment.status, enrollment.endReason ?? "", instant(enrollment.endedAt, zone)];
}

export function applicationsCsv(applications: ExportedApplication[], zone: string): string {
  return csv(
    [
      "application_id",
      "term",
      "project",
      "mentee",
      "status",
      "applied_at",
      "decided_at",
      "decline_reason",
      "tasks_total",
      "tasks_submitted",
      "tasks_completed",
      "availability",
      "links",
      "enrollment_end",
      "end_reason",
      "ended_at",
    ],
    applications.map((a) => [
      a.id,
      a.term.name,
      a.project.name,
      a.mentee.displayName,
      a.status,
      instant(a.createdAt, zone),
      instant(a.decidedAt, zone),
      a.declineReason ?? "",
      a.tasks.length,
      a.tasks.filter((t) => t.status === "submitted").length,
      a.tasks.filter((t) => t.status === "completed").length,
      a.availability,
      a.links.join(" "),
      ...enrollmentEnd(a.enrollment, zone),
    ]),
  );
}

/** Ratings are 1–5. The mentors' reports are private to the program, so they are written only when asked for. */
export function evaluationsCsv(evaluations: ExportedEvaluation[], zone: string, withReports: boolean): string {
  const header = [
    "evaluation_id",
    "term",
    "project",
    "mentee",
    "mentor",
    "checkpoint",
    "outcome",
    "extend_weeks",
    "rating_tasks",
    "rating_engagement",
    "rating_progress",
    "last_contact_at",
    "submitted_at",
    "updated_at",
    ...(withReports ? ["report"] : []),
  ];
  return csv(
    header,
    evaluations.map((e) => [
      e.id,
      e.enrollment.term.name,
      e.enrollment.project.name,
      e.enrollment.mentee.displayName,
      e.mentor.displayName,
      e.checkpoint.name,
      e.outcome,
      e.extendWeeks ?? "",
      e.ratingTasks,
      e.ratingEngagement,
      e.ratingProgress,
      instant(e.lastContactOn, zone),
      instant(e.submittedAt, zone),
      instant(e.updatedAt, zone),
      ...(withReports ? [e.report] : []),
    ]),
  );
}

/** Who answered, when the program names respondents; three empty cells when its surveys are anonymous. */
const respondent = (r: Respondent | null, zone: string) =>
  r ? [r.name, r.project, instant(r.submittedAt, zone)] : ["", "", ""];

export function menteeSurveysCsv(answers: SurveyAnswer<MenteeSurveyAnswers>[], zone: string): string {
  return csv(
    ["term", "mentee", "project", "submitted_at", "overall", "mentor_support", "would_recommend", "comments"],
    answers.map((s) => [
      s.term,
      ...respondent(s.respondent, zone),
      s.answers.overall,
      s.answers.mentorSupport,
      s.answers.wouldRecommend ? "yes" : "no",
      s.answers.comments,
    ]),
  );
}

export function mentorSurveysCsv(answers: SurveyAnswer<MentorSurveyAnswers>[], zone: string): string {
  return csv(
    ["term", "mentor", "project", "submitted_at", "overall", "program_support", "would_mentor_again", "comments"],
    answers.map((s) => [
      s.term,
      ...respondent(s.respondent, zone),
      s.answers.overall,
      s.answers.programSupport,
      s.answers.wouldMentorAgain ? "yes" : "no",
      s.answers.comments,
    ]),
  );
}
