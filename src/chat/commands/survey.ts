import { z } from "zod";
import { submitSurvey, surveyToOpen } from "../../core/enrollments.js";
import { defineCommand } from "../command-tree.js";
import { buildForm, defineForm, integer, yesNo } from "../forms.js";
import { field, optional, success } from "./common.js";
import { commandHint as hint } from "../format.js";

const surveyForm = defineForm({
  id: "survey",
  title: "Feedback survey",
  submitLabel: "Send",
  fields: () => [
    field("overall", "How was the program overall? (1–5)", "number"),
    field("mentorSupport", "How well did your mentor support you? (1–5)", "number"),
    field("wouldRecommend", "Would you recommend it to a friend? (yes/no)", "text"),
    optional(field("comments", "Anything else?", "textarea", { maxLength: 3000 })),
  ],
  schema: z.object({
    overall: integer("Overall", 1, 5),
    mentorSupport: integer("Mentor support", 1, 5),
    wouldRecommend: yesNo("Recommend"),
    comments: z.string().trim().max(3000).default(""),
  }),
  submit: async (ctx, v) => {
    const { letter } = await submitSurvey(ctx.core, ctx.actor, v);
    return [
      success(
        `Thank you for your feedback.${letter ? ` You have completed the program: your Letter of Completion is ready (${hint("letter")}).` : " Your letter is issued once your final evaluation passed and your plan is done."}`,
      ),
    ];
  },
});

defineCommand({
  path: ["survey"],
  summary: "Send the feedback survey (needed for completion).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    await surveyToOpen(ctx.core, ctx.actor);
    return [await buildForm(ctx, surveyForm.id)];
  },
});
