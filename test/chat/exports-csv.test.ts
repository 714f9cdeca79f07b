import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { applicationsCsv, evaluationsCsv, ledgerCsv, menteeSurveysCsv } from "../../src/chat/exports-csv.js";

type Payment = Parameters<typeof ledgerCsv>[0][number];
type Application = Parameters<typeof applicationsCsv>[0][number];
type Evaluation = Parameters<typeof evaluationsCsv>[0][number];

const BOM = "\uFEFF";
const rows = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

const payment = (mentee: string, reference: string | null) =>
  ({
    id: "p1",
    amountCents: 150_050,
    currency: "USD",
    status: "paid",
    decidedAt: new Date("2027-04-07T10:00:00Z"),
    paidAt: new Date("2027-04-08T10:00:00Z"),
    paidReference: reference,
    checkpoint: { name: "Midterm evaluation" },
    enrollment: { term: { name: "2027-spring" }, project: { name: "Docs, and more" }, mentee: { displayName: mentee } },
  }) as unknown as Payment;

describe("the stipend ledger", () => {
  it("is RFC 4180 CSV after a byte order mark: quoted commas and quotes, CRLF, instants in the program's zone", () => {
    const csv = ledgerCsv([payment('Ada "the" Dev', "BANK-1")], "Asia/Kolkata");
    expect(csv).toBe(
      `${BOM}payment_id,term,project,mentee,checkpoint,amount,currency,status,decided_at,paid_at,reference\r\n` +
        'p1,2027-spring,"Docs, and more","Ada ""the"" Dev",Midterm evaluation,1500.50,USD,paid,' +
        "2027-04-07T15:30:00.000+05:30,2027-04-08T15:30:00.000+05:30,BANK-1\r\n",
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = ledgerCsv([payment('=HYPERLINK("http://x")', "+1")], "UTC");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toMatch(/,'\+1\r\n$/);
  });
});

const application = (mentee: string, tasks: string[], enrollment: unknown = null) =>
  ({
    enrollment,
    id: "a1",
    status: "pending",
    createdAt: new Date("2027-01-10T23:30:00Z"),
    decidedAt: null,
    declineReason: "Not this time,\nsorry",
    availability: "full_time",
    links: ["https://github.com/zoe", "https://zoe.dev"],
    term: { name: "2027-spring" },
    project: { name: "Docs, and more" },
    mentee: { displayName: mentee },
    tasks: tasks.map((status) => ({ status })),
  }) as unknown as Application;

const evaluation = {
  id: "e1",
  outcome: "extend",
  extendWeeks: 2,
  ratingTasks: 4,
  ratingEngagement: 5,
  ratingProgress: 3,
  lastContactOn: new Date("2027-03-01T00:00:00Z"),
  submittedAt: new Date("2027-03-02T12:00:00Z"),
  updatedAt: new Date("2027-03-02T12:00:00Z"),
  report: 'Good work, "mostly".\nNeeds tests.',
  checkpoint: { name: "Midterm evaluation" },
  mentor: { displayName: "Grace, the mentor" },
  enrollment: { term: { name: "2027-spring" }, project: { name: "Docs" }, mentee: { displayName: "李小龙" } },
} as unknown as Evaluation;

describe("the exports read back as written", () => {
  it("applications: names in any script, quotes, commas, newlines; task progress; the program's zone", () => {
    const [row] = rows(
      applicationsCsv(
        [application('Zoë "Z" O\'Brien', ["submitted", "completed", "completed", "in_progress"])],
        "Asia/Tokyo",
      ),
    );
    expect(row).toEqual({
      application_id: "a1",
      term: "2027-spring",
      project: "Docs, and more",
      mentee: 'Zoë "Z" O\'Brien',
      status: "pending",
      applied_at: "2027-01-11T08:30:00.000+09:00",
      decided_at: "",
      decline_reason: "Not this time,\nsorry",
      tasks_total: "4",
      tasks_submitted: "1",
      tasks_completed: "2",
      availability: "full_time",
      links: "https://github.com/zoe https://zoe.dev",
      enrollment_end: "",
      end_reason: "",
      ended_at: "",
    });
  });

  it("applications: an ended enrollment's end, its reason as written and its date; nothing while it goes on", () => {
    const ended = (status: string, endReason: string | null) => ({
      status,
      endReason,
      endedAt: new Date("2027-04-20T16:00:00Z"),
    });
    const read = rows(
      applicationsCsv(
        [
          application("Ada", [], ended("terminated", 'Stopped answering, "twice".\nSee the audit log.')),
          application("Bob", [], ended("failed", "The final evaluation was not submitted in time.")),
          application("Cleo", [], ended("completed", null)),
          application("Dan", [], { status: "active", endReason: null, endedAt: null }),
        ],
        "Asia/Tokyo",
      ),
    );
    expect(read.map((r) => [r.mentee, r.enrollment_end, r.end_reason, r.ended_at])).toEqual([
      ["Ada", "terminated", 'Stopped answering, "twice".\nSee the audit log.', "2027-04-21T01:00:00.000+09:00"],
      ["Bob", "failed", "The final evaluation was not submitted in time.", "2027-04-21T01:00:00.000+09:00"],
      ["Cleo", "completed", "", "2027-04-21T01:00:00.000+09:00"],
      ["Dan", "", "", ""],
    ]);
  });

  it("evaluations: ratings and outcomes, and the report only when asked for", () => {
    const [plain] = rows(evaluationsCsv([evaluation], "UTC", false));
    expect(plain).toMatchObject({
      mentee: "李小龙",
      mentor: "Grace, the mentor",
      outcome: "extend",
      extend_weeks: "2",
    });
    expect(plain).toMatchObject({ rating_tasks: "4", rating_engagement: "5", rating_progress: "3" });
    expect(plain).not.toHaveProperty("report");
    const [withReport] = rows(evaluationsCsv([evaluation], "UTC", true));
    expect(withReport?.report).toBe('Good work, "mostly".\nNeeds tests.');
  });

  it("surveys: an anonymous answer leaves who, which project and when empty", () => {
    const answers = { overall: 5, mentorSupport: 4, wouldRecommend: true, comments: 'Loved it,\n"really"' };
    const named = { name: "李小龙", project: "Docs", submittedAt: new Date("2027-06-01T00:00:00Z") };
    const read = rows(
      menteeSurveysCsv(
        [
          { term: "2027-spring", respondent: named, answers },
          { term: "2027-spring", respondent: null, answers },
        ],
        "Europe/Paris",
      ),
    );
    expect(read.map((r) => [r.mentee, r.project, r.submitted_at])).toEqual([
      ["李小龙", "Docs", "2027-06-01T02:00:00.000+02:00"],
      ["", "", ""],
    ]);
    expect(read[0]).toMatchObject({ would_recommend: "yes", comments: 'Loved it,\n"really"' });
  });
});
