// Words for the core's notification events (core/notifications.ts), chosen at
// delivery for one reader: instants in their time zone (the program's zone for
// a channel post), buttons and command hints from the chat layer's own tree,
// so a hint cannot name a command that does not exist.
import type { Moved, NotificationEvent, OutboxPayload } from "../core/notifications.js";
import { digestView, digestWithChart } from "./digest-view.js";
import { PAGE, pageLine, pagesOfViews } from "./paging.js";
import { commandHint as hint, formatInstant, formatMention, formatMoney, sentence } from "./format.js";
import type { Button, MessageView } from "./views.js";
// Hints name commands of the tree, which every command file registers.
import "./commands/index.js";

/** Who reads a notification: their time zone (a channel's: the program's) and the platform they read it on. */
export interface Reader {
  zone: string;
  platform: string;
}

/** An outbox message's payload as its reader sees it. */
export function outboxView(payload: OutboxPayload, reader: Reader): MessageView {
  if ("event" in payload) return notificationView(payload.event, reader);
  if ("reply" in payload) return payload.reply as unknown as MessageView;
  // Written by a version before events: its words were fixed when it was written.
  if (payload.view) return payload.view as unknown as MessageView;
  return { type: "message", text: payload.text, buttons: (payload.buttons ?? []) as Button[] };
}

/** An outbox message being delivered on `platform`, in its reader's words. */
export const deliveredView = (message: { payload: OutboxPayload; readerZone: string }, platform: string) =>
  outboxView(message.payload, { zone: message.readerZone, platform });

/**
 * …with the files it carries. The outbox keeps a digest's figures, not its picture (payloads are JSON, and the
 * figures are a few numbers where the PNG is kilobytes of base64), so the chart is drawn here, at each attempt,
 * from the same figures: every attempt sends the same picture.
 */
export async function deliveredMessage(
  message: { payload: OutboxPayload; readerZone: string },
  platform: string,
): Promise<MessageView> {
  const { payload } = message;
  if ("event" in payload && payload.event.kind === "digest") {
    const { digest } = payload.event;
    return digestWithChart(digest, new Date(digest.asOf), message.readerZone);
  }
  return deliveredView(message, platform);
}

/**
 * …as the messages it is posted as on a chat platform: a message too long for one (a large program's digest)
 * is posted as its pages one after another, each titled with its place ("Digest — LFX (2 of 3)") and saying
 * which items it holds, because a channel's readers read down the channel: a Next button would turn the page
 * for everyone at once, or answer only the one who pressed it. Its files come with the last page.
 */
export async function deliveredPages(
  message: { payload: OutboxPayload; readerZone: string },
  platform: string,
): Promise<MessageView[]> {
  return inPages(await deliveredMessage(message, platform));
}

/** The pages `deliveredPages` posts, in words only (no chart drawn): what a retry looks for. */
export const deliveredPageViews = (message: { payload: OutboxPayload; readerZone: string }, platform: string) =>
  inPages(deliveredView(message, platform));

function inPages(view: MessageView): MessageView[] {
  // Sections without buttons are cheap: a small digest stays one message; the platforms' limits still hold.
  const pages = pagesOfViews([view], { ...PAGE, sections: 20 });
  if (pages.length <= 1) return [view];
  const { files, ...words } = view;
  return pages.map((page) => {
    const last = page.number === page.count;
    const { files: _each, ...part }: MessageView = page.views[0] ?? words;
    return {
      ...part,
      title: `${words.title ?? "Message"} (${page.number} of ${page.count})`,
      text: part.text ? `${part.text}\n${pageLine(page)}` : pageLine(page),
      ...(last && files ? { files } : {}),
    };
  });
}

const approveOrDecline = (approve: string, decline: string, value: string): Button[] => [
  { label: "Approve", action: approve, value, style: "primary" },
  { label: "Decline", action: decline, value, style: "danger" },
];

/** One event in words for its reader. */
export function notificationView(event: NotificationEvent, reader: Reader): MessageView {
  const zone = reader.zone;
  const at = (iso: string) => formatInstant(new Date(iso), zone);
  const text = (words: string, buttons?: Button[]): MessageView => ({
    type: "message",
    text: words,
    ...(buttons ? { buttons } : {}),
  });
  switch (event.kind) {
    case "mentor_request":
      return text(
        `${event.mentor} asks to mentor ${event.project} (${event.projectRef}).`,
        approveOrDecline("mentor.approve", "mentor.decline", `${event.projectId}:${event.mentorId}`),
      );
    case "mentor_decision":
      return text(
        event.approved
          ? `You are now a mentor of ${event.project}. ${hint("applications", event.projectSlug)} shows its applicants.`
          : `Your request to mentor ${event.project} was declined.`,
      );
    case "administrator_added":
      return text(
        `You are now an administrator of ${event.program}. ${hint("term create", event.programSlug)} creates a term; ` +
          `${hint("help")} shows what you can do.`,
      );
    case "applications_closed":
      return text(
        `Applications to ${event.termRef} closed at their published date. Decide them with ` +
          `${hint("applications")}; the selection is announced ${at(event.selectionAt)}.`,
      );
    case "applications_not_selected":
      return text(
        `${event.termRef} started ${at(event.startedAt)} with ${event.count} ` +
          `${event.count === 1 ? "application" : "applications"} still pending: declined as not selected, ` +
          `and each applicant was told. ${hint("admin export", "applications", event.programSlug, "declined")} ` +
          `lists them.`,
      );
    case "task_submitted":
      return text(
        `${event.mentee} submitted "${event.prerequisite}" for ${event.project}` +
          (event.sentBackWith === undefined ? ": " : ` again, after it was sent back ("${event.sentBackWith}"): `) +
          `${hint("applications", event.projectSlug)} shows it to verify or send back.`,
      );
    case "application_new":
      return text(
        `${event.mentee} applied to ${event.project}. ${hint("applications", event.projectSlug)} shows them.`,
      );
    case "task_reviewed":
      return text(
        event.completed
          ? `Your prerequisite "${event.prerequisite}" for ${event.project} is verified as completed.`
          : `Your prerequisite "${event.prerequisite}" for ${event.project} was sent back: ` +
              `${sentence(event.comment ?? "")} ` +
              `Submit it again with ${hint("tasks")}.`,
      );
    case "application_accepted":
      return text(
        `Congratulations! You are accepted into ${event.project} for ${event.term}. ` +
          (event.onboarded
            ? `Your onboarding is complete already: you are an active mentee. Your plan: ${hint("plan")}. `
            : `Next: your onboarding checklist (${hint("onboarding")}). `) +
          `The term starts ${at(event.termStartsAt)}.`,
      );
    case "application_declined":
      return text(`Your application to ${event.project} (${event.term}) was not accepted. Reason: ${event.reason}`);
    case "enrollment_active":
      return text(
        `Your onboarding for ${event.project} is complete: you are an active mentee. Your plan: ${hint("plan")}.`,
      );
    case "enrollment_extended":
      return text(`Your enrollment in ${event.project} is extended by ${weeks(event.weeks)}. ${movedDates(event, at)}`);
    case "enrollment_failed": {
      const cause = event.cause;
      const why =
        cause.type === "checkpoint_failed"
          ? `The ${cause.checkpoint.toLowerCase()} did not pass.`
          : "The final evaluation was not submitted before its grace period ended.";
      return text(`Your enrollment in ${event.project} has ended (failed). ${why}`);
    }
    case "enrollment_ended": {
      const why = event.why === "non_performance" ? "for non-performance" : "at the mentee's request";
      return text(
        event.reader === "mentee"
          ? `An administrator ended your enrollment in ${event.project} ${why}: ${event.reason}`
          : `An administrator ended ${event.mentee}'s enrollment in ${event.project} ${why}: ${event.reason}. ` +
              "No further evaluations are due for them.",
      );
    }
    case "evaluation_passed":
      return text(
        `Your ${event.checkpoint.toLowerCase()} in ${event.project} passed. ` +
          (event.extensionUndone
            ? `Its extension of ${weeks(event.extensionUndone.weeks)} is withdrawn: your checkpoints are back ` +
              `on their dates, and your enrollment ends ${at(event.extensionUndone.endsAt)} again. `
            : "") +
          (event.final ? "That was your last checkpoint." : "Keep going!"),
      );
    case "evaluation_extended":
      return text(
        `Your mentor extended your ${event.checkpoint.toLowerCase()} in ${event.project} by ${weeks(event.weeks)}. ` +
          movedDates(event, at),
      );
    case "stipend_created":
      return text(
        `Your ${event.checkpoint.toLowerCase()} passed: a stipend payment of ${money(event)} ` +
          "is waiting for an administrator's approval.",
      );
    case "stipend_to_approve":
      return text(
        `A stipend payment of ${money(event)} (${event.checkpoint}) awaits your approval.`,
        approveOrDecline("stipend.approve", "stipend.decline", event.paymentId),
      );
    case "stipend_approved":
      return text(`Your stipend payment of ${money(event)} (${event.checkpoint}) is approved; finance will pay it.`);
    case "stipend_declined":
      return text(
        `Your stipend payment of ${money(event)} (${event.checkpoint}) was declined. Reason: ${event.reason}`,
      );
    case "stipend_paid":
      return text(
        `Your stipend payment of ${money(event)} (${event.checkpoint}) was paid. Reference: ${event.reference}.`,
      );
    case "letter_issued":
      return text(
        `Congratulations on completing ${event.project}! Your Letter of Completion is ready (${hint("letter")}). ` +
          `Anyone can check it with ${hint("verify", event.code)}.`,
      );
    case "letter_revoked":
      return text(
        `Your Letter of Completion for ${event.project} was revoked: ${event.reason}. ` +
          "Verifying its code now says it was revoked.",
      );
    case "eval-soon":
      return text(`${checkpointOf(event)} opens ${at(event.opensAt)}.`);
    case "eval-open":
      return text(`${checkpointOf(event)} is open: ${evaluate(event, reader)}, due ${at(event.dueAt)}.`);
    case "eval-due":
      return text(`${checkpointOf(event)} is due tomorrow, ${at(event.dueAt)}: ${evaluate(event, reader)}.`);
    case "eval-overdue":
      return text(
        `${checkpointOf(event)} is overdue since ${at(event.dueAt)}; ` +
          `it can be submitted until ${at(event.graceEndsAt)}.`,
      );
    case "eval-escalated":
      return text(`Overdue: ${checkpointOf(event)} was due ${at(event.dueAt)} and its mentors have not submitted it.`);
    case "self-report":
      return text(
        `Your self-report for ${event.checkpoint} (${event.project}) is open until ${at(event.dueAt)}: ` +
          `${hint("self-report")}.`,
      );
    case "survey":
      return text(`Your feedback survey is open (${hint("survey")}): it is needed for your Letter of Completion.`);
    case "mentor-survey":
      return text(
        `Your mentor survey for ${event.project} is open: ${hint("mentor survey", event.projectRef)}. ` +
          "Four questions on how the term went for you.",
      );
    case "prerequisite-due":
      return text(
        `Your prerequisite "${event.prerequisite}" for ${event.project} is due ${at(event.dueAt)}: ${hint("tasks")}.`,
      );
    case "onboarding":
      return text(
        `Your onboarding for ${event.project} is not complete yet (${hint("onboarding")}); ` +
          "you start once every step is confirmed.",
      );
    case "stipend-waiting":
      return text(
        `A stipend payment of ${money(event)} for ${event.mentee} has waited two days for approval: ` +
          `${hint("admin payments", event.programSlug)}.`,
      );
    case "stipend-unpaid":
      return text(
        `The stipend payment of ${money(event)} for ${event.mentee} (${event.checkpoint}) was approved ` +
          `${at(event.approvedAt)} and is not marked paid yet: ${hint("admin payments", event.programSlug)}.`,
        [{ label: "Mark paid", action: "stipend.paid", value: event.paymentId }],
      );
    case "digest":
      return digestView(event.digest, new Date(event.digest.asOf), zone);
  }
}

/** The evaluate command with the mentee named as the reader's platform names them, or where to find them. */
function evaluate(event: { menteeIds?: Record<string, string> }, reader: Reader): string {
  const id = event.menteeIds?.[reader.platform];
  if (!id) return `${hint("mentees")} lists whom to evaluate`;
  return hint("evaluate", formatMention(reader.platform, id));
}

/** The dates an extension moved, as the mentee now has them. */
function movedDates(moved: Moved, at: (iso: string) => string): string {
  if (!moved.endsAt) return "Your remaining checkpoints and end date moved with it.";
  const next = moved.nextCheckpoint
    ? `${moved.nextCheckpoint} is now due ${at(moved.nextDueAt!)}, ` +
      `and its self-report opens ${at(moved.nextOpensAt!)}; `
    : "";
  return `${next}your enrollment now ends ${at(moved.endsAt)}.`.replace(/^./, (c) => c.toUpperCase());
}

const weeks = (n: number) => `${n} week${n === 1 ? "" : "s"}`;
const money = (p: { amountCents: number; currency: string }) => formatMoney(p.amountCents, p.currency);
const checkpointOf = (e: { checkpoint: string; mentee: string; project: string }) =>
  `${e.checkpoint} of ${e.mentee} (${e.project})`;
