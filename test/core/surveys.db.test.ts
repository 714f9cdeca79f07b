// The end-of-term surveys: the mentors' own, and both as administrators read them, anonymous or named as the
// program chose; the program's settings for them and for unpaid stipend payments, and who may change them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import type { MessageView, View } from "../../src/chat/views.js";
import { submitSurvey } from "../../src/core/enrollments.js";
import { InvalidInput, Refusal } from "../../src/core/errors.js";
import { setSurveyAnonymity, setUnpaidReminderDays } from "../../src/core/programs.js";
import {
  MENTOR_SURVEY_DAYS_AFTER_END,
  mentorSurveyToOpen,
  submitMentorSurvey,
  surveyAnswers,
} from "../../src/core/surveys.js";
import { createLogger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { buildWorld, DAY, dueOf, enrollAda, insideWindow, passCheckpoints, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

const mentorAnswers = { overall: 4, programSupport: 5, wouldMentorAgain: true, comments: "Good term" };
const menteeAnswers = { overall: 5, mentorSupport: 4, wouldRecommend: true, comments: "Thanks linus" };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof Refusal) return String(error.words);
  if (error instanceof InvalidInput) return Object.values(error.fieldErrors).map(String).join(" ");
  throw new Error(`expected a refusal, got ${String(error)}`);
}

/** ada active in kernel-docs, three checkpoints passed, the final one open. */
async function finalOpen() {
  await enrollAda(w);
  await passCheckpoints(w, 3);
  w.clock.set(insideWindow(4));
}

describe("the mentors' survey", () => {
  it("opens with the term's final checkpoint, for the mentors of a project whose mentee started", async () => {
    await enrollAda(w);
    w.clock.set(new Date(dueOf(4).getTime() - 8 * DAY));
    expect(await refusal(mentorSurveyToOpen(w.core, w.as.mentor))).toContain("You have no mentor survey open");
    expect(await refusal(mentorSurveyToOpen(w.core, w.as.mentor, "kernel-docs"))).toContain(
      "The mentor survey opens with the final evaluation, on 2027-05-17",
    );
    w.clock.set(new Date(dueOf(4).getTime() - 7 * DAY));
    expect((await mentorSurveyToOpen(w.core, w.as.mentor)).slug).toBe("kernel-docs");
    // kelsey's project had no active mentee; ada and grace mentor nothing.
    expect(await refusal(mentorSurveyToOpen(w.core, w.as.otherMentor, "k8s-ops"))).toBe(
      "K8s ops had no active mentee, so it has no mentor survey.",
    );
    expect(await refusal(mentorSurveyToOpen(w.core, w.as.mentee))).toBe(
      "The mentor survey is for mentors of a project.",
    );
    expect(await refusal(mentorSurveyToOpen(w.core, w.as.otherMentor, "kernel-docs"))).toBe(
      "Only the mentors of Kernel docs send its mentor survey.",
    );
    expect(await refusal(submitMentorSurvey(w.core, w.as.otherMentor, w.ids.project, mentorAnswers))).toBe(
      "Only the mentors of Kernel docs send its mentor survey.",
    );
  });

  it("is sent once per mentor and project", async () => {
    await finalOpen();
    await submitMentorSurvey(w.core, w.as.mentor, w.ids.project, mentorAnswers);
    expect(await refusal(submitMentorSurvey(w.core, w.as.mentor, w.ids.project, mentorAnswers))).toBe(
      "You sent your mentor survey for Kernel docs already. Thank you!",
    );
    expect(await db.prisma.mentorSurvey.count()).toBe(1);
  });

  it(`closes ${MENTOR_SURVEY_DAYS_AFTER_END} days after the term ends`, async () => {
    await finalOpen();
    const term = await db.prisma.term.findUniqueOrThrow({ where: { id: w.ids.term } });
    w.clock.set(new Date(term.endAt.getTime() + MENTOR_SURVEY_DAYS_AFTER_END * DAY));
    expect((await mentorSurveyToOpen(w.core, w.as.mentor)).slug).toBe("kernel-docs");
    w.clock.set(new Date(term.endAt.getTime() + MENTOR_SURVEY_DAYS_AFTER_END * DAY + 60_000));
    expect(await refusal(submitMentorSurvey(w.core, w.as.mentor, w.ids.project, mentorAnswers))).toBe(
      "The mentor survey for Kernel docs closed on 2027-07-05.",
    );
  });

  it("is a form of the chat, sent with the project it was opened for", async () => {
    await finalOpen();
    const chat = new Chat(w.core, createLogger("silent"));
    const [form] = await chat.command(consoleIdentity("linus"), "mentor survey");
    expect(form).toMatchObject({ type: "form", form: "mentor-survey", context: w.ids.project });
    const result = await chat.submit(consoleIdentity("linus"), "mentor-survey", w.ids.project, {
      overall: "4",
      programSupport: "5",
      wouldMentorAgain: "yes",
      comments: "",
    });
    expect(result).toMatchObject({ ok: true });
    expect(await db.prisma.mentorSurvey.findFirstOrThrow()).toMatchObject({ overall: 4, wouldMentorAgain: true });
  });
});

describe("survey answers for administrators", () => {
  beforeEach(async () => {
    await finalOpen();
    await submitSurvey(w.core, w.as.mentee, menteeAnswers);
    await submitMentorSurvey(w.core, w.as.mentor, w.ids.project, mentorAnswers);
  });

  it("are anonymous by default: no name, no project, no date", async () => {
    const read = await surveyAnswers(w.core, w.as.administrator, "lfx");
    expect(read.anonymous).toBe(true);
    expect(read.mentees).toEqual([{ term: "2027-spring", respondent: null, answers: menteeAnswers }]);
    expect(read.mentors).toEqual([{ term: "2027-spring", respondent: null, answers: mentorAnswers }]);
    const view = JSON.stringify(
      await new Chat(w.core, createLogger("silent")).command(consoleIdentity("grace"), "admin surveys lfx"),
    );
    expect(view).toContain("overall 5/5, mentor support 4/5, would recommend: yes.");
    for (const name of ["ada", "Kernel docs", "2027-05"]) expect(view).not.toContain(name);
  });

  it("name who answered when the program chose so", async () => {
    await setSurveyAnonymity(w.core, w.as.administrator, "lfx", false);
    const read = await surveyAnswers(w.core, w.as.administrator, "lfx");
    expect(read.mentees[0]?.respondent).toEqual({ name: "ada", project: "Kernel docs", submittedAt: w.clock.now() });
    expect(read.mentors[0]?.respondent?.name).toBe("linus");
    const views: View[] = await new Chat(w.core, createLogger("silent")).command(
      consoleIdentity("grace"),
      "admin surveys lfx",
    );
    expect((views[0] as MessageView).sections?.[0]?.lines?.[0]).toMatch(
      new RegExp(
        String.raw`^2027-spring — ada \(Kernel docs\), .*: overall 5\/5, mentor support 4\/5, ` +
          String.raw`would recommend: yes\. "Thanks linus"$`,
      ),
    );
  });

  it("are for the program's administrators only", async () => {
    for (const who of [w.as.mentor, w.as.mentee, w.as.otherAdministrator]) {
      expect(await refusal(surveyAnswers(w.core, who, "lfx"))).toBe(
        "Only administrators of LFX can read the survey answers.",
      );
    }
  });
});

describe("the program's settings", () => {
  it("are changed by its administrators only, each within its bounds", async () => {
    expect((await setUnpaidReminderDays(w.core, w.as.administrator, "lfx", "7")).unpaidReminderDays).toBe(7);
    expect(await refusal(setUnpaidReminderDays(w.core, w.as.administrator, "lfx", "0"))).toContain(
      "a whole number of days from 1 to 90",
    );
    expect(await refusal(setUnpaidReminderDays(w.core, w.as.otherAdministrator, "lfx", "7"))).toBe(
      "Only administrators of LFX can change when unpaid stipend payments are reminded.",
    );
    expect(await refusal(setSurveyAnonymity(w.core, w.as.mentor, "lfx", false))).toBe(
      "Only administrators of LFX can choose whether the surveys are anonymous.",
    );
  });

  it("default to 14 days and anonymous surveys, are set by commands and shown in the program's view", async () => {
    const chat = new Chat(w.core, createLogger("silent"));
    const lines = async () =>
      ((await chat.command(consoleIdentity("sam"), "programs"))[0] as MessageView).sections?.find((section) =>
        section.heading?.startsWith("LFX"),
      )?.lines ?? [];
    expect(await lines()).toEqual(
      expect.arrayContaining([
        "Stipend payments approved and not paid: administrators reminded after 14 days.",
        "End-of-term surveys: anonymous to administrators.",
      ]),
    );
    const grace = consoleIdentity("grace");
    expect(JSON.stringify(await chat.command(grace, "program payment-reminder lfx 10"))).toContain(
      "10 days after its approval",
    );
    expect(JSON.stringify(await chat.command(grace, "program survey-anonymity lfx named"))).toContain(
      "read the survey answers with who gave them",
    );
    expect(JSON.stringify(await chat.command(grace, "program survey-anonymity lfx maybe"))).toContain(
      "Choose anonymous or named.",
    );
    expect(await lines()).toEqual(
      expect.arrayContaining([
        "Stipend payments approved and not paid: administrators reminded after 10 days.",
        "End-of-term surveys: named to administrators.",
      ]),
    );
  });
});
