import { mentorSurveyToOpen, submitMentorSurvey } from "../../../core/surveys.js";
import { defineCommand } from "../../command-tree.js";
import { comments, buildForm, defineForm, field, numberField, yesNo } from "../../forms.js";
import { success } from "../common.js";

const mentorSurveyForm = defineForm({
  id: "mentor-survey",
  title: "Mentor survey",
  submitLabel: "Send",
  fields: {
    overall: numberField("How was mentoring in this term overall? (1–5)", "Overall", 1, 5),
    programSupport: numberField("How well did the program support you as a mentor? (1–5)", "Program support", 1, 5),
    wouldMentorAgain: field("Would you mentor again?", "yesno", yesNo("Mentor again")),
    comments: field("Anything else?", "textarea", comments(), { maxLength: 3000 }),
  },
  submit: async (ctx, v, projectId) => {
    const project = await submitMentorSurvey(ctx.core, ctx.actor, projectId, v);
    return [success(`Thank you for your feedback on mentoring ${project.name}.`)];
  },
});

defineCommand({
  path: ["mentor", "survey"],
  form: mentorSurveyForm,
  summary: "Send your mentor survey at the end of a term (it opens with the final evaluation).",
  audience: "mentor",
  args: [{ name: "project", description: "the project you mentored (optional)", required: false, choices: "project" }],
  run: async (ctx, args) => {
    const project = await mentorSurveyToOpen(ctx.core, ctx.actor, args.project);
    return [await buildForm(ctx, mentorSurveyForm.id, project.id)];
  },
});
