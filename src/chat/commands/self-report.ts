import { z } from "zod";
import { selfReportToOpen, submitSelfReport } from "../../core/evaluations.js";
import { defineCommand } from "../command-tree.js";
import { buildForm, defineForm, integer, text } from "../forms.js";
import { field, success } from "./common.js";

const selfReportForm = defineForm({
  id: "self-report",
  title: "Self-report",
  submitLabel: "Send",
  fields: async (ctx) => {
    const { open } = await selfReportToOpen(ctx.core, ctx.actor);
    return [
      field("checkpoint", "Checkpoint", "select", {
        options: open.map((s) => ({ label: s.checkpoint.name, value: String(s.checkpoint.number) })),
        initial: open[0] ? String(open[0].checkpoint.number) : undefined,
      }),
      field("hours", "Hours worked per week, on average", "number"),
      field("support", "Support you received from your mentor and the community", "textarea", { maxLength: 2000 }),
      field("progress", "Your progress since the last checkpoint", "textarea", { maxLength: 2000 }),
    ];
  },
  schema: z.object({
    checkpoint: integer("Checkpoint", 1, 4),
    hours: integer("Hours", 0, 80),
    support: text("Support", 2000),
    progress: text("Progress", 2000),
  }),
  submit: async (ctx, v) => {
    const { schedule } = await submitSelfReport(ctx.core, ctx.actor, v);
    return [success(`Your self-report for ${schedule.checkpoint.name} is sent. Thank you!`)];
  },
});

defineCommand({
  path: ["self-report"],
  summary: "Send your self-report for the open checkpoint (hours, support, progress).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    await selfReportToOpen(ctx.core, ctx.actor);
    return [await buildForm(ctx, selfReportForm.id)];
  },
});
