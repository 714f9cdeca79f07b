// The eligibility and early-end commands as people type them: settings changed and shown in the program's
// view, refusals as plain sentences, and the words the mentee and mentors read when an enrollment ends.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import { notificationView } from "../../src/chat/notifications.js";
import type { MessageView, View } from "../../src/chat/views.js";
import type { OutboxPayload } from "../../src/core/notifications.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { acceptAda, buildWorld, enrollAda, passCheckpoints, type World } from "../support/world.js";

let db: TestDatabase;
let w: World;
let chat: Chat;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  chat = new Chat(w.core, pino({ level: "silent" }));
});
afterEach(async () => {
  await db.close();
});

const ada = consoleIdentity("ada");
const grace = consoleIdentity("grace");
const linus = consoleIdentity("linus");
const textOf = (views: View[]) => views.map((v) => (v as MessageView).text ?? "").join(" ");
const refused = (views: View[]) => views.length === 1 && (views[0] as MessageView).tone === "error";
const linesOf = (views: View[]) =>
  views.flatMap((v) => (v as MessageView).sections ?? []).flatMap((section) => section.lines ?? []);

describe("program eligibility", () => {
  it("is set by an administrator and shown in the program's view", async () => {
    const before = linesOf(await chat.command(grace, "programs"));
    expect(before).toContain(
      "Eligibility: returning mentees refused; one mentorship at a time; up to 3 applications per term",
    );
    expect(textOf(await chat.command(grace, "program eligibility lfx returning-mentees allowed"))).toBe(
      "Eligibility in LFX: returning mentees allowed; one mentorship at a time; up to 3 applications per term. " +
        "It applies to applications and acceptances from now on.",
    );
    await chat.command(grace, "program eligibility lfx applications-per-term 2");
    expect(linesOf(await chat.command(ada, "programs"))).toContain(
      "Eligibility: returning mentees allowed; one mentorship at a time; up to 2 applications per term",
    );
  });

  it("refuses an unknown setting, a wrong value and a person who does not administer the program", async () => {
    const unknown = await chat.command(grace, "program eligibility lfx alumni yes");
    expect(refused(unknown) && textOf(unknown)).toContain('There is no eligibility setting "alumni"');
    const wrong = await chat.command(grace, "program eligibility lfx one-mentorship-at-a-time sometimes");
    expect(refused(wrong) && textOf(wrong)).toContain('one-mentorship-at-a-time is yes or no, not "sometimes".');
    const stranger = await chat.command(linus, "program eligibility lfx applications-per-term 5");
    expect(refused(stranger) && textOf(stranger)).toBe(
      "Only administrators of LFX can change its eligibility settings.",
    );
  });
});

describe("applying", () => {
  it("is refused before the form opens when the person may not apply", async () => {
    // ada applied to kernel-docs already: the form would only be refused when sent.
    const again = await chat.command(ada, "apply kernel-docs");
    expect(again.map((v) => v.type)).toEqual(["message"]);
    expect(textOf(again)).toContain("You applied to Kernel docs already");
    const [form] = await chat.command(ada, "apply k8s-ops");
    expect(form?.type).toBe("form");
  });
});

describe("ending an enrollment", () => {
  it("names the stipend payment it declines with the enrollment", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 2);
    const ended = textOf(await chat.command(grace, "admin end @ada non-performance Stopped answering"));
    expect(ended).toContain("Declined with it, as not yet approved: 1500.00 USD (Midterm evaluation).");
  });

  it("an accepted mentee is told who can end it; an administrator ends it with why and a reason", async () => {
    await acceptAda(w);
    w.clock.set("2027-02-22T10:00:00Z"); // the selection is announced: ada knows she is accepted
    const own = await chat.command(ada, "withdraw kernel-docs");
    expect(refused(own) && textOf(own)).toContain("an administrator of LFX can end your enrollment at your request");

    const noWhy = await chat.command(grace, "admin end @ada bored Left");
    expect(refused(noWhy) && textOf(noWhy)).toBe('Say why with non-performance or mentee-request, not "bored".');
    expect(textOf(await chat.command(grace, "admin end @ada mentee-request Took a full-time job"))).toContain(
      "ada's enrollment in Kernel docs has ended",
    );

    const told = await db.prisma.outboxMessage.findMany({ where: { kind: "enrollment_ended" } });
    const words = told.map((m) => {
      const payload = m.payload as OutboxPayload;
      return "event" in payload ? notificationView(payload.event, { zone: "UTC", platform: "console" }).text : "";
    });
    expect(words.sort()).toEqual([
      "An administrator ended ada's enrollment in Kernel docs at the mentee's request: Took a full-time job. " +
        "No further evaluations are due for them.",
      "An administrator ended your enrollment in Kernel docs at the mentee's request: Took a full-time job",
    ]);
    // LFX's statuses: the application shows withdrawn, as does the enrollment ended at the mentee's request.
    const status = await chat.command(ada, "status");
    expect(linesOf(status)).toContain("Application: withdrawn");
    const headings = status.flatMap((v) => (v as MessageView).sections ?? []).map((section) => section.heading);
    expect(headings).toContain("Enrollment in Kernel docs: withdrawn");
  });
});
