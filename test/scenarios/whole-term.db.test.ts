// Two whole terms, a full-time one and a part-time one, through the console.
import { afterEach, beforeEach, describe, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import type { Database } from "../../src/store/database.js";
import { consoleSession, type ConsoleSession } from "../support/console.js";
import { testDatabase } from "../support/database.js";
import { Script } from "../support/script.js";
import { runWholeTerm, SCENARIO_START, TERM_KINDS } from "./whole-term.js";

describe.each(TERM_KINDS)("a whole $kind term from the console", ({ kind }) => {
  let db: Database;
  let session: ConsoleSession;
  let clock: ManualClock;

  beforeEach(async () => {
    db = await testDatabase();
    clock = new ManualClock(SCENARIO_START);
    session = await consoleSession(db, { clock });
  });
  afterEach(async () => {
    await session.close();
    await db.close();
  });

  it("runs from program creation to letters of completion", async () => {
    await runWholeTerm(new Script(session), clock, db, kind);
  });
});
