// What the core tells people, as facts: each notification is a typed event
// (its kind, the ids it concerns, the names and instants a reader needs),
// written to the outbox in the transaction of the change that caused it. The
// chat layer words each event for its reader when it is delivered, in their
// time zone, with buttons and command hints of its own; the core never writes
// a sentence, a date or a button here.
//
// Instants travel as ISO strings (the outbox keeps JSON). Names are those at
// the time of the event, as a letter would quote them.
import type { DigestFacts } from "./digest.js";

/** The outbox key of the message telling an applicant their application's result (one per application). */
export const applicationResultKey = (applicationId: string) => `application-result:${applicationId}`;

/** An instant as stored in an event: `Date.toISOString()`. */
export type IsoInstant = string;

interface ProjectFacts {
  /** The project's name. */
  project: string;
}

interface PaymentFacts {
  paymentId: string;
  checkpoint: string;
  amountCents: number;
  currency: string;
}

interface CheckpointFacts extends ProjectFacts {
  checkpoint: string;
  mentee: string;
  /** The mentee's id on each platform they use, so a reminder can name them as its reader would type them. */
  menteeIds?: Record<string, string>;
}

/** Events written by use cases, one per change a person should hear about. */
export type UseCaseEvent =
  | ({ kind: "mentor_request"; projectId: string; projectRef: string; mentorId: string; mentor: string } & ProjectFacts)
  | ({ kind: "mentor_decision"; approved: boolean; projectSlug: string } & ProjectFacts)
  | { kind: "administrator_added"; program: string; programSlug: string }
  | { kind: "applications_closed"; term: string; termRef: string; selectionAt: IsoInstant }
  /** Applications still pending when their term started, now declined as not selected (to administrators). */
  | {
      kind: "applications_not_selected";
      term: string;
      termRef: string;
      programSlug: string;
      count: number;
      startedAt: IsoInstant;
    }
  | ({ kind: "application_new"; mentee: string; projectSlug: string } & ProjectFacts)
  | ({
      kind: "task_submitted";
      mentee: string;
      prerequisite: string;
      projectSlug: string;
      /** Submitted again after it was sent back: the comment it answers. */
      sentBackWith?: string;
    } & ProjectFacts)
  | ({ kind: "task_reviewed"; prerequisite: string; completed: boolean; comment?: string } & ProjectFacts)
  | ({
      kind: "application_accepted";
      term: string;
      termStartsAt: IsoInstant;
      /** Set when the onboarding was completed while the acceptance was still held for the selection date. */
      onboarded?: true;
    } & ProjectFacts)
  | ({ kind: "application_declined"; term: string; reason: string } & ProjectFacts)
  | ({ kind: "enrollment_active" } & ProjectFacts)
  | ({ kind: "enrollment_extended"; weeks: number } & Moved & ProjectFacts)
  | ({ kind: "enrollment_failed"; cause: EndCause } & ProjectFacts)
  | ({
      kind: "enrollment_ended";
      /** Whether the mentee reads it or one of the project's mentors. */
      reader: "mentee" | "mentor";
      mentee: string;
      why: "non_performance" | "mentee_request";
      reason: string;
    } & ProjectFacts)
  | ({
      kind: "evaluation_passed";
      checkpoint: string;
      final?: boolean;
      /** An "extend" corrected to this pass: the extension taken back, and the end date again. */
      extensionUndone?: { weeks: number; endsAt: IsoInstant };
    } & ProjectFacts)
  | ({ kind: "evaluation_extended"; checkpoint: string; weeks: number } & Moved & ProjectFacts)
  | ({ kind: "stipend_created" } & PaymentFacts)
  | ({ kind: "stipend_to_approve" } & PaymentFacts)
  | ({ kind: "stipend_approved" } & PaymentFacts)
  | ({ kind: "stipend_declined"; reason: string } & PaymentFacts)
  | ({ kind: "stipend_paid"; reference: string } & PaymentFacts)
  | ({ kind: "letter_issued"; code: string } & ProjectFacts)
  | ({ kind: "letter_revoked"; reason: string } & ProjectFacts);

/** Why an enrollment failed. */
export type EndCause = { type: "checkpoint_failed"; checkpoint: string } | { type: "final_evaluation_missing" };

/** Events written by the scheduler's sweeps (see scheduler/sweeps.ts, which builds them in SQL). */
export type ReminderEvent =
  | ({ kind: "eval-soon"; opensAt: IsoInstant } & CheckpointFacts)
  | ({ kind: "eval-open"; dueAt: IsoInstant } & CheckpointFacts)
  | ({ kind: "eval-due"; dueAt: IsoInstant } & CheckpointFacts)
  | ({ kind: "eval-overdue"; dueAt: IsoInstant; graceEndsAt: IsoInstant } & CheckpointFacts)
  | ({ kind: "eval-escalated"; dueAt: IsoInstant } & CheckpointFacts)
  | ({ kind: "self-report"; checkpoint: string; dueAt: IsoInstant } & ProjectFacts)
  | { kind: "survey" }
  /** A mentor's own end-of-term survey is open; `projectRef` is program/term/project. */
  | ({ kind: "mentor-survey"; projectRef: string } & ProjectFacts)
  | ({ kind: "prerequisite-due"; prerequisite: string; dueAt: IsoInstant } & ProjectFacts)
  | ({ kind: "onboarding" } & ProjectFacts)
  | {
      kind: "stipend-waiting";
      paymentId: string;
      amountCents: number;
      currency: string;
      mentee: string;
      programSlug: string;
    }
  /** Approved `approvedAt` and still not marked paid `days` days later (or a multiple of them). */
  | ({
      kind: "stipend-unpaid";
      mentee: string;
      approvedAt: IsoInstant;
      days: number;
      programSlug: string;
    } & PaymentFacts);

/** The program's digest, posted to its administrators' channel (see core/digest.ts). */
export interface DigestEvent {
  kind: "digest";
  digest: DigestFacts;
}

export type NotificationEvent = UseCaseEvent | ReminderEvent | DigestEvent;

/**
 * What an outbox message carries: an event to word at delivery, or a reply the
 * chat layer already rendered for the person who asked (their request's
 * outcome, sent after the platform's acknowledgement).
 */
export type OutboxPayload =
  | { event: NotificationEvent }
  | { reply: Record<string, unknown>; platform: string }
  /** Messages written before events existed: shown as they were written. */
  | { text: string; buttons?: unknown[]; view?: Record<string, unknown>; platform?: string };

/** Where an extension moved a mentee's dates (absent from messages written before it said so). */
export interface Moved {
  endsAt?: IsoInstant;
  nextCheckpoint?: string;
  nextOpensAt?: IsoInstant;
  nextDueAt?: IsoInstant;
}
