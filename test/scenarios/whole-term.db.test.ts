// Two whole terms, a full-time one and a part-time one, through the console.
import { expectEveryHintWorks } from "./hints.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
    const script = new Script(session);
    await runWholeTerm(script, clock, db, kind);
    // Every hint shown on the way exists and is open to its reader.
    expect(await expectEveryHintWorks(script)).toBeGreaterThan(10);
  });
});
