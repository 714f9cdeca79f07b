// The whole full-time term of the lifecycle, by Discord users, through slash
// commands, modals and buttons alone.
import { afterEach, beforeEach, describe, it } from "vitest";
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
    await runWholeTerm(new DiscordScript(h), h.clock, db, "full_time");
  }, 120_000);
});
