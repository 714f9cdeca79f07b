// The whole full-time term of the lifecycle, by Discord users, through slash
// commands, modals and buttons alone.
import { expectEveryHintWorks } from "../scenarios/hints.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { discordHarness, type DiscordHarness } from "../support/discord.js";
import { DiscordScript } from "../support/discord-script.js";
import { runWholeTerm } from "../scenarios/whole-term.js";

describe("Discord", () => {
  let db: Database;
  let h: DiscordHarness;
  beforeEach(async () => {
    db = await testDatabase();
    h = await discordHarness(db);
  });
  afterEach(async () => {
    await h.close();
    await db.close();
  });

  it("runs a whole full-time term from program creation to letters of completion", async () => {
    const script = new DiscordScript(h);
    await runWholeTerm(script, h.clock, db, "full_time");
    // Every hint shown on the way exists and is open to its reader.
    expect(await expectEveryHintWorks(script)).toBeGreaterThan(10);
  }, 120_000);
});
