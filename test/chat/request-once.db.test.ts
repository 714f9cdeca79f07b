// A platform request runs once: its id is recorded in the transaction of its first change, so a copy
// (a retry, a replay, a second replica) changes nothing, while a request that failed leaves no record
// and may run again.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { buildWorld, type World } from "../support/world.js";

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
const count = async (table: string) =>
  Number((await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
const recorded = async (key: string) =>
  (await db.sql.query(`SELECT 1 FROM "ProcessedRequest" WHERE key = $1`, [key])).length === 1;

describe("a request runs once", () => {
  it("records the request with its change; a later copy is answered with nothing", async () => {
    const first = await chat.command(ada, "link", "test:1");
    expect(first.length).toBeGreaterThan(0);
    expect(await count("LinkCode")).toBe(1);
    expect(await recorded("test:1")).toBe(true);
    expect(await chat.command(ada, "link", "test:1")).toEqual([]);
    expect(await count("LinkCode")).toBe(1);
  });

  it("lets only one of several copies running at once make its change", async () => {
    const answers = await Promise.all([1, 2, 3].map(() => chat.command(ada, "link", "test:2")));
    expect(answers.filter((views) => views.length > 0)).toHaveLength(1);
    expect(await count("LinkCode")).toBe(1);
  });

  it("leaves no record of a refused request, so nothing is written and a copy is refused again", async () => {
    const before = await count("ProcessedRequest");
    const refused = await chat.command(ada, "project show nowhere/none/nothing", "test:3");
    expect(refused).toHaveLength(1);
    expect(await count("ProcessedRequest")).toBe(before);
    expect(await chat.command(ada, "project show nowhere/none/nothing", "test:3")).toHaveLength(1);
  });

  it("records an answer that changed nothing, so a copy is not answered twice", async () => {
    expect((await chat.command(ada, "help", "test:4")).length).toBeGreaterThan(0);
    expect(await recorded("test:4")).toBe(true);
    expect(await chat.command(ada, "help", "test:4")).toEqual([]);
  });
});
