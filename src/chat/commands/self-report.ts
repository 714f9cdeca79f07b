import { selfReportToOpen, submitSelfReport } from "../../core/evaluations.js";
import { defineCommand } from "../command-tree.js";
import { buildForm, defineForm, field, integer, text, numberField } from "../forms.js";
import { success } from "./common.js";

const selfReportForm = defineForm({
  id: "self-report",
  title: "Self-report",
  submitLabel: "Send",
  fields: {
    checkpoint: field("Checkpoint", "select", integer("Checkpoint", 1, 4)),
    hours: numberField("Hours worked per week, on average", "Hours", 0, 80),
    support: field("Support you received from your mentor and the community", "textarea", text("Support", 2000), {
      maxLength: 2000,
    }),
    progress: field("Your progress since the last checkpoint", "textarea", text("Progress", 2000), {
      maxLength: 2000,
    }),
  },
  present: async (ctx) => {
    const { open } = await selfReportToOpen(ctx.core, ctx.actor);
    return {
      checkpoint: {
        options: open.map((s) => ({ label: s.checkpoint.name, value: String(s.checkpoint.number) })),
        initial: open[0] ? String(open[0].checkpoint.number) : undefined,
      },
    };
  },
  submit: async (ctx, v) => {
    const { schedule } = await submitSelfReport(ctx.core, ctx.actor, v);
    return [success(`Your self-report for ${schedule.checkpoint.name} is sent. Thank you!`)];
  },
});

defineCommand({
  path: ["self-report"],
  form: selfReportForm,
  summary: "Send your self-report for the open checkpoint (hours, support, progress).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    await selfReportToOpen(ctx.core, ctx.actor);
    return [await buildForm(ctx, selfReportForm.id)];
  },
});
