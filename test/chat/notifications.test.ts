// Every notification event, worded for a reader: dates in the reader's zone, hints that name commands of the
// tree with their required arguments, buttons that name registered actions. No database.
import { describe, expect, it } from "vitest";
import { allActions } from "../../src/chat/actions.js";
import { parseCommand } from "../../src/chat/command-tree.js";
import { notificationView, outboxView } from "../../src/chat/notifications.js";
import type { DigestFacts } from "../../src/core/digest.js";
import type { NotificationEvent } from "../../src/core/notifications.js";

const due = "2027-03-01T23:30:00.000Z";
const reminder = { checkpoint: "Midterm evaluation", mentee: "Ada", project: "Tracing", menteeIds: { slack: "U1" } };
const payment = { paymentId: "pay-1", checkpoint: "Midterm evaluation", amountCents: 150050, currency: "USD" };
const digest: DigestFacts = {
  program: { id: "p", name: "LFX", slug: "lfx", timeZone: "Asia/Tokyo" },
  asOf: due,
  newApplications: [{ mentee: "Ada", project: "Tracing" }],
  ready: [],
  prerequisites: { completed: 1, submitted: 1, total: 3 },
  overdue: [{ mentee: "Ada", project: "Tracing", checkpoint: "Midterm evaluation", dueAt: due }],
  payments: [{ mentee: "Ada", project: "Tracing", ...payment }],
  unpaid: [{ mentee: "Ada", project: "Tracing", ...payment, paymentId: "pay-2", approvedAt: due }],
  unpaidAfterDays: 14,
  atRisk: [{ mentee: "Ada", project: "Tracing", reasons: ["overdue_evaluation", "no_plan_progress"] }],
  dead: [],
};

/** One event of every kind: the type makes a new kind a compile error here until it has a sample. */
const samples: { [K in NotificationEvent["kind"]]: Extract<NotificationEvent, { kind: K }> } = {
  mentor_request: {
    kind: "mentor_request",
    projectId: "pr",
    project: "Tracing",
    projectRef: "lfx/2027-spring/tracing",
    mentorId: "m",
    mentor: "Linus",
  },
  mentor_decision: { kind: "mentor_decision", approved: true, project: "Tracing", projectSlug: "tracing" },
  administrator_added: { kind: "administrator_added", program: "LFX", programSlug: "lfx" },
  applications_closed: {
    kind: "applications_closed",
    term: "2027-spring",
    termRef: "lfx/2027-spring",
    selectionAt: due,
  },
  applications_not_selected: {
    kind: "applications_not_selected",
    term: "2027-spring",
    termRef: "lfx/2027-spring",
    programSlug: "lfx",
    count: 3,
    startedAt: due,
  },
  application_new: { kind: "application_new", mentee: "Ada", project: "Tracing", projectSlug: "tracing" },
  task_submitted: {
    kind: "task_submitted",
    mentee: "Ada",
    prerequisite: "Fix a bug",
    project: "Tracing",
    projectSlug: "tracing",
    sentBackWith: "Add a test",
  },
  task_reviewed: {
    kind: "task_reviewed",
    prerequisite: "Fix a bug",
    project: "Tracing",
    completed: false,
    comment: "x",
  },
  application_accepted: { kind: "application_accepted", project: "Tracing", term: "2027-spring", termStartsAt: due },
  application_declined: { kind: "application_declined", project: "Tracing", term: "2027-spring", reason: "Full." },
  enrollment_active: { kind: "enrollment_active", project: "Tracing" },
  enrollment_extended: { kind: "enrollment_extended", project: "Tracing", weeks: 1 },
  enrollment_failed: {
    kind: "enrollment_failed",
    project: "Tracing",
    cause: { type: "checkpoint_failed", checkpoint: "Midterm evaluation" },
  },
  enrollment_ended: {
    kind: "enrollment_ended",
    reader: "mentor",
    project: "Tracing",
    mentee: "Ada",
    why: "mentee_request",
    reason: "Took a job.",
  },
  evaluation_passed: { kind: "evaluation_passed", checkpoint: "Midterm evaluation", project: "Tracing" },
  evaluation_extended: { kind: "evaluation_extended", checkpoint: "Midterm evaluation", project: "Tracing", weeks: 2 },
  stipend_created: { kind: "stipend_created", ...payment },
  stipend_to_approve: { kind: "stipend_to_approve", ...payment },
  stipend_approved: { kind: "stipend_approved", ...payment },
  stipend_declined: { kind: "stipend_declined", ...payment, reason: "Duplicate." },
  stipend_paid: { kind: "stipend_paid", ...payment, reference: "WIRE-1" },
  letter_issued: { kind: "letter_issued", project: "Tracing", code: "LOC-AAAA-BBBB-CCCC-DDDD" },
  letter_revoked: { kind: "letter_revoked", project: "Tracing", reason: "Issued in error." },
  "eval-soon": { kind: "eval-soon", ...reminder, opensAt: due },
  "eval-open": { kind: "eval-open", ...reminder, dueAt: due },
  "eval-due": { kind: "eval-due", ...reminder, dueAt: due },
  "eval-overdue": { kind: "eval-overdue", ...reminder, dueAt: due, graceEndsAt: due },
  "eval-escalated": { kind: "eval-escalated", ...reminder, dueAt: due },
  "self-report": { kind: "self-report", checkpoint: "Midterm evaluation", project: "Tracing", dueAt: due },
  survey: { kind: "survey" },
  "prerequisite-due": { kind: "prerequisite-due", prerequisite: "Fix a bug", project: "Tracing", dueAt: due },
  onboarding: { kind: "onboarding", project: "Tracing" },
  "stipend-waiting": {
    kind: "stipend-waiting",
    paymentId: "pay-1",
    amountCents: 150050,
    currency: "USD",
    mentee: "Ada",
    programSlug: "lfx",
  },
  "stipend-unpaid": {
    kind: "stipend-unpaid",
    ...payment,
    mentee: "Ada",
    approvedAt: due,
    days: 14,
    programSlug: "lfx",
  },
  "mentor-survey": { kind: "mentor-survey", project: "Tracing", projectRef: "lfx/2027-spring/tracing" },
  digest: { kind: "digest", digest },
};

const everything = (view: ReturnType<typeof notificationView>) =>
  [view.title, view.text, ...(view.sections ?? []).flatMap((s) => [s.heading, ...(s.lines ?? [])])].join("\n");

describe("notification events, worded for their reader", () => {
  const tokyo = { zone: "Asia/Tokyo", platform: "slack" };

  it("word every kind; each hint is a command of the tree with its arguments; each button a registered action", () => {
    const actions = new Set(allActions().map((a) => a.id));
    for (const event of Object.values(samples)) {
      const view = notificationView(event, tokyo);
      const words = everything(view);
      expect(words.trim(), event.kind).not.toBe("");
      const hints = [...words.matchAll(/`\/mentorship ([^`]*)`/g)].map((m) => m[1] ?? "");
      expect(hints.length, `${event.kind}: a hint outside backquotes`).toBe(words.split("/mentorship").length - 1);
      for (const hint of hints) {
        const parsed = parseCommand(hint);
        expect(parsed.ok, `${event.kind}: ${hint} ${parsed.ok ? "" : parsed.problem}`).toBe(true);
      }
      const buttons = [...(view.buttons ?? []), ...(view.sections ?? []).flatMap((s) => s.buttons ?? [])];
      for (const button of buttons) expect(actions.has(button.action), `${event.kind}: ${button.action}`).toBe(true);
    }
  });

  it("shows instants in the reader's zone, not UTC", () => {
    // 23:30 UTC on 1 March is 08:30 on 2 March in Tokyo and 15:30 on 1 March in Los Angeles.
    expect(notificationView(samples["eval-due"], tokyo).text).toContain("Tue 2 Mar 2027, 08:30 (Asia/Tokyo)");
    const la = notificationView(samples.application_accepted, { zone: "America/Los_Angeles", platform: "slack" });
    expect(la.text).toContain("The term starts Mon 1 Mar 2027, 15:30 (America/Los_Angeles).");
    expect(everything(notificationView(samples.digest, tokyo))).toContain("due Tue 2 Mar 2027, 08:30 (Asia/Tokyo)");
  });

  it("names the mentee to evaluate as the reader's platform writes them, or says where to find them", () => {
    expect(notificationView(samples["eval-open"], tokyo).text).toContain("`/mentorship evaluate <@U1>`");
    const discord = notificationView(samples["eval-open"], { zone: "UTC", platform: "discord" });
    expect(discord.text).toContain("`/mentorship mentees` lists whom to evaluate");
  });

  it("tells a mentee where an extension moved their next checkpoint, its self-report and their end", () => {
    const moved = notificationView(
      {
        ...samples.evaluation_extended,
        nextCheckpoint: "Third evaluation",
        nextOpensAt: "2027-03-22T00:00:00.000Z",
        nextDueAt: "2027-03-29T00:00:00.000Z",
        endsAt: "2027-05-31T00:00:00.000Z",
      },
      { zone: "UTC", platform: "slack" },
    ).text;
    expect(moved).toContain("Third evaluation is now due Mon 29 Mar 2027, 00:00 (UTC)");
    expect(moved).toContain("its self-report opens Mon 22 Mar 2027, 00:00 (UTC); your enrollment now ends Mon 31 May");
  });

  it("ends a mentor's comment with one full stop, whether or not they typed it", () => {
    const sentBack = (comment: string) =>
      notificationView({ ...samples.task_reviewed, completed: false, comment }, tokyo).text ?? "";
    expect(sentBack("Please add a test.")).toContain("sent back: Please add a test. Submit it again");
    expect(sentBack("Please add a test")).toContain("sent back: Please add a test. Submit it again");
  });

  it("cheers a mentee on after a checkpoint, but not after the last one", () => {
    expect(notificationView(samples.evaluation_passed, tokyo).text).toContain("Keep going!");
    const last = notificationView({ ...samples.evaluation_passed, checkpoint: "Final evaluation", final: true }, tokyo);
    expect(last.text).toBe("Your final evaluation in Tracing passed. That was your last checkpoint.");
    const corrected = notificationView(
      { ...samples.evaluation_passed, extensionUndone: { weeks: 2, endsAt: "2027-05-24T00:00:00.000Z" } },
      tokyo,
    );
    expect(corrected.text).toContain(
      "passed. Its extension of 2 weeks is withdrawn: your checkpoints are back on their dates, and your " +
        "enrollment ends Mon 24 May 2027, 09:00 (Asia/Tokyo) again. Keep going!",
    );
  });

  it("offers the buttons a decision needs", () => {
    expect(notificationView(samples.stipend_to_approve, tokyo).buttons).toEqual([
      { label: "Approve", action: "stipend.approve", value: "pay-1", style: "primary" },
      { label: "Decline", action: "stipend.decline", value: "pay-1", style: "danger" },
    ]);
    expect(notificationView(samples.mentor_request, tokyo).buttons?.map((b) => b.value)).toEqual(["pr:m", "pr:m"]);
  });

  it("remind administrators of a payment approved and not paid, with the day it was approved and a button", () => {
    const view = notificationView(samples["stipend-unpaid"], tokyo);
    expect(view.text).toBe(
      "The stipend payment of 1500.50 USD for Ada (Midterm evaluation) was approved Tue 2 Mar 2027, 08:30 " +
        "(Asia/Tokyo) and is not marked paid yet: `/mentorship admin payments lfx`.",
    );
    expect(view.buttons).toEqual([{ label: "Mark paid", action: "stipend.paid", value: "pay-1" }]);
  });

  it("list in the digest the payments approved and not paid, each with its button", () => {
    const view = notificationView(samples.digest, tokyo);
    const words = everything(view);
    expect(words).toContain("Approved 14 days or more ago, not marked paid (1)");
    expect(words).toContain(
      "Ada — Tracing — Midterm evaluation: 1500.50 USD, approved Tue 2 Mar 2027, 08:30 (Asia/Tokyo)",
    );
    expect(view.sections?.flatMap((s) => s.buttons ?? []).filter((b) => b.action === "stipend.paid")).toEqual([
      { label: "Mark paid", action: "stipend.paid", value: "pay-2" },
    ]);
    // A digest queued before the setting existed has no such list, and is still shown.
    const { unpaid: _unpaid, unpaidAfterDays: _days, ...older } = digest;
    expect(everything(notificationView({ kind: "digest", digest: older }, tokyo))).not.toContain("not marked paid");
  });

  it("shows a message written before events as it was written", () => {
    expect(outboxView({ text: "Hello", buttons: [] }, tokyo)).toEqual({ type: "message", text: "Hello", buttons: [] });
  });
});
