// Small helpers and views several commands share.
import { applicationsStateAt, decisionHeld } from "../../core/rules/timeline.js";
import { z } from "zod";
import { termCheckpoints } from "../../core/programs.js";
import { isShortName, shortNameRule } from "../../core/rules/names.js";
import type { MessageView } from "../views.js";
import { formatInstant } from "../format.js";
import type { ChatContext } from "../context.js";
import { choice, field } from "../forms.js";

export const when = (ctx: ChatContext, instant: Date) => formatInstant(instant, ctx.actor.timeZone);

export const success = (text: string, extra: Omit<MessageView, "type" | "text" | "tone"> = {}): MessageView => ({
  type: "message",
  tone: "success",
  text,
  ...extra,
});

export const info = (title: string, extra: Omit<MessageView, "type" | "title"> = {}): MessageView => ({
  type: "message",
  title,
  ...extra,
});

/** When the applicant hears of a decision taken now: on the term's selection date, or at once after it. */
export const applicantTold = (ctx: ChatContext, term: { selectionAt: Date }, who = "They are") =>
  decisionHeld(term, ctx.core.clock.now())
    ? `${who} told by direct message when the selection is announced, ${when(ctx, term.selectionAt)}`
    : `${who} told by direct message now`;

/** What an accepted mentee reads of their enrollment before the selection is announced. */
export const awaitingSelection = (
  ctx: ChatContext,
  enrollment: { project: { name: string; term: { selectionAt: Date } } },
) => ({
  text:
    `The decision on your application to ${enrollment.project.name} is announced ` +
    `${when(ctx, enrollment.project.term.selectionAt)}.`,
});

/** A term's timeline and checkpoints, as `term show` and the checkpoint form after a change show them. */
export async function termView(ctx: ChatContext, ref: string): Promise<MessageView> {
  const { term, checkpoints } = await termCheckpoints(ctx.core, ref);
  return info(`Term ${term.program.slug}/${term.name} (${term.kind.replace("_", "-")})`, {
    sections: [
      {
        heading: "Timeline",
        fields: [
          ["Applications open", when(ctx, term.applicationsOpenAt)],
          ["Applications close", when(ctx, term.applicationsCloseAt)],
          ["Selection", when(ctx, term.selectionAt)],
          ["Start", when(ctx, term.startAt)],
          ["End", when(ctx, term.endAt)],
          ["Applications", applicationsWords(ctx, term)],
        ] as [string, string][],
      },
      {
        heading: "Checkpoints",
        lines: checkpoints.map(
          (c) =>
            `${c.number}. ${c.name}: opens ${when(ctx, c.opensAt)}, due ${when(ctx, c.dueAt)}` +
            `${c.stipendPercent ? `, stipend ${c.stipendPercent}%` : ""}${c.isFinal ? " (final)" : ""}`,
        ),
      },
    ],
  });
}

/** A short name people type in commands: a program, a term, a project. */
export const shortName = (label: string) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .toLowerCase()
    .refine(isShortName, shortNameRule(label));

/** A plan item's kind, as the plan and the project's plan template ask it. */
export const planItemKind = () =>
  field("Kind", "select", choice("milestone or task", ["milestone", "task"]), {
    options: [
      { label: "Milestone", value: "milestone" },
      { label: "Task", value: "task" },
    ],
  });

/** "open", "closed", "not open": as the term stands now, its published close date included. */
export const applicationsWords = (ctx: ChatContext, term: Parameters<typeof applicationsStateAt>[0]): string =>
  applicationsStateAt(term, ctx.core.clock.now()).replace("_", " ");
