// What reaches the bot through the Discord gateway runs once, and a payload the bot cannot use harms nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { discordHarness, type DiscordHarness } from "../support/discord.js";

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

const count = async (table: string) =>
  Number((await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);

describe("Discord edge", () => {
  it("handles an interaction delivered twice once, even after a restart", async () => {
    const ada = h.user("ada");
    await ada.command("link");
    // A copy is deferred at once, like any answer that cannot be a form, and gets nothing more: Discord refuses
    // that deferral (the first copy acknowledged the interaction), and no answer follows.
    const sentByCopy = async (before: number) => {
      await h.bot.idle();
      return h.fake.calls.slice(before).map((c) => `${c.method} ${c.path.split("/")[1]}`);
    };
    let before = h.fake.calls.length;
    await ada.replayLast();
    expect(await count("LinkCode")).toBe(1);
    expect(await sentByCopy(before)).toEqual(["POST interactions"]);

    await h.close();
    h = await discordHarness(db);
    const again = h.user("ada");
    again.lastInteraction = ada.lastInteraction;
    before = h.fake.calls.length;
    await again.replayLast();
    expect(await count("LinkCode")).toBe(1);
    expect(await sentByCopy(before)).toEqual(["POST interactions"]);
  });

  // discord.js retries a 500 three times; the fourth failure gives up.
  const GIVES_UP = [500, 500, 500, 500] as const;
  it.each([
    ["neither the deferral nor the answer", /^\/interactions\//, [...GIVES_UP, ...GIVES_UP]],
    ["the answer after the deferral", /^\/webhooks\//, GIVES_UP],
  ] as const)(
    "sends an answer Discord would not take (%s) to direct messages, through the outbox",
    async (_, route, faults) => {
      h.fake.fail("POST", route, ...faults);
      const ada = h.user("ada");
      await ada.command("link").catch(() => undefined);
      await h.bot.idle();
      expect(h.fake.faultsLeft()).toBe(0);
      const reply = await db.sql.query<{ status: string }>(`SELECT status FROM "OutboxMessage" WHERE kind = 'reply'`);
      expect(reply).toEqual([{ status: "delivered" }]);
      const dm = h.fake.calls.filter((c) => c.method === "POST" && c.path === `/channels/dm${ada.id}/messages`);
      expect(dm).toHaveLength(1);
      expect(JSON.stringify(dm[0]!.body)).toContain("/mentorship link");
    },
  );

  it("survives interaction payloads it cannot use and keeps answering", async () => {
    const bad: unknown[] = [
      null,
      {},
      { id: "1", type: 99, token: "t", application_id: "1", version: 1 },
      { id: "2", type: 2, token: "t", application_id: "1", version: 1, data: { name: "mentorship", options: [] } },
      { id: "3", type: 3, token: "t", application_id: "1", version: 1, user: { id: "5" }, data: { custom_id: "x|y" } },
    ];
    for (const payload of bad) h.fake.dispatch("INTERACTION_CREATE", payload);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await h.bot.idle();
    const answer = await h.user("ada").command("help");
    expect(answer.type).toBe(5);
  });
});
