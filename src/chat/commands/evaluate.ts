import { evaluationToOpen, submitEvaluation } from "../../core/evaluations.js";
import { EXTENSION_WEEKS } from "../../core/rules/extensions.js";
import { parseLocal } from "../../core/time.js";
import { defineCommand } from "../command-tree.js";
import { commandHint as hint, formatDate, plural } from "../format.js";
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
import { success, when } from "./common.js";

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
        `${result.edited ? "Updated" : "Saved"}: ${result.schedule.checkpoint.name} of ${name} ${outcome}. ` +
          // A completed enrollment is closed to edits: offering one would be refused.
          `${v.outcome === "fail" || result.letter ? "" : editable}` +
          `${result.letter ? ` ${name} has completed the program; the Letter of Completion is issued.` : ""}` +
          // The final pass is when a mentor knows what to say of the term: the letter quotes the note.
          `${finalPass ? ` Their letter can quote a few words of yours: ${noteHint}.` : ""}`,
      ),
    ];
  },
});

defineCommand({
  path: ["evaluate"],
  summary: "Submit or edit a mentee's checkpoint evaluation (their project's mentors only).",
  audience: "mentor",
  args: [{ name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" }],
  run: async (ctx, args) => {
    await evaluationToOpen(ctx.core, ctx.actor, args.mentee);
    return [await buildForm(ctx, evaluationForm.id, args.mentee)];
  },
});
