import { evaluationsOwedBy, evaluationToOpen, submitEvaluation } from "../../core/evaluations.js";
import { EXTENSION_WEEKS } from "../../core/rules/extensions.js";
import { parseLocal } from "../../core/time.js";
import { defineCommand } from "../command-tree.js";
import { commandHint as hint, formatDate, formatMention, plural } from "../format.js";
import {
  buildForm,
  choice,
  defineForm,
  field,
  integer,
  localDate,
  optionalInteger,
  text,
  numberField,
} from "../forms.js";
import { info, success, when } from "./common.js";
import type { ChatContext } from "../context.js";
import type { MessageView } from "../views.js";

const { min, max } = EXTENSION_WEEKS;

const rating = (label: string, short: string) => numberField(`${label} (1–5)`, short, 1, 5);

const evaluationForm = defineForm({
  id: "evaluation",
  title: "Checkpoint evaluation",
  submitLabel: "Submit",
  fields: {
    checkpoint: field("Checkpoint", "select", integer("Checkpoint", 1, 4)),
    ratingTasks: rating("Completion of tasks and milestones", "Completion of tasks"),
    ratingEngagement: rating("Engagement with you and the community", "Engagement"),
    ratingProgress: rating("Steady progress against the plan", "Progress"),
    lastContactOn: field("Last contact with the mentee", "date", localDate("Last contact")),
    report: field("Report", "textarea", text("Report", 3000), { maxLength: 3000 }),
    outcome: field("Outcome", "select", choice("the outcome", ["pass", "extend", "fail"]), {
      options: [
        { label: "Pass and continue", value: "pass" },
        { label: "Extend by N weeks", value: "extend" },
        { label: "Fail (ends the enrollment)", value: "fail" },
      ],
    }),
    extendWeeks: field(
      `Extend by how many weeks (${min}–${max}, only for Extend)`,
      "number",
      optionalInteger("Weeks", min, max),
    ),
  },
  refine: (schema) =>
    schema.refine((v) => v.outcome !== "extend" || v.extendWeeks !== undefined, {
      path: ["extendWeeks"],
      message: `Give the weeks of the extension (${min} to ${max}).`,
    }),
  present: async (ctx, mention) => {
    const { enrollment, open, current } = await evaluationToOpen(ctx.core, ctx.actor, mention);
    const previous = enrollment.evaluations.find((e) => e.checkpointId === current?.checkpointId);
    const score = (value?: number) => ({ initial: value ? String(value) : undefined });
    return {
      checkpoint: {
        options: open.map((s) => ({
          label: `${s.checkpoint.name} (due ${when(ctx, s.dueAt)})`,
          value: String(s.checkpoint.number),
        })),
        initial: current ? String(current.checkpoint.number) : undefined,
      },
      ratingTasks: score(previous?.ratingTasks),
      ratingEngagement: score(previous?.ratingEngagement),
      ratingProgress: score(previous?.ratingProgress),
      lastContactOn: { initial: previous ? formatDate(previous.lastContactOn, ctx.actor.timeZone) : undefined },
      report: { initial: previous?.report },
      outcome: { initial: previous?.outcome },
      extendWeeks: score(previous?.extendWeeks ?? undefined),
    };
  },
  submit: async (ctx, v, mention) => {
    const result = await submitEvaluation(ctx.core, ctx.actor, mention, {
      ...v,
      lastContactOn: parseLocal(v.lastContactOn, ctx.actor.timeZone),
    });
    const name = result.mentee.displayName;
    const outcome =
      v.outcome === "pass"
        ? "passed"
        : v.outcome === "extend"
          ? `extended by ${plural(v.extendWeeks ?? 0, "week")}`
          : "failed: the enrollment has ended";
    const finalPass = v.outcome === "pass" && result.schedule.checkpoint.isFinal;
    const noteHint = hint("mentor graduation-note", mention, "<note>");
    const editable = `You can edit it until ${when(ctx, result.schedule.graceEndsAt)}.`;
    return [
      success(
        [
          `${result.edited ? "Updated" : "Saved"}: ${result.schedule.checkpoint.name} of ${name} ${outcome}.`,
          // A completed enrollment is closed to edits: offering one would be refused.
          v.outcome === "fail" || result.letter ? "" : editable,
          result.letter ? `${name} has completed the program; the Letter of Completion is issued.` : "",
          // The final pass is when a mentor knows what to say of the term: the letter quotes the note.
          finalPass ? `Their letter can quote a few words of yours: ${noteHint}.` : "",
        ]
          .filter(Boolean)
          .join(" "),
      ),
    ];
  },
});

defineCommand({
  path: ["evaluate"],
  form: evaluationForm,
  summary: "Submit or edit a mentee's checkpoint evaluation (their project's mentors only).",
  audience: "mentor",
  args: [
    {
      name: "mentee",
      description: "the mentee (a mention; without, the one whose evaluation is open)",
      required: false,
      choices: "mentee",
    },
  ],
  run: async (ctx, args) => {
    const mentee = args.mentee ?? (await whomToEvaluate(ctx));
    if (typeof mentee !== "string") return [mentee];
    await evaluationToOpen(ctx.core, ctx.actor, mentee);
    return [await buildForm(ctx, evaluationForm.id, mentee)];
  },
});

/** Without a mentee: the one whose evaluation is open, or the list of them, each with its command. */
async function whomToEvaluate(ctx: ChatContext): Promise<string | MessageView> {
  const owed = await evaluationsOwedBy(ctx.core, ctx.actor);
  const named = owed.filter((o) => o.externalId !== undefined);
  if (owed.length === 1 && named.length === 1) return formatMention(ctx.actor.platform, named[0]!.externalId!);
  if (owed.length === 0) {
    return info("Evaluations", {
      text: `No evaluation of your mentees is open now. ${hint("mentees")} shows the next.`,
    });
  }
  return info("Evaluations open now", {
    text: owed
      .map(
        (o) =>
          `${o.mentee}: ${o.checkpoint}, due ${when(ctx, o.dueAt)}` +
          (o.externalId ? ` — ${hint("evaluate", formatMention(ctx.actor.platform, o.externalId))}` : ""),
      )
      .join("\n"),
  });
}
