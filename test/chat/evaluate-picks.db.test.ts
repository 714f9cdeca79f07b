// `/mentorship evaluate` without a mentee: the mentee whose evaluation is open, or what to do instead.
import { pino } from "pino";
import { afterEach, beforeEach, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import type { FormView, MessageView } from "../../src/chat/views.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
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
