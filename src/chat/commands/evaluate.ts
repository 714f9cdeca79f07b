import { z } from "zod";
import { evaluationToOpen, submitEvaluation } from "../../core/evaluations.js";
import { EXTENSION_WEEKS } from "../../core/rules/extensions.js";
import { parseLocal } from "../../core/time.js";
import { defineCommand } from "../command-tree.js";
import { formatDate } from "../format.js";
import { buildForm, choice, defineForm, integer, localDate, optionalInteger, text } from "../forms.js";
import { field, optional, success, when } from "./common.js";

const ratings = (label: string) => integer(label, 1, 5);
const { min, max } = EXTENSION_WEEKS;

const evaluationForm = defineForm({
  id: "evaluation",
  title: "Checkpoint evaluation",
  submitLabel: "Submit",
  fields: async (ctx, mention) => {
    const { enrollment, open, current } = await evaluationToOpen(ctx.core, ctx.actor, mention);
    const previous = enrollment.evaluations.find((e) => e.checkpointId === current?.checkpointId);
    const rating = (id: string, label: string, initial?: number) =>
      field(id, `${label} (1–5)`, "number", { initial: initial ? String(initial) : undefined });
    return [
      field("checkpoint", "Checkpoint", "select", {
        options: open.map((s) => ({
          label: `${s.checkpoint.name} (due ${formatDate(s.dueAt, ctx.actor.timeZone)})`,
          value: String(s.checkpoint.number),
        })),
        initial: current ? String(current.checkpoint.number) : undefined,
      }),
      rating("ratingTasks", "Completion of tasks and milestones", previous?.ratingTasks),
      rating("ratingEngagement", "Engagement with you and the community", previous?.ratingEngagement),
      rating("ratingProgress", "Steady progress against the plan", previous?.ratingProgress),
      field("lastContactOn", "Last contact with the mentee", "date", {
        initial: previous ? formatDate(previous.lastContactOn, ctx.actor.timeZone) : undefined,
      }),
      field("report", "Report", "textarea", { maxLength: 3000, initial: previous?.report }),
      field("outcome", "Outcome", "select", {
        options: [
          { label: "Pass and continue", value: "pass" },
          { label: "Extend by N weeks", value: "extend" },
          { label: "Fail (ends the enrollment)", value: "fail" },
        ],
        initial: previous?.outcome,
      }),
      optional(
        field("extendWeeks", `Extend by how many weeks (${min}–${max}, only for Extend)`, "number", {
          initial: previous?.extendWeeks ? String(previous.extendWeeks) : undefined,
        }),
      ),
    ];
  },
  schema: z
    .object({
      checkpoint: integer("Checkpoint", 1, 4),
      ratingTasks: ratings("Completion of tasks"),
      ratingEngagement: ratings("Engagement"),
      ratingProgress: ratings("Progress"),
      lastContactOn: localDate("Last contact"),
      report: text("Report", 3000),
      outcome: choice("the outcome", ["pass", "extend", "fail"]),
      extendWeeks: optionalInteger("Weeks", min, max),
    })
    .refine((v) => v.outcome !== "extend" || v.extendWeeks !== undefined, {
      path: ["extendWeeks"],
      message: `Give the weeks of the extension (${min} to ${max}).`,
    }),
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
          ? `extended by ${v.extendWeeks} week(s)`
          : "failed: the enrollment has ended";
    const editable = `You can edit it until ${when(ctx, result.schedule.graceEndsAt)}.`;
    return [
      success(
        `${result.edited ? "Updated" : "Saved"}: ${result.schedule.checkpoint.name} of ${name} ${outcome}. ${v.outcome === "fail" ? "" : editable}${result.letter ? ` ${name} has completed the program; the Letter of Completion is issued.` : ""}`,
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
