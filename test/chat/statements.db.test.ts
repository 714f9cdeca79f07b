// The statements one request sends: `status` and `home` read with a fixed number of statements, however many
// applications the person has (issue 15: each statement is a round trip, and on PGlite a turn of its one session).
// A change that adds a statement, or a query per application, fails here.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countingCore } from "../../bench/stores.js";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import { apply } from "../../src/core/applications.js";
import { enrollProject } from "../../src/core/projects.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { buildWorld, enrollAda, type World } from "../support/world.js";

let db: TestDatabase;
let w: World;
let chat: Chat;
let statements: () => number;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  const counted = countingCore(w.core);
  statements = counted.statements;
  chat = new Chat(counted.core, pino({ level: "silent" }));
});
afterEach(async () => {
  await db.close();
});

let requests = 0;
/** The statements of one request, sent with a platform request id as Slack's and Discord's are. */
async function statementsOf(name: string, line: string): Promise<number> {
  const before = statements();
  const views = await chat.command(consoleIdentity(name), line, `test:statements:${++requests}`);
  expect(views.length).toBeGreaterThan(0);
  return statements() - before;
}

/** Bob applies to `more` further projects of the term (he has applied to k8s-ops). */
async function bobAppliesToMore(more: number) {
  for (let i = 1; i <= more; i++) {
    await enrollProject(w.core, w.as.administrator, "lfx/2027-spring", {
      slug: `extra-${i}`,
      name: `Extra ${i}`,
      description: "d",
      skills: ["c"],
      slots: 1,
      stipendBaseCents: 300_000,
      currency: "USD",
      adjustByCountry: false,
      mentors: ["@linus"],
    });
    await apply(w.core, w.as.otherMentee, {
      project: `extra-${i}`,
      motivation: "m",
      experience: "e",
      links: [],
      availability: "full_time",
    });
  }
}

describe("statements per request", () => {
  it("answers `status` with five: the request's check, the person, applications, enrollment, the record", async () => {
    expect(await statementsOf("bob", "status")).toBe(5);
    await bobAppliesToMore(2);
    expect(await statementsOf("bob", "status")).toBe(5);
  });

  it("answers an enrolled mentee's `status` with as many", async () => {
    await enrollAda(w);
    expect(await statementsOf("ada", "status")).toBe(5);
  });

  it("answers a mentee's `home` with three more (roles), however many applications", async () => {
    const one = await statementsOf("bob", "home");
    expect(one).toBe(8);
    await bobAppliesToMore(2);
    expect(await statementsOf("bob", "home")).toBe(one);
  });
});
