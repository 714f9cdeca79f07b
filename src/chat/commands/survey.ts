import { submitSurvey, surveyToOpen } from "../../core/enrollments.js";
import { defineCommand } from "../command-tree.js";
import { comments, buildForm, defineForm, field, yesNo, numberField } from "../forms.js";
import { success } from "./common.js";
import { commandHint as hint } from "../format.js";

const surveyForm = defineForm({
  id: "survey",
  title: "Feedback survey",
  submitLabel: "Send",
  fields: {
    overall: numberField("How was the program overall? (1–5)", "Overall", 1, 5),
    mentorSupport: numberField("How well did your mentor support you? (1–5)", "Mentor support", 1, 5),
    wouldRecommend: field("Would you recommend it to a friend?", "yesno", yesNo("Recommend")),
    comments: field("Anything else?", "textarea", comments(), { maxLength: 3000 }),
  },
  submit: async (ctx, v) => {
    const { letter } = await submitSurvey(ctx.core, ctx.actor, v);
    const letterNote = letter
      ? ` You have completed the program: your Letter of Completion is ready (${hint("letter")}).`
      : " Your letter is issued once your final evaluation passed and your plan is done.";
    return [success(`Thank you for your feedback.${letterNote}`)];
  },
});

defineCommand({
  path: ["survey"],
  form: surveyForm,
  summary: "Send the feedback survey (needed for completion).",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    await surveyToOpen(ctx.core, ctx.actor);
    return [await buildForm(ctx, surveyForm.id)];
  },
});
