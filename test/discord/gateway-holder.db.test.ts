// Over the gateway, one replica at a time holds Discord's connection (a PostgreSQL advisory lock): two
// holders would both receive every interaction. The others keep asking and take over when the holder stops.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onPostgres, testDatabase, type TestDatabase } from "../support/database.js";
import { discordHarness, type DiscordHarness } from "../support/discord.js";

const RETRY_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition() && Date.now() - started < ms) await sleep(20);
}

let db: TestDatabase;
const harnesses: DiscordHarness[] = [];
beforeEach(async () => {
  db = await testDatabase();
});
afterEach(async () => {
  // The first harness owns the fake Discord: it stops last.
  for (const h of harnesses.reverse()) await h.close();
  harnesses.length = 0;
  await db.close();
});

describe("the Discord gateway on several replicas", () => {
  it.skipIf(!onPostgres())(
    "is held by one bot; the other connects once the holder stops",
    async () => {
      const first = await discordHarness(db, "operator", undefined, { gatewayRetryMs: RETRY_MS });
      harnesses.push(first);
      const { fake, ids, clock } = first;
      const second = await discordHarness(db, "operator", undefined, { fake, ids, clock, gatewayRetryMs: RETRY_MS });
      harnesses.push(second);
      // Several of the second bot's attempts go by: it stays without the gateway.
      await sleep(RETRY_MS * 10);
      expect(fake.identified).toHaveLength(1);
      expect(first.bot.discord!.holdsGateway).toBe(true);
      expect(second.bot.discord!.holdsGateway).toBe(false);

      await first.bot.stop();
      await until(() => second.bot.discord!.holdsGateway && fake.identified.length === 2);
      expect(fake.identified).toHaveLength(2);
      // The new holder answers interactions.
      expect((await second.user("ada").command("help")).type).toBe(5);
    },
    60_000,
  );

  it("is held at once by a bot alone (on PGlite always: one process owns its data)", async () => {
    const only = await discordHarness(db);
    harnesses.push(only);
    expect(only.bot.discord!.holdsGateway).toBe(true);
    expect(only.fake.identified).toHaveLength(1);
  });
});
