// `/mentorship evaluate` without a mentee: the mentee whose evaluation is open, or what to do instead; and a
// status that shows no deadline once the enrollment has ended.
import { pino } from "pino";
import { afterEach, beforeEach, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import type { FormView, MessageView } from "../../src/chat/views.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { endEnrollmentEarly } from "../../src/core/enrollments.js";
import { buildWorld, enrollAda, insideWindow, type World } from "../support/world.js";

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

it("opens the evaluation of the one mentee whose checkpoint is open, and says when none is", async () => {
  await enrollAda(w);
  const linus = consoleIdentity("linus");
  const [none] = (await chat.command(linus, "evaluate")) as MessageView[];
  expect(none?.text).toContain("No evaluation of your mentees is open now. `/mentorship mentees` shows the next.");
  w.clock.set(insideWindow(1));
  const [form] = (await chat.command(linus, "evaluate")) as FormView[];
  expect(form).toMatchObject({ type: "form", form: "evaluation", context: "@ada" });
});

it("shows no deadline of an enrollment that has ended", async () => {
  await enrollAda(w);
  const ada = consoleIdentity("ada");
  // Before the selection is announced (22 Feb) the mentee reads no enrollment at all.
  expect(JSON.stringify(await chat.command(ada, "status"))).toContain("the decision is announced Mon 22 Feb 2027");
  w.clock.set("2027-02-22T10:00:00Z");
  const before = JSON.stringify(await chat.command(ada, "status"));
  expect(before).toContain("First evaluation: due");
  await endEnrollmentEarly(w.core, w.as.administrator, "@ada", "mentee_request", "A full-time job.");
  const after = JSON.stringify(await chat.command(ada, "status"));
  expect(after).not.toMatch(/evaluation: due/);
  expect(after).toContain("Was to end");
});
