import { describe, expect, it } from "vitest";
import { withSurveyAnonymity } from "../../../src/core/rules/survey-anonymity.js";

const answer = (name: string, project: string, day: number, overall: number, comments: string) => ({
  term: "2027-spring",
  respondent: { name, project, submittedAt: new Date(Date.UTC(2027, 4, day)) },
  answers: { overall, comments },
});
// Submitted in the order ada, bob, chen.
const answers = [
  answer("ada", "Kernel docs", 1, 5, "Great"),
  answer("bob", "K8s ops", 2, 3, "Busy mentor"),
  answer("chen", "Tracing", 3, 4, ""),
];

describe("survey answers as administrators read them", () => {
  it("keep who answered when the program names respondents", () => {
    expect(withSurveyAnonymity(answers, false)).toEqual(answers);
  });

  it("carry no name, project or date when anonymous, and are not in the order people answered", () => {
    const anonymous = withSurveyAnonymity(answers, true);
    expect(anonymous.every((a) => a.respondent === null)).toBe(true);
    const text = JSON.stringify(anonymous);
    for (const revealing of ["ada", "bob", "chen", "Kernel docs", "K8s ops", "Tracing", "2027-05"])
      expect(text).not.toContain(revealing);
    // Ordered by answer: overall 3, 4, 5, whatever the submission order.
    expect(anonymous.map((a) => a.answers.overall)).toEqual([3, 4, 5]);
    expect(withSurveyAnonymity([...answers].reverse(), true)).toEqual(anonymous);
  });
});
