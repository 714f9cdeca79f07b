// Letters people can trust: the graduation note a mentor writes, the PDF read back (what it names, dates in the
// program's zone, how to verify), and revocation, which verification then reports and nothing more.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import { letterContent } from "../../src/chat/commands/letter.js";
import { letterPdf } from "../../src/chat/letter-pdf.js";
import type { MessageView, View } from "../../src/chat/views.js";
import { markPlanItemDone, myLetter, submitSurvey } from "../../src/core/enrollments.js";
import { submitEvaluation } from "../../src/core/evaluations.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { pdfTextLines } from "../support/pdf-text.js";
import { enrollAda, evaluation, passCheckpoints, type World, buildWorld } from "../support/world.js";

let db: TestDatabase;
let w: World;
let chat: Chat;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  chat = new Chat(w.core, pino({ level: "silent" }));
  // Far east of UTC: an evening in UTC is the next day in the program's zone.
  await db.prisma.program.update({ where: { slug: "lfx" }, data: { timeZone: "Pacific/Auckland" } });
});
afterEach(async () => {
  await db.close();
});

const ada = consoleIdentity("ada");
const grace = consoleIdentity("grace");
const linus = consoleIdentity("linus");
const sam = consoleIdentity("sam");
const textOf = (views: View[]) => views.map((v) => (v as MessageView).text ?? "").join(" ");
const refused = (views: View[]) => views.length === 1 && (views[0] as MessageView).tone === "error";

/** Ada completes kernel-docs: the final evaluation passes on 20 May 20:00 UTC, 21 May in Auckland. */
async function graduateAda(beforeFinal?: () => Promise<void>) {
  const enrollment = await enrollAda(w);
  await passCheckpoints(w, 3);
  w.clock.set("2027-05-20T20:00:00Z");
  for (const item of await db.prisma.planItem.findMany({ where: { enrollmentId: enrollment.id } }))
    await markPlanItemDone(w.core, w.as.mentee, item.id);
  await submitSurvey(w.core, w.as.mentee, { overall: 5, mentorSupport: 5, wouldRecommend: true, comments: "" });
  await beforeFinal?.();
  await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(4));
  return db.prisma.letterOfCompletion.findUniqueOrThrow({ where: { enrollmentId: enrollment.id } });
}

describe("a graduation note", () => {
  it("is written by a mentor of the project once the final evaluation passed, and the letter quotes it", async () => {
    await graduateAda(async () => {
      const early = await chat.command(linus, "mentor graduation-note @ada Too soon");
      expect(refused(early) && textOf(early)).toBe(
        "ada's final evaluation has not passed; a graduation note is written once it has.",
      );
    });
    const byAdministrator = await chat.command(grace, "mentor graduation-note @ada Well done");
    expect(refused(byAdministrator) && textOf(byAdministrator)).toBe(
      "Only the mentors of Kernel docs can write a graduation note for its mentees.",
    );
    const tooLong = await chat.command(linus, `mentor graduation-note @ada ${"x".repeat(501)}`);
    expect(refused(tooLong) && textOf(tooLong)).toContain("at most 500 characters");
    expect(textOf(await chat.command(linus, "mentor graduation-note @ada Ada rewrote the docs — twice."))).toContain(
      "is saved",
    );
    const content = letterContent(await myLetter(w.core, w.as.mentee));
    expect(content.note).toEqual({ text: "Ada rewrote the docs — twice.", by: "linus" });
  });
});

describe("the Letter of Completion", () => {
  it("names mentee, program, term, project, mentors and dates in the program's zone, and how to verify", async () => {
    const letter = await graduateAda();
    await chat.command(linus, "mentor graduation-note @ada Ada rewrote the docs — twice.");
    const pdf = await letterPdf(letterContent(await myLetter(w.core, w.as.mentee)), { compress: false });
    const text = pdfTextLines(pdf).join(" ").replace(/\s+/g, " ");
    expect(text).toContain("Letter of Completion This certifies that ada completed the full-time mentorship term");
    expect(text).toContain("2027-spring of LFX, on the project Kernel docs, from 2027-03-01 to 2027-05-21.");
    expect(text).toContain("Mentored by linus.");
    expect(text).toContain("“Ada rewrote the docs — twice.” — linus, mentor");
    expect(text).toContain("Dates are days in the program's time zone, Pacific/Auckland.");
    expect(text).toContain(`Verification code: ${letter.code}`);
    expect(text).toContain(`/mentorship verify ${letter.code}`);

    // What the mentee downloads is that PDF (compressed).
    const [view] = (await chat.command(ada, "letter")) as MessageView[];
    const file = view?.files?.[0];
    expect(file?.name).toBe(`letter-of-completion-${letter.code}.pdf`);
    expect(file?.content.subarray(0, 5).toString()).toBe("%PDF-");
    // Her status says how and when the enrollment ended, not only its status.
    const status = JSON.stringify(await chat.command(ada, "status"));
    expect(status).toContain("Enrollment in Kernel docs: completed");
    expect(status).toContain("Completed on Thu 20 May 2027, 20:00 (UTC): you graduated.");
  });
});

describe("revoking a letter", () => {
  it("is for the program's administrators; verification then says revoked and when, nothing else", async () => {
    const letter = await graduateAda();
    const valid = await chat.command(sam, `verify ${letter.code.toLowerCase()}`);
    expect(textOf(valid)).toBe("Valid: ada completed Kernel docs in LFX, term 2027-spring; issued 2027-05-21.");
    // As copied from a printed letter: groups apart by spaces.
    const spaced = await chat.command(sam, `verify ${letter.code.replace(/-/g, " ")}`);
    expect(textOf(spaced)).toBe(textOf(valid));

    const byMentor = await chat.command(linus, `admin revoke-letter ${letter.code} Issued in error`);
    expect(refused(byMentor) && textOf(byMentor)).toBe(
      "Only administrators of LFX can revoke its Letters of Completion.",
    );
    // 2 June, 13:00 UTC: already 3 June in Auckland.
    w.clock.set("2027-06-02T13:00:00Z");
    expect(textOf(await chat.command(grace, `admin revoke-letter ${letter.code} Issued in error`))).toContain(
      "is revoked",
    );
    const again = await chat.command(grace, `admin revoke-letter ${letter.code} Twice`);
    expect(refused(again) && textOf(again)).toContain("was revoked already on");

    const revoked = await chat.command(sam, `verify ${letter.code}`);
    expect(refused(revoked) && textOf(revoked)).toBe(
      `Not valid: the Letter of Completion ${letter.code} was revoked on 2027-06-03.`,
    );
    const status = (await chat.command(ada, "status")) as MessageView[];
    const lines = status.flatMap((v) => v.sections ?? []).flatMap((section) => section.lines ?? []);
    expect(lines).toContain("Letter of Completion: revoked on Wed 2 Jun 2027, 13:00 (UTC)");
    const mine = await chat.command(ada, "letter");
    expect(refused(mine) && textOf(mine)).toContain("Your Letter of Completion was revoked on");

    const told = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "letter_revoked" } });
    expect(told.personId).toBe(w.as.mentee.personId);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "letter.revoked" } });
    expect(audit.details).toEqual({ code: letter.code, reason: "Issued in error" });
  });

  it("of a code nobody was given: said so, as verify says it", async () => {
    const views = await chat.command(grace, "admin revoke-letter LOC-0000-0000-0000-0000 Mistake");
    expect(refused(views) && textOf(views)).toBe("No Letter of Completion has the code LOC-0000-0000-0000-0000.");
  });
});
