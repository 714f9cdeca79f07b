// A term's timeline: applications open → close → a review period → selection → start → checkpoints
// → end. Dates are instants; lengths count calendar days and weeks in the program's time zone.
import type { ApplicationsState, TermKind } from "../../generated/prisma/client.js";
import { day, say, type Words } from "../sentence.js";
import { addWeeks, calendarDays, DAY_MS } from "../time.js";

export const TERM_WEEKS: Record<TermKind, number> = { full_time: 12, part_time: 24 };
export const MIN_REVIEW_DAYS = 14;
/** After a checkpoint's due date, its evaluation can still be saved or edited this long. */
export const GRACE_DAYS = 7;

/** A term ends as many weeks after its start as its kind lasts, unless the administrator says otherwise. */
export const defaultTermEnd = (startAt: Date, kind: TermKind, zone: string): Date =>
  addWeeks(startAt, TERM_WEEKS[kind], zone);

/** The program's default checkpoints: the 2nd and the final one carry the stipend, 50/50. */
export function defaultCheckpoints(kind: TermKind) {
  const weeks = kind === "full_time" ? [3, 6, 9, 12] : [6, 12, 18, 24];
  const names = ["First evaluation", "Midterm evaluation", "Third evaluation", "Final evaluation"];
  return weeks.map((week, i) => ({
    number: i + 1,
    name: names[i]!,
    week,
    stipendPercent: i === 1 || i === 3 ? 50 : 0,
    isFinal: i === 3,
  }));
}

export interface Timeline {
  kind: TermKind;
  applicationsOpenAt: Date;
  applicationsCloseAt: Date;
  selectionAt: Date;
  startAt: Date;
  endAt: Date;
}

/**
 * What is wrong with a timeline, by field; empty when nothing is. `now`, for a new term: its applications
 * open today or later (in the program's zone), so nothing of it is already over when it is created. A form
 * checks the dates typed so far: each rule is checked once the dates it compares are given.
 */
export function validateTimeline(input: Partial<Timeline>, zone: string, now?: Date): Record<string, Words> {
  const errors: Record<string, Words> = {};
  const { kind, applicationsOpenAt: open, applicationsCloseAt: close, selectionAt, startAt, endAt } = input;
  if (now && open && calendarDays(now, open, zone) < 0) {
    const today = day(now, zone);
    errors.applicationsOpenAt = say`A new term's applications open today (${today}) or later, not in the past.`;
  }
  // Each names the date it is compared with: the mistake may be in that one, typed earlier.
  if (open && close && close <= open)
    errors.applicationsCloseAt = say`Applications must close after they open (${day(open, zone)}).`;
  if (close && selectionAt) {
    const reviewDays = (selectionAt.getTime() - close.getTime()) / DAY_MS;
    if (reviewDays < MIN_REVIEW_DAYS) {
      errors.selectionAt =
        `Selection must be at least ${MIN_REVIEW_DAYS} days after applications close ` +
        `(the review period); it is ${Math.floor(reviewDays)} days.`;
    }
  }
  if (startAt && selectionAt && startAt < selectionAt)
    errors.startAt = say`The term must start on or after the selection is announced (${day(selectionAt, zone)}).`;
  if (kind && startAt && endAt) {
    const weeks = TERM_WEEKS[kind];
    const days = calendarDays(startAt, endAt, zone);
    if (days !== weeks * 7) {
      errors.endAt =
        `A ${kind === "full_time" ? "full-time" : "part-time"} term lasts ${weeks} weeks: ` +
        `it should end ${weeks * 7} days after it starts, not ${days}.`;
    }
  }
  return errors;
}

/**
 * Applications close at the close date the term published, whether or not an administrator closed them by
 * hand: the scheduler records it at its next tick, and until then every rule reads the term as closed.
 */
export function applicationsStateAt(
  term: { applicationsState: ApplicationsState; applicationsCloseAt: Date },
  now: Date,
): ApplicationsState {
  return term.applicationsState === "open" && now >= term.applicationsCloseAt ? "closed" : term.applicationsState;
}

/**
 * Decisions on applications are announced on the term's published selection date, as LFX does: a decision
 * taken before it is recorded at once (administrators and mentors see it) and reaches the applicant then; one
 * taken after it reaches them at once. Returns when the applicant hears of a decision taken `now`.
 */
export const decisionAnnouncedAt = (term: { selectionAt: Date }, now: Date): Date =>
  now < term.selectionAt ? term.selectionAt : now;

/** Whether a decided applicant is still waiting for the selection date (their decision not yet theirs to see). */
export const decisionHeld = (term: { selectionAt: Date }, now: Date): boolean => now < term.selectionAt;
