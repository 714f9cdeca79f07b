import { surveyAnswers } from "../../../core/surveys.js";
import type { SurveyAnswer } from "../../../core/rules/survey-anonymity.js";
import { defineCommand } from "../../command-tree.js";
import type { ChatContext } from "../../context.js";
import type { Section } from "../../views.js";
import { info, when } from "../common.js";

const yes = (b: boolean) => (b ? "yes" : "no");

/** "2027-spring — Ada (Tracing), Mon 1 Mar 2027, …: " or, anonymous, "2027-spring: ". */
const from = (ctx: ChatContext, a: SurveyAnswer<unknown>) =>
  a.respondent
    ? `${a.term} — ${a.respondent.name} (${a.respondent.project}), ${when(ctx, a.respondent.submittedAt)}: `
    : `${a.term}: `;
const comments = (text: string) => (text ? ` "${text}"` : "");

defineCommand({
  path: ["admin", "surveys"],
  summary: "The end-of-term survey answers of mentees and mentors (anonymous when the program chose so).",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: async (ctx, args) => {
    const { program, anonymous, mentees, mentors } = await surveyAnswers(ctx.core, ctx.actor, args.program);
    const none = ["None yet."];
    const sections: Section[] = [
      {
        heading: `Mentees' feedback survey (${mentees.length})`,
        lines: mentees.length
          ? mentees.map(
              (a) =>
                `${from(ctx, a)}overall ${a.answers.overall}/5, mentor support ${a.answers.mentorSupport}/5, ` +
                `would recommend: ${yes(a.answers.wouldRecommend)}.${comments(a.answers.comments)}`,
            )
          : none,
      },
      {
        heading: `Mentors' survey (${mentors.length})`,
        lines: mentors.length
          ? mentors.map(
              (a) =>
                `${from(ctx, a)}overall ${a.answers.overall}/5, program support ${a.answers.programSupport}/5, ` +
                `would mentor again: ${yes(a.answers.wouldMentorAgain)}.${comments(a.answers.comments)}`,
            )
          : none,
      },
    ];
    return [
      info(`Survey answers — ${program.name}`, {
        text: anonymous
          ? "Anonymous, as the program chose: no names or projects, ordered by answer rather than by date."
          : "Named, as the program chose.",
        sections,
      }),
    ];
  },
});
